#!/bin/sh
# gen pull over HTTP against tests/httpd.py: retries, failures, timeouts, redirects, POST,
# size caps. Every failure must name the URL and what happened, and leave the store, its
# backups and (when there was no store) the data directory exactly as they were.
. "$TESTS/lib.sh"
. "$TESTS/httpd.sh"

M=2025-10
mkdir -p "$T/srv" "$T/site" "$T/fresh"
cp "$TESTS/fixtures/dvcqg-legacy/an-giang-2025-10.json" "$T/srv/ag-2025-10.json"
# The same data with one total corrected, to tell a new import from the old one.
sed 's/"TONG_SCORE": "93.75"/"TONG_SCORE": "93.74"/; s/"MDSH": "17.75"/"MDSH": "17.74"/' \
	"$T/srv/ag-2025-10.json" >"$T/srv/ag2-2025-10.json"
start_httpd "$T/srv"
PLAIN=$URL

# site DIR URL [ini lines]: a config in DIR with one legacy scores source at URL.
site() {
	dir=$1 u=$2
	shift 2
	{
		printf '[source.scores]\nkind = scores\nformat = dvcqg-legacy\nurl = %s\n' "$u"
		printf 'retries = 2\nretry_wait = 50\nconnect_timeout = 2\ntimeout = 2\n'
		for l in "$@"; do echo "$l"; done
	} >"$dir/site.ini"
}
nbackups() { find "$T/site/data/backups" -name 'gen-*.db' 2>/dev/null | wc -l; }
requests() { grep -c "^[A-Z]* $1 " "$HTTPD_LOG"; }

# fails_cleanly DESC PATTERN URL [ini lines]: the pull fails with PATTERN on stderr, into the
# existing store (unchanged, no new backup) and into a directory without one (no data/).
fails_cleanly() {
	fc_d=$1 fc_pat=$2
	shift 2
	site "$T/site" "$@"
	fc_before=$(db_fingerprint "$T/site/data/gen.db")
	fc_nb=$(nbackups)
	expect_fail "$fc_d" "$fc_pat" "$GEN" -c "$T/site/site.ini" pull --month $M
	check "$fc_d: store unchanged" \
		[ "$(db_fingerprint "$T/site/data/gen.db")" = "$fc_before" ]
	check "$fc_d: no new backup" [ "$(nbackups)" -eq "$fc_nb" ]
	site "$T/fresh" "$@"
	"$GEN" -c "$T/fresh/site.ini" pull --month $M >/dev/null 2>&1
	check "$fc_d: also fails without a store (exit 1)" [ $? -eq 1 ]
	check "$fc_d: no data/ created without a store" [ ! -e "$T/fresh/data" ]
}

# Success, then the failures against that store.
site "$T/site" "$URL/ok/ag-{yyyy-mm}.json"
expect_ok "pull over http" "$GEN" -c "$T/site/site.ini" pull --month $M
check "117 units imported" [ "$(sqlite3 "$T/site/data/gen.db" \
	"SELECT count(*) FROM score WHERE month = '$M'")" -eq 117 ]
check "the fetch keeps the expanded URL and status 200" [ "$(sqlite3 "$T/site/data/gen.db" \
	"SELECT url || ' ' || http_status FROM fetch")" = "$URL/ok/ag-2025-10.json 200" ]

# A 500 then success: retried, imported (the corrected copy, so the store does change).
site "$T/site" "$URL/flaky/1/ag2-{yyyy-mm}.json"
expect_ok "a 500 then success is retried" "$GEN" -c "$T/site/site.ini" pull --month $M
check "two requests for the flaky path" [ "$(requests /flaky/1/ag2-2025-10.json)" -eq 2 ]
check "the retried answer is imported" [ "$(sqlite3 "$T/site/data/gen.db" \
	"SELECT total FROM score WHERE month = '$M' AND unit = 'H01.13'")" -eq 9374 ]

fails_cleanly "persistent 500s" \
	"/fail/ag-2025-10.json: the server answered HTTP 500 \(after 3 attempts\)" \
	"$URL/fail/ag-{yyyy-mm}.json"
check "retries are bounded: 3 requests per pull" \
	[ "$(requests /fail/ag-2025-10.json)" -eq 6 ]  # with the run without a store
fails_cleanly "no retries configured: one attempt" \
	"/fail/ag-2025-10.json: the server answered HTTP 500 \(after 1 attempt\)" \
	"$URL/fail/ag-{yyyy-mm}.json" "retries = 0"
fails_cleanly "connection cut mid-body" \
	"/cut/ag-2025-10.json: transfer closed .*bytes remaining.*\(after 3 attempts\).*connection broke" \
	"$URL/cut/ag-{yyyy-mm}.json"
fails_cleanly "server slower than the timeout" \
	"/slow/3/ag-2025-10.json: .*timed out.*\(after 1 attempt\).*raise the source's timeout" \
	"$URL/slow/3/ag-{yyyy-mm}.json" "timeout = 1" "retries = 0"
fails_cleanly "redirect to file: refused" \
	"/redirect-file: .*(not supported|disabled).*redirects only to http" \
	"$URL/redirect-file"
fails_cleanly "answer above max_size (Content-Length)" \
	"/big/2000000: Maximum file size exceeded.*larger than the source's max_size" \
	"$URL/big/2000000" "max_size = 1"
fails_cleanly "answer above max_size (no Content-Length)" \
	"/stream/3000000: Maximum file size exceeded.*larger than the source's max_size" \
	"$URL/stream/3000000" "max_size = 1"
fails_cleanly "404" "/ok/nothing-2025-10.json: the server answered HTTP 404 \(after 1 attempt\)" \
	"$URL/ok/nothing-{yyyy-mm}.json"
fails_cleanly "connection refused" "http://127.0.0.1:1/x: .*after 3 attempts" \
	"http://127.0.0.1:1/x"
fails_cleanly "unknown placeholder in the URL" \
	"site.ini:4: \[source.scores\] url: unknown placeholder \"\{yyyy\}\"" \
	"$URL/ok/ag-{yyyy}-{mm}.json"
printf '<html><body>Bảo trì hệ thống</body></html>\n' >"$T/srv/page-2025-10.json"
fails_cleanly "an answer that is not JSON" "/ok/page-2025-10.json:1:1: invalid JSON" \
	"$URL/ok/page-{yyyy-mm}.json"

# Every placeholder in a GET url.
site "$T/site" "$URL/ok/ag-{yyyy-mm}.json?y={year}&m={month}&mm={mm}&from={from}&to={to}"
expect_ok "placeholders in the url" "$GEN" -c "$T/site/site.ini" pull --month $M
check "the server saw them expanded" \
	grep -q '^GET /ok/ag-2025-10.json?y=2025&m=10&mm=10&from=2025-10-01&to=2025-10-31 200' "$HTTPD_LOG"
"$GEN" -c "$T/site/site.ini" pull --month 2024-02 >/dev/null 2>&1
check "a leap February: {month} 2, {mm} 02, {to} the 29th" \
	grep -q '^GET /ok/ag-2024-02.json?y=2024&m=2&mm=02&from=2024-02-01&to=2024-02-29 404' "$HTTPD_LOG"

# A redirect to http is followed.
site "$T/site" "$URL/redirect/ag-{yyyy-mm}.json"
expect_ok "a redirect to http is followed" "$GEN" -c "$T/site/site.ini" pull --month $M
check "the redirect target was asked" [ "$(requests /ok/ag-2025-10.json)" -ge 2 ]

# POST with body placeholders and header lines; the server checks both.
printf '{"year":2025,"month":10,"from":"2025-10-01","to":"2025-10-31"}\n' \
	>"$T/srv/ag-2025-10.json.body"
printf 'Content-Type: application/json\nX-Report: tinh-766\n' >"$T/srv/ag-2025-10.json.headers"
site "$T/site" "$URL/post/ag-{yyyy-mm}.json" "method = POST" \
	'body = {"year":{year},"month":{month},"from":"{from}","to":"{to}"}' \
	"header = Content-Type: application/json" "header = X-Report: tinh-766"
expect_ok "POST with an expanded body and headers" "$GEN" -c "$T/site/site.ini" pull --month $M
check "the server saw the expanded body" \
	grep -q 'POST body {"year":2025,"month":10,"from":"2025-10-01","to":"2025-10-31"}' \
	"$HTTPD_LOG"
fails_cleanly "POST without the header the server wants" \
	"/post/ag-2025-10.json: the server answered HTTP 400 \(after 1 attempt\).*method and body" \
	"$URL/post/ag-{yyyy-mm}.json" "method = POST" \
	'body = {"year":{year},"month":{month},"from":"{from}","to":"{to}"}' \
	"header = Content-Type: application/json"
fails_cleanly "GET where the server wants POST" \
	"/post/ag-2025-10.json: the server answered HTTP 400" "$URL/post/ag-{yyyy-mm}.json"
fails_cleanly "bad method" "site.ini:9: \[source.scores\] method: expected GET or POST" \
	"$URL/ok/ag-{yyyy-mm}.json" "method = PUT"

# Backoff: the waits double (200, 400, 800 ms for three retries).
site "$T/site" "$URL/fail/backoff-{yyyy-mm}.json" "retries = 3" "retry_wait = 200"
start=$(date +%s%N)
"$GEN" -c "$T/site/site.ini" pull --month $M >/dev/null 2>&1
ms=$((($(date +%s%N) - start) / 1000000))
check "retries back off: 200+400+800 ms waited (took $ms ms)" [ "$ms" -ge 1400 ]
check "four attempts for three retries" [ "$(requests /fail/backoff-2025-10.json)" -eq 4 ]
fails_cleanly "401 is not retried and says what to check" \
	"/status/401/x: the server answered HTTP 401 \(after 1 attempt\): access refused; check the credentials in ~/.netrc" \
	"$URL/status/401/x"
fails_cleanly "503 is retried" "/status/503/x: the server answered HTTP 503 \(after 3 attempts\)" \
	"$URL/status/503/x"

# TLS is verified; a private CA is trusted through CURL_CA_BUNDLE or SSL_CERT_FILE (the
# environment may set both to the system's bundle: start from neither).
unset CURL_CA_BUNDLE SSL_CERT_FILE
for n in good wrong; do
	ip=127.0.0.1
	[ $n = wrong ] && ip=127.0.0.2
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=gen test $n" \
		-addext "subjectAltName=IP:$ip" -keyout "$T/$n.key" -out "$T/$n.pem" >/dev/null 2>&1
done
check "test certificates made" test -s "$T/good.pem" -a -s "$T/wrong.pem"
start_httpd "$T/srv" "$T/good.pem" "$T/good.key"
HTTPS=$URL
start_httpd "$T/srv" "$T/wrong.pem" "$T/wrong.key"
WRONG=$URL
fails_cleanly "https with a certificate nobody vouches for" \
	"https://127.0.0.1:[0-9]+/ok/ag-2025-10.json: SSL certificate problem: self-signed certificate \(after 1 attempt\): the server's certificate does not verify; gen never disables the check" \
	"$HTTPS/ok/ag-{yyyy-mm}.json"
export CURL_CA_BUNDLE="$T/good.pem"
site "$T/site" "$HTTPS/ok/ag2-{yyyy-mm}.json"
expect_ok "https with the private CA in CURL_CA_BUNDLE" "$GEN" -c "$T/site/site.ini" pull --month $M
unset CURL_CA_BUNDLE
export SSL_CERT_FILE="$T/good.pem"
site "$T/site" "$HTTPS/ok/ag-{yyyy-mm}.json"
expect_ok "https with the private CA in SSL_CERT_FILE" "$GEN" -c "$T/site/site.ini" pull --month $M
check "the fetch records the https URL" [ "$(sqlite3 "$T/site/data/gen.db" \
	"SELECT url FROM fetch ORDER BY id DESC LIMIT 1")" = "$HTTPS/ok/ag-2025-10.json" ]
export SSL_CERT_FILE="$T/wrong.pem"
fails_cleanly "https with a trusted certificate for another address" \
	"https://127.0.0.1:[0-9]+/ok/ag-2025-10.json: .*host name '127.0.0.1' .*does not verify" \
	"$WRONG/ok/ag-{yyyy-mm}.json"
unset SSL_CERT_FILE
URL=$PLAIN

# A small compressed answer that inflates past max_size is cut off all the same.
fails_cleanly "a gzip answer inflating past max_size" \
	"/gzip/3: .*Maximum file size exceeded.*max_size" "$URL/gzip/3" "max_size = 1"
fails_cleanly "a redirect loop" "/loop: .*redirects.*\(after 1 attempt\)" "$URL/loop"
fails_cleanly "an ftp: url" "ftp://127.0.0.1/x.json: .*(not supported|disabled).*only file:, http: and https:" \
	"ftp://127.0.0.1/x.json"
# Credentials come from ~/.netrc, never from site.ini.
printf 'canbo:mat-khau-9137\n' >"$T/srv/auth.txt"
fails_cleanly "a protected answer without credentials" \
	"/auth/ag-2025-10.json: the server answered HTTP 401.*~/.netrc" "$URL/auth/ag-{yyyy-mm}.json"
printf 'machine 127.0.0.1\nlogin canbo\npassword mat-khau-9137\n' >"$T/.netrc"
chmod 600 "$T/.netrc"
site "$T/site" "$URL/auth/ag2-{yyyy-mm}.json"
HOME="$T"
export HOME
expect_ok "credentials from ~/.netrc" "$GEN" -c "$T/site/site.ini" pull --month $M
check "the protected answer is imported" grep -qE "$M scores +117 rows +corrected" "$T/err"
check "the password is not in the store" sh -c "! grep -raq 'mat-khau' '$T/site/data'"
check "the store does exist" grep -aq 'auth/ag2-2025-10.json' "$T/site/data/gen.db"

# Without --month: the previous calendar month in the site's time zone.
prev=$(TZ=Asia/Ho_Chi_Minh date -d "$(TZ=Asia/Ho_Chi_Minh date +%Y-%m-01) -1 month" +%Y-%m)
site "$T/site" "$URL/ok/default-{yyyy-mm}.json"
"$GEN" -c "$T/site/site.ini" pull >/dev/null 2>&1
check "no --month: the previous month ($prev) is asked for" grep -q "^GET /ok/default-$prev.json 404" "$HTTPD_LOG"
