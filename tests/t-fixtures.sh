# The real portal captures import cleanly, and their totals, tiers and per-tier ranks agree
# with the portal's own figures, recomputed here independently in Python.
. "$TESTS/lib.sh"
FX="$TESTS/fixtures"
cd "$T" || exit 1

cat > legacy.ini <<INI
[source.legacy]
kind = scores
format = dvcqg-legacy
url = file:$FX/dvcqg-legacy/an-giang-2025-10.json
INI
expect_ok "legacy An Giang 2025-10 imports" "$GEN" -c legacy.ini pull --month 2025-10
sqlite3 -separator ' ' data/gen.db \
	"SELECT unit, tier, total, rank, portal_rank FROM score WHERE month = '2025-10'" > got.txt
python3 - "$FX/dvcqg-legacy/an-giang-2025-10.json" got.txt > legacy-check.txt <<'PY'
import json, sys
from decimal import Decimal
recs = json.load(open(sys.argv[1]))
got = {l.split()[0]: l.split() for l in open(sys.argv[2])}
tiers = {"1": "tinh", "2": "so-nganh", "3": "xa-phuong"}
bad = []
if len(got) != len(recs): bad.append("count %d != %d" % (len(got), len(recs)))
for r in recs:
    g = got.get(r["MA_COQUAN"])
    if not g: bad.append("missing " + r["MA_COQUAN"]); continue
    if int(g[2]) != int(Decimal(r["TONG_SCORE"]) * 100): bad.append("total " + r["MA_COQUAN"])
    if g[1] != tiers[r["LOAI_COQUAN"]]: bad.append("tier " + r["MA_COQUAN"])
for t in ("2", "3"):
    rows = [r for r in recs if r["LOAI_COQUAN"] == t]
    for r in rows:  # competition rank: 1 + units of the tier with a strictly higher total
        want = 1 + sum(Decimal(x["TONG_SCORE"]) > Decimal(r["TONG_SCORE"]) for x in rows)
        if int(got[r["MA_COQUAN"]][3]) != want: bad.append("rank " + r["MA_COQUAN"])
    portal = [r["MA_COQUAN"] for r in sorted(rows, key=lambda r: int(r["ROW_STT"]))]
    ours = sorted(portal, key=lambda c: (int(got[c][3]), int(got[c][4])))
    if portal != ours: bad.append("order of tier " + t)
print("\n".join(bad) if bad else "agree")
PY
check "legacy totals, tiers and per-tier ranks agree with the portal" \
	grep -qx agree legacy-check.txt
check "legacy: 15 departments and 102 communes" test \
	"$(sqlite3 data/gen.db "SELECT group_concat(n) FROM (SELECT count(*) n FROM score GROUP BY tier ORDER BY tier)")" = "15,102"
check "legacy: the archive keeps the response byte for byte" test \
	"$(sqlite3 data/gen.db "SELECT sha256 = stored_sha256 AND redacted = 0 FROM fetch")" = 1
check "legacy: the archived SHA-256 is the file's" test \
	"$(sqlite3 data/gen.db "SELECT sha256 FROM fetch")" = \
	"$(sha256sum "$FX/dvcqg-legacy/an-giang-2025-10.json" | cut -d' ' -f1)"
expect_ok "gen check accepts the legacy store" "$GEN" -c legacy.ini check

V1="$FX/dvcqg-v1/phu-tho-2026-q3"
: > v1.ini
printf '[store]\npath = v1/gen.db\nbackup_dir = v1/backups\n' >> v1.ini
for e in transparency dvc-progress-tree provide-online-tree formality-online-payment-tree \
	handling-satisfaction dossier-digitized; do
	printf '[source.%s]\nkind = scores\nformat = dvcqg-v1\nurl = file:%s/%s.json\n' \
		"$e" "$V1" "$e" >> v1.ini
done
expect_ok "v1 Phú Thọ 2026-Q3 imports from six endpoints" "$GEN" -c v1.ini pull --month 2026-09
sqlite3 -separator ' ' v1/gen.db "SELECT unit, tier, total, rank FROM score" > v1got.txt
sqlite3 -separator '|' v1/gen.db "SELECT unit, code, coalesce(ratio,'null'), coalesce(score,'null'), coalesce(quality,'') FROM metric" > v1metrics.txt
python3 - "$V1" v1got.txt v1metrics.txt > v1-check.txt <<'PY'
import json, sys
from decimal import Decimal
d, got, mets = sys.argv[1], sys.argv[2], sys.argv[3]
eps = {"transparency": ("evaluation", "overview", "totalScore"),
       "dvc-progress-tree": ("children", "parent", "score"),
       "provide-online-tree": ("children", "parent", "totalScore"),
       "formality-online-payment-tree": ("children", "parent", "totalScore"),
       "handling-satisfaction": ("evaluation", "overview", "totalScore"),
       "dossier-digitized": ("evaluation", "overview", "totalScore")}
tot, code, tier, metrics = {}, {}, {}, {}
for ep, (lst, top, f) in eps.items():
    data = json.load(open("%s/%s.json" % (d, ep)))["data"]
    units = [(data[top], True)] + [(u, False) for u in data[lst]]
    for u, is_top in units:
        i = u["departmentId"]
        s = u.get(f, u.get("totalScore"))
        tot[i] = tot.get(i, 0) + int(round(Decimal(str(s)) * 100))
        if u.get("departmentCode"): code[i] = u["departmentCode"]
        t = "tinh" if is_top else {"PROVINCIAL_DEPARTMENT": "so-nganh",
            "COMMUNE_PEOPLE_COMMITTEE": "xa-phuong"}.get(u.get("departmentType"),
            {"PROVINCE": "so-nganh", "COMMUNE": "xa-phuong"}.get(u.get("level")))
        tier[i] = t
        for m in u.get("metrics", []):
            metrics[(i, m["code"])] = m
rows = {l.split()[0]: l.split() for l in open(got)}
bad = []
if len(rows) != len(tot): bad.append("units %d != %d" % (len(rows), len(tot)))
for i, t in tot.items():
    r = rows.get(code.get(i))
    if not r: bad.append("missing %s" % i); continue
    if int(r[2]) != t: bad.append("total %s %s != %d" % (r[0], r[2], t))
    if r[1] != tier[i]: bad.append("tier %s" % r[0])
for tr in ("so-nganh", "xa-phuong"):
    us = [u for u in rows.values() if u[1] == tr]
    for u in us:
        if int(u[3]) != 1 + sum(int(x[2]) > int(u[2]) for x in us): bad.append("rank " + u[0])
inv = {c: i for i, c in code.items()}
seen = 0
for l in open(mets):
    unit, mc, ratio, score, q = l.rstrip("\n").split("|")
    m = metrics.get((inv[unit], mc))
    if m is None: bad.append("metric %s %s" % (unit, mc)); continue
    seen += 1
    if (m.get("score") is None) != (score == "null"): bad.append("null score %s %s" % (unit, mc))
    if (m.get("ratio") is None) != (ratio == "null"): bad.append("null ratio %s %s" % (unit, mc))
    if m.get("dataQualityStatus", "") != q: bad.append("quality %s %s" % (unit, mc))
if seen != len(metrics): bad.append("metrics %d != %d" % (seen, len(metrics)))
print("\n".join(bad[:20]) if bad else "agree")
PY
check "v1 totals (sum of six endpoints), tiers, ranks and metrics agree" \
	grep -qx agree v1-check.txt
sed 's/^/# /' v1-check.txt | head -5
check "v1: null sub-indicator scores stay null, not 0" test \
	"$(sqlite3 v1/gen.db "SELECT count(*) FROM metric WHERE score IS NULL")" -gt 0
check "v1: the province's own row is tier tinh, code H44" test \
	"$(sqlite3 v1/gen.db "SELECT unit FROM score WHERE tier = 'tinh'")" = H44
check "v1: counts kept (totalReceived of H44.01 is 161)" test \
	"$(sqlite3 v1/gen.db "SELECT value FROM unit_count WHERE unit = 'H44.01' AND key = 'totalReceived'")" = 16100
check "v1: province on-time rate 403016/464494 = 86.76%" test \
	"$(sqlite3 v1/gen.db "SELECT value FROM rate WHERE code = 'on_time'")" = 8676
expect_ok "gen check accepts the v1 store" "$GEN" -c v1.ini check
