// Lighthouse (mobile: its default emulation of a phone on a slow 4G network) on the home, a
// month's ranking and a procedure guide, in Debian's chromium launched by chrome-launcher.
// Every category must score 95 or more. Prints one "ok"/"not ok" line per page and category
// with the score; the full JSON reports go to E2E_OUT. Each page has a time limit.
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM_ARGS } from './flags.mjs';

const BASE = (process.env.E2E_BASE || 'http://127.0.0.1:8000').replace(/\/$/, '');
const OUT = process.env.E2E_OUT || 'tests/out/e2e';
const PAGES = [['/', 'home'], ['/xep-hang/2026-10/', 'ranking'], ['/thu-tuc/1.000894/', 'procedure']];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const MIN = 95;
const PAGE_LIMIT_MS = 120000;

let failures = 0;
function ok(d) { console.log(`ok - ${d}`); }
function notok(d, details = []) {
  failures++;
  console.log(`not ok - ${d}`);
  for (const l of details.slice(0, 15)) console.log(`#   ${l}`);
}

function limit(promise, ms, what) {
  let t;
  const timer = new Promise((_, reject) => { t = setTimeout(() => reject(new Error(`${what}: no answer in ${ms / 1000} s`)), ms); });
  return Promise.race([promise, timer]).finally(() => clearTimeout(t));
}

// The audits of a category that lost points, to say why a score is low.
function losses(lhr, cat) {
  return lhr.categories[cat].auditRefs
    .filter((r) => r.weight > 0 && lhr.audits[r.id].score !== null && lhr.audits[r.id].score < 1)
    .map((r) => {
      const a = lhr.audits[r.id];
      return `${r.id} (weight ${r.weight}): score ${a.score}${a.displayValue ? ', ' + a.displayValue : ''} — ${a.title}`;
    });
}

async function audit(port, path, name) {
  const url = `${BASE}${path}`;
  const res = await limit(lighthouse(url, {
    port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES,
  }), PAGE_LIMIT_MS, `lighthouse ${path}`);
  writeFileSync(join(OUT, `lighthouse-${name}.json`), res.report);
  const lhr = res.lhr;
  if (lhr.runtimeError) notok(`lighthouse ${path} runs`, [`${lhr.runtimeError.code}: ${lhr.runtimeError.message}`]);
  for (const cat of CATEGORIES) {
    const score = Math.round((lhr.categories[cat].score ?? 0) * 100);
    const d = `lighthouse mobile ${path} ${cat}: ${score} (at least ${MIN})`;
    if (score >= MIN) {
      ok(d);
      for (const l of losses(lhr, cat)) console.log(`#   ${l}`);
    } else notok(d, losses(lhr, cat));
  }
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const chrome = await limit(chromeLauncher.launch({
    chromePath: process.env.CHROMIUM || '/usr/bin/chromium',
    chromeFlags: CHROMIUM_ARGS,
    logLevel: 'silent',
  }), 30000, 'chromium start');
  // chrome-launcher starts chromium in a process group of its own, out of reach of the
  // caller's timeout: the caller kills this group if the script itself is killed.
  if (process.env.E2E_PIDFILE) writeFileSync(process.env.E2E_PIDFILE, `${chrome.pid}\n`);
  // chrome-launcher kills the group at once; waiting for the close leaves no zombie behind.
  const stop = () => {
    if (chrome.process.exitCode !== null || chrome.process.signalCode !== null) return Promise.resolve();
    const closed = new Promise((resolve) => chrome.process.once('close', resolve));
    try { chrome.kill(); } catch { /* already gone */ }
    return limit(closed, 5000, 'chromium stop').catch(() => {});
  };
  process.on('SIGTERM', () => { stop(); process.exit(1); });
  try {
    for (const [path, name] of PAGES) {
      try { await audit(chrome.port, path, name); } catch (e) { notok(`lighthouse ${path}: ${e.message.split('\n')[0]}`); }
    }
  } finally {
    await stop();
  }
}

const watchdog = setTimeout(() => { notok('lighthouse finishes within 420 s'); process.exit(1); }, 420000);
main().then(() => {
  clearTimeout(watchdog);
  process.exit(failures ? 1 : 0);
}, (e) => {
  notok(`lighthouse: ${e.message.split('\n')[0]}`);
  process.exit(1);
});
