# gen build: the whole site from the sample province; reproducible; a rebuild with nothing
# changed writes nothing; a failed build leaves public/ as it was; gen check's budgets.
. "$TESTS/lib.sh"
cd "$T" || exit 1
demo_config "$T"
expect_ok "the sample province pulls" "$GEN" -c site.ini -q pull --month 2025-10:2026-10
expect_ok "gen build renders the site" "$GEN" -c site.ini build
check "build reports pages written" grep -q "files written" err
for p in index.html xep-hang/index.html xep-hang/2026-10/index.html co-quan/index.html \
	co-quan/h99-01/index.html tre-han/index.html tre-han/2026-10/index.html \
	tre-han/2026-10/can-bo/index.html thu-tuc/index.html thu-tuc/1.000894/index.html \
	huong-dan/index.html huong-dan/tai-khoan-vneid/index.html bao-chi/index.html \
	bao-chi/2026-10/index.html du-lieu/index.html du-lieu/2026-10/diem.csv \
	du-lieu/2026-10/diem.json du-lieu/SHA256SUMS feed.xml sitemap.xml robots.txt 404.html \
	tim-kiem/index.html tim-kiem/chi-muc.json phuong-phap/index.html tiep-can/index.html \
	assets/style.css assets/search.js; do
	check "page $p exists" test -s "public/$p"
done
# A field's late dossiers, 80 a page, in the order of the list: Đất đai has 107 in 2026-10.
ids() { grep -o 'H99[0-9.]*-[0-9]\{6\}-[0-9]\{4\}' "public/tre-han/2026-10/dat-dai/$1index.html"; }
sqlite3 data/gen.db "SELECT dossier FROM delay WHERE month = '2026-10' AND field = 'Đất đai'
	ORDER BY days_late DESC, dossier" >"$T/want-ids"
{ ids ""; ids 2/; } >"$T/got-ids"
check "late dossiers of a field: 80 on the first page" [ "$(ids "" | wc -l)" -eq 80 ]
check "late dossiers of a field: the rest on the second, in the list's order, each once" \
	cmp -s "$T/want-ids" "$T/got-ids"
check "late dossiers of a field: no third page" [ ! -e public/tre-han/2026-10/dat-dai/3/index.html ]
check "late dossiers of a field: page 2 links back to page 1" \
	grep -q 'href="/tre-han/2026-10/dat-dai/"' public/tre-han/2026-10/dat-dai/2/index.html
expect_ok "gen check passes on the built site" "$GEN" -c site.ini check
check "SHA256SUMS verifies the open data" sh -c "cd public/du-lieu && sha256sum -c --quiet SHA256SUMS"
check "feed.xml is well-formed XML" python3 -c "import xml.dom.minidom,sys; xml.dom.minidom.parse('public/feed.xml')"
check "sitemap.xml is well-formed and lists the unit pages" python3 -c "
import xml.dom.minidom; d = xml.dom.minidom.parse('public/sitemap.xml')
locs = [l.firstChild.data for l in d.getElementsByTagName('loc')]
assert any(l.endswith('/co-quan/h99-01/') for l in locs), locs[:5]"
check "the JSON open data parses and matches the CSV" python3 -c "
import json, csv
j = json.load(open('public/du-lieu/2026-10/diem.json'))['rows']
c = list(csv.DictReader(open('public/du-lieu/2026-10/diem.csv', encoding='utf-8')))
assert len(j) == len(c) == 121 and j[0]['unit_code'] == c[0]['unit_code']
assert '%.2f' % j[0]['total'] == c[0]['total'], (j[0]['total'], c[0]['total'])"
check "the procedure guide leads with the online link and has a QR code" sh -c \
	"grep -q 'class=\"button\" href=\"https://dichvucong.gov.vn' public/thu-tuc/1.000894/index.html && grep -q '<svg' public/thu-tuc/1.000894/index.html"
check "the search index folds diacritics" grep -q '"dang ky ket hon' public/tim-kiem/chi-muc.json
check "every page says it is sample data" sh -c "! grep -L 'Dữ liệu mẫu' public/index.html public/thu-tuc/1.000894/index.html | grep -q ."

# a second build with nothing changed rewrites no file
before=$(find public -type f -newer public/index.html | wc -l)
touch -d '2000-01-01' public/index.html public/xep-hang/2026-10/index.html
expect_ok "rebuild with nothing changed" "$GEN" -c site.ini build
check "the rebuild wrote no file" grep -q " 0 files written" err
check "an unchanged page keeps its old time" test "$(stat -c %Y public/index.html)" = "$(date -d 2000-01-01 +%s)"
: "$before"

# reproducible: a build into another directory is byte-identical
expect_ok "build into a second directory" "$GEN" -c site.ini build --out "$T/public2"
check "two builds of the same store are byte-identical" diff -r public public2
# The tests run the sanitizer build; the release binary (-O2, linked with mimalloc) must make
# the very same site.
expect_ok "the release binary builds the same store" "$REPO/build/gen" -c site.ini build \
	--out "$T/public-release"
check "the release binary's site is byte-identical" diff -r public public-release

# a failed build leaves public/ untouched
fp=$(tree_fingerprint public)
cp -r "$REPO/templates" tpl
printf '{{#rows}}unclosed\n' > tpl/ranking.html
sed "s|^templates = .*|templates = $T/tpl|" site.ini > bad.ini
expect_fail "a template with an unclosed section fails the build, naming it" \
	"ranking.html:1: .*rows" "$GEN" -c bad.ini build
check "public/ is unchanged after the failed build" test "$(tree_fingerprint public)" = "$fp"
check "no staging directory is left behind" test ! -e public.gen-stage
cp "$REPO/templates/ranking.html" tpl/ranking.html
printf '{{{name}}}' > tpl/partials/level.html
expect_fail "raw output of a name without _html is refused" "_html" "$GEN" -c bad.ini build
check "public/ is still unchanged" test "$(tree_fingerprint public)" = "$fp"

# gen check finds broken links, missing alt text and pages over budget
cp -r public broken
printf '<a href="/nowhere/">x</a><img src="/assets/style.css">' >> broken/index.html
head -c 70000 /dev/zero | tr '\0' 'x' >> broken/thu-tuc/index.html
sed "s|^out = .*|out = $T/broken|" site.ini > broken.ini
expect_fail "gen check reports a broken link with file and line" "broken/index.html:[0-9]+: broken link to \"/nowhere/\"" \
	"$GEN" -c broken.ini check
check "gen check reports the image without alt text" grep -q "an image without alt text" err
check "gen check reports the page over 60 KB" grep -q "thu-tuc/index.html:1: page larger than the 60 KB budget" err
check "gen check counts every problem" grep -q "3 problems found" err
