#!/bin/sh
# gen deploy to file:///: every scenario, on a local directory.
. "$TESTS/lib.sh"
. "$TESTS/deploy_lib.sh"

REMOTE=$T/remote
DURL="file://$REMOTE"
snapshot() { echo "$REMOTE"; }
count_big() { ls "$REMOTE/du-lieu/lon" 2>/dev/null | grep -vc '^\.gen-tmp\.'; }
dconf "$DURL"
run_scenarios file

# A stray temporary upload (a killed deploy) and a file gen never put there.
echo partial >"$REMOTE/css/.gen-tmp.site.css"
echo foreign >"$REMOTE/foreign.txt"
expect_fail "file: --verify reports a foreign file" "1 problems" "$GEN" -c "$DCONF" deploy --verify
check "file: --verify names it" grep -q '^extra *foreign.txt' "$T/out"
expect_ok "file: --verify --force repairs" "$GEN" -c "$DCONF" deploy --verify --force
check_remote "file: repaired"
expect_ok "file: --dry-run" "$GEN" -c "$DCONF" deploy --dry-run
check "file: --dry-run on an up-to-date remote plans nothing" grep -q 'nothing to do' "$T/out"
echo x >>"$PUB/css/site.css"
expect_ok "file: --dry-run with a change" "$GEN" -c "$DCONF" deploy --dry-run
check "file: --dry-run lists the upload and the bytes" sh -c \
	"grep -q '^put  *css/site.css' '$T/out' && grep -q '^plan: 1 uploads' '$T/out'"
check "file: --dry-run changes nothing" sh -c "! cmp -s '$PUB/css/site.css' '$REMOTE/css/site.css'"
rm -rf "$PUB"
expect_fail "file: no built site is refused" "run gen build first" "$GEN" -c "$DCONF" deploy
mkdir "$PUB"
expect_fail "file: an empty built site is refused" "empty" "$GEN" -c "$DCONF" deploy

# A full disk: a 512 KiB file system as the remote (needs root to mount).
mkdir -p "$T/full"
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=512k tmpfs "$T/full" 2>/dev/null; then
	python3 "$TESTS/deploy_site.py" "$PUB" --big 4
	dconf "file://$T/full"
	expect_fail "file: a full disk is a clear error" "disk full" "$GEN" -c "$DCONF" deploy
	check "file: after the full disk, every live file is whole" python3 \
		"$TESTS/deploy_check.py" whole "$T/full" "$PUB" "$PUB"
	umount "$T/full"
else
	ok "# SKIP file: full disk (needs root to mount a small tmpfs)"
fi

"$GEN" deploy --help >"$T/out" 2>&1
check "file: gen deploy --help exits 0 and names the options" sh -c \
	"[ $? -eq 0 ] && grep -q -- '--max-deletes' '$T/out'"
"$GEN" -c "$DCONF" deploy --no-such-option >/dev/null 2>&1
check "file: an unknown option is a usage error (exit 2)" test $? -eq 2
"$GEN" -c "$DCONF" deploy --content >"$T/out" 2>&1
check "file: --content without --verify is a usage error that says how" sh -c \
	"[ $? -eq 2 ] && grep -q 'gen deploy --verify --content' '$T/out'"
check "file: gen deploy --help names --content" sh -c "'$GEN' deploy --help | grep -q -- '--content'"
printf '[deploy]\n' >"$T/nourl.ini"
expect_fail "file: no [deploy] url is a clear error" "url: not set" "$GEN" -c "$T/nourl.ini" deploy
printf '[deploy]\nurl = sftp://u:secret@h/x\n' >"$T/pw.ini"
expect_fail "file: a password in site.ini is refused" "does not belong in site.ini" \
	"$GEN" -c "$T/pw.ini" deploy
