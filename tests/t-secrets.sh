# Credentials come from the environment or ~/.netrc, never from site.ini, and never reach the
# store; settings that would silently mislead are refused with the file and line.
. "$TESTS/lib.sh"
. "$TESTS/httpd.sh"
cd "$T" || exit 1
mkdir www
cp "$TESTS/fixtures/dvcqg-legacy/an-giang-2025-10.json" www/legacy.json
printf 'params={"p_nam":"2025","p_thang":10}' > www/legacy.json.body
printf 'Authorization: Bearer s3cr3t-t0ken\n' > www/legacy.json.headers
start_httpd www
cat > site.ini <<INI
[source.legacy]
kind = scores
format = dvcqg-legacy
url = $URL/post/legacy.json
method = POST
body = params={"p_nam":"{year}","p_thang":{month}}
header = Authorization: Bearer \${DVCQG_TOKEN}
retries = 0
INI
expect_fail "an unset environment variable is named" \
	"\\[source.legacy\\] header: the environment variable DVCQG_TOKEN is not set" \
	"$GEN" -c site.ini pull --month 2025-10
check "nothing was created" test ! -e data
DVCQG_TOKEN=s3cr3t-t0ken expect_ok "the token from the environment authorises the POST" \
	"$GEN" -c site.ini pull --month 2025-10
check "the token is nowhere in the store" sh -c "! grep -q 's3cr3t-t0ken' data/gen.db"
check "and gen status does not show it" sh -c "! '$GEN' -c site.ini status | grep -q 's3cr3t'"

sed "s|^url = .*|url = http://admin:pa55@127.0.0.1:9/x.json|" site.ini > creds.ini
expect_fail "a password in a URL is refused, with file and line" \
	"creds.ini:4: \\[source.legacy\\] url: credentials do not belong in site.ini" \
	"$GEN" -c creds.ini pull --month 2025-10
printf '[site]\ntimezone = Asia/Hanoi_Typo\n' > tz.ini
expect_fail "an unknown time zone is refused, with file and line" \
	"tz.ini:2: \\[site\\] timezone: unknown time zone \"Asia/Hanoi_Typo\"" \
	"$GEN" -c tz.ini status

# late dossiers: who is responsible must be said, and an apology date with "không" is a
# contradiction
demo_config "$T"
mkdir -p in/tre-han
python3 - "$REPO/content/sample/tre-han/2026-10.csv" in/tre-han <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
h = rows[0]
a = [r[:] for r in rows]; a[1][h.index("Người chịu trách nhiệm")] = ""
b = [r[:] for r in rows]
r = [r for r in b[1:] if r[h.index("Đã xin lỗi")] == "có"][0]
r[h.index("Đã xin lỗi")] = "không"
for name, data in (("empty", a), ("contradiction", b)):
    csv.writer(open("%s/%s.csv" % (sys.argv[2], name), "w", encoding="utf-8", newline="")).writerows(data)
PY
sed -i "s|^url = file:.*/tre-han/{yyyy-mm}.csv|url = file:$T/in/tre-han/empty.csv|" site.ini
expect_fail "a late dossier without anyone responsible is refused" \
	"empty.csv:2: dossier .*: Người chịu trách nhiệm is empty" "$GEN" -c site.ini pull --month 2026-10
sed -i "s|empty.csv|contradiction.csv|" site.ini
expect_fail "an apology date with Đã xin lỗi = không is refused" \
	"contradiction.csv:[0-9]+: dossier .*: Đã xin lỗi says không but Ngày xin lỗi is given" \
	"$GEN" -c site.ini pull --month 2026-10

# group codes name SQL and CSV columns: only letters, digits and '_'
printf "[index]\nCK'MB = 18 | Công khai\n" > idx.ini
expect_fail "a group code with a quote is refused, with file and line" \
	"idx.ini:2: \\[index\\] \"CK'MB\": a group code is letters, digits and '_'" \
	"$GEN" -c idx.ini status
