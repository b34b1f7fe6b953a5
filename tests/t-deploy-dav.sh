#!/bin/sh
# gen deploy to https:// WebDAV: nginx with the DAV and dav-ext modules and basic auth on
# 127.0.0.1:21443 (TLS from a test CA) and http:// on 127.0.0.1:21080, run unprivileged.
. "$TESTS/lib.sh"
. "$TESTS/deploy_lib.sh"
. "$TESTS/deploy_servers.sh"
need_root dav
prepare_account
make_ca
mkdir -p "$T/dav/site" "$T/nginx"
chown -R "$DUSER:" "$T/dav" "$T/nginx"
printf '%s:%s\n' "$DUSER" "$(openssl passwd -apr1 "$DPASS")" >"$T/htpasswd"
chmod 644 "$T/htpasswd"
mod=/usr/lib/nginx/modules/ngx_http_dav_ext_module.so
cat >"$T/nginx.conf" <<EOS
load_module $mod;
worker_processes 1;
daemon off;
pid $T/nginx/nginx.pid;
error_log $T/nginx/error.log;
events { worker_connections 64; }
http {
	include /etc/nginx/mime.types;
	access_log $T/nginx/access.log;
	client_body_temp_path $T/nginx/body;
	proxy_temp_path $T/nginx/proxy;
	fastcgi_temp_path $T/nginx/fastcgi;
	uwsgi_temp_path $T/nginx/uwsgi;
	scgi_temp_path $T/nginx/scgi;
	client_max_body_size 0;
	server {
		listen 127.0.0.1:21443 ssl;
		listen 127.0.0.1:21080;
		ssl_certificate $T/server.pem;
		ssl_certificate_key $T/server.key;
		root $T/dav;
		location / {
			dav_methods PUT DELETE MKCOL COPY MOVE;
			dav_ext_methods PROPFIND OPTIONS;
			dav_access user:rw group:r all:r;
			auth_basic "gen test";
			auth_basic_user_file $T/htpasswd;
		}
	}
}
EOS
# shellcheck disable=SC2086
$AS_USER /usr/sbin/nginx -c "$T/nginx.conf" -e "$T/nginx/error.log" 2>"$T/nginx.out" 9>&- &
PIDS="$PIDS $!"
wait_port 21443 || { notok "dav: nginx started"; cat "$T/nginx.out" "$T/nginx/error.log"; exit 1; }

REMOTE=$T/dav/site
printf 'machine 127.0.0.1 login %s password %s\n' "$DUSER" "$DPASS" >"$T/.netrc"
chmod 600 "$T/.netrc"
export HOME=$T
snapshot() { echo "$REMOTE"; }
count_big() { ls "$REMOTE/du-lieu/lon" 2>/dev/null | grep -vc '^\.gen-tmp\.'; }
bad_login() { env GEN_DEPLOY_USER="$DUSER" GEN_DEPLOY_PASSWORD=wrong-secret "$GEN" -c "$DCONF" deploy; }
DURL="https://127.0.0.1:21443/site"
DEXTRA="ca_file = $T/ca.pem"
dconf "$DURL" "$DEXTRA"
run_scenarios dav

echo "content type" >>"$PUB/css/site.css"
expect_ok "dav: deploy" "$GEN" -c "$DCONF" deploy
check "dav: served with the right Content-Type" sh -c "curl -s --cacert '$T/ca.pem' --netrc -o /dev/null \
	-w '%{content_type}' https://127.0.0.1:21443/site/css/site.css | grep -q '^text/css'"

# http:// to loopback, the password from the environment and not ~/.netrc
rm -rf "$REMOTE"
echo "http" >>"$PUB/css/site.css"
dconf "http://127.0.0.1:21080/site"
expect_ok "dav: http:// to 127.0.0.1, first deploy into a new folder" env HOME=/nonexistent \
	GEN_DEPLOY_USER="$DUSER" GEN_DEPLOY_PASSWORD="$DPASS" "$GEN" -c "$DCONF" deploy
check_remote "dav: http:// loopback"
dconf "http://example.org/site"
expect_fail "dav: http:// to another host is refused" "only for 127.0.0.1" "$GEN" -c "$DCONF" deploy
dconf "https://127.0.0.1:21443/site"
expect_fail "dav: a certificate from an unknown CA does not verify" "certificate does not verify" \
	env -u CURL_CA_BUNDLE -u SSL_CERT_FILE "$GEN" -c "$DCONF" deploy
dconf "https://127.0.0.1:21443/site" "ca_file = $T/ca.pem"
chmod 555 "$REMOTE/css"
echo "perm" >>"$PUB/css/site.css"
expect_fail "dav: a folder the server may not write is a clear error" "(HTTP 40[39]|may not write that folder)" \
	"$GEN" -c "$DCONF" deploy
chmod 755 "$REMOTE/css"

# A full disk on the server: a 512 KiB file system as the remote root (needs root to mount).
mkdir -p "$T/dav/full"
if mount -t tmpfs -o "size=512k,uid=$(id -u $DUSER),gid=$(id -g $DUSER),mode=755" tmpfs \
	"$T/dav/full" 2>/dev/null; then
	gen_site --big 4
	dconf "https://127.0.0.1:21443/full" "ca_file = $T/ca.pem"
	expect_fail "dav: a full disk on the server is a clear error" "disk is full or the quota" \
		"$GEN" -c "$DCONF" deploy
	check "dav: after the full disk, every live file is whole" python3 \
		"$TESTS/deploy_check.py" whole "$T/dav/full" "$PUB" "$PUB"
	check "dav: after the full disk, no manifest claims the upload" \
		test ! -e "$T/dav/full/.gen-manifest"
	umount "$T/dav/full"
else
	ok "# SKIP dav: full disk (cannot mount a small tmpfs here)"
fi
