#!/bin/sh
# Runs every test program and script, counts "ok"/"not ok" lines, reports every failure,
# and ends with the summary line "N passed, N failed". A test that dies counts as failed.
cd "$(dirname "$0")/.." || exit 1
export TZ=Asia/Ho_Chi_Minh LC_ALL=C.UTF-8 LANG=C.UTF-8
export GEN="$PWD/build/asan/gen" TESTS="$PWD/tests"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1
out=tests/out
rm -rf "$out" && mkdir -p "$out"
pass=0 fail=0 failed=""
run_one() {
	name=$1; shift
	log="$out/$name.log"
	"$@" >"$log" 2>&1
	rc=$?
	p=$(grep -c '^ok' "$log")
	f=$(grep -c '^not ok' "$log")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
		echo "not ok - $name exited with status $rc" >>"$log"
	fi
	pass=$((pass + p)); fail=$((fail + f))
	if [ "$f" -gt 0 ]; then
		failed="$failed $name"
		echo "FAIL $name ($p passed, $f failed)"
		grep -A3 '^not ok' "$log" | sed 's/^/    /' | head -40
	else
		echo "pass $name ($p)"
	fi
}
for t in build/asan/tests/unit_*; do
	[ -x "$t" ] || continue
	run_one "$(basename "$t")" "$t"
done
for t in tests/t-*.sh; do
	[ -f "$t" ] || continue
	run_one "$(basename "$t" .sh)" sh "$t"
done
echo
[ -n "$failed" ] && echo "failed:$failed"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
