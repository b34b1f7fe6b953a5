#!/bin/sh
# gen deploy to s3://: s3rver on 127.0.0.1:21091 behind tests/s3_sigv4_proxy.py on :21090,
# which checks every request's AWS Signature V4 (s3rver alone would accept any), run
# unprivileged when the test runs as root.
. "$TESTS/lib.sh"
. "$TESTS/deploy_lib.sh"
S3RVER=$TESTS/node_modules/.bin/s3rver
if [ ! -x "$S3RVER" ]; then
	notok "s3: s3rver is installed (run tests/setup.sh)"
	exit 1
fi
RUNAS=""
if [ "$(id -u)" -eq 0 ] && id gendeploy >/dev/null 2>&1; then
	RUNAS="setpriv --reuid=gendeploy --regid=gendeploy --init-groups"
	chmod 755 "$T"
fi
mkdir -p "$T/s3"
[ -n "$RUNAS" ] && chown gendeploy: "$T/s3"
# s3rver makes its continuation tokens with a cipher OpenSSL 3 keeps in the legacy provider
start_s3rver() {
	# shellcheck disable=SC2086
	$RUNAS node --openssl-legacy-provider "$TESTS/node_modules/s3rver/bin/s3rver.js" \
		-d "$T/s3" -a 127.0.0.1 -p 21091 --silent --configure-bucket gen-site \
		>>"$T/s3rver.log" 2>&1 &
	S3RVER_PID=$!
	PIDS="$PIDS $S3RVER_PID"
}
start_s3rver
export AWS_ACCESS_KEY_ID=GENTESTKEY
SECRET=$(od -An -tx1 -N20 /dev/urandom | tr -d ' \n')
: >"$T/proxy.log"
chmod 666 "$T/proxy.log"
# shellcheck disable=SC2086
$RUNAS /usr/bin/python3 "$TESTS/s3_sigv4_proxy.py" 21090 21091 "$AWS_ACCESS_KEY_ID" "$SECRET" \
	"$T/proxy.log" >"$T/proxy.out" 2>&1 &
PIDS="$PIDS $!"
wait_for python3 -c "import socket; [socket.create_connection(('127.0.0.1', p), 1) for p in (21090, 21091)]" 2>/dev/null
export AWS_SECRET_ACCESS_KEY=$SECRET
unset AWS_SESSION_TOKEN

snapshot() { python3 "$TESTS/s3_mirror.py" 21091 gen-site site/ "$T/snap"; }
count_big() { python3 "$TESTS/s3_mirror.py" count 21091 gen-site site/du-lieu/lon/; }
# uploads the proxy let through: cheap enough to poll every 50 ms
poll_big() { grep -c '^PUT /gen-site/site/du-lieu/lon/' "$T/proxy.log"; }
bad_login() { env AWS_SECRET_ACCESS_KEY=wrong-secret "$GEN" -c "$DCONF" deploy; }
tamper() { python3 "$TESTS/s3_mirror.py" tamper 21091 gen-site "site/$1" "$2"; }
CHEAP_SEES_CONTENT=1
DURL="s3://gen-site/site"
DEXTRA="endpoint = http://127.0.0.1:21090
region = ap-southeast-1"
dconf "$DURL" "$DEXTRA"

check "s3: the proxy refuses an unsigned request" sh -c "curl -s -o /dev/null -w '%{http_code}' \
	http://127.0.0.1:21090/gen-site/x | grep -q 403"
run_scenarios s3
check "s3: the proxy checked signatures (and refused the wrong secret)" sh -c \
	"grep -q '^PUT ' '$T/proxy.log' && grep -q 'REFUSED .* SignatureDoesNotMatch' '$T/proxy.log'"
check "s3: Content-Type and Cache-Control stored with the object" sh -c \
	"python3 '$TESTS/s3_mirror.py' head 21091 gen-site site/css/site.css |
	 grep -q '^text/css.*| public, max-age=86400'"

# Plain --verify settles every file by its ETag, without a download; an object uploaded in
# parts has an ETag that is no MD5, so that one is downloaded and hashed.
expect_ok "s3: --verify by ETag" "$GEN" -c "$DCONF" deploy --verify
n=$(find "$PUB" -type f ! -name .gen-manifest | wc -l)
check "s3: --verify matched every ETag, downloaded nothing" \
	grep -q "by size and S3 ETag ($n matched, 0 downloaded)" "$T/out"
# s3rver keeps each object's ETag beside it and computes a whole-object MD5 even for a
# multipart upload; AWS lists "MD5OFPARTMD5S-N" there. Write such an ETag in its place.
multipart_etag() {
	f="$T/s3/gen-site/site/css/site.css._S3rver_object.md5"
	printf '%s-2' "$(cat "$f")" >"$f"
}
multipart_etag
check "s3: the listing gives a multipart ETag" sh -c "curl -s \
	'http://127.0.0.1:21091/gen-site?list-type=2&prefix=site/css/' | grep -q 'ETag>&quot;[0-9a-f]*-2&quot;'"
expect_ok "s3: --verify with a multipart ETag" "$GEN" -c "$DCONF" deploy --verify
check "s3: the multipart object is downloaded and found equal" \
	grep -q "by size and S3 ETag ($((n - 1)) matched, 1 downloaded)" "$T/out"
# With SSE-KMS, AWS's ETag is 32 hex digits but no MD5: a mismatch is confirmed by a
# download before it is reported.
printf '0123456789abcdef0123456789abcdef' >"$T/s3/gen-site/site/css/site.css._S3rver_object.md5"
expect_ok "s3: --verify with an ETag that is no MD5" "$GEN" -c "$DCONF" deploy --verify
check "s3: an ETag that does not match is confirmed by a download" \
	grep -q "by size and S3 ETag ($((n - 1)) matched, 1 downloaded)" "$T/out"
python3 "$TESTS/s3_mirror.py" tamper 21091 gen-site site/css/site.css same
multipart_etag
expect_fail "s3: --verify finds other bytes behind a multipart ETag" ": 1 problems" \
	"$GEN" -c "$DCONF" deploy --verify
expect_ok "s3: --verify --force repairs it" "$GEN" -c "$DCONF" deploy --verify --force
check_remote "s3: after the multipart repair"

# A no-op deploy is one GET of the manifest, nothing else.
: >"$T/proxy.log"
expect_ok "s3: no-op deploy" "$GEN" -c "$DCONF" deploy
check "s3: a no-op deploy sends one request, the manifest check" sh -c \
	"test \"\$(cat '$T/proxy.log')\" = 'GET /gen-site/site/.gen-manifest'"
dconf "$DURL" "$DEXTRA" "cache_control = *.css public, max-age=31536000, immutable"
echo "rule" >>"$PUB/css/site.css"
expect_ok "s3: a cache_control rule" "$GEN" -c "$DCONF" deploy
check "s3: the rule's Cache-Control is stored" sh -c \
	"python3 '$TESTS/s3_mirror.py' head 21091 gen-site site/css/site.css | grep -q 'immutable'"
expect_fail "s3: an unknown access key is refused" "login refused.*InvalidAccessKeyId" \
	env AWS_ACCESS_KEY_ID=NOSUCHKEY "$GEN" -c "$DCONF" deploy --verify
expect_fail "s3: missing credentials are a clear error" "AWS_ACCESS_KEY_ID" \
	env -u AWS_SECRET_ACCESS_KEY "$GEN" -c "$DCONF" deploy
dconf "s3://no-such-bucket/site" "$DEXTRA"
echo "nb" >>"$PUB/css/site.css"
expect_fail "s3: a missing bucket is a clear error" "NoSuchBucket" "$GEN" -c "$DCONF" deploy
dconf "$DURL" "endpoint = http://s3.example.org"
expect_fail "s3: an http:// endpoint off this machine is refused" "only for 127.0.0.1" \
	"$GEN" -c "$DCONF" deploy


# A full disk on the server: s3rver keeps the prefix full/ on a small file system. s3rver
# writes an object in place and dies on ENOSPC mid-write (an unhandled stream error), leaving
# a truncated object it would then serve, and a listing it cannot read: its defect, not
# one S3 has (AWS, MinIO and Ceph never show a partial object). So this file system runs out
# of inodes rather than bytes: ENOSPC all the same, as on a host with a file-count quota, but
# no write is cut short, so what the remote holds afterwards is gen's doing.
mkdir -p "$T/s3/gen-site/full"
if [ -n "$RUNAS" ] && mount -t tmpfs -o "size=64m,nr_inodes=40,uid=$(id -u gendeploy),gid=$(id -g gendeploy),mode=755" \
	tmpfs "$T/s3/gen-site/full" 2>/dev/null; then
	gen_site --big 4
	dconf "s3://gen-site/full" "$DEXTRA" "parallel = 1"
	expect_fail "s3: a full disk on the server fails the deploy with a clear error" \
		"full/: du-lieu/.*(cannot connect.*is the server up|closed the connection without answering|disk is full|free disk space)" \
		"$GEN" -c "$DCONF" deploy
	sed 's/^/# it said: /' "$T/err"
	# the operator frees space (and restarts the server if it died)
	mount -o remount,nr_inodes=100000 "$T/s3/gen-site/full"
	kill -0 "$S3RVER_PID" 2>/dev/null || start_s3rver
	wait_for curl -s -o /dev/null http://127.0.0.1:21091/
	python3 "$TESTS/s3_mirror.py" 21091 gen-site full/ "$T/snapfull" >/dev/null
	check "s3: after the full disk, every object is whole" python3 \
		"$TESTS/deploy_check.py" whole "$T/snapfull" "$PUB" "$PUB"
	check "s3: after the full disk, no manifest claims the upload" \
		test ! -e "$T/snapfull/.gen-manifest"
	check "s3: the deploy had put some objects up before the disk filled" \
		test -n "$(find "$T/snapfull" -type f | head -1)"
	dconf "s3://gen-site/full" "$DEXTRA"
	expect_ok "s3: with space again, the rerun completes" "$GEN" -c "$DCONF" deploy
	snapshot() { python3 "$TESTS/s3_mirror.py" 21091 gen-site full/ "$T/snapfull"; }
	check_remote "s3: after the full disk and the rerun"
	kill "$S3RVER_PID" 2>/dev/null
	wait "$S3RVER_PID" 2>/dev/null
	umount "$T/s3/gen-site/full"
else
	ok "# SKIP s3: full disk (needs root to mount a small tmpfs)"
fi
