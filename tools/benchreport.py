#!/usr/bin/env python3
"""benchreport: turns tools/bench.sh's raw measurements into bench/RESULTS.md (Markdown).

    python3 tools/benchreport.py RAW.tsv RUNS HUGO_VERSION GEN_VERSION

RAW.tsv lines: scale, metric, wall time in microseconds (or -), peak RSS in KB (or -), extra,
CPU time (user + system) and system time in microseconds.
Standard library only.
"""

import os
import statistics
import sys

SCALES = {
    "p1": "one province: 121 units, 12 months, 2,000 procedures, 500 late dossiers a month",
    "n34": "34 provinces in one store: 4,489 units, 12 months, 17,000 late dossiers a month",
    "n34x36": "34 provinces over 36 months: 4,489 units, 612,000 late dossiers in all",
}
METRICS = [
    ("initial", "import of the first months (once, not a median)"),
    ("import", "import of one month (`gen pull`)"),
    ("cold", "full build from nothing: empty `public/` and build cache (once)"),
    ("full", "full build (`gen build`, empty `public/`; charts and open data from the build cache)"),
    ("noop", "rebuild with nothing changed"),
    ("rerender", "rebuild of every page, data unchanged (a touched output file)"),
    ("update", "rebuild after one new month"),
    ("deploy-file", "deploy with nothing changed, `file:`"),
    ("deploy-sftp", "deploy with nothing changed, SFTP on 127.0.0.1"),
]


def load(path):
    rows = {}
    for line in open(path, encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        if len(f) < 5:
            continue
        rows.setdefault((f[0], f[1]), []).append(f)
    return rows


def secs(us):
    s = us / 1e6
    return "%.3f" % s if s < 10 else "%.1f" % s


def times(rows):
    return [int(f[2]) for f in rows if f[2] != "-"]


def cpu(rows):
    """Median user + system CPU time in microseconds (from /usr/bin/time), or None."""
    t = [int(f[5]) for f in rows if len(f) > 5 and f[5]]
    return statistics.median(t) if t else None


def cell(rows):
    t = times(rows)
    if not t:
        return rows[0][4] if rows else "—", "—", "—"
    rss = max(int(f[3]) for f in rows if f[3] != "-")
    c = cpu(rows)
    c = secs(c) if c is not None else "—"
    if len(t) == 1:
        return secs(t[0]), c, "%d" % (rss // 1024)
    return "%s (%s–%s)" % (secs(statistics.median(t)), secs(min(t)), secs(max(t))), c, \
        "%d" % (rss // 1024)


def scale_table(rows, scale, out):
    size = rows.get((scale, "size"), [[0, 0, 0, 0, ""]])[0][4]
    out.append("### %s\n" % scale)
    out.append("%s. Output: %s.\n" % (SCALES[scale], size))
    out.append("| measurement | wall s: median (min–max) | CPU s (median) | peak RSS MB "
               "| notes |")
    out.append("|---|---|---|---|---|")
    full = times(rows.get((scale, "full"), []))
    for key, label in METRICS:
        r = rows.get((scale, key))
        if not r:
            continue
        t, c, rss = cell(r)
        note = ""
        if key == "initial":
            note = r[0][4]
        elif key == "cold":
            f = r[0][4].split()
            pages = int(f[0]) if f else 0
            drawn = int(f[1]) if len(f) > 1 else 0
            note = "%d pages, %d charts drawn, and the radio bulletin of every month " \
                   "synthesised (espeak-ng and lame, when installed): all of the build " \
                   "cache made anew" % (pages, drawn)
        elif key == "full" and full:
            f = r[-1][4].split()
            pages = int(f[0]) if f else 0
            med = statistics.median(full) / 1e6
            note = "%d pages, **%.0f pages/s**" % (pages, pages / med)
            drawn = int(f[1]) if len(f) > 1 else 0
            note += "; %d charts drawn" % drawn if drawn else "; no chart drawn"
        elif key in ("noop", "update", "rerender"):
            kinds = sorted({f[4] for f in r if f[2] != "-"})
            note = "; ".join("%s files written%s" % (k.split()[0], ", %s charts drawn" %
                                                     k.split()[2] if len(k.split()) > 2
                                                     else "") for k in kinds)
            if full and times(r):
                note += "; %.1f %% of the full build's wall time" % (
                    100.0 * statistics.median(times(r)) / statistics.median(full))
        out.append("| %s | %s | %s | %s | %s |" % (label, t, c, rss, note))
    out.append("")


def paired(a, b, field):
    """Field differences b - a, round by round (rows in the order they ran)."""
    return [int(y[field]) - int(x[field]) for x, y in zip(a, b)
            if x[field] not in ("-", "") and y[field] not in ("-", "")]


def kernel_share(cpu_us, sys_us):
    """The kernel's share of some CPU time, in %, or None."""
    return 100.0 * sum(sys_us) / sum(cpu_us) if cpu_us and sum(cpu_us) > 0 else None


def hugo_table(rows, out):
    ns = sorted(int(k[1][5:]) for k in rows if k[0] == "guides" and k[1].startswith("base-"))
    if not ns:
        return
    out.append("### The same Markdown: gen and Hugo\n")
    out.append("Guides shaped like `content/huong-dan/*.md` (front matter `title`, `summary`, "
               "`weight`, `updated`; about 4 KB of headings, paragraphs, lists and links), "
               "built by gen into `/huong-dan/SLUG/` beside a tiny store (one month of the "
               "demo's sample data) and by Hugo with an equivalent minimal layout (base "
               "template with the same header and footer, single page, list page). These "
               "run first, before the scales above. Each round builds gen's site without the "
               "guides (the baseline), then with them, then Hugo's, back to back, after a "
               "first round that is not measured. gen's guide time is, round by round, its "
               "build with the guides minus its baseline; Hugo's is its whole build.\n")
    out.append("| guides | gen baseline wall s | gen build wall s | gen guide time s "
               "| gen guides/s | gen guides/CPU-s | gen peak MB | Hugo build wall s "
               "| Hugo pages/s | Hugo pages/CPU-s | Hugo peak MB | gen ÷ Hugo, pages/s "
               "| gen ÷ Hugo, peak memory |")
    out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    notes = []
    for n in ns:
        b, g, h = (rows[("guides", "%s-%d" % (m, n))] for m in ("base", "gen", "hugo"))
        d = paired(b, g, 2)
        gmed = statistics.median(d)
        gps = n / (gmed / 1e6) if gmed > 0 else float("inf")
        dc = paired(b, g, 5)
        gcpu = statistics.median(dc) if dc else 0
        gcps = n / (gcpu / 1e6) if gcpu > 0 else float("inf")  # below the clock's 10 ms
        hps = n / (statistics.median(times(h)) / 1e6)
        grss = max(int(f[3]) for f in g) / 1024
        hrss = max(int(f[3]) for f in h) / 1024
        out.append("| %d | %s | %s | %s (%s–%s) | %.0f | %.0f | %.0f | %s | %.0f | %.0f | %.0f "
                   "| **%.1f×** | %.2f |" % (
                       n, cell(b)[0], cell(g)[0], secs(gmed), secs(min(d)), secs(max(d)),
                       gps, gcps, grss, cell(h)[0], hps, n / (cpu(h) / 1e6), hrss, gps / hps,
                       grss / hrss))
        gk = kernel_share(dc, paired(b, g, 6))
        hk = kernel_share([int(f[5]) for f in h], [int(f[6]) for f in h])
        if gk is not None and hk is not None:
            notes.append("%d guides, %.0f %% of gen's and %.0f %% of Hugo's." % (n, gk, hk))
    out.append("")
    if notes:
        out.append("Making directories and files is kernel time, which a slower disk or a "
                   "busier file system raises for both tools alike. The kernel's share of "
                   "the CPU time for the guides (gen's: its builds with them minus its "
                   "baselines): " + " ".join(notes) + "\n")


def main(argv):
    rows = load(argv[1])
    out = ["# gen benchmarks\n",
           "Written by `make bench` (`tools/bench.sh`, `tools/mkbench.py`, "
           "`tools/benchreport.py`); do not edit by hand. %s, Hugo %s, %d runs per "
           "measurement (median, min and max), on %s: %d cores, %s. Wall-clock times from "
           "the shell's clock around each command; peak memory is the maximum resident set "
           "size from `/usr/bin/time` over the runs. gen is `build/gen` (`-O2`)." % (
               argv[4], argv[3], int(argv[2]), os.uname().nodename, os.cpu_count(),
               os.uname().release) + "\n"]
    if os.environ.get("BENCH_NOTE"):
        out.append(os.environ["BENCH_NOTE"] + "\n")
    out.append("How national scale is modelled: gen builds one site per configuration, so "
               "the 34 provinces are one store and one site holding every department and "
               "commune of the 34 (4,489 units, each province's 500 late dossiers a month) "
               "under one configuration, rather than 34 separate sites. That is the harder "
               "case: one process, one store and one output tree 37 times the size of a "
               "province's, so any query or structure that grows faster than linearly "
               "shows; 34 separate sites would cost 34 times the one-province row.\n")
    out.append("Scratch data lives in `/tmp/gen-bench` and is never committed. The store "
               "keeps no backups in these runs (`backups = 0`): a backup copies the whole "
               "store before an import, which measures the disk, not gen.\n")
    for s in SCALES:
        if any(k[0] == s for k in rows):
            scale_table(rows, s, out)
    hugo_table(rows, out)
    sys.stdout.write("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
