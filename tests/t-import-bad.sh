#!/bin/sh
# gen pull from file sources with bad data: every bad record fails the pull with a message
# naming the file, the line or record and the field, and leaves the store as it was (and no
# data/ where there was none). Also what must import fine (BOM, CRLF, NFD text) and what must
# never be stored (citizens' names, ID numbers and phones in columns gen does not read).
. "$TESTS/lib.sh"

M=2025-10
G="$T/good"
S="$T/s"        # a store holding the good month; each scenario's inputs are written here
F="$T/fresh"    # the same inputs without a store
mkdir -p "$G" "$S" "$F"

cat >"$G/scores.csv" <<'EOF'
Tháng,Mã đơn vị,Tên đơn vị,Cấp,CKMB,TDGQ,CLGQ,TTTT,MDHL,MDSH,Tổng điểm
2025-10,H99,Tỉnh Thử Nghiệm,tinh,17,18,11,9,16,20,91
2025-10,H99.01,Sở Tư pháp,so-nganh,18,19.5,11,9.25,17.5,20,95.25
2025-10,H99.02,Sở Y tế,"Sở, ban, ngành",16,17,10,8,15,19,85
2025-10,H99.100,Xã An Bình,xa-phuong,15,16,9,7,14,18,79
2025-09,H99.01,Sở Tư pháp,so-nganh,18,19,11,9,17,20,94
2025-09,H99.100,Xã An Bình,xa-phuong,15,16,9,7,14,17,78
EOF
cat >"$G/delays.csv" <<'EOF'
Số hồ sơ,Mã đơn vị,Mã TTHC,Người chịu trách nhiệm,Ngày tiếp nhận,Hạn trả,Ngày trả,Lý do,Đã xin lỗi,Ngày xin lỗi,Hẹn trả mới
H99.100-251003-0012,H99.100,2.000815,Nguyễn Văn An (công chức Tư pháp - Hộ tịch),03/10/2025,08/10/2025,13/10/2025,Chờ xác minh,có,08/10/2025,13/10/2025
H99.01-251010-0001,H99.01,1.001234,Phòng Hành chính,2025-10-10,2025-10-20,,Thiếu hồ sơ,không,,
EOF
cat >"$G/procs.csv" <<'EOF'
Mã TTHC,Tên TTHC,Lĩnh vực,Đối tượng,Cơ quan công khai,Cấp thực hiện,Tình trạng,QĐ Công bố,Mức độ,Thời hạn giải quyết,"Phí, lệ phí",Thành phần hồ sơ
2.000815,Đăng ký khai sinh,Hộ tịch,Công dân,UBND xã,Cấp xã,Còn hiệu lực,QĐ 1/2025,toàn trình,Trong ngày,Miễn phí,"Tờ khai
Giấy chứng sinh"
1.001234,Cấp phiếu lý lịch tư pháp,Lý lịch tư pháp,Công dân,Sở Tư pháp,Cấp tỉnh,Còn hiệu lực,QĐ 2/2025,một phần,10 ngày,200.000 đồng,Tờ khai
EOF
cp "$TESTS/fixtures/dvcqg-legacy/an-giang-2025-10.json" "$G/legacy.json"

# src_ini NAME KIND FORMAT FILE: one [source.NAME] section.
src_ini() { printf '[source.%s]\nkind = %s\nformat = %s\nurl = file:%s\n' "$@"; }
csv_sources() {
	src_ini scores scores csv scores.csv
	src_ini delays delays csv delays.csv
	src_ini procedures procedures csv procs.csv
}
legacy_sources() { src_ini scores scores dvcqg-legacy legacy.json; }

# reset [legacy]: the good inputs and config in $S (its store stays).
reset() {
	cp "$G"/*.csv "$G/legacy.json" "$S/"
	if [ "${1:-}" = legacy ]; then legacy_sources; else csv_sources; fi >"$S/site.ini"
}
nbackups() { find "$S/data/backups" -name 'gen-*.db' 2>/dev/null | wc -l; }

# bad DESC PATTERN [pull options]: with the inputs now in $S, the pull fails with PATTERN,
# the store and its backups are unchanged, and the same inputs without a store create no
# data/.
bad() {
	b_d=$1 b_pat=$2
	shift 2
	b_before=$(db_fingerprint "$S/data/gen.db")
	b_nb=$(nbackups)
	expect_fail "$b_d" "$b_pat" "$GEN" -c "$S/site.ini" pull "$@"
	if [ -n "${VERBOSE:-}" ]; then sed 's/^/#    /' "$T/err"; fi
	check "$b_d: store unchanged" [ "$(db_fingerprint "$S/data/gen.db")" = "$b_before" ]
	check "$b_d: no new backup" [ "$(nbackups)" -eq "$b_nb" ]
	rm -rf "$F" && mkdir -p "$F"
	(cd "$S" && cp -- *.csv *.json site.ini "$F/")
	"$GEN" -c "$F/site.ini" pull "$@" >/dev/null 2>&1
	check "$b_d: also fails without a store (exit 1)" [ $? -eq 1 ]
	check "$b_d: no data/ created without a store" [ ! -e "$F/data" ]
}
# edit FILE SED-SCRIPT: edits an input in $S.
edit() { sed -i "$2" "$S/$1"; }
q() { sqlite3 "$S/data/gen.db" "$1"; }

# The store: the good month.
reset
expect_ok "good inputs import" "$GEN" -c "$S/site.ini" pull --month $M
check "4 units, 2 late dossiers, 2 procedures" [ "$(q "SELECT (SELECT count(*) FROM score) ||
	(SELECT count(*) FROM delay) || (SELECT count(*) FROM procedure)")" = 422 ]

# --- JSON ---------------------------------------------------------------------------
reset legacy
head -c 1000 "$G/legacy.json" >"$S/legacy.json"
bad "truncated JSON" "legacy.json:[0-9]+:[0-9]+: invalid JSON" --month $M
reset legacy
python3 - "$S/legacy.json" <<'EOF'
import json, sys
p = sys.argv[1]
d = json.load(open(p, encoding="utf-8"))
d[2]["CKMB"] = {"value": 18}
json.dump(d, open(p, "w", encoding="utf-8"), ensure_ascii=False)
EOF
bad "an object where a number belongs" \
	"legacy.json: record 3 \(MA_COQUAN H01\.[0-9]+\): CKMB: expected a score from 0 to 18" \
	--month $M
reset legacy
sed -i '0,/"TDGQ": "20"/s//"TDGQ": "abc"/' "$S/legacy.json"
bad "\"abc\" as a score (JSON)" "legacy.json: record 1 \(MA_COQUAN H01\.13\): TDGQ: expected a score from 0 to 20.00 .*got \"abc\"" \
	--month $M
reset legacy
sed -i '0,/"TONG_SCORE": "93.75"/s//"TONG_SCORE": "93.5"/' "$S/legacy.json"
bad "a JSON total that does not add up" \
	"legacy.json: record 1 \(MA_COQUAN H01\.13\): total 93\.50 does not equal the sum of the groups, 93\.75" \
	--month $M
reset legacy
sed -i '0,/"LOAI_COQUAN": "2"/s//"LOAI_COQUAN": "sở"/' "$S/legacy.json"
bad "a LOAI_COQUAN that is not a number" \
	"legacy.json: record 1 \(MA_COQUAN H01\.13\): LOAI_COQUAN/CAPDONVIID: expected LOAI_COQUAN 1, 2 or 3" \
	--month $M
reset legacy
printf '{"data": {"rows": []}}' >"$S/legacy.json"
bad "JSON of the wrong shape" "legacy.json: expected a JSON array of unit records" --month $M

reset legacy
sed -i '0,/"CKMB": "18",/s//"CKMB": "18", "CKMB": "10",/' "$S/legacy.json"
bad "a JSON key given twice" "legacy.json:[0-9]+:[0-9]+: invalid JSON: duplicate object key" --month $M
reset legacy
sed -i '0,/"MDSH": "17.75"/s//"MDSH": 17.755/' "$S/legacy.json"
bad "a JSON score with three decimals" "legacy.json: record 1 \(MA_COQUAN H01\.13\): MDSH: expected a score from 0 to 22.00 with at most two decimals, got 17.755$" \
	--month $M

# --- scores CSV ----------------------------------------------------------------------
reset
edit scores.csv '3s/,18,19.5,/,18,abc,/'
bad "\"abc\" as a score (CSV)" "scores.csv:3: TDGQ: expected a score from 0 to 20.*got \"abc\"" \
	--month $M
reset
edit scores.csv '3s/,18,19.5,11,9.25,17.5,20,95.25/,19,19.5,11,9.25,17.5,20,96.25/'
bad "a score above the group maximum" "scores.csv:3: CKMB: expected a score from 0 to 18.*got \"19\"" \
	--month $M
reset
edit scores.csv '3s/,95.25$/,95.5/'
bad "a CSV total that does not add up" \
	"scores.csv:3: total 95\.50 does not equal the sum of the groups, 95\.25" --month $M
reset
edit scores.csv '4s/H99.02/H99.01/'
bad "a duplicate unit" "scores.csv:4: unit H99\.01 appears twice in the month \(also at .*scores.csv:3\)" \
	--month $M
reset
edit scores.csv '3s/^2025-10/2025-13/'
bad "an invalid month in Tháng" "scores.csv:3: Tháng: expected a month such as 2025-10.*got \"2025-13\"" \
	--month $M
reset
edit scores.csv '3s/^2025-10/tháng mười/'
bad "an unknown month in Tháng" "scores.csv:3: Tháng: expected a month.*got \"tháng mười\"" --month $M
reset
bad "no rows for the pulled month" "scores.csv: no rows for 2025-11 \(column Tháng\)" \
	--month 2025-11 --source scores
reset
edit scores.csv '3s/,so-nganh,/,bo-nganh,/'
bad "an unknown tier" "scores.csv:3: unit H99\.01: unknown tier \"bo-nganh\"" --month $M
reset
edit scores.csv '1s/,MDSH,/,MDSX,/'
bad "a missing group column" "scores.csv:1: missing column \"mdsh\"" --month $M
reset
edit scores.csv '4s/,H99.02,/,H99-01,/'
bad "two codes that make the same page" \
	"scores.csv:4: units H99-01 and H99.01 \(at .*scores.csv:3\) would share the page /co-quan/h99-01/" --month $M
reset
edit scores.csv '3s/,H99.01,/,h99-01,/; 3s/,95.25$/,95.5/; 3s/,20,95.5$/,20.25,95.5/'
sed -i '/H99.01-251010-0001/d' "$S/delays.csv"
before=$(db_fingerprint "$S/data/gen.db")
expect_fail "a code that makes the page of a unit in the store" \
	"scores.csv:3: unit h99-01 would share the page /co-quan/h99-01/ with unit H99.01, in the store.*nothing was imported" \
	"$GEN" -c "$S/site.ini" pull --month $M
check "a code that makes the page of a unit in the store: store unchanged" \
	[ "$(db_fingerprint "$S/data/gen.db")" = "$before" ]
reset
edit scores.csv '3s/H99.01/H99 01/'
bad "a bad unit code" "scores.csv:3: unit code \"H99 01\": expected" --month $M
reset
printf '\377\376 not utf-8\n' >>"$S/scores.csv"
bad "not UTF-8" "scores.csv:8: not valid UTF-8" --month $M
reset
edit scores.csv '7s/Xã An Bình/"Xã An Bình/'
bad "an unclosed quote" "scores.csv: a quoted field is never closed \(opened on line 7\)" --month $M
reset
edit scores.csv '3s/Sở Tư pháp/"Sở Tư" pháp/'
bad "text after a closing quote" "scores.csv:3: malformed quoting" --month $M

# --- delays --------------------------------------------------------------------------
reset
edit delays.csv '3s/2025-10-20,,/2025-10-20,2025-10-18,/'
bad "a dossier that was not late" \
	"delays.csv:3: dossier H99.01-251010-0001: returned 2025-10-18, on or before its due date 2025-10-20" \
	--month $M
reset
edit delays.csv '3s/,H99.01,/,H99.77,/'
bad "a dossier of an unknown unit" "delays.csv:3: dossier H99.01-251010-0001: unknown unit \"H99\.77\"" \
	--month $M
reset
edit delays.csv '2s|,08/10/2025,13/10/2025,Chờ|,31/09/2025,13/10/2025,Chờ|'
bad "a bad date" "delays.csv:2: Hạn trả: expected a date such as 2025-10-03.*got \"31/09/2025\"" \
	--month $M
reset
edit delays.csv '3s/^H99.01-251010-0001/H99.100-251003-0012/'
bad "a duplicate dossier number" \
	"delays.csv:3: dossier H99.100-251003-0012 appears twice in the month \(also at .*delays.csv:2\)" \
	--month $M
reset
edit delays.csv '2s/,có,/,rồi,/'
bad "Đã xin lỗi with a wrong word" "delays.csv:2: Đã xin lỗi: expected có or không, got \"rồi\"" \
	--month $M
reset
edit delays.csv '1s/,Hạn trả,/,Hạn chót,/'
bad "a delays CSV without Hạn trả" "delays.csv:1: missing column \"han tra\"" --month $M

reset
edit delays.csv '3s/,2025-10-10,2025-10-20,,/,2025-11-02,2025-11-05,2025-11-10,/'
bad "a dossier received after the month" "delays.csv:3: dossier H99.01-251010-0001: received after the end of 2025-10" \
	--month $M
reset
edit delays.csv '3s/,2025-10-10,2025-10-20,,/,2025-10-10,2025-11-20,,/'
bad "an open dossier not yet due" \
	"delays.csv:3: dossier H99.01-251010-0001: still open and due 2025-11-20, after the month's end: not late in 2025-10" \
	--month $M

# --- procedures ----------------------------------------------------------------------
reset
edit procs.csv '2s/^2.000815/2.815/'
bad "a bad procedure code" "procs.csv:2: Mã TTHC \"2\.815\": expected a digit, a dot and six digits" \
	--month $M
reset
edit procs.csv '1s/,Lĩnh vực,/,Nhóm,/'
bad "a missing required column" "procs.csv:1: missing column \"linh vuc\"" --month $M
reset
edit procs.csv '4s/,một phần,/,mức 2,/'
bad "a bad online level" "procs.csv:4: procedure 1\.001234: Mức độ: expected \"toàn trình\", \"một phần\" or empty, got \"mức 2\"" \
	--month $M

# --- all or nothing ------------------------------------------------------------------
# Two sources, the second bad: nothing of the first (new figures for the month) lands.
reset
edit scores.csv '3s/,18,19.5,11,9.25,17.5,20,95.25/,18,19.5,11,9.25,17.5,19,94.25/'
edit delays.csv '3s/,H99.01,/,H99.77,/'
bad "a good source with a bad one: nothing imported" "delays.csv:3: .*unknown unit" --month $M
check "the first source's new total is not in the store" \
	[ "$(q "SELECT total FROM score WHERE month = '$M' AND unit = 'H99.01'")" -eq 9525 ]
# Two months, the second bad: the first is not imported either.
reset
edit scores.csv '3s/,95.25$/,95.5/'
bad "a range whose last month is bad: nothing imported" "pull 2025-10: .*scores.csv:3: total" \
	--month 2025-09:2025-10 --source scores
check "2025-09 is not in the store" [ "$(q "SELECT count(*) FROM score WHERE month = '2025-09'")" -eq 0 ]

# --- usage and configuration ---------------------------------------------------------
reset
"$GEN" -c "$S/site.ini" pull --month 2025-13 >"$T/out" 2>"$T/err"
check "--month 2025-13 is a usage error (exit 2)" [ $? -eq 2 ]
check "--month 2025-13: the message names the option" grep -q -- '--month "2025-13": expected YYYY-MM' "$T/err"
"$GEN" -c "$S/site.ini" pull --month 2025-10:2025-09 >/dev/null 2>&1
check "a backwards range is a usage error" [ $? -eq 2 ]
bad "an unknown --source" "--source nope: no \[source.nope\] in .*site.ini" --month $M --source nope
reset
printf 'timeut = 5\n' >>"$S/site.ini"
bad "an unknown key" "site.ini:13: \[source.procedures\] unknown key \"timeut\" \(known: kind, format" --month $M
reset
printf '[sources.extra]\nkind = scores\n' >>"$S/site.ini"
bad "an unknown section" "site.ini:14: unknown section \[sources.extra\]" --month $M
reset
printf 'retries = many\n' >>"$S/site.ini"
bad "a bad number" "site.ini:13: retries: expected a whole number from 0 to 10, got \"many\"" --month $M
reset
printf 'max_size = 0.5\n' >>"$S/site.ini"
bad "a bad max_size" "^gen: [^ ]*site.ini:13: max_size: expected a whole number of megabytes from 1 to 4096, got \"0.5\"" --month $M
reset
printf 'retry_wait = 1s\n' >>"$S/site.ini"
bad "a bad retry_wait" "^gen: [^ ]*site.ini:13: retry_wait: expected a whole number of milliseconds from 0 to 600000" \
	--month $M
reset
printf 'format = xlsx\n' >>"$S/site.ini"
bad "an unknown format" "\[source.procedures\] format \"xlsx\" is not a procedures format \(known: csv, json\)" \
	--month $M
reset
printf '[index]\nCKMB = 18 | Công khai\nTD\377GQ = 20 | Tiến độ\n' >>"$S/site.ini"
bad "invalid UTF-8 in site.ini" "site.ini:15: not valid UTF-8 text" --month $M
reset
python3 -c 'print("[index]"); [print("G%02d = 5 | nhóm %d" % (i, i)) for i in range(17)]' >>"$S/site.ini"
bad "17 index groups" "site.ini:30: \[index\] G16: at most 16 groups" --month $M
reset
printf '[bands]\nvàng = 85\n' | python3 -c 'import sys, unicodedata; sys.stdout.write(unicodedata.normalize("NFD", sys.stdin.read()))' \
	>>"$S/site.ini"
check "a site.ini key written as NFD is really decomposed" sh -c "! grep -q 'vàng' '$S/site.ini'"
expect_ok "a site.ini key written as NFD is read" "$GEN" -c "$S/site.ini" pull --month $M
reset
sed -i 's|url = file:procs.csv|url = file:procs-{mm.csv|' "$S/site.ini"
bad "a url with { and no }" "site.ini:12: \[source.procedures\] url: \"\{\" without \"\}\"" --month $M
reset
sed -i 's|url = file:procs.csv|url = file:missing.csv|' "$S/site.ini"
bad "a missing input file" "missing.csv.*check the path in the source's url" --month $M

# --- what must import fine -------------------------------------------------------------
# rows DB: the imported content, to compare two imports of the same data.
rows() {
	sqlite3 "$1" "SELECT unit, name, tier, total FROM score ORDER BY month, unit;
		SELECT * FROM score_group ORDER BY month, unit, grp;
		SELECT dossier, unit, responsible, received, due, returned, reason, apology
		FROM delay ORDER BY dossier;
		SELECT code, name, field, documents, online_level FROM procedure ORDER BY code"
}
# variant NAME: a fresh directory $T/NAME with the good inputs and CSV config.
variant() {
	V="$T/$1"
	rm -rf "$V" && mkdir -p "$V" && cp "$G"/*.csv "$G/legacy.json" "$V/"
	csv_sources >"$V/site.ini"
}
reset
rows "$S/data/gen.db" >"$T/good.rows"

variant bom
for f in scores delays procs; do
	printf '\357\273\277' >"$V/$f.tmp"
	sed 's/$/\r/' "$V/$f.csv" >>"$V/$f.tmp" && mv "$V/$f.tmp" "$V/$f.csv"
done
check "the BOM+CRLF inputs really have a BOM and CRs" \
	sh -c "head -c 3 '$V/scores.csv' | od -An -tx1 | grep -q 'ef bb bf' && grep -q \"\$(printf '\r')\" '$V/delays.csv'"
expect_ok "BOM and CRLF import" "$GEN" -c "$V/site.ini" pull --month $M
rows "$V/data/gen.db" >"$T/bom.rows"
check "BOM and CRLF give the same rows (no CR kept, even in multi-line cells)" \
	cmp -s "$T/good.rows" "$T/bom.rows"

variant semi
cat >"$V/scores.csv" <<'CSV'
THANG;ma don vi;TÊN ĐƠN VỊ;Cấp;ckmb;TDGQ;CLGQ;TTTT;MDHL;MDSH;Tổng  điểm
10/2025;H99;Tỉnh Thử Nghiệm;tinh;17;18;11;9;16;20;91
10/2025;H99.01;Sở Tư pháp;so-nganh;18;19,5;11;9,25;17,5;20;95,25
2025-10;H99.02;Sở Y tế;Sở, ban, ngành;16;17;10;8;15;19;85
2025-10;H99.100;Xã An Bình;xa-phuong;15;16;9;7;14;18;79
2025-09;H99.01;Sở Tư pháp;so-nganh;18;19;11;9;17;20;94
2025-09;H99.100;Xã An Bình;xa-phuong;15;16;9;7;14;17;78
CSV
expect_ok "semicolons and decimal commas import" "$GEN" -c "$V/site.ini" pull --month $M
rows "$V/data/gen.db" >"$T/semi.rows"
check "semicolons, decimal commas, MM/YYYY, other spellings of the header: the same rows" cmp -s "$T/good.rows" "$T/semi.rows"

variant nfd
python3 - "$V" <<'PY'
import sys, unicodedata
for f in ("scores.csv", "delays.csv", "procs.csv", "legacy.json"):
    p = sys.argv[1] + "/" + f
    t = open(p, encoding="utf-8").read()
    open(p, "w", encoding="utf-8").write(unicodedata.normalize("NFD", t))
PY
check "the NFD inputs really are decomposed" \
	sh -c "! grep -q 'Sở Tư pháp' '$V/scores.csv' && ! grep -q 'Chờ xác minh' '$V/delays.csv'"
expect_ok "NFD text imports" "$GEN" -c "$V/site.ini" pull --month $M
rows "$V/data/gen.db" >"$T/nfd.rows"
check "NFD text is stored as NFC: the same rows as the NFC inputs" cmp -s "$T/good.rows" "$T/nfd.rows"
check "NFD text is stored as NFC: the bytes of a name" [ "$(sqlite3 "$V/data/gen.db" \
	"SELECT hex(name) FROM score WHERE unit = 'H99.01'")" = \
	"$(printf 'Sở Tư pháp' | od -An -tx1 | tr -d ' \n' | tr a-f A-F)" ]
check "NFD text is stored as NFC: a late dossier's reason" [ "$(sqlite3 "$V/data/gen.db" \
	"SELECT count(*) FROM delay WHERE reason = 'Chờ xác minh' AND responsible LIKE 'Nguyễn Văn An%'")" -eq 1 ]
legacy_sources >"$V/site.ini"
expect_ok "NFD JSON imports" "$GEN" -c "$V/site.ini" pull --month $M
check "NFD JSON is stored as NFC" [ "$(sqlite3 "$V/data/gen.db" \
	"SELECT count(*) FROM score WHERE name = 'Sở Văn hóa và Thể thao - tỉnh An Giang'")" -eq 1 ]

# --- citizens' data in columns gen does not read ---------------------------------------
variant pii
awk -F, 'BEGIN { OFS = "," }
	NR == 1 { print $0, "Họ tên người nộp", "Số CCCD", "Số điện thoại", "Địa chỉ", ""; next }
	{ print $0, "Trần Thị Bích Ngọc", "001203004567", "0912345678",
	  "\"Số 12 ngõ 34, phố Hàng Bạc\"", "0987654321", "Phạm Văn Đồng Nai" }' \
	"$G/delays.csv" >"$V/delays.csv"
awk -F, 'BEGIN { OFS = "," }
	NR == 1 { print "Người liên hệ", $0, "CCCD", "SĐT"; next }
	{ print "Lê Văn Tám", $0, "079088001234", "0903111222" }' "$G/scores.csv" >"$V/scores.csv"
check "the inputs carry the personal data" grep -q 'Trần Thị Bích Ngọc' "$V/delays.csv"
expect_ok "delays and scores with names, ID numbers and phones import" \
	"$GEN" -c "$V/site.ini" pull --month $M
rows "$V/data/gen.db" >"$T/pii.rows"
check "the known columns are imported as without the extra ones" cmp -s "$T/good.rows" "$T/pii.rows"
# A second pull of changed data, so that a backup and a correction exist too.
sed -i '3s/,95.25,/,95.24,/; 3s/,20,95.24,/,19.99,95.24,/' "$V/scores.csv"
expect_ok "a second pull (a correction) with the personal data" \
	"$GEN" -c "$V/site.ini" pull --month $M
check "the second pull made a backup" [ "$(find "$V/data/backups" -name 'gen-*.db' | wc -l)" -eq 1 ]
sqlite3 "$V/data/gen.db" .dump >"$T/pii.dump"
for secret in 'Trần Thị Bích Ngọc' 001203004567 0912345678 'Hàng Bạc' 0987654321 \
	'Phạm Văn Đồng Nai' 'Lê Văn Tám' 079088001234 0903111222 'Họ tên người nộp' 'CCCD'; do
	check "\"$secret\" is nowhere in the store's bytes or its backups" \
		sh -c "! grep -raq '$secret' '$V/data'"
	check "\"$secret\" is nowhere in sqlite3 .dump" sh -c "! grep -q '$secret' '$T/pii.dump'"
done
check "the archived bodies keep the known columns" [ "$(sqlite3 "$V/data/gen.db" \
	"SELECT count(*) FROM fetch WHERE source = 'delays' AND
	 instr(body, 'H99.100-251003-0012,H99.100,2.000815') > 0")" -ge 1 ]
check "the archive's hashes: received bytes and redacted body differ" [ "$(sqlite3 "$V/data/gen.db" \
	"SELECT count(*) FROM fetch WHERE redacted = 1 AND sha256 <> stored_sha256")" -ge 2 ]
"$GEN" -c "$V/site.ini" status >"$T/status" 2>&1
check "gen status shows the delays fetch as redacted" grep -qE '2025-10 +delays .*redacted' "$T/status"
check "gen status shows the scores fetch as redacted" grep -qE '2025-10 +scores .*redacted' "$T/status"
check "gen status does not call the clean procedures fetch redacted" \
	sh -c "! grep -E '2025-10 +procedures .*redacted' '$T/status'"
expect_ok "gen check accepts the redacted archive" "$GEN" -c "$V/site.ini" check

# Personal data in a column without a name, and in fields past the header's end.
variant unnamed
awk 'NR == 1 { print; next } { print $0 ",0966554433" }' "$G/delays.csv" >"$V/delays.csv"
awk 'NR == 1 { print $0 ","; next } { print $0 ",Ngô Thị Lan Hương" }' "$G/scores.csv" \
	>"$V/scores.csv"
expect_ok "data in unnamed columns and past the header imports" \
	"$GEN" -c "$V/site.ini" pull --month $M
for secret in 0966554433 'Ngô Thị Lan Hương'; do
	check "unnamed column: \"$secret\" is nowhere in the store's bytes" \
		sh -c "! grep -raq '$secret' '$V/data'"
done
check "unnamed column: both fetches are marked redacted" [ "$(sqlite3 "$V/data/gen.db" \
	"SELECT count(*) FROM fetch WHERE redacted = 1")" -eq 2 ]

variant piijson
python3 - "$V/legacy.json" <<'PY'
import json, sys
p = sys.argv[1]
d = json.load(open(p, encoding="utf-8"))
d[0]["NGUOI_NOP"] = "Đoàn Thị Hồng Nhung"
d[1]["LIEN_HE"] = {"HO_TEN": "Vũ Minh Khôi", "CCCD": "036095007788", "SDT": "0977001122"}
json.dump({"data": d, "nguoi_truy_van": "Hoàng Quốc Việt"}, open(p, "w", encoding="utf-8"),
          ensure_ascii=False)
PY
legacy_sources >"$V/site.ini"
expect_ok "a legacy JSON record with extra keys holding names imports" \
	"$GEN" -c "$V/site.ini" pull --month $M
sqlite3 "$V/data/gen.db" .dump >"$T/piijson.dump"
for secret in 'Đoàn Thị Hồng Nhung' 'Vũ Minh Khôi' 036095007788 0977001122 'Hoàng Quốc Việt' \
	NGUOI_NOP LIEN_HE; do
	check "JSON: \"$secret\" is nowhere in the store's bytes" sh -c "! grep -raq '$secret' '$V/data'"
	check "JSON: \"$secret\" is nowhere in sqlite3 .dump" sh -c "! grep -q '$secret' '$T/piijson.dump'"
done
check "JSON: the archived body keeps the records" [ "$(sqlite3 "$V/data/gen.db" \
	"SELECT instr(body, '\"MA_COQUAN\":\"H01.13\"') > 0 FROM fetch")" -eq 1 ]
"$GEN" -c "$V/site.ini" status >"$T/status" 2>&1
check "JSON: gen status shows the fetch as redacted" grep -qE '2025-10 +scores .*redacted' "$T/status"

# Delays pulled alone name units the store knows from an earlier pull.
reset
printf 'H99.02-251020-0007,H99.02,2.000815,Phòng Một cửa,2025-10-20,2025-10-24,2025-10-28,Thiếu chữ ký,có,2025-10-24,2025-10-28\n' \
	>>"$S/delays.csv"
expect_ok "delays alone, for units the store knows" "$GEN" -c "$S/site.ini" pull --month $M --source delays
check "the new late dossier is stored, 4 days late" [ "$(q "SELECT days_late FROM delay
	WHERE dossier = 'H99.02-251020-0007'")" -eq 4 ]
check "the scores were not touched" [ "$(q "SELECT version FROM month_kind WHERE kind = 'scores'")" -eq 1 ]

# --- pathological inputs: a clear failure (or success) in bounded time, never a crash --
P="$T/patho" && mkdir -p "$P"
python3 - "$P" <<'PY'
import sys
d = sys.argv[1]
head = "Tháng,Mã đơn vị,Tên đơn vị,Cấp,CKMB,TDGQ,CLGQ,TTTT,MDHL,MDSH,Tổng điểm\n"
open(d + "/deep.json", "w").write("[" * 100000 + "]" * 100000)
open(d + "/deepobj.json", "w").write('{"data":' * 50000 + "[]" + "}" * 50000)
open(d + "/wide.csv", "w").write(head.rstrip("\n") + "," + ",".join("c%d" % i for i in range(50000))
                                 + "\n2025-10,H99,Tỉnh,tinh,17,18,11,9,16,20,91\n")
open(d + "/long.csv", "w").write(head + "2025-10,H99," + "x" * 5000000 + ",tinh,17,18,11,9,16,20,91\n")
open(d + "/quotes.csv", "w").write('"' * 1000001)
open(d + "/rows.csv", "w").write(head + "2025-10,H99,Tỉnh,tinh,17,18,11,9,16,20,91\n" + "\n" * 200000
                                 + "2025-10,H99.01,Sở,so-nganh,17,18,11,9,16,20,999\n")
PY
# patho FILE FORMAT: runs the pull under a time limit; sets rc.
patho() {
	printf '[source.s]\nkind = scores\nformat = %s\nurl = file:%s\n' "$2" "$1" >"$P/site.ini"
	timeout 60 "$GEN" -c "$P/site.ini" pull --month $M >"$T/out" 2>"$T/err"
	rc=$?
}
patho deep.json dvcqg-legacy
check "100000 nested arrays: refused (exit $rc)" sh -c "[ $rc -eq 1 ] && grep -q 'deep.json:1:[0-9]*: invalid JSON: maximum parsing depth' '$T/err'"
patho deepobj.json dvcqg-legacy
check "50000 nested objects: refused (exit $rc)" sh -c "[ $rc -eq 1 ] && grep -q 'invalid JSON: maximum parsing depth' '$T/err'"
patho wide.csv csv
check "50000 extra columns: imported, the extra ones dropped (exit $rc)" [ "$rc" -eq 0 ]
check "50000 extra columns: the archive keeps only the known ones" [ "$(sqlite3 "$P/data/gen.db" \
	"SELECT length(body) < 200 FROM fetch ORDER BY id DESC LIMIT 1")" -eq 1 ]
patho long.csv csv
check "a 5 MB field: handled in time (exit $rc)" [ "$rc" -eq 0 ]
patho quotes.csv csv
check "a million quotes: refused (exit $rc)" sh -c "[ $rc -eq 1 ] && grep -q 'quotes.csv: a quoted field is never closed' '$T/err'"
patho rows.csv csv
check "200000 blank lines: the bad row's line number is still right (exit $rc)" \
	sh -c "[ $rc -eq 1 ] && grep -q 'rows.csv:200003: total 999.00' '$T/err'"
