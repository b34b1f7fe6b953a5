#!/bin/sh
# The store over several pulls: unchanged data writes no new version, changed data is a
# correction, backups are made and pruned, gen check finds every problem planted in a
# store, and a pull killed in the middle leaves all or none of the month.
. "$TESTS/lib.sh"
. "$TESTS/httpd.sh"

M=2025-10
D="$T/site"
DB="$D/data/gen.db"
mkdir -p "$D"
cat >"$T/scores.csv" <<'EOF'
Tháng,Mã đơn vị,Tên đơn vị,Cấp,CKMB,TDGQ,CLGQ,TTTT,MDHL,MDSH,Tổng điểm
2025-10,H99,Tỉnh Thử Nghiệm,tinh,17,18,11,9,16,20,91
2025-10,H99.01,Sở Tư pháp,so-nganh,18,19.5,11,9.25,17.5,20,95.25
2025-10,H99.02,Sở Y tế,so-nganh,16,17,10,8,15,19,85
2025-10,H99.100,Xã An Bình,xa-phuong,15,16,9,7,14,18,79
EOF
cat >"$D/delays.csv" <<'EOF'
Số hồ sơ,Mã đơn vị,Mã TTHC,Người chịu trách nhiệm,Ngày tiếp nhận,Hạn trả,Ngày trả,Lý do,Đã xin lỗi,Ngày xin lỗi,Hẹn trả mới
H99.100-251003-0012,H99.100,2.000815,Nguyễn Văn An (công chức Tư pháp - Hộ tịch),03/10/2025,08/10/2025,13/10/2025,Chờ xác minh,có,08/10/2025,13/10/2025
H99.01-251010-0001,H99.01,1.001234,Phòng Hành chính,2025-10-10,2025-10-20,,Thiếu hồ sơ,không,,
EOF
cp "$T/scores.csv" "$D/scores.csv"
# ini [store lines]: scores and delays from the files in $D.
ini() {
	{
		printf '[source.scores]\nkind = scores\nformat = csv\nurl = file:scores.csv\n'
		printf '[source.delays]\nkind = delays\nformat = csv\nurl = file:delays.csv\n'
		printf '[store]\n'
		for l in "$@"; do echo "$l"; done
	} >"$D/site.ini"
}
q() { sqlite3 "$DB" "$1"; }
pull() { "$GEN" -c "$D/site.ini" pull --month $M "$@"; }
nbackups() { find "$D/data/backups" -name 'gen-*.db' 2>/dev/null | wc -l; }
# The store's content without the run log.
content() {
	sqlite3 "$1" "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'run'
		ORDER BY name" | while read -r t; do sqlite3 "$1" ".dump $t"; done | sha256sum
}
# set_total UNIT TDGQ TOTAL: rewrites one unit's TDGQ score and total in $D/scores.csv.
set_total() {
	awk -F, -v u="$1" -v g="$2" -v t="$3" 'BEGIN { OFS = "," }
		$2 == u { $6 = g; $11 = t } { print }' "$T/scores.csv" >"$D/scores.csv"
}

ini "backups = 2"
expect_ok "first pull" pull
check "first pull: scores and delays at version 1" \
	[ "$(q "SELECT group_concat(kind || version, ' ') FROM (SELECT * FROM month_kind ORDER BY kind)")" = "delays1 scores1" ]
check "first pull: no backup (there was no store)" [ "$(nbackups)" -eq 0 ]

# --- the same data again -------------------------------------------------------------
before=$(content "$DB")
expect_ok "re-pulling the same data" pull
check "re-pull says unchanged for scores" grep -qE "$M scores +4 rows +unchanged, nothing written" "$T/err"
check "re-pull says unchanged for delays" grep -qE "$M delays +2 rows +unchanged, nothing written" "$T/err"
check "re-pull: the store's content is unchanged" [ "$(content "$DB")" = "$before" ]
check "re-pull: no new version" \
	[ "$(q "SELECT group_concat(kind || version, ' ') FROM (SELECT * FROM month_kind ORDER BY kind)")" = "delays1 scores1" ]
check "re-pull: no backup of an unchanged store" [ "$(nbackups)" -eq 0 ]
check "re-pull: no correction, no new archived response" \
	[ "$(q "SELECT (SELECT count(*) FROM correction) || ' ' || (SELECT count(*) FROM fetch)")" = "0 2" ]

# --- a correction --------------------------------------------------------------------
set_total H99.01 19.4 95.15
before=$(db_fingerprint "$DB")
expect_ok "pulling changed data for a month in the store" pull
check "the pull reports a correction" grep -qE "$M scores +4 rows +corrected" "$T/err"
check "the pull names the unit and old → new total" grep -q 'H99.01 Sở Tư pháp: 95.25 → 95.15' "$T/err"
check "the unchanged delays stay as they were" grep -qE "$M delays +2 rows +unchanged" "$T/err"
check "the correction bumps the version" \
	[ "$(q "SELECT version FROM month_kind WHERE month = '$M' AND kind = 'scores'")" -eq 2 ]
check "the new total is stored" [ "$(q "SELECT total FROM score WHERE unit = 'H99.01'")" -eq 9515 ]
check "both responses stay archived" \
	[ "$(q "SELECT count(*) FROM fetch WHERE month = '$M' AND kind = 'scores'")" -eq 2 ]
check "a backup was made before the import" [ "$(nbackups)" -eq 1 ]
check "the backup is the store as it was before the pull" \
	[ "$(db_fingerprint "$(find "$D/data/backups" -name 'gen-*.db')")" = "$before" ]
"$GEN" -c "$D/site.ini" status >"$T/status" 2>&1
check "gen status lists the correction with the unit and old → new total" \
	grep -qE "^  $M +scores +v2 .*H99\.01 Sở Tư pháp: 95\.25 → 95\.15" "$T/status"
check "gen status shows the versions" grep -qE "^  $M +delays v1, scores v2" "$T/status"
# A unit added and a unit dropped.
{ sed '/^2025-10,H99.02,/d' "$D/scores.csv"; echo '2025-10,H99.101,Phường Mới,xa-phuong,15,16,9,7,14,18,79'; } \
	>"$T/s2.csv" && mv "$T/s2.csv" "$D/scores.csv"
expect_ok "pulling data with a unit added and one dropped" pull
check "the correction names the unit dropped" grep -q 'H99.02: bỏ khỏi bảng xếp hạng (removed)' "$T/err"
check "the correction names the unit added" grep -q 'H99.101 Phường Mới: thêm mới (added)' "$T/err"
check "the version is 3" [ "$(q "SELECT version FROM month_kind WHERE kind = 'scores'")" -eq 3 ]

# --- backups -------------------------------------------------------------------------
# Pulls in the same second must still keep the newest copies.
for v in 1 2 3 4; do
	set_total H99.01 "19.$v" "$(awk "BEGIN { printf \"%.2f\", 94.75 + $v / 10 }")"
	pull >/dev/null 2>&1
	eval "fp$v=\$(db_fingerprint \"\$DB\")"
done
check "backups = 2 keeps two backups" [ "$(nbackups)" -eq 2 ]
kept=$(find "$D/data/backups" -name 'gen-*.db' | while read -r b; do db_fingerprint "$b"; done | sort)
want=$(printf '%s\n%s\n' "$fp2" "$fp3" | sort)
check "the two kept are the newest: the stores before the last two pulls" [ "$kept" = "$want" ]
last=$("$GEN" -c "$D/site.ini" status | sed -n '/^Backups/,$p' | tail -1 | awk '{ print $1 }')
check "gen status lists the newest backup last" \
	[ "$(db_fingerprint "$D/data/backups/$last")" = "$fp3" ]
ini "backups = 0"
set_total H99.01 19 94.75
expect_ok "a pull with backups = 0" pull
check "backups = 0 makes no new backup" [ "$(nbackups)" -eq 2 ]
ini "backups = 2"

# --- many months in one pull ----------------------------------------------------------
# A pull reads and writes a month at a time, in one transaction: the backup is made at the
# first month that changes something, whichever it is, and a month that fails takes back the
# months before it, their backup too, and prunes no older backup.
P="$T/months" && mkdir -p "$P"
printf '[source.scores]\nkind = scores\nformat = csv\nurl = file:s-{yyyy-mm}.csv\n[store]\nbackups = 1\n' \
	>"$P/site.ini"
for m in 2025-08 2025-09 2025-10; do sed "s/^2025-10,/$m,/" "$T/scores.csv" >"$P/s-$m.csv"; done
pullp() { "$GEN" -c "$P/site.ini" pull --month 2025-08:2025-10 "$@"; }
pbackups() { find "$P/data/backups" -name 'gen-*.db' 2>/dev/null; }
expect_ok "months: a first pull of three months" pullp
check "months: all three are in the store" [ "$(sqlite3 "$P/data/gen.db" \
	"SELECT group_concat(month, ' ') FROM (SELECT DISTINCT month FROM score ORDER BY month)")" = \
	"2025-08 2025-09 2025-10" ]
check "months: ranked, each month" [ "$(sqlite3 "$P/data/gen.db" \
	"SELECT count(*) FROM score WHERE rank IS NULL")" -eq 0 ]
check "months: no backup of no store" [ -z "$(pbackups)" ]
sed -i '/,H99.01,/s/,19.5,11,9.25,17.5,20,95.25$/,19.4,11,9.25,17.5,20,95.15/' "$P/s-2025-10.csv"
before=$(db_fingerprint "$P/data/gen.db")
expect_ok "months: the last month of three corrected" pullp
check "months: the first two are unchanged" \
	[ "$(grep -cE "2025-0[89] scores +4 rows +unchanged" "$T/err")" -eq 2 ]
check "months: the last is corrected" grep -qE "2025-10 scores +4 rows +corrected" "$T/err"
check "months: one backup, made when the last month changed" [ "$(pbackups | wc -l)" -eq 1 ]
check "months: the backup is the store as it was before the pull" \
	[ "$(db_fingerprint "$(pbackups)")" = "$before" ]
check "months: the new total is stored" [ "$(sqlite3 "$P/data/gen.db" \
	"SELECT total FROM score WHERE month = '2025-10' AND unit = 'H99.01'")" -eq 9515 ]
kept=$(pbackups)
kept_fp=$(db_fingerprint "$kept")
expect_ok "months: the same three again" pullp
check "months: unchanged again, no new backup" [ "$(pbackups)" = "$kept" ]
# 2025-09 changes, then 2025-10 fails: backups = 1 would have pruned the kept backup.
sed -i '/,H99.02,/s/,17,10,8,15,19,85$/,17,10,8,15,18,84/' "$P/s-2025-09.csv"
sed -i '/,H99.02,/s/,85$/,86/' "$P/s-2025-10.csv"
before=$(db_fingerprint "$P/data/gen.db")
expect_fail "months: a bad last month fails the pull" "pull 2025-10: .*s-2025-10.csv:4: total" pullp
check "months: the store is as it was" [ "$(db_fingerprint "$P/data/gen.db")" = "$before" ]
check "months: 2025-09's correction is not in the store" [ "$(sqlite3 "$P/data/gen.db" \
	"SELECT total FROM score WHERE month = '2025-09' AND unit = 'H99.02'")" -eq 8500 ]
check "months: the backup made for 2025-09 is gone, the older one kept" [ "$(pbackups)" = "$kept" ]
check "months: the kept backup is unchanged" [ "$(db_fingerprint "$kept")" = "$kept_fp" ]
check "months: no temporary backup left" [ -z "$(find "$P/data/backups" -name '*.tmp')" ]

# --- gen check -----------------------------------------------------------------------
expect_ok "gen check passes on a good store" "$GEN" -c "$D/site.ini" check
check "gen check says so" grep -q 'the store and the site are consistent' "$T/err"
mkdir -p "$T/bad"
cp "$D/site.ini" "$D/scores.csv" "$D/delays.csv" "$T/bad/"
mkdir -p "$T/bad/data" && cp "$DB" "$T/bad/data/gen.db"
sqlite3 "$T/bad/data/gen.db" "
	UPDATE score SET total = total + 50 WHERE month = '$M' AND unit = 'H99.01';
	UPDATE fetch SET body = CAST(body || 'x' AS BLOB) WHERE id = (SELECT min(id) FROM fetch);
	UPDATE score SET rank = NULL WHERE month = '$M' AND unit = 'H99.100';
	UPDATE delay SET unit = 'H99.77' WHERE dossier = 'H99.01-251010-0001';
	DELETE FROM score_group WHERE month = '$M' AND unit = 'H99' AND grp = 'MDHL';"
expect_fail "gen check fails on a corrupted store" "check: 6 problems found" \
	"$GEN" -c "$T/bad/site.ini" check
check "it reports the changed total" grep -q "check: totals: $M H99.01: total 9525 (hundredths) differs" "$T/err"
check "it reports the missing group score" grep -q "check: groups: $M H99: has 5 group scores, expected 6" "$T/err"
check "it reports the total that no longer matches the groups" grep -q "check: totals: $M H99: total" "$T/err"
check "it reports the missing rank" grep -q "check: ranks: $M H99.100: no rank" "$T/err"
check "it reports the late dossier of an unknown unit" \
	grep -q "check: units: $M H99.01-251010-0001: late dossier of unknown unit H99.77" "$T/err"
check "it reports the archived body that does not match its hash" \
	grep -qE "check: archive: fetch 1 \($M (scores|delays)\): the stored body does not match its SHA-256" "$T/err"
check "gen check changed nothing" [ "$(sqlite3 "$T/bad/data/gen.db" "SELECT total FROM score WHERE unit = 'H99.01'")" -eq 9525 ]
# The late-dossier pages name units without a join (site_pages.c): a dossier whose unit the
# store does not know is still listed, under the unit's code.
mkdir -p "$T/unk/data" && cp "$DB" "$T/unk/data/gen.db"
sqlite3 "$T/unk/data/gen.db" "UPDATE delay SET unit = 'H99.77' WHERE dossier = 'H99.01-251010-0001'"
demo_config "$T/unk"
expect_ok "a store with a dossier of an unknown unit builds" \
	"$GEN" -c "$T/unk/site.ini" -q build --out "$T/unk/out"
check "its field page lists that dossier, the unit named by its code" \
	grep -rqE 'H99.01-251010-0001</th><td><a href="[^"]*co-quan/h99-77/">H99.77</a>' \
	"$T/unk/out/tre-han/$M"

# --- killed pulls --------------------------------------------------------------------
# A pull killed while it waits for a slow server.
mkdir -p "$T/srv"
cp "$D/scores.csv" "$T/srv/scores.csv"
start_httpd "$T/srv"
before=$(db_fingerprint "$DB")
nb=$(nbackups)
sed -i "s|url = file:scores.csv|url = $URL/slow/20/scores.csv|" "$D/site.ini"
pull >/dev/null 2>&1 &
pid=$!
wait_for grep -q 'slow/20/scores.csv sleeping' "$HTTPD_LOG"
check "killed mid-fetch: the server was answering slowly" grep -q 'sleeping' "$HTTPD_LOG"
sleep 0.3
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
check "killed mid-fetch: the store is unchanged" [ "$(db_fingerprint "$DB")" = "$before" ]
check "killed mid-fetch: no new backup" [ "$(nbackups)" -eq "$nb" ]
expect_ok "killed mid-fetch: gen check accepts the store" "$GEN" -c "$D/site.ini" check
ini "backups = 2"

# A pull killed inside its import transaction: a new month big enough to take a while.
awk 'BEGIN { print "Tháng,Mã đơn vị,Tên đơn vị,Cấp,CKMB,TDGQ,CLGQ,TTTT,MDHL,MDSH,Tổng điểm"
	for (i = 1; i <= 30000; i++) { c = i % 18
		printf "2025-11,H99.%d,Xã số %d,xa-phuong,%d,18,11,9,16,20,%d\n", i + 1000, i, c, c + 74 } }' \
	>"$D/big.csv"
printf '[source.big]\nkind = scores\nformat = csv\nurl = file:big.csv\n' >>"$D/site.ini"
before=$(content "$DB")
"$GEN" -c "$D/site.ini" pull --month 2025-11 --source big >/dev/null 2>&1 &
pid=$!
while [ ! -e "$DB-journal" ] && kill -0 "$pid" 2>/dev/null; do :; done
journal=0
[ -e "$DB-journal" ] && journal=1
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
check "killed mid-import: it was killed inside the transaction" [ "$journal" -eq 1 ]
expect_ok "killed mid-import: gen check accepts the store" "$GEN" -c "$D/site.ini" check
n=$(q "SELECT count(*) FROM score WHERE month = '2025-11'")
check "killed mid-import: all or none of the month ($n rows)" \
	sh -c "[ '$n' -eq 0 ] || [ '$n' -eq 30000 ]"
check "killed mid-import: no version without its rows" [ "$(q "SELECT count(*) FROM month_kind
	WHERE month = '2025-11'")" -eq "$([ "$n" -eq 0 ] && echo 0 || echo 1)" ]
if [ "$n" -eq 0 ]; then
	check "killed mid-import: the store is as it was" [ "$(content "$DB")" = "$before" ]
fi
expect_ok "after the kill, the pull runs again" \
	"$GEN" -c "$D/site.ini" pull --month 2025-11 --source big
check "and imports the whole month" [ "$(q "SELECT count(*) FROM score WHERE month = '2025-11'")" -eq 30000 ]
expect_ok "and gen check accepts it" "$GEN" -c "$D/site.ini" check

# The same on the first pull of all, into no store: the store is made aside, as gen.db.new,
# and put in place once committed, so a kill leaves no gen.db, or one with the whole month.
N="$T/new" && mkdir -p "$N" && cp "$D/big.csv" "$N/"
printf '[source.big]\nkind = scores\nformat = csv\nurl = file:big.csv\n' >"$N/site.ini"
"$GEN" -c "$N/site.ini" pull --month 2025-11 >/dev/null 2>&1 &
pid=$!
while [ ! -e "$N/data/gen.db.new-journal" ] && kill -0 "$pid" 2>/dev/null; do :; done
journal=0
[ -e "$N/data/gen.db.new-journal" ] && journal=1
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
check "first pull killed mid-import: it was killed inside the transaction" [ "$journal" -eq 1 ]
if [ -e "$N/data/gen.db" ]; then
	n=$(sqlite3 "$N/data/gen.db" "SELECT count(*) FROM score")
	check "first pull killed mid-import: a store in place has the whole month" [ "$n" -eq 30000 ]
else
	ok "first pull killed mid-import: no store in place"
	expect_fail "first pull killed mid-import: gen build says there is no store yet" \
		"gen.db: no store yet: run 'gen pull' first" "$GEN" -c "$N/site.ini" build
fi
expect_ok "first pull killed mid-import: the pull runs again" "$GEN" -c "$N/site.ini" pull --month 2025-11
check "first pull killed mid-import: and imports the whole month" \
	[ "$(sqlite3 "$N/data/gen.db" "SELECT count(*) FROM score")" -eq 30000 ]
check "first pull killed mid-import: no gen.db.new or journal left" \
	[ -z "$(find "$N/data" -name 'gen.db.new*')" ]
expect_ok "first pull killed mid-import: gen check accepts the store" "$GEN" -c "$N/site.ini" check

# Killed while the new store is being made: no store, or one gen check accepts.
for i in 1 2 3; do
	N="$T/new$i" && mkdir -p "$N" && cp "$T/new/site.ini" "$N/"
	head -3001 "$T/new/big.csv" >"$N/big.csv"
	"$GEN" -c "$N/site.ini" pull --month 2025-11 >/dev/null 2>&1 &
	pid=$!
	while [ ! -d "$N/data" ] && kill -0 "$pid" 2>/dev/null; do :; done
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	if [ -e "$N/data/gen.db" ]; then
		expect_ok "killed making the store ($i): gen check accepts what is there" \
			"$GEN" -c "$N/site.ini" check
	else
		ok "killed making the store ($i): no store"
	fi
	expect_ok "killed making the store ($i): the next pull works" \
		"$GEN" -c "$N/site.ini" pull --month 2025-11
done

# A backup that cannot be made stops the import.
ini "backup_dir = scores.csv/backups"
set_total H99.01 19.3 95.05
before=$(db_fingerprint "$DB")
expect_fail "a backup that cannot be made" \
	"backup before import failed, nothing imported: .*scores.csv/backups" pull
check "a backup that cannot be made: the store is unchanged" [ "$(db_fingerprint "$DB")" = "$before" ]
if [ -n "${VERBOSE:-}" ]; then sed "s/^/#    /" "$T/err"; fi

# A full disk, played by a file size limit (with SIGXFSZ ignored, a write past it fails).
ini "backups = 2"
printf '[source.big]\nkind = scores\nformat = csv\nurl = file:big.csv\n' >>"$D/site.ini"
sqlite3 "$DB" "DELETE FROM month_kind WHERE month = '2025-11'; DELETE FROM score_group WHERE month = '2025-11';
	DELETE FROM score WHERE month = '2025-11'; VACUUM"
before=$(content "$DB")
limit=$(( $(wc -c <"$DB") / 512 + 40 ))
(trap '' XFSZ; ulimit -f "$limit"; exec "$GEN" -c "$D/site.ini" pull --month 2025-11 --source big) \
	>"$T/out" 2>"$T/err"
check "a full disk fails the pull (exit 1)" [ $? -eq 1 ]
check "a full disk: the message names the store, the disk and that nothing was imported" \
	grep -qE "data/gen.db: .*(disk I/O error|disk is full).*free space.*nothing was imported" "$T/err"
expect_ok "a full disk: gen check accepts the store" "$GEN" -c "$D/site.ini" check
check "a full disk: the store's content is as it was" [ "$(content "$DB")" = "$before" ]
N="$T/full" && mkdir -p "$N" && cp "$D/big.csv" "$T/new/site.ini" "$N/"
(trap '' XFSZ; ulimit -f 400; exec "$GEN" -c "$N/site.ini" pull --month 2025-11) >"$T/out" 2>"$T/err"
check "a full disk on the first pull fails (exit 1)" [ $? -eq 1 ]
check "a full disk on the first pull leaves no data/" [ ! -e "$N/data" ]
(trap '' XFSZ; ulimit -f 1; exec "$GEN" -c "$N/site.ini" pull --month 2025-11) >"$T/out" 2>"$T/err"
check "no room even for the schema: fails (exit 1)" [ $? -eq 1 ]
check "no room even for the schema: no data/" [ ! -e "$N/data" ]

# --- schema versions -----------------------------------------------------------------
# A store two migrations behind (version 2: no procedure_online, delay_field for delay_page)
# still builds, the very same site; the next pull brings it to the current version. A store newer than gen knows is
# refused by build and pull alike, and left as it is.
S="$T/schema" && mkdir -p "$S"
demo_config "$S"
expect_ok "schema: the sample pulls" "$GEN" -c "$S/site.ini" -q pull --month 2025-10:2026-10
cur=$(sqlite3 "$S/data/gen.db" "PRAGMA user_version")
check "schema: a new store is at the current version (4)" [ "$cur" -eq 4 ]
expect_ok "schema: the current store builds" "$GEN" -c "$S/site.ini" -q build --out "$S/v4"
sqlite3 "$S/data/gen.db" "DROP INDEX procedure_online; DROP INDEX delay_page; \
	CREATE INDEX delay_field ON delay(month, field); PRAGMA user_version = 2"
expect_ok "schema: a store of version 2 builds" "$GEN" -c "$S/site.ini" -q build --out "$S/v2"
check "schema: the same site from version 2 as from version 4" diff -r "$S/v4" "$S/v2"
expect_ok "schema: a pull migrates version 2" "$GEN" -c "$S/site.ini" -q pull --month 2026-10
check "schema: migrated to the current version" \
	[ "$(sqlite3 "$S/data/gen.db" "PRAGMA user_version")" = "$cur" ]
check "schema: the indexes procedure_online and delay_page are back, delay_field gone" \
	[ "$(sqlite3 "$S/data/gen.db" "SELECT group_concat(name) FROM (SELECT name FROM \
	sqlite_master WHERE name IN ('procedure_online', 'delay_page', 'delay_field') \
	ORDER BY name)")" = "delay_page,procedure_online" ]
sqlite3 "$S/data/gen.db" "PRAGMA user_version = 99"
before=$(db_fingerprint "$S/data/gen.db")
expect_fail "schema: build refuses a store newer than gen" \
	"gen.db: the store has schema version 99, newer than this gen knows \(4\): use a newer gen" \
	"$GEN" -c "$S/site.ini" build --out "$S/v99"
expect_fail "schema: pull refuses it too" "schema version 99, newer than this gen knows" \
	"$GEN" -c "$S/site.ini" pull --month 2026-10
check "schema: a refused store is left as it was" [ "$(db_fingerprint "$S/data/gen.db")" = "$before" ]
check "schema: a refused build writes no site" [ ! -e "$S/v99" ]

# --- reading while a pull writes -----------------------------------------------------
# A pull of several months writes each into its transaction once it is checked, and commits
# after the last. Meanwhile a build reads the store as it was, and a second pull waits for
# the lock, then says what holds it. The last month's first source is a FIFO: the pull
# waits on it until the test writes it.
R="$T/reading" && mkdir -p "$R/in"
cp -r "$REPO/content/sample/." "$R/in/"
demo_config "$R"
sed -i "s|file:$REPO/content/sample/|file:$R/in/|" "$R/site.ini"
rpull() { "$GEN" -c "$R/site.ini" "$@"; }
expect_ok "reading: the sample up to 2026-08" rpull -q pull --month 2025-10:2026-08
expect_ok "reading: its site" "$GEN" -c "$R/site.ini" -q build --out "$R/before"
mv "$R/in/diem/2026-10.csv" "$R/diem-2026-10.csv"
mkfifo "$R/in/diem/2026-10.csv"
rpull pull --month 2026-09:2026-10 >"$R/pull.out" 2>&1 &
pid=$!
PIDS="$PIDS $pid"
wait_for test -e "$R/data/gen.db-journal"
check "reading: the pull has written 2026-09 and waits for 2026-10" \
	sh -c "[ -e '$R/data/gen.db-journal' ] && kill -0 $pid"
expect_ok "reading: a build while the pull waits" "$GEN" -c "$R/site.ini" -q build --out "$R/during"
check "reading: the build shows the store as it was" diff -r "$R/before" "$R/during"
expect_fail "reading: a second pull waits for the lock, then says what holds it" \
	"gen.db: database is locked \(another gen command is using the store: run this again when it has finished\)" \
	rpull pull --month 2026-09
timeout 10 sh -c "cat '$R/diem-2026-10.csv' >'$R/in/diem/2026-10.csv'" || kill "$pid"
wait "$pid"
check "reading: the pull finishes once it can read 2026-10" [ $? -eq 0 ]
check "reading: and imports both months" [ "$(sqlite3 "$R/data/gen.db" \
	"SELECT count(DISTINCT month) FROM score WHERE month >= '2026-09'")" -eq 2 ]
check "reading: it reports 2026-09 as new" grep -qE "2026-09 scores +[0-9]+ rows +imported" "$R/pull.out"
