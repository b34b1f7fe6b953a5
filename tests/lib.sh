# Shared helpers for the shell tests. Each check prints "ok - ..." or "not ok - ...".
# Every test gets its own scratch directory, removed at exit; servers it starts are
# stopped by the trap.
set -u
T=$(mktemp -d "${TMPDIR:-/tmp}/gen-test.XXXXXX")
PIDS=""
cleanup() {
	for p in $PIDS; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

ok() { echo "ok - $*"; }
notok() { echo "not ok - $*"; }
check() { # check "description" command...
	d=$1; shift
	if "$@"; then ok "$d"; else notok "$d"; fi
}
# expect_fail "description" "pattern in stderr" gen args...: exit 1 and the message.
expect_fail() {
	d=$1; pat=$2; shift 2
	"$@" >"$T/out" 2>"$T/err"; rc=$?
	if [ "$rc" -eq 1 ] && grep -qE -- "$pat" "$T/err"; then ok "$d"
	else notok "$d (exit $rc)"; sed 's/^/#   /' "$T/err" | head -5; fi
}
expect_ok() {
	d=$1; shift
	"$@" >"$T/out" 2>"$T/err"; rc=$?
	if [ "$rc" -eq 0 ]; then ok "$d"
	else notok "$d (exit $rc)"; sed 's/^/#   /' "$T/err" | head -5; fi
}
# wait_for CMD...: runs CMD every 0.1 s until it succeeds, 10 s at most; its last status.
wait_for() {
	w_i=0
	until "$@"; do
		[ "$w_i" -ge 100 ] && return 1
		sleep 0.1
		w_i=$((w_i + 1))
	done
}
# A fingerprint of a SQLite store's content, to prove a failed run changed nothing.
db_fingerprint() { sqlite3 "$1" .dump 2>/dev/null | sha256sum | cut -d' ' -f1; }

# demo_config DIR [MONTHS]: a config in DIR that reads the bundled sample province from the
# repository and keeps its store and site under DIR.
REPO=$(cd "$(dirname "$TESTS")" && pwd)
demo_config() {
	sed -e "s|file:content/|file:$REPO/content/|" "$REPO/site.ini" > "$1/site.ini"
	printf '[store]\npath = %s/data/gen.db\nbackup_dir = %s/data/backups\n[build]\nout = %s/public\ntemplates = %s/templates\ncontent = %s/content\ncache = %s/data/cache\naudio = false\n' \
		"$1" "$1" "$1" "$REPO" "$REPO" "$1" >> "$1/site.ini"
}
# A fingerprint of a directory tree: every file's path and content.
tree_fingerprint() { (cd "$1" && find . -type f | LC_ALL=C sort | xargs sha256sum) | sha256sum | cut -d' ' -f1; }
