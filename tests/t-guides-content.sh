# Checks the citizen guides under content/huong-dan/: each opens with front matter carrying a
# title, a one-sentence summary, a numeric weight and a real `updated` date; the text is valid
# UTF-8 in NFC (search and sorting assume NFC); there is no raw HTML (the renderer drops it, so
# it would silently vanish); every link goes to https://, a site path or an anchor (no http://,
# no protocol-relative or relative links that break when the page moves).
# First the checker is shown to reject broken samples, so a pass means something.
. "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/.." || exit 1
DIR=content/huong-dan

# The front-matter lines of $1 (without the --- fences); fails when there is no closed block
# on the very first line.
fm() {
	awk 'NR == 1 { if ($0 != "---") exit 1; inside = 1; next }
	     inside && $0 == "---" { closed = 1; exit 0 }
	     inside { print }
	     END { if (!closed) exit 1 }' "$1"
}

# The value of key $2 in the front matter of $1, trimmed, with one pair of quotes removed.
fm_get() {
	fm "$1" | awk -v k="$2" -v q="'" '{
		i = index($0, ":"); if (i == 0) next
		key = substr($0, 1, i - 1); gsub(/^[ \t]+|[ \t]+$/, "", key)
		if (key != k) next
		v = substr($0, i + 1); gsub(/^[ \t]+|[ \t]+$/, "", v)
		if (length(v) >= 2 && (v ~ /^".*"$/ || v ~ ("^" q ".*" q "$")))
			v = substr(v, 2, length(v) - 2)
		print v; exit
	}'
}

has_front_matter() { fm "$1" >/dev/null; }
has_title() { [ -n "$(fm_get "$1" title)" ]; }
has_summary() { [ -n "$(fm_get "$1" summary)" ]; }
has_weight() { fm_get "$1" weight | grep -Eqx -- '-?[0-9]+'; }
has_updated() {
	v=$(fm_get "$1" updated)
	printf '%s\n' "$v" | grep -Eqx '[0-9]{4}-[0-9]{2}-[0-9]{2}' &&
		[ "$(date -u -d "$v" +%F 2>/dev/null)" = "$v" ]
}
no_html() {
	if grep -nE '<[A-Za-z/!?]' "$1" >"$T/html"; then
		sed 's/^/#   /' "$T/html" | head -5 >&2
		return 1
	fi
}
utf8_valid() { iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1; }
nfc() {
	python3 -c 'import sys, unicodedata
s = open(sys.argv[1], encoding="utf-8").read()
sys.exit(0 if unicodedata.is_normalized("NFC", s) else 1)' "$1" 2>/dev/null
}
# Inline link and image destinations ("](dest)" or "](dest "title")") and reference
# definitions ("[label]: dest"), one a line.
link_targets() {
	grep -oE '\]\([^)]*\)' "$1" | sed 's/^](//; s/)$//' | awk '{ print $1 }'
	grep -E '^ {0,3}\[[^]]+\]:' "$1" | sed -E 's/^ {0,3}\[[^]]+\]:[ \t]*//' | awk '{ print $1 }'
}
links_ok() {
	link_targets "$1" >"$T/links"
	if grep -vEx 'https://[^ ]+|/([^/].*)?|#.*' "$T/links" >"$T/badlinks" ||
		grep -qx '' "$T/links"; then
		sed 's/^/#   bad link target: /' "$T/badlinks" | head -5 >&2
		return 1
	fi
}
not() { ! "$@" 2>/dev/null; }
# Links to other guides (/huong-dan/SLUG/) name a guide that exists in directory $2.
guide_links_resolve() {
	link_targets "$1" | sed -n 's|^/huong-dan/\([^/#]*\)/\{0,1\}\(#.*\)\{0,1\}$|\1|p' |
		while read -r slug; do
			[ -z "$slug" ] || [ -f "$2/$slug.md" ] || { echo "#   no guide: $slug" >&2; return 1; }
		done
}

# The checker itself, on samples that must fail and one that must pass.
S=$T/samples
mkdir -p "$S"
printf '%s\n' '---' 'title: "Đủ"' 'summary: Một câu.' 'weight: 5' 'updated: 2026-11-01' '---' \
	'Xem [trang](/huong-dan/), [cổng](https://dichvucong.gov.vn) và [mục](#a).' \
	'' '[ref]: /tre-han/' >"$S/good.md"
printf '%s\n' '# Không có front matter' >"$S/nofm.md"
printf '%s\n' '---' 'title: Mở mà không đóng' >"$S/open.md"
printf '%s\n' '---' 'title: ""' 'summary:' 'weight: năm' 'updated: 2026-02-30' '---' >"$S/empty.md"
printf '%s\n' '---' 'title: x' '---' 'Chữ <b>đậm</b>' >"$S/html.md"
printf '%s\n' '---' 'title: x' '---' '[a](http://example.com)' >"$S/http.md"
printf '%s\n' '---' 'title: x' '---' '[a](//example.com/x)' >"$S/proto.md"
printf '%s\n' '---' 'title: x' '---' '[a](trang-khac.md)' >"$S/rel.md"
printf '%s\n' '---' 'title: x' '---' '[a]: ftp://example.com/' >"$S/refdef.md"
printf '%s\n' '---' 'title: x' '---' '[a]()' >"$S/emptylink.md"
{ printf '%s\n' '---' 'title: x' '---'; printf 'bad \377 byte\n'; } >"$S/latin.md"
python3 -c 'import sys; open(sys.argv[1], "w", encoding="utf-8").write(
"---\ntitle: ho\u0300a\n---\n")' "$S/nfd.md"
for c in has_front_matter has_title has_summary has_weight has_updated no_html utf8_valid nfc links_ok; do
	check "checker: $c accepts a good sample" "$c" "$S/good.md"
done
check "checker: rejects a file without front matter" not has_front_matter "$S/nofm.md"
check "checker: rejects an unclosed front matter" not has_front_matter "$S/open.md"
check "checker: rejects an empty quoted title" not has_title "$S/empty.md"
check "checker: rejects an empty summary" not has_summary "$S/empty.md"
check "checker: rejects a non-numeric weight" not has_weight "$S/empty.md"
check "checker: rejects an impossible date" not has_updated "$S/empty.md"
check "checker: rejects raw HTML" not no_html "$S/html.md"
check "checker: rejects an http:// link" not links_ok "$S/http.md"
check "checker: rejects a protocol-relative link" not links_ok "$S/proto.md"
check "checker: rejects a relative link" not links_ok "$S/rel.md"
check "checker: rejects a bad reference definition" not links_ok "$S/refdef.md"
check "checker: rejects an empty link" not links_ok "$S/emptylink.md"
check "checker: rejects invalid UTF-8" not utf8_valid "$S/latin.md"
check "checker: rejects decomposed (NFD) text" not nfc "$S/nfd.md"
mkdir -p "$S/g" && : >"$S/g/co.md"
printf '%s\n' '[a](/huong-dan/co/) [b](/huong-dan/co/#buoc-1) [c](/huong-dan/)' >"$S/exists.md"
printf '%s\n' '[a](/huong-dan/co/) [b](/huong-dan/khong-co/)' >"$S/missing.md"
check "checker: accepts links to existing guides" guide_links_resolve "$S/exists.md" "$S/g"
check "checker: rejects a link to a missing guide" not guide_links_resolve "$S/missing.md" "$S/g"

# The real guides.
check "$DIR has the section page _index.md" test -f "$DIR/_index.md"
n=0
for f in "$DIR"/*.md; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	b=$(basename "$f")
	check "$b: opens with a front-matter block" has_front_matter "$f"
	check "$b: has a non-empty title" has_title "$f"
	check "$b: has a non-empty summary" has_summary "$f"
	check "$b: has a numeric weight" has_weight "$f"
	check "$b: has a valid updated date (YYYY-MM-DD)" has_updated "$f"
	check "$b: has no raw HTML" no_html "$f"
	check "$b: is valid UTF-8" utf8_valid "$f"
	check "$b: is NFC-normalised" nfc "$f"
	check "$b: links only to https://, /site paths or #anchors" links_ok "$f"
	check "$b: links to other guides name existing guides" guide_links_resolve "$f" "$DIR"
done
check "$DIR holds at least one guide besides _index.md" test "$n" -ge 2
