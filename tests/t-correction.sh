# A month pulled again with different figures after it was published shows a visible
# correction notice saying what changed; the same data pulled again changes nothing.
. "$TESTS/lib.sh"
cd "$T" || exit 1
mkdir -p in/diem in/thu-tuc in/tre-han in/quoc-gia
for k in diem thu-tuc tre-han quoc-gia; do cp "$REPO/content/sample/$k/2026-10.csv" in/$k/; done
demo_config "$T"
sed -i "s|file:$REPO/content/sample/|file:$T/in/|" site.ini
expect_ok "a month is pulled" "$GEN" -c site.ini -q pull --month 2026-10
expect_ok "and published" "$GEN" -c site.ini build
check "no correction notice at first" sh -c "! grep -q 'Đính chính' public/xep-hang/2026-10/index.html"
expect_ok "pulling the same data again" "$GEN" -c site.ini pull --month 2026-10
check "reports every kind unchanged" test "$(grep -c 'unchanged, nothing written' err)" -eq 4
expect_ok "rebuild" "$GEN" -c site.ini build
check "still no correction notice" sh -c "! grep -q 'Đính chính' public/xep-hang/2026-10/index.html"
check "a rebuild with unchanged data redraws no chart" grep -q " 0 charts drawn" err
# the portal corrects Sở Tư pháp's on-time score: 20 → 19.5, total 94.4 → 93.9
python3 - in/diem/2026-10.csv <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
h = rows[0]
for r in rows[1:]:
    if r[1] == "H99.01":
        r[h.index("TDGQ")] = "19.5"
        r[h.index("Tổng điểm")] = "93.9"
csv.writer(open(sys.argv[1], "w", encoding="utf-8", newline="")).writerows(rows)
PY
expect_ok "the corrected month is pulled again" "$GEN" -c site.ini pull --month 2026-10
check "the pull reports a correction" grep -q "scores .* corrected" err
check "and what changed" grep -q "H99.01 Sở Tư pháp: 94.40 → 93.90" err
expect_ok "rebuild after the correction" "$GEN" -c site.ini build
check "the ranking shows a correction notice" grep -q 'Đính chính' public/xep-hang/2026-10/index.html
check "the notice says what changed" grep -q 'H99.01 Sở Tư pháp: 94.40 → 93.90' public/xep-hang/2026-10/index.html
check "the release shows it too" grep -q 'Đính chính' public/bao-chi/2026-10/index.html
check "the corrected figure is published" grep -q '<strong>93,90</strong>' public/xep-hang/2026-10/index.html
check "the unit's charts were redrawn" sh -c "! grep -q ' 0 charts drawn' err"
check "gen status lists the correction" sh -c "'$GEN' -c site.ini status | grep -q 'scores  v2'"
