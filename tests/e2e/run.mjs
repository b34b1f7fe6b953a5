// Browser tests of the built site in Debian's headless Chromium, driven by playwright-core.
// Run by tests/t-e2e.sh with E2E_BASE (the served site, e.g. http://127.0.0.1:PORT) and
// E2E_OUT (where screenshots and PDFs go). Prints one "ok - ..." or "not ok - ..." line per
// check, "# ..." lines to explain a failure. Every wait has a timeout, and a watchdog ends
// the whole run, so it always stops by itself.
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM_ARGS } from './flags.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const BASE = (process.env.E2E_BASE || 'http://127.0.0.1:8000').replace(/\/$/, '');
const OUT = process.env.E2E_OUT || 'tests/out/e2e';
const WIDTHS = [360, 1280];
const PROCEDURE = '/thu-tuc/1.000894/';
let failures = 0;
function ok(d) { console.log(`ok - ${d}`); }
function notok(d, details = []) {
  failures++;
  console.log(`not ok - ${d}`);
  for (const l of details.slice(0, 20)) console.log(`#   ${String(l).replace(/\n/g, ' ')}`);
}
function check(d, cond, details = []) { if (cond) ok(d); else notok(d, details); }

// Runs one named step: an exception (a timeout, a missing element) fails the step instead
// of ending the run, so the other steps still report.
async function step(d, fn) {
  try { await fn(); } catch (e) { notok(`${d}: ${e.message.split('\n')[0]}`); }
}

// Records console errors, page errors, failed requests and HTTP errors of one page.
function watch(page) {
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()} (${m.location().url || page.url()})`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  return problems;
}

// Waits for the page's requests to end first (the icon loads after the load event), so that
// none is cut off by the next navigation and every one is judged.
async function clean(label, page, problems) {
  await page.waitForLoadState('networkidle', { timeout: 10000 }).catch(() => {});
  check(`${label}: no console errors and no failed requests`, problems.length === 0, problems);
  problems.length = 0;
}

async function axe(page, label) {
  await page.addScriptTag({ path: AXE });
  const res = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = res.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const show = (v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.length} element(s), e.g. ` +
    v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ');
  for (const v of res.violations.filter((x) => !bad.includes(x))) console.log(`# axe ${label}: ${show(v)}`);
  check(`${label}: axe finds no serious or critical violation`, bad.length === 0, bad.map(show));
}

// The page body must not scroll sideways; wide tables scroll inside their own .scroll box.
async function noSideScroll(page, label) {
  const r = await page.evaluate(() => {
    const w = document.documentElement.clientWidth;
    const culprits = [];
    for (const el of document.querySelectorAll('body *')) {
      if (el.closest('.scroll, .vh, .skip')) continue;
      const b = el.getBoundingClientRect();
      if (b.width && b.right > w + 1) culprits.push(`${el.tagName.toLowerCase()}${el.className ? '.' + el.className : ''} right=${Math.round(b.right)}`);
    }
    return { w, sw: document.documentElement.scrollWidth, bw: document.body.scrollWidth, culprits };
  });
  check(`${label}: no horizontal scrolling (page ${r.sw} px, body ${r.bw} px, viewport ${r.w} px)`,
    r.sw <= r.w && r.bw <= r.w, r.culprits.slice(0, 8));
}

let shot = 0;
async function screenshot(page, width, name) {
  shot++;
  await page.screenshot({ path: join(OUT, `${width}-${String(shot).padStart(2, '0')}-${name}.png`), fullPage: true });
}

// The checks every page gets: clean console and network, axe, no sideways scrolling, a
// screenshot.
async function common(page, problems, width, label, name) {
  await clean(label, page, problems);
  await step(`${label}: axe`, () => axe(page, label));
  await step(`${label}: layout`, () => noSideScroll(page, label));
  await step(`${label}: screenshot`, () => screenshot(page, width, name));
}

async function text(page, sel) { return (await page.locator(sel).first().textContent({ timeout: 5000 })) || ''; }

// Browsers print no backgrounds by default: every visible piece of text must keep a
// contrast of 4.5:1 against the white paper on its own colour (runs in the page).
function printFaint() {
  const lum = (c) => {
    const v = c.match(/[\d.]+/g).slice(0, 3).map((x) => {
      const s = x / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
  };
  const out = [];
  for (const el of document.querySelectorAll('main *')) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own || !el.checkVisibility()) continue;
    const ratio = 1.05 / (lum(getComputedStyle(el).color) + 0.05);
    if (ratio < 4.5) out.push(`${el.tagName.toLowerCase()}.${el.className}: "${el.textContent.trim().slice(0, 30)}" contrast ${ratio.toFixed(2)}`);
  }
  return out;
}

function pdfPages(buf) {
  const s = buf.toString('latin1');
  const pages = (s.match(/\/Type\s*\/Page(?![a-zA-Z])/g) || []).length;
  const box = s.match(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/);
  return { pages, w: box ? +box[1] : 0, h: box ? +box[2] : 0 };
}

async function search(page, width, words, want) {
  const label = `${width}px search "${words}"`;
  await page.fill('#q', words);
  const hit = page.locator('#results a', { hasText: want }).first();
  await hit.waitFor({ timeout: 10000 });
  ok(`${label} finds "${want}"`);
  const status = await text(page, '#status');
  check(`${label}: the status line counts the results`, /Tìm thấy \d+ kết quả/.test(status), [status]);
  return hit;
}

async function tour(browser, width) {
  const ctx = await browser.newContext({ viewport: { width, height: 800 } });
  ctx.setDefaultTimeout(15000);
  ctx.setDefaultNavigationTimeout(20000);
  const page = await ctx.newPage();
  const problems = watch(page);
  const W = `${width}px`;

  await step(`${W} home`, async () => {
    const r = await page.goto(`${BASE}/`);
    check(`${W} home answers 200`, r.status() === 200);
    const h1 = await text(page, 'main h1');
    check(`${W} home shows this month's heading`, /Tháng \d{2}\/\d{4}/.test(h1), [h1]);
    await common(page, problems, width, `${W} home`, 'home');
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => {
      const el = document.activeElement, b = el.getBoundingClientRect();
      return { cls: el.className, shown: b.left >= 0 && b.top >= 0 && b.width > 0 };
    });
    check(`${W} home: the first Tab reaches the skip link, which shows`, skip.cls === 'skip' && skip.shown, [JSON.stringify(skip)]);
    await page.keyboard.press('Enter');
    check(`${W} home: the skip link leads to the main content`, new URL(page.url()).hash === '#noi-dung');
  });

  await step(`${W} ranking by clicking`, async () => {
    if (width < 600) await page.locator('header nav a[href="/xep-hang/"]').scrollIntoViewIfNeeded();
    await Promise.all([page.waitForURL(/\/xep-hang\/$/), page.click('header nav a[href="/xep-hang/"]')]);
    const rows = await page.locator('main table tbody tr').count();
    check(`${W} ranking page lists units (${rows} rows)`, rows > 10);
    await common(page, problems, width, `${W} ranking`, 'ranking');
  });

  await step(`${W} unit by clicking`, async () => {
    const link = page.locator('main table a[href^="/co-quan/"]').first();
    const name = (await link.textContent()).trim();
    await Promise.all([page.waitForURL(/\/co-quan\/[a-z0-9-]+\/$/), link.click()]);
    const h1 = await text(page, 'main h1');
    check(`${W} unit page "${name}" opens with its name`, h1.includes(name), [h1]);
    await common(page, problems, width, `${W} unit`, 'unit');
  });

  await step(`${W} search`, async () => {
    await page.goto(`${BASE}/tim-kiem/`);
    const hit = await search(page, width, 'dang ky ket hon', 'Đăng ký kết hôn');
    await screenshot(page, width, 'search-ket-hon');
    await search(page, width, 'giay phep xay dung', 'giấy phép xây dựng');
    await screenshot(page, width, 'search-xay-dung');
    await common(page, problems, width, `${W} search`, 'search');
    await page.fill('#q', 'dang ky ket hon');
    await hit.waitFor({ timeout: 10000 });
    await Promise.all([page.waitForURL(/\/thu-tuc\/[0-9.]+\/$/), page.locator('#results a', { hasText: 'Đăng ký kết hôn' }).first().click()]);
    check(`${W} a search result opens its guide`, (await text(page, 'main h1')).includes('Đăng ký kết hôn'));
    await clean(`${W} search result`, page, problems);
    await page.goto(`${BASE}/tim-kiem/?q=${encodeURIComponent('giay phep xay dung')}`);
    await page.locator('#results a', { hasText: 'giấy phép xây dựng' }).first().waitFor({ timeout: 10000 });
    ok(`${W} a search link (?q=) shows its results`);
    await clean(`${W} search link`, page, problems);
  });

  await step(`${W} procedure guide`, async () => {
    await page.goto(`${BASE}${PROCEDURE}`);
    const h1 = await text(page, 'main h1');
    check(`${W} procedure guide opens`, h1.includes('Đăng ký kết hôn'), [h1]);
    check(`${W} procedure guide hides the QR code on screen`, !(await page.locator('.qrbox').isVisible()));
    await common(page, problems, width, `${W} procedure`, 'procedure');
    await page.emulateMedia({ media: 'print' });
    const qr = page.locator('.qrbox svg.qr');
    const box = await qr.boundingBox();
    check(`${W} procedure guide shows its QR code in print (${box ? Math.round(box.width) : 0} px)`,
      (await qr.isVisible()) && box && box.width >= 100 && box.height >= 100);
    check(`${W} procedure guide hides the site navigation in print`, !(await page.locator('.top').isVisible()));
    const faint = await page.evaluate(printFaint);
    check(`${W} procedure guide prints all its text dark enough on white paper`, faint.length === 0, faint);
    await screenshot(page, width, 'procedure-print');
    const pdf = await page.pdf({ format: 'A4' });
    writeFileSync(join(OUT, `${width}-procedure.pdf`), pdf);
    const p = pdfPages(pdf);
    check(`${W} procedure guide prints on one A4 page (${p.pages} page(s), ${p.w}x${p.h} pt)`,
      p.pages === 1 && Math.abs(p.w - 595) < 2 && Math.abs(p.h - 842) < 2);
    await page.emulateMedia({ media: null });
    await clean(`${W} procedure print`, page, problems);
    // The guide with the most text must fit one page too.
    if (process.env.E2E_LONGEST) {
      await page.goto(`${BASE}${process.env.E2E_LONGEST}`);
      const q = pdfPages(await page.pdf({ format: 'A4' }));
      check(`${W} the longest guide ${process.env.E2E_LONGEST} prints on one A4 page (${q.pages} page(s))`, q.pages === 1);
      await clean(`${W} longest guide`, page, problems);
    }
  });

  // The other page kinds of the site: the same checks, reached by address.
  const others = [['/tre-han/', 'late'], ['/thu-tuc/', 'procedures'], ['/huong-dan/', 'guides'],
    ['/bao-chi/', 'press'], ['/du-lieu/', 'data'], ['/co-quan/', 'units'],
    ['/phuong-phap/', 'method'], ['/tiep-can/', 'accessibility'], ['/xep-hang/2026-10/', 'ranking-month'],
    ['/tre-han/2026-10/can-bo/', 'late-officials'], ['/tre-han/2026-10/dat-dai/', 'late-field'],
    ['/thu-tuc/linh-vuc/ho-tich/', 'procedures-field'], ['/bao-chi/2026-10/', 'release'],
    ['/co-quan/h99-120/', 'unit-commune'], ['/404.html', 'not-found']];
  for (const [path, name] of others) {
    await step(`${W} ${path}`, async () => {
      const r = await page.goto(`${BASE}${path}`);
      check(`${W} ${path} answers 200 with a heading`, r.status() === 200 && (await text(page, 'main h1')).trim() !== '');
      await common(page, problems, width, `${W} ${path}`, name);
    });
  }
  const guide = await page.goto(`${BASE}/huong-dan/`).then(() =>
    page.locator('main a[href^="/huong-dan/"]').first().getAttribute('href')).catch(() => null);
  if (guide) {
    await step(`${W} ${guide}`, async () => {
      await page.goto(`${BASE}${guide}`);
      check(`${W} ${guide} shows a guide`, (await text(page, 'main h1')).trim() !== '');
      await common(page, problems, width, `${W} ${guide}`, 'guide');
    });
  } else notok(`${W} the guides page links to a guide`);
  await ctx.close();
}

// Without JavaScript every page still renders its main content.
async function noScript(browser, width) {
  const ctx = await browser.newContext({ viewport: { width, height: 800 }, javaScriptEnabled: false });
  ctx.setDefaultTimeout(15000);
  ctx.setDefaultNavigationTimeout(20000);
  const page = await ctx.newPage();
  const problems = watch(page);
  const W = `${width}px without JavaScript`;
  const pages = [
    ['/', 'home', async () => (await page.locator('main a[href^="/co-quan/"]').count()) > 3],
    ['/xep-hang/', 'ranking', async () => (await page.locator('main table tbody tr').count()) > 10],
    ['/co-quan/h99-01/', 'unit', async () => (await page.locator('main table tbody tr').count()) > 0],
    [PROCEDURE, 'procedure', async () => (await page.locator('main .facts dt').count()) >= 3 &&
      (await page.locator('main ol li').count()) > 0],
    ['/tim-kiem/', 'search', async () => (await page.locator('main a[href="/thu-tuc/"]').isVisible())],
  ];
  for (const [path, name, has] of pages) {
    await step(`${W} ${path}`, async () => {
      const r = await page.goto(`${BASE}${path}`);
      const h1 = await text(page, 'main h1');
      check(`${W} ${path} renders its main content`, r.status() === 200 && h1.trim() !== '' && await has(), [h1]);
      await clean(`${W} ${path}`, page, problems);
      await noSideScroll(page, `${W} ${path}`);
      await screenshot(page, width, `nojs-${name}`);
    });
  }
  await ctx.close();
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    timeout: 30000,
  });
  try {
    ok(`chromium ${browser.version()} starts headless`);
    for (const w of WIDTHS) {
      shot = 0;
      await tour(browser, w);
      await noScript(browser, w);
    }
  } finally {
    await browser.close();
  }
}

const watchdog = setTimeout(() => { notok('the browser tests finish within 300 s'); process.exit(1); }, 300000);
main().then(() => {
  clearTimeout(watchdog);
  process.exit(failures ? 1 : 0);
}, (e) => {
  notok(`browser tests: ${e.message.split('\n')[0]}`);
  process.exit(1);
});
