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
trap cleanup EXIT INT TERM

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
# A fingerprint of a SQLite store's content, to prove a failed run changed nothing.
db_fingerprint() { sqlite3 "$1" .dump 2>/dev/null | sha256sum | cut -d' ' -f1; }
