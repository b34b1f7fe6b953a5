#!/bin/sh
# The portal's v1 answers (six endpoints joined per unit), the national table in every
# format, and procedures as JSON: good data imports, bad data fails naming the file,
# record and field, and leaves the store as it was.
. "$TESTS/lib.sh"

FX="$TESTS/fixtures/dvcqg-v1/phu-tho-2026-q3"
M=2026-09
S="$T/s"
F="$T/fresh"
EPS="transparency dvc-progress-tree provide-online-tree formality-online-payment-tree
handling-satisfaction dossier-digitized"
mkdir -p "$S" "$F"

# v1_ini [ENDPOINT...]: scores from those endpoints' files in $S (default: all six).
v1_ini() {
	for e in ${*:-$EPS}; do
		printf '[source.%s]\nkind = scores\nformat = dvcqg-v1\nurl = file:%s.json\n' "$e" "$e"
	done >"$S/site.ini"
}
reset() { cp "$FX"/*.json "$S/" && v1_ini "$@"; }
nbackups() { find "$S/data/backups" -name 'gen-*.db' 2>/dev/null | wc -l; }
q() { sqlite3 "$S/data/gen.db" "$1"; }
# bad DESC PATTERN [pull options]: as in t-import-bad.sh.
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
	(cd "$S" && cp -- *.json site.ini "$F/")
	"$GEN" -c "$F/site.ini" pull "$@" >/dev/null 2>&1
	check "$b_d: also fails without a store (exit 1)" [ $? -eq 1 ]
	check "$b_d: no data/ created without a store" [ ! -e "$F/data" ]
}
# jedit FILE PYTHON: edits the JSON document d of $S/FILE.
jedit() {
	python3 - "$S/$1" "$2" <<'PY'
import json, sys
p = sys.argv[1]
d = json.load(open(p, encoding="utf-8"))
exec(sys.argv[2])
json.dump(d, open(p, "w", encoding="utf-8"), ensure_ascii=False)
PY
}

reset
expect_ok "the six v1 endpoints import" "$GEN" -c "$S/site.ini" pull --month $M
check "164 units joined on departmentId" [ "$(q "SELECT count(*) FROM score")" -eq 164 ]
check "every unit has a code from the tree endpoints" \
	[ "$(q "SELECT count(*) FROM score WHERE unit NOT LIKE 'H44%'")" -eq 0 ]
check "sub-indicators are kept" [ "$(q "SELECT count(DISTINCT code) FROM metric")" -ge 10 ]
check "null scores stay null, not 0" [ "$(q "SELECT count(*) FROM metric WHERE score IS NULL")" -eq 334 ]
check "null ratios stay null, not 0" [ "$(q "SELECT count(*) FROM metric WHERE ratio IS NULL")" -eq 6 ]
check "null numerators and denominators stay null, not 0" \
	[ "$(q "SELECT count(*) FROM metric WHERE numerator IS NULL AND denominator IS NULL")" -eq 164 ]
check "counts are kept" [ "$(q "SELECT count(*) FROM unit_count WHERE key = 'totalReceived'")" -gt 0 ]
expect_ok "gen check accepts the v1 store" "$GEN" -c "$S/site.ini" check

reset transparency dvc-progress-tree provide-online-tree handling-satisfaction dossier-digitized
bad "an endpoint missing" "transparency.json: overview\[0\] \(departmentId [0-9a-f-]+\): unit H44: no score for group TTTT" \
	--month $M
reset
jedit dvc-progress-tree.json 'd["data"]["children"][3]["score"] = 25'
bad "a score above the group maximum" \
	"dvc-progress-tree.json: children\[3\] \(departmentId [0-9a-f-]+\): score: expected a score from 0 to the maximum of TDGQ" \
	--month $M
reset
jedit dvc-progress-tree.json 'd["data"]["children"][3]["score"] = "abc"'
bad "\"abc\" as a v1 score" "dvc-progress-tree.json: children\[3\] .*: score: expected a score" --month $M
reset
jedit handling-satisfaction.json 'd["data"]["evaluation"].append(d["data"]["evaluation"][5])'
bad "a unit twice in one endpoint" "handling-satisfaction.json: evaluation\[[0-9]+\] \(departmentId [0-9a-f-]+\): unit appears twice in handling-satisfaction" \
	--month $M
reset
jedit transparency.json 'd["data"]["evaluation"][2]["metrics"][0]["numerator"] = {"n": 1}'
bad "a metric with an object for its numerator" \
	"transparency.json: evaluation\[2\] .*: metric \"PUBLISH_ON_TIME\": expected code, whole numerator" --month $M
reset
jedit transparency.json 'd["code"] = "UNAUTHORIZED"; d["message"] = "Phiên đăng nhập hết hạn"'
bad "the portal's error envelope" "transparency.json: the portal answered code \"UNAUTHORIZED\": Phiên đăng nhập hết hạn" \
	--month $M
reset
jedit transparency.json 'd["data"]["pagination"] = {"currentPage": 1, "totalPages": 3, "pageSize": 50}'
bad "a paged answer" "transparency.json: the answer has 3 pages" --month $M
reset
jedit transparency.json 'd["data"]["evaluation"] = []'
bad "an empty list" "transparency.json: data.evaluation: expected a non-empty list of units" --month $M
reset
head -c 5000 "$FX/transparency.json" >"$S/transparency.json"
bad "a truncated v1 answer" "transparency.json:1:[0-9]+: invalid JSON" --month $M
reset
sed -i 's|url = file:transparency.json|url = file:minh-bach.json|' "$S/site.ini"
cp "$S/transparency.json" "$S/minh-bach.json"
bad "an endpoint gen cannot tell from the url" \
	"\[source.transparency\]: cannot tell which evaluation endpoint .*minh-bach.json is; set endpoint =" --month $M
sed -i 's/^url = file:minh-bach.json$/&\nendpoint = transparency/' "$S/site.ini"
expect_ok "the endpoint key names it" "$GEN" -c "$S/site.ini" pull --month $M
check "  and the data is the same (unchanged)" grep -qE "$M scores +164 rows +unchanged" "$T/err"

# Citizens' data in keys gen does not read.
reset
jedit handling-satisfaction.json 'd["data"]["evaluation"][0]["nguoiDanhGia"] = {"hoTen": "Đinh Thị Thu Trang", "soDienThoai": "0934567890"}; d["data"]["evaluation"][1]["metrics"][0]["cccd"] = "025190001122"'
V="$T/pii" && rm -rf "$V" && mkdir -p "$V" && cp "$S"/*.json "$S/site.ini" "$V/"
expect_ok "v1 answers with extra keys holding personal data import" \
	"$GEN" -c "$V/site.ini" pull --month $M
sqlite3 "$V/data/gen.db" .dump >"$T/dump"
for secret in 'Đinh Thị Thu Trang' 0934567890 025190001122 nguoiDanhGia; do
	check "v1: \"$secret\" is nowhere in the store's bytes" sh -c "! grep -raq '$secret' '$V/data'"
	check "v1: \"$secret\" is nowhere in sqlite3 .dump" sh -c "! grep -q '$secret' '$T/dump'"
done
check "v1: only that fetch is marked redacted" [ "$(sqlite3 "$V/data/gen.db" \
	"SELECT group_concat(source) FROM fetch WHERE redacted = 1")" = handling-satisfaction ]

# --- the national table ----------------------------------------------------------------
# nat FORMAT FILE: one national source.
nat() { printf '[source.nat]\nkind = national\nformat = %s\nurl = file:%s\n' "$1" "$2" >"$S/site.ini"; }
python3 - "$S" <<'PY'
import json, sys
d = sys.argv[1]
provs = [("H44", "Phú Thọ", [18, 20, 11, 9, 16, 20]), ("H01", "An Giang", [17, 18, 11, 9, 16, 20]),
         ("H02", "Bắc Ninh", [16, 18, 11, 9, 16, 19.5])]
codes = ["CKMB", "TDGQ", "CLGQ", "TTTT", "MDHL", "MDSH"]
v1 = [{"departmentCode": c, "departmentName": n, "totalScore": sum(g),
       "groupScores": dict(zip(codes, g))} for c, n, g in provs]
json.dump({"code": "OK", "data": v1, "message": ""}, open(d + "/nat-v1.json", "w"), ensure_ascii=False)
leg = [dict({"TEN": n, "MA_COQUAN": c, "TONG_SCORE": str(sum(g)), "ROW_STT": str(i + 1)},
            **{k: str(v) for k, v in zip(codes, g)}) for i, (c, n, g) in enumerate(provs)]
json.dump(leg, open(d + "/nat-legacy.json", "w"), ensure_ascii=False)
with open(d + "/nat.csv", "w") as f:
    f.write("Tháng,Mã tỉnh,Tên tỉnh," + ",".join(codes) + ",Tổng điểm\n")
    for c, n, g in provs:
        f.write("2026-09,%s,%s,%s,%s\n" % (c, n, ",".join(str(x) for x in g), sum(g)))
PY
for fmt in dvcqg-v1:nat-v1.json dvcqg-legacy:nat-legacy.json csv:nat.csv; do
	V="$T/nat-${fmt%%:*}" && rm -rf "$V" && mkdir -p "$V" && cp "$S/${fmt#*:}" "$V/"
	nat "${fmt%%:*}" "${fmt#*:}" && cp "$S/site.ini" "$V/"
	expect_ok "national table, ${fmt%%:*}: imports" "$GEN" -c "$V/site.ini" pull --month $M
	check "national table, ${fmt%%:*}: three provinces ranked" [ "$(sqlite3 "$V/data/gen.db" \
		"SELECT group_concat(code || ':' || rank || ':' || total, ' ') FROM
		 (SELECT * FROM national ORDER BY rank)")" = "H44:1:9400 H01:2:9100 H02:3:8950" ]
	check "national table, ${fmt%%:*}: group scores kept" [ "$(sqlite3 "$V/data/gen.db" \
		"SELECT score FROM national_group WHERE code = 'H02' AND grp = 'MDSH'")" -eq 1950 ]
done
nat dvcqg-v1 nat-v1.json
jedit nat-v1.json 'd["data"][1]["groupScores"]["CKMB"] = 25; d["data"][1]["groupScores"]["TDGQ"] = 10'
bad "national v1: a group above its maximum" \
	"nat-v1.json: record 2 \(departmentCode H01\): groupScores.CKMB: expected a score from 0 to the group's maximum, 18.00" \
	--month $M
jedit nat-v1.json 'd["data"][1]["groupScores"]["CKMB"] = 17; d["data"][1]["groupScores"]["TDGQ"] = 18; d["data"][2]["totalScore"] = 88'
bad "national v1: a total that does not add up" \
	"nat-v1.json: record 3 \(departmentCode H02\): total 88.00 does not equal the sum of the groups, 89.50" --month $M
nat dvcqg-legacy nat-legacy.json
jedit nat-legacy.json 'd[0]["MA_COQUAN"] = "H01"'
bad "national legacy: a province twice" "nat-legacy.json: record 2 \(MA_COQUAN H01\): province H01 appears twice in the month \(also at .*record 1" \
	--month $M
nat csv nat.csv
sed -i '3s/,17,18,/,17,-1,/' "$S/nat.csv"
bad "national CSV: a negative score" "nat.csv:3: TDGQ: expected a score from 0 to 20.00.*got \"-1\"" --month $M

# --- procedures as JSON --------------------------------------------------------------
printf '[source.proc]\nkind = procedures\nformat = json\nurl = file:proc.json\n' >"$S/site.ini"
cat >"$S/proc.json" <<'EOF'
{"data": [
 {"code": "2.000815", "name": "Đăng ký khai sinh", "field": "Hộ tịch", "online_level": "toàn trình",
  "documents": ["Tờ khai", "Giấy chứng sinh"], "steps": ["Nộp hồ sơ", "Nhận kết quả"],
  "online_url": "https://dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc-nganh-doc.html?ma_thu_tuc=2.000815",
  "dossiers": 120},
 {"code": "1.001234", "name": "Cấp phiếu lý lịch tư pháp", "field": "Lý lịch tư pháp", "online_level": "một phần"}
]}
EOF
cp "$S/proc.json" "$T/proc.json"
V="$T/proc" && rm -rf "$V" && mkdir -p "$V" && cp "$S/proc.json" "$S/site.ini" "$V/"
expect_ok "procedures JSON imports" "$GEN" -c "$V/site.ini" pull --month $M
check "procedures JSON: documents one per line" [ "$(sqlite3 "$V/data/gen.db" \
	"SELECT documents FROM procedure WHERE code = '2.000815'")" = "Tờ khai
Giấy chứng sinh" ]
sed -i 's/"toàn trình"/"trực tiếp"/' "$S/proc.json"
bad "procedures JSON: a bad online level" \
	"proc.json: record 1 \(code 2.000815\): online_level: expected \"toàn trình\", \"một phần\" or empty, got \"trực tiếp\"" \
	--month $M
cp "$T/proc.json" "$S/proc.json" && sed -i 's/"dossiers": 120/"dossiers": 12.5/' "$S/proc.json"
bad "procedures JSON: a fractional dossier count" "proc.json: record 1 \(code 2.000815\): dossiers: expected a whole number" \
	--month $M
cp "$T/proc.json" "$S/proc.json" && sed -i 's/"1.001234"/"1001234"/' "$S/proc.json"
bad "procedures JSON: a bad code" "proc.json: record 2 \(code 1001234\): Mã TTHC \"1001234\": expected a digit, a dot and six digits" \
	--month $M
cp "$T/proc.json" "$S/proc.json" && sed -i 's|"https://dichvucong|"javascript:alert(1)//dichvucong|' "$S/proc.json"
bad "procedures JSON: a link that is not http(s)" "proc.json: record 1 \(code 2.000815\): procedure 2.000815: Nộp trực tuyến: expected an https:// link" \
	--month $M
