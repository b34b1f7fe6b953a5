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
