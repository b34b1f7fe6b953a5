# start_httpd ROOT [CERT KEY]: starts tests/httpd.py on a free port of 127.0.0.1 serving ROOT
# (HTTPS with CERT and KEY), adds it to PIDS (stopped at exit), and sets
# URL=http(s)://127.0.0.1:PORT and HTTPD_LOG. Source after lib.sh. Each call starts one more.
start_httpd() {
	HTTPD_LOG="$T/httpd.log"
	: >>"$HTTPD_LOG"
	rm -f "$T/httpd.port"
	python3 "$TESTS/httpd.py" "$1" "$T/httpd.port" "$HTTPD_LOG" 120 ${2:+"$2" "$3"} &
	PIDS="$PIDS $!"
	wait_for test -s "$T/httpd.port" || { notok "test HTTP server did not start"; exit 1; }
	URL="http${2:+s}://127.0.0.1:$(cat "$T/httpd.port")"
}
