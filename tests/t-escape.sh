# Data that holds markup, quotes and ampersands comes out escaped everywhere: pages, feed,
# sitemap, search index, JSON and CSV.
. "$TESTS/lib.sh"
cd "$T" || exit 1
mkdir -p in/diem in/thu-tuc in/tre-han in/quoc-gia
EVIL_UNIT='<script>alert("u")</script> & Sở "Tư" pháp'\''s'
EVIL_PROC='<img src=x onerror=alert(1)> Đăng ký & "khai" sinh'
python3 - "$REPO/content/sample" in "$EVIL_UNIT" "$EVIL_PROC" <<'PY'
import csv, sys
src, dst, unit, proc = sys.argv[1:]
for kind in ("diem", "thu-tuc", "tre-han", "quoc-gia"):
    rows = list(csv.reader(open("%s/%s/2026-10.csv" % (src, kind), encoding="utf-8")))
    for r in rows[1:]:
        if kind == "diem" and r[1] == "H99.01": r[2] = unit
        if kind == "thu-tuc" and r[0] == "1.001193": r[1] = proc
    with open("%s/%s/2026-10.csv" % (dst, kind), "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
PY
demo_config "$T"
sed -i "s|file:$REPO/content/sample/|file:$T/in/|" site.ini
expect_ok "hostile names import" "$GEN" -c site.ini -q pull --month 2026-10
expect_ok "and build" "$GEN" -c site.ini build
check "no raw <script> from data in any page or feed" sh -c \
	"! grep -rl '<script>alert' public --include='*.html' --include='*.xml' | grep -q ."
check "no raw <img onerror> from data in any page" sh -c \
	"! grep -rl '<img src=x' public --include='*.html' --include='*.xml' | grep -q ."
check "the unit name is shown escaped on its page" grep -q \
	'&lt;script&gt;alert(&quot;u&quot;)&lt;/script&gt; &amp; Sở &quot;Tư&quot; pháp&#39;s' public/co-quan/h99-01/index.html
check "the procedure name is escaped in its guide's title" grep -q \
	'<title>&lt;img src=x onerror=alert(1)&gt; Đăng ký &amp; &quot;khai&quot; sinh' public/thu-tuc/1.001193/index.html
check "the unit name is escaped in attributes and tables of the ranking" grep -q \
	'>&lt;script&gt;alert(&quot;u&quot;)' public/xep-hang/2026-10/index.html
check "JSON open data keeps the exact name, JSON-escaped" python3 -c "
import json,sys
rows = json.load(open('public/du-lieu/2026-10/diem.json'))['rows']
assert any(r['unit_name'] == sys.argv[1] for r in rows)" "$EVIL_UNIT"
check "the search index is valid JSON with the exact name" python3 -c "
import json,sys
idx = json.load(open('public/tim-kiem/chi-muc.json'))
assert any(e[0] == sys.argv[1] for e in idx)" "$EVIL_PROC"
check "CSV open data quotes the name and reads back exactly" python3 -c "
import csv,sys
rows = list(csv.DictReader(open('public/du-lieu/2026-10/thu-tuc.csv', encoding='utf-8')))
assert any(r['name'] == sys.argv[1] for r in rows)" "$EVIL_PROC"
check "feed.xml and sitemap.xml stay well-formed" python3 -c "
import xml.dom.minidom as m; m.parse('public/feed.xml'); m.parse('public/sitemap.xml')"
expect_ok "gen check passes" "$GEN" -c site.ini check
