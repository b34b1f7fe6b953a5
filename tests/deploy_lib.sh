# The deploy scenarios every protocol test runs, after starting its server. The test
# defines:
#   snapshot     prints a directory that holds the remote tree as the server serves it
#   count_big    prints how many whole big files (du-lieu/lon/*) the remote holds
#   poll_big     (optional) a cheaper count_big for polling while a deploy runs
#   bad_login    runs gen deploy with wrong credentials (expect_fail is applied to it)
#   tamper       (optional) tamper PATH same|grow changes a remote file behind gen's back;
#                by default, in place under $REMOTE
#   CHEAP_SEES_CONTENT  (optional, set to 1) plain --verify sees same-size changes too (S3)
# and calls dconf URL [extra [deploy] lines...] to write the configuration.
DCONF=$T/site.ini
PUB=$T/public
DEXTRA=""

dconf() {
	url=$1; shift
	{
		echo "[build]"; echo "out = $PUB"; echo "[deploy]"; echo "url = $url"
		for l in "$@"; do echo "$l"; done
	} >"$DCONF"
}
tamper_local() { python3 "$TESTS/deploy_check.py" tamper "$REMOTE/$1" "$2"; }
gen_site() { python3 "$TESTS/deploy_site.py" "$PUB" "$@"; }
# put/delete lines of a -v run, as sorted paths
puts_of() { sed -n 's/^put \(.*\) ([0-9]* bytes)$/\1/p' "$1" | sort; }
deletes_of() { sed -n 's/^delete \(.*\)$/\1/p' "$1" | sort; }

check_remote() { # label
	snap=$(snapshot)
	if diff -r "$PUB" "$snap" >"$T/diff" 2>&1; then ok "$1: remote equals public/ byte for byte"
	else notok "$1: remote equals public/ byte for byte"; sed 's/^/#   /' "$T/diff" | head -10; fi
	if python3 "$TESTS/deploy_check.py" links "$snap" >"$T/links" 2>&1; then
		ok "$1: every link in the remote HTML resolves on the remote"
	else notok "$1: every link in the remote HTML resolves"; sed 's/^/#   /' "$T/links" | head; fi
}

run_scenarios() { # name
	n=$1
	gen_site
	expect_ok "$n: first deploy" "$GEN" -c "$DCONF" -v deploy
	check "$n: first deploy uploads every file" test "$(puts_of "$T/err" | wc -l)" -eq \
		"$(find "$PUB" -type f | wc -l)"
	check_remote "$n: first deploy"

	expect_ok "$n: no-op deploy" "$GEN" -c "$DCONF" -v deploy
	check "$n: no-op deploy transfers nothing" sh -c "grep -q 'up to date' '$T/err' &&
		! grep -q '^put ' '$T/err'"
	check_remote "$n: no-op deploy"

	rm -rf "$T/old" && cp -r "$PUB" "$T/old"
	gen_site --update
	python3 "$TESTS/deploy_check.py" changed "$T/old" "$PUB" >"$T/changed"
	expect_ok "$n: one-month update" "$GEN" -c "$DCONF" -v deploy
	{ grep -v '^-' "$T/changed"; echo ".gen-manifest"; } | sort >"$T/want-put"
	puts_of "$T/err" | uniq >"$T/got-put"
	check "$n: update uploads only the changed files" cmp -s "$T/want-put" "$T/got-put"
	sed -n 's/^-//p' "$T/changed" | sort >"$T/want-del"
	deletes_of "$T/err" >"$T/got-del"
	check "$n: files removed locally are deleted remotely" cmp -s "$T/want-del" "$T/got-del"
	check "$n: home page after every other page, manifest after it, deletions after that" awk '
		/^put / {
			if ($2 == ".gen-manifest") { if (!m) { m = NR; before = last } }
			else { last = $2; if (m) bad = 1 }
		}
		/^delete / && !d { d = NR }
		END { exit !(m && before == "index.html" && !bad && (!d || d > m)) }' "$T/err"
	check "$n: no page went up before a new file it links to" \
		python3 "$TESTS/deploy_check.py" order "$T/err" "$PUB" "$T/old"
	check_remote "$n: one-month update"

	rm -rf "$T/old" && cp -r "$PUB" "$T/old"
	rm -f "$PUB/du-lieu/2025-09/diem.json" "$PUB/du-lieu/2025-09/diem.csv" \
	      "$PUB/du-lieu/2025-09/ghi chú.txt"
	rmdir "$PUB/du-lieu/2025-09"
	sed -i 's#<li><a href="2025-09/diem[^<]*</a></li>##' "$PUB/du-lieu/index.html"
	sed -i 's#<li><a href="/du-lieu/2025-09[^<]*</a></li>##g' "$PUB/xep-hang/2025-09/index.html"
	dconf "$DURL" "max_deletes = 2" "$DEXTRA"
	expect_fail "$n: more deletions than max_deletes are refused" "more than max_deletes" \
		"$GEN" -c "$DCONF" deploy
	snap=$(snapshot)
	check "$n: a refused deploy changes nothing" diff -r "$T/old" "$snap"
	expect_ok "$n: deletions within --max-deletes" "$GEN" -c "$DCONF" -v deploy --max-deletes 3
	check "$n: three files deleted" test "$(deletes_of "$T/err" | wc -l)" -eq 3
	check_remote "$n: deletions"

	rm -rf "$T/old" && cp -r "$PUB" "$T/old"
	big=120  # enough that a deploy cannot finish between two polls
	gen_site --update --big $big
	dconf "$DURL" "parallel = 1" "$DEXTRA"
	"$GEN" -c "$DCONF" -q deploy >"$T/kill.out" 2>&1 &
	pid=$!
	i=0
	command -v poll_big >/dev/null 2>&1 || poll_big() { count_big; }
	while [ "$i" -lt 600 ] && [ "$(poll_big)" -lt 2 ]; do sleep 0.02; i=$((i + 1)); done
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	got=$(count_big)
	check "$n: deploy killed mid-way ($got of $big big files up)" test "$got" -ge 1 -a "$got" -lt $big
	snap=$(snapshot)
	check "$n: after the kill, no remote file is truncated" \
		python3 "$TESTS/deploy_check.py" whole "$snap" "$PUB" "$T/old"
	dconf "$DURL" "$DEXTRA"
	expect_ok "$n: rerun after the kill" "$GEN" -c "$DCONF" deploy
	check_remote "$n: rerun after the kill"

	rm -rf "$PUB/du-lieu/lon"
	expect_ok "$n: the big files removed locally" "$GEN" -c "$DCONF" deploy
	check_remote "$n: big files removed"

	expect_ok "$n: verify finds no problem" "$GEN" -c "$DCONF" deploy --verify

	# Remote files changed behind gen's back: one with the same size and other bytes, one
	# grown. Only a content check (or S3's ETag) sees the first.
	command -v tamper >/dev/null 2>&1 || tamper() { tamper_local "$@"; }
	tamper css/site.css same
	tamper index.html grow
	if [ "${CHEAP_SEES_CONTENT:-}" ]; then
		expect_fail "$n: --verify sees a same-size change (ETag)" ": 2 problems" \
			"$GEN" -c "$DCONF" deploy --verify
		check "$n: --verify names it different by content" \
			grep -q '^different  *css/site.css (content' "$T/out"
	else
		expect_fail "$n: --verify (sizes) sees the grown file" ": 1 problems" \
			"$GEN" -c "$DCONF" deploy --verify
		check "$n: --verify says it compared sizes only" grep -q 'by size only' "$T/out"
	fi
	expect_fail "$n: --verify --content finds both" ": 2 problems" \
		"$GEN" -c "$DCONF" deploy --verify --content
	check "$n: same size, other bytes: different (content)" \
		grep -q '^different  *css/site.css (content: same size' "$T/out"
	check "$n: grown: different (size)" grep -q '^different  *index.html (size: ' "$T/out"
	expect_ok "$n: --verify --content --force repairs" \
		"$GEN" -c "$DCONF" -v deploy --verify --content --force
	check "$n: the repair uploads the two files and the manifest" test \
		"$(puts_of "$T/err" | tr '\n' ' ')" = ".gen-manifest css/site.css index.html "
	check_remote "$n: after the content repair"
	expect_ok "$n: --verify=content after the repair" "$GEN" -c "$DCONF" deploy --verify=content
	check "$n: --verify=content downloaded every file and found nothing" grep -q \
		"0 missing, 0 different, 0 extra; contents compared ($(find "$PUB" -type f ! -name .gen-manifest | wc -l) files" \
		"$T/out"

	# A directory of 1100 files: listings longer than one answer (S3 pages at 1000 keys;
	# an FTP LIST or a PROPFIND of that size is well over 64 KiB).
	mkdir -p "$PUB/du-lieu/nho"
	i=0
	while [ "$i" -lt 1100 ]; do echo "$i" >"$PUB/du-lieu/nho/tệp $i.txt"; i=$((i + 1)); done
	dconf "$DURL" "parallel = 8" "$DEXTRA"
	expect_ok "$n: 1100 more files in one directory" "$GEN" -c "$DCONF" deploy
	expect_ok "$n: --verify --content sees all of a long listing" \
		"$GEN" -c "$DCONF" deploy --verify --content
	check "$n: --verify --content downloaded them all, in parallel" grep -q \
		"files checked: 0 missing, 0 different, 0 extra; contents compared ($(find "$PUB" -type f ! -name .gen-manifest | wc -l) files" \
		"$T/out"
	rm -rf "$PUB/du-lieu/nho"
	expect_ok "$n: 1100 deletions with --force" "$GEN" -c "$DCONF" deploy --force
	check_remote "$n: after a long listing and its deletions"
	dconf "$DURL" "$DEXTRA"
	if command -v bad_login >/dev/null 2>&1; then
		echo "changed" >>"$PUB/css/site.css"
		expect_fail "$n: wrong password is refused" "login refused" bad_login
		check "$n: nothing printed the password" sh -c "! grep -q 'wrong-secret' '$T/err' '$T/out'"
		expect_ok "$n: deploy after the refused login" "$GEN" -c "$DCONF" deploy
		check_remote "$n: final"
	fi
}
