# The press room: every figure of the release and the radio script equals the figure
# recomputed here, independently, from the input files; the kit, poster, chart pack and
# audio are there.
. "$TESTS/lib.sh"
cd "$T" || exit 1
demo_config "$T"
expect_ok "three months of the sample pull" "$GEN" -c site.ini -q pull --month 2026-08:2026-10
expect_ok "and build" "$GEN" -c site.ini build
R=public/bao-chi/2026-10/index.html
python3 - "$REPO/content/sample" "$R" public/bao-chi/2026-10/phat-thanh.txt > figures.txt <<'PY'
import csv, re, sys, html
from decimal import Decimal
src, page, script = sys.argv[1:]
def rows(kind, m="2026-10"):
    return list(csv.DictReader(open("%s/%s/%s.csv" % (src, kind, m), encoding="utf-8")))
def h(x): return int((Decimal(x) * 100).to_integral_value())
def pct(n, d): return (n * 20000 + d) // (2 * d)        # hundredths of a percent, half up
want = {}
sc, prev = rows("diem"), {r["Mã đơn vị"]: r for r in rows("diem", "2026-09")}
prov = [r for r in sc if r["Cấp"] == "tinh"][0]
want["province.total"] = h(prov["Tổng điểm"])
want["province.delta"] = h(prov["Tổng điểm"]) - h(prev[prov["Mã đơn vị"]]["Tổng điểm"])
nat = rows("quoc-gia")
mine = [h(r["Tổng điểm"]) for r in nat if r["Mã tỉnh"] == prov["Mã đơn vị"]][0]
want["province.national_rank"] = 1 + sum(h(r["Tổng điểm"]) > mine for r in nat)
want["province.national_count"] = len(nat)
for tier in ("so-nganh", "xa-phuong"):
    us = [r for r in sc if r["Cấp"] == tier]
    for lv, lo, hi in (("xanh", 90, 1000), ("vang", 80, 90), ("cam", 70, 80), ("do", -1, 70)):
        want["%s.%s" % (tier, lv)] = sum(lo * 100 <= h(u["Tổng điểm"]) < hi * 100 for u in us)
    for u in us:
        slug = re.sub("[^a-z0-9]+", "-", u["Mã đơn vị"].lower())
        want["%s.top.%s" % (tier, slug)] = h(u["Tổng điểm"])
        want["%s.bottom.%s" % (tier, slug)] = h(u["Tổng điểm"])
        d = h(u["Tổng điểm"]) - h(prev[u["Mã đơn vị"]]["Tổng điểm"])
        want["%s.riser.%s" % (tier, slug)] = d
        want["%s.faller.%s" % (tier, slug)] = d
late = rows("tre-han")
fields = {r["Mã TTHC"]: r["Lĩnh vực"] for r in rows("thu-tuc")}
want["late.late"] = len(late)
apol = sum(r["Đã xin lỗi"].strip().lower() == "có" for r in late)
want["late.rate"] = pct(apol, len(late))
for r in late:
    k = "late.field." + fields[r["Mã TTHC"]]
    want[k] = want.get(k, 0) + 1
units = [r for r in sc if r["Cấp"] != "tinh"]
tot = lambda col: sum(int(r[col]) for r in units)
want["rate.on_time"] = pct(tot("Đúng hạn"), tot("Tiếp nhận"))
want["rate.online_dossiers"] = pct(tot("Trực tuyến"), tot("Tiếp nhận"))
want["rate.online_payment"] = pct(tot("Thanh toán trực tuyến"), tot("Có phí"))
want["rate.digitisation"] = pct(tot("Số hóa"), tot("Tiếp nhận"))
procs = rows("thu-tuc")
want["rate.online_services"] = pct(sum(p["Mức độ"] == "toàn trình" for p in procs), len(procs))
want["rate.apology"] = want["late.rate"]
for k, v in (("online_services", 8000), ("online_dossiers", 5000), ("online_payment", 3000),
             ("digitisation", 10000), ("on_time", 10000), ("apology", 10000)):
    want["target." + k] = v
text = open(page, encoding="utf-8").read()
got = re.findall(r'<data value="(-?\d+)" data-fig="([^"]+)">', text)
bad = [(k, v, want.get(html.unescape(k))) for v, k in got if want.get(html.unescape(k)) != int(v)]
print("figures %d" % len(got))
print("wrong %s" % bad[:5] if bad else "all right")
# the radio script, against an independent reading of numbers in Vietnamese
D = "không một hai ba bốn năm sáu bảy tám chín".split()
def below_1000(n, full):
    h_, t, u = n // 100, n // 10 % 10, n % 10
    out = []
    if h_ or full: out += [D[h_], "trăm"]
    if t == 0:
        if u and (h_ or full): out.append("lẻ")
        if u: out.append(D[u])
    else:
        out += ["mười"] if t == 1 else [D[t], "mươi"]
        if u: out.append("mốt" if u == 1 and t > 1 else "lăm" if u == 5 else "tư" if u == 4 and t > 1 else D[u])
    return out
def words(n):
    if n == 0: return "không"
    g = [n // 1000, n % 1000]
    out = []
    if g[0]: out += below_1000(g[0], False) + ["nghìn"]
    if g[1] or not g[0]: out += below_1000(g[1], bool(g[0]))
    return " ".join(out)
def dec(c):
    s = words(c // 100)
    f = c % 100
    if f: s += " phẩy " + (D[f // 10] if f % 10 == 0 else "không " + D[f] if f < 10 else words(f))
    return s
sc_text = open(script, encoding="utf-8").read()
checks = {"province total": dec(want["province.total"]) + " điểm",
          "late dossiers": words(want["late.late"]) + " hồ sơ trễ hạn",
          "apology rate": dec(want["late.rate"]) + " phần trăm",
          "national rank": "xếp thứ " + words(want["province.national_rank"])}
for k, v in checks.items():
    print("script %s: %s" % (k, "ok" if v in sc_text else "missing '%s'" % v))
PY
check "the release marks its figures" grep -q "^figures [1-9]" figures.txt
check "every figure of the release equals the recomputed one" grep -qx "all right" figures.txt
sed -n '2p' figures.txt | sed 's/^/# /'
for k in "province total" "late dossiers" "apology rate" "national rank"; do
	check "the radio script says the $k in words" grep -q "^script $k: ok" figures.txt
done
check "the script has no digits left" sh -c "! grep -q '[0-9]' public/bao-chi/2026-10/phat-thanh.txt"
check "the script reads in about two minutes" python3 -c "
n = len(open('public/bao-chi/2026-10/phat-thanh.txt', encoding='utf-8').read().split())
assert 300 <= n <= 480, n"
check "the campaign kit is there" grep -q "Thông điệp chính" public/bao-chi/2026-10/chien-dich/index.html
check "the poster has QR codes to online services" test \
	"$(grep -o '<svg' public/bao-chi/2026-10/ap-phich/index.html | wc -l)" -ge 4
check "the chart pack has broadcast frames" test -s public/bieu-do/2026-10/chi-tieu-broadcast.png
check "a broadcast frame is 1920x1080" python3 -c "
import struct; d = open('public/bieu-do/2026-10/chi-tieu-broadcast.png','rb').read(24)
assert struct.unpack('>II', d[16:24]) == (1920, 1080)"
check "the embed snippet is an image with caption, source and licence, no iframe" sh -c \
	"grep -q '&lt;figure&gt;&lt;img src=&quot;http' $R && ! grep -q '<iframe\|&lt;iframe' $R"
check "releases are in the Atom feed" grep -q "bao-chi/2026-10/" public/feed.xml
check "without audio the page offers none" sh -c "! grep -q 'phat-thanh.mp3' $R"
if command -v espeak-ng >/dev/null && command -v lame >/dev/null; then
	sed -i 's/^audio = false/audio = true/' site.ini
	expect_ok "build with audio" "$GEN" -c site.ini build
	check "an MP3 of the script for commune loudspeakers" sh -c \
		"head -c 3 public/bao-chi/2026-10/phat-thanh.mp3 | grep -q ID3 || head -c 2 public/bao-chi/2026-10/phat-thanh.mp3 | od -An -tx1 | grep -q 'ff f'"
	check "the release links the audio" grep -q 'phat-thanh.mp3' $R
	expect_ok "a rebuild reuses the synthesised audio" "$GEN" -c site.ini build
	check "and writes nothing" grep -q " 0 files written" err
else
	ok "audio skipped: espeak-ng or lame not installed # skip"
fi
