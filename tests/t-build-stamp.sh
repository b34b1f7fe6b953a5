# gen build's stamp (public.gen-stamp): a rebuild with nothing changed renders nothing, and
# any change of an input or of the output makes a real build again.
. "$TESTS/lib.sh"
cd "$T" || exit 1
demo_config "$T"
cp -r "$REPO/templates" "$T/tpl"
sed -i "s|^templates = .*|templates = $T/tpl|" site.ini
expect_ok "the sample's last month pulls" "$GEN" -c site.ini -q pull --month 2026-10
expect_ok "first build" "$GEN" -c site.ini build
check "the build leaves a stamp beside the output" test -s public.gen-stamp
check "the stamp lists the files it made" grep -q " index.html$" public.gen-stamp
expect_ok "rebuild with nothing changed" "$GEN" -c site.ini build
check "it renders nothing and says so" grep -q "0 files written.*nothing changed" err

echo "<!-- changed -->" >>tpl/404.html
expect_ok "rebuild after a template changed" "$GEN" -c site.ini build
check "a changed template is a real build" grep -q " 1 files written" err
check "which rewrote the page" grep -q "<!-- changed -->" public/404.html

rm public/robots.txt
expect_ok "rebuild after an output file was deleted" "$GEN" -c site.ini build
check "a missing output file is made again" test -s public/robots.txt

echo "tampered" >>public/index.html
expect_ok "rebuild after an output file was changed" "$GEN" -c site.ini build
check "a changed output file is put back" sh -c "! grep -q tampered public/index.html"

printf 'gen-stamp 1 %064d 5' 0 >public.gen-stamp
expect_ok "a stamp cut short is ignored" "$GEN" -c site.ini build
check "and replaced by a good one" grep -q " index.html$" public.gen-stamp

expect_ok "a second month pulls" "$GEN" -c site.ini -q pull --month 2026-09
expect_ok "rebuild after a pull" "$GEN" -c site.ini build
check "a changed store is a real build" sh -c "! grep -q 'nothing changed' '$T/err'"
check "with the new month's pages" test -s public/xep-hang/2026-09/index.html

# The build cache (data/cache): a build into a new, empty directory takes each chart whose
# data did not change from the cache instead of drawing it again, and gives the same bytes.
expect_ok "a build into a new, empty directory" "$GEN" -c site.ini build --out "$T/fresh"
check "it draws no chart: every one comes from the cache" grep -q " 0 charts drawn" err
check "and its output is the same as the first, byte for byte" diff -r public "$T/fresh"
check "the QR codes are remembered in the cache" test -s data/cache/qr.json
# A cached PNG whose bytes changed is not trusted: that one chart is drawn again.
png=$(find data/cache/charts -name '*-web.png' | LC_ALL=C sort | head -n 1)
cp "$png" "$T/changed.png" && printf 'x' >>"$T/changed.png" && mv "$T/changed.png" "$png"
rm -rf "$T/fresh"
expect_ok "a build after a cached chart changed" "$GEN" -c site.ini build --out "$T/fresh"
check "that chart alone is drawn again" grep -q " 1 charts drawn" err
check "and the output is still the same" diff -r public "$T/fresh"
# The cached PNG is the published file itself (a link): changed in place through public/,
# it keeps its inode but not its time, and is not trusted either.
png=$(find data/cache/charts -name '*-web.png' | LC_ALL=C sort | sed -n 2p)
pub=public/${png#data/cache/charts/}
cp "$pub" "$T/ref-chart.png"
check "a cached chart and its published file are one file" test "$png" -ef "$pub"
printf 'x' >>"$pub"
rm -rf "$T/fresh"
expect_ok "a build after a published chart was changed in place" \
	"$GEN" -c site.ini build --out "$T/fresh"
check "that chart is drawn again" grep -q " 1 charts drawn" err
check "and its bytes are right" cmp "$T/fresh/${png#data/cache/charts/}" "$T/ref-chart.png"
# A key of before this cache recorded its file (no size, inode and time): the PNG is checked
# by its bytes, kept, and the key written again in full.
key=$(find data/cache/charts -name '*.key' | LC_ALL=C sort | sed -n 3p)
cut -d' ' -f1-4 "$key" >"$T/short.key" && cp "$T/short.key" "$key"
rm -rf "$T/fresh"
expect_ok "a build with a key of four fields" "$GEN" -c site.ini build --out "$T/fresh"
check "draws nothing" grep -q " 0 charts drawn" err
check "and writes the key again with the cached file's size, inode and time" \
	sh -c "[ \$(wc -w <'$key') -eq 8 ]"
# A key line that does not read (here a width of 0, or a record cut short) is not trusted:
# the chart is drawn again.
sed -i 's/^\([0-9a-f]*\) [0-9]* /\1 0 /' "$key"
rm -rf "$T/fresh"
expect_ok "a build with a key of width 0" "$GEN" -c site.ini build --out "$T/fresh"
check "draws that chart again" grep -q " 1 charts drawn" err
check "and writes a width again" sh -c "[ \$(cut -d' ' -f2 '$key') -gt 0 ]"
cut -d' ' -f1-3 "$key" >"$T/short.key" && cp "$T/short.key" "$key"
rm -rf "$T/fresh"
expect_ok "a build with a key of three fields" "$GEN" -c site.ini build --out "$T/fresh"
check "draws that chart again too" grep -q " 1 charts drawn" err
# The open data of each month is kept in the build cache too (data/cache/data/) and linked
# into a new output instead of being made again, as long as the store's data for that month
# and the months before it is the same. Each check compares with a build that has no cache.
nocache() {  # nocache DIR: a build of the same site with an empty cache, into DIR
	rm -rf "$T/nocache" "$1"
	sed "s|^cache = .*|cache = $T/nocache|" site.ini >nocache.ini
	"$GEN" -q -c nocache.ini build --out "$1" 2>"$T/nocache.err"
}
rm -rf "$T/fresh"
expect_ok "a build into a new directory, the open data in the cache" \
	"$GEN" -c site.ini build --out "$T/fresh"
check "the open data comes from the cache: the same file, linked" sh -c \
	"[ \$(stat -c %i '$T/fresh/du-lieu/2026-10/diem.csv') = \
	   \$(stat -c %i data/cache/data/2026-10/diem.csv) ]"
nocache "$T/ref"
check "and it is what a build without the cache makes, byte for byte" diff -r "$T/ref" "$T/fresh"
# An open-data file changed in place through the output changes the cached file too (they
# are one file): it is no longer trusted, and both are made again.
printf 'x' >>public/du-lieu/2026-10/diem.csv
expect_ok "rebuild after an open-data file was changed in place" "$GEN" -c site.ini build
check "the file is made again from the store" cmp public/du-lieu/2026-10/diem.csv \
	"$T/ref/du-lieu/2026-10/diem.csv"
check "and so is the cached copy" cmp data/cache/data/2026-10/diem.csv \
	"$T/ref/du-lieu/2026-10/diem.csv"
# A correction of an earlier month changes the later month's figures (its change since the
# month before): that month's cached tables are not used.
sqlite3 data/gen.db "UPDATE month_kind SET imported_at = '2030-01-01T00:00:00Z' WHERE month = '2026-09'; UPDATE score SET delta = delta + 100 WHERE month = '2026-10' AND rowid = (SELECT min(rowid) FROM score WHERE month = '2026-10')"
rm -rf "$T/fresh"
expect_ok "a build after the store changed for an earlier month" \
	"$GEN" -c site.ini build --out "$T/fresh"
nocache "$T/ref"
check "the later month's tables are made again, from the store as it is" \
	diff -r "$T/ref/du-lieu" "$T/fresh/du-lieu"
check "they are not the cached ones of before" sh -c \
	"! cmp -s '$T/fresh/du-lieu/2026-10/diem.csv' public/du-lieu/2026-10/diem.csv"
# The key file is read from disk: an edited one is not trusted, and the month's tables are
# made again. tampered WHAT SED GREP: edits the month's key with SED (which GREP then finds
# in it) and builds anew.
KEY=data/cache/data/2026-10.key.json
tampered() {
	sed -i "$2" "$KEY"
	check "(the key file now $1)" grep -q "$3" "$KEY"
	rm -rf "$T/fresh"
	expect_ok "a build whose cached key $1" "$GEN" -c site.ini build --out "$T/fresh"
	check "makes that month's tables and index again, the same" diff -r "$T/ref" "$T/fresh"
}
tampered "names a file outside its month" 's|"2026-10/diem.csv"|"../../../diem.csv"|' \
	'"\.\./\.\./\.\./diem.csv"'
check "and keeps them again under a sound key" grep -q '"2026-10/diem.csv"' "$KEY"
tampered "lists a table it did not make" \
	's|"file":"diem"|"file":"diem\\"><b>x</b><a href=\\"y"|' '<b>x</b>'
# A cache that cannot be written costs the next build its speed, nothing else.
rm -rf "$T/fresh" data/cache/data && touch data/cache/data
expect_ok "a build whose data cache cannot be written" "$GEN" -c site.ini build --out "$T/fresh"
check "says so" grep -q "cache/data" err
check "and still makes the same site" diff -r "$T/ref" "$T/fresh"
rm -f data/cache/data
expect_ok "the cache is made again by the next build" "$GEN" -c site.ini build
check "and the same site again" diff -r "$T/ref" public
# A cache on another file system cannot be linked to: its files are copied instead.
if [ -d /dev/shm ] && [ "$(stat -c %d /dev/shm)" != "$(stat -c %d "$T")" ]; then
	shm=$(mktemp -d /dev/shm/gen-test.XXXXXX)
	sed "s|^cache = .*|cache = $shm|" site.ini >shm.ini
	rm -rf "$T/fresh"
	expect_ok "a build with its cache on another file system" \
		"$GEN" -c shm.ini build --out "$T/fresh"
	rm -rf "$T/fresh"
	expect_ok "and one more, into a new directory, from that cache" \
		"$GEN" -c shm.ini build --out "$T/fresh"
	check "takes the open data and charts from it" grep -q " 0 charts drawn" err
	check "as copies" sh -c "[ \$(stat -c %h '$T/fresh/du-lieu/2026-10/diem.csv') -eq 1 ]"
	check "the same site" diff -r "$T/ref" "$T/fresh"
	rm -rf "$shm"
else
	ok "# skip: no second file system for the cache"
fi

# The open data, procedures, guides and search index are built on helper threads: a
# failure there stops the build like any other, naming the template, and public/ stays.
fp=$(tree_fingerprint public)
cp tpl/guide.html "$T/guide.html"
echo '{{> guide.html}}' >>tpl/guide.html
expect_fail "a template failing on a helper thread stops the build" "guide.html.*nested" \
	"$GEN" -c site.ini build
check "and public/ is as it was" test "$(tree_fingerprint public)" = "$fp"
check "with no staging directory left behind" test ! -e public.gen-stage
cp "$T/guide.html" tpl/guide.html
expect_ok "-v says how long each part of the build took, and on which thread" \
	"$GEN" -v -c site.ini build --out "$T/timed"
check "one line per part" sh -c "grep -c '^build: .*: [0-9.]* s (lane [0-9-]*)$' '$T/err' |
	grep -qx 16"

# Charts are drawn on their own threads: a chart that cannot be drawn (a letter the font
# lacks, here in a unit's name) still stops the build with the reason, and public/ stays.
fp=$(tree_fingerprint public)
cp data/gen.db "$T/gen.db.saved"
sqlite3 data/gen.db "UPDATE score SET name = name || ' 中' WHERE rowid IN (SELECT rowid FROM score ORDER BY rowid LIMIT 3); UPDATE unit SET name = name || ' 中' WHERE code IN (SELECT unit FROM score ORDER BY rowid LIMIT 3)"
expect_fail "a chart that cannot be drawn stops the build" "chart.*U\+4E2D" \
	"$GEN" -c site.ini build
check "and public/ is as it was" test "$(tree_fingerprint public)" = "$fp"
cp "$T/gen.db.saved" data/gen.db

# Many guides are parsed on several threads: all of them make pages, and the first bad file
# in name order is the one reported, as a single thread would.
mkdir -p "$T/many/huong-dan"
for i in $(seq 100 199); do
	printf -- '---\ntitle: Hướng dẫn số %s\nsummary: Tóm tắt %s.\nweight: %s\n---\n\nNội dung **%s**.\n' \
		"$i" "$i" "$i" "$i" >"$T/many/huong-dan/g$i.md"
done
sed "s|^content = .*|content = $T/many|" site.ini >many.ini
expect_ok "a hundred guides build" "$GEN" -c many.ini build --out "$T/many-out"
check "each has its page" sh -c "[ \$(ls '$T/many-out/huong-dan' | grep -c '^g1') -eq 100 ]"
check "in the list, in weight order" sh -c "grep -o 'Hướng dẫn số 1[0-9]*' \
	'$T/many-out/huong-dan/index.html' | head -n 3 | tr '\n' ' ' | grep -qx 'Hướng dẫn số 100 Hướng dẫn số 101 Hướng dẫn số 102 '"
printf '\377 bad\n' >>"$T/many/huong-dan/g190.md"
printf '\377 bad\n' >>"$T/many/huong-dan/g150.md"
expect_fail "a bad guide among many stops the build" "g150\.md" "$GEN" -c many.ini build \
	--out "$T/many-out"

# A disk that fills during a build, played by a file size limit (SIGXFSZ ignored, so a write
# past it fails with EFBIG): the build fails naming the file, public/ stays as it was, its
# stamp is gone (so the next build is a real one), the new build cache keeps no open data
# and no staging is left. A new cache makes the open data be written again, through its
# spool.
sed "s|^cache = .*|cache = $T/cache-full|" site.ini >full.ini
expect_ok "full disk: a good build first" "$GEN" -c site.ini build
check "full disk: which leaves a stamp" test -s public.gen-stamp
fp=$(tree_fingerprint public)
echo "<!-- full -->" >>tpl/404.html
(trap '' XFSZ; ulimit -f 64; exec "$GEN" -c full.ini build) >"$T/out" 2>"$T/err"
check "a full disk fails the build (exit 1)" [ $? -eq 1 ]
check "naming the file it could not write, and why" \
	grep -qE "cannot (write|create|copy).*(File too large|larger)|File too large" "$T/err"
check "a full disk: public/ is as it was" test "$(tree_fingerprint public)" = "$fp"
check "a full disk: no stamp claims the failed build" test ! -e public.gen-stamp
check "a full disk: no staging left behind" test ! -e public.gen-stage
check "a full disk: no open data kept in the new cache" \
	sh -c "! ls '$T/cache-full/data' 2>/dev/null | grep -q ."
if [ -n "${VERBOSE:-}" ]; then sed "s/^/#    /" "$T/err"; fi
(trap '' XFSZ; ulimit -f 64; exec "$GEN" -c full.ini build --out "$T/full-new") \
	>"$T/out" 2>"$T/err"
check "a full disk on a first build fails too (exit 1)" [ $? -eq 1 ]
check "and leaves no file in the new directory" \
	sh -c "[ \$(find '$T/full-new' -type f 2>/dev/null | wc -l) -eq 0 ]"
check "nor its staging" test ! -e "$T/full-new.gen-stage"
expect_ok "with room again, the same build succeeds" "$GEN" -c full.ini build
check "with the template's change" grep -q "<!-- full -->" public/404.html
