/* target: opening a deploy URL, and what the protocol files share: libcurl options (TLS
 * trust, credentials, timeouts), error messages that say what to do, small parsers. */
#include "target.h"

#include <ctype.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "run.h"
#include "util.h"

static const struct target_ops *const target_table[] = {
	&target_file_ops, &target_ftp_ops, &target_sftp_ops, &target_dav_ops, &target_s3_ops,
};

static int is_loopback(const char *host)
{
	return !strcmp(host, "localhost") || !strncmp(host, "127.", 4) || !strcmp(host, "::1") ||
	       !strcmp(host, "[::1]");
}

/* Splits scheme://[user@]host[:port]/path into its parts; a password in the URL is refused
 * because site.ini is no place for secrets. */
static int parse_url(struct target *t, const char *url, struct buf *path, struct buf *err)
{
	const char *p = strstr(url, "://"), *auth, *slash, *at, *colon, *hend;
	struct buf b = BUF_INIT;

	if (!p)
		return err_set(err, "[deploy] url \"%s\": expected scheme://host/path "
			       "(file, ftp, ftps, sftp, https, s3)", url);
	t->scheme = xstrndup(url, (size_t)(p - url));
	for (char *c = t->scheme; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	auth = p + 3;
	slash = strchr(auth, '/');
	if (!slash)
		slash = auth + strlen(auth);
	at = memchr(auth, '@', (size_t)(slash - auth));
	if (at) {
		colon = memchr(auth, ':', (size_t)(at - auth));
		if (colon)
			return err_set(err, "[deploy] url: a password does not belong in site.ini; "
				       "put it in ~/.netrc or GEN_DEPLOY_PASSWORD");
		target_unescape(auth, (size_t)(at - auth), &b);
		t->user = buf_detach(&b, NULL);
		auth = at + 1;
	}
	hend = auth[0] == '[' ? memchr(auth, ']', (size_t)(slash - auth)) : NULL;
	hend = hend ? hend + 1 : auth;
	colon = memchr(hend, ':', (size_t)(slash - hend));
	t->host = xstrndup(auth, (size_t)((colon ? colon : slash) - auth));
	buf_printf(&b, "%s://%.*s/", t->scheme, (int)(slash - auth), auth);
	if (*slash)
		buf_adds(&b, slash + 1);
	if (b.ptr[b.len - 1] != '/')
		buf_addc(&b, '/');
	t->base = buf_detach(&b, NULL);
	target_unescape(*slash ? slash : "/", strlen(*slash ? slash : "/"), path);
	if (path->ptr[path->len - 1] != '/')
		buf_addc(path, '/');
	return 0;
}

static void pick_credentials(struct target *t)
{
	const char *v = config_value(t->cfg, "deploy", "user");

	if (!v)
		v = getenv("GEN_DEPLOY_USER");
	if (v && *v) {
		free(t->user);
		t->user = xstrdup(v);
	}
	v = getenv("GEN_DEPLOY_PASSWORD");
	if (v && *v)
		t->password = xstrdup(v);
}

static void escape_path(const char *rel, struct buf *out);

/* libcurl consults ~/.netrc only when no CURLOPT_USERNAME is set, matching the URL's user;
 * so without a password in the environment the user travels in the request URL. */
static void user_in_base(struct target *t)
{
	struct buf b = BUF_INIT;
	const char *rest;

	if (!t->user || t->password || !strcmp(t->scheme, "s3") || !strcmp(t->scheme, "file"))
		return;
	rest = strstr(t->base, "://") + 3;
	buf_add(&b, t->base, (size_t)(rest - t->base));
	escape_path(t->user, &b);
	buf_addc(&b, '@');
	buf_adds(&b, rest);
	free(t->base);
	t->base = buf_detach(&b, NULL);
}

/* libcurl reads neither CURL_CA_BUNDLE nor SSL_CERT_FILE by itself; the curl tool does, and
 * users expect the same here. ca_file in site.ini comes first. */
static void pick_ca(struct target *t)
{
	const char *v = NULL;

	if (t->cfg->deploy_ca_file && *t->cfg->deploy_ca_file)
		t->ca_file = config_path(t->cfg, t->cfg->deploy_ca_file);
	else if ((v = getenv("CURL_CA_BUNDLE")) && *v)
		t->ca_file = xstrdup(v);
	else if ((v = getenv("SSL_CERT_FILE")) && *v)
		t->ca_file = xstrdup(v);
	if ((v = getenv("SSL_CERT_DIR")) && *v)
		t->ca_dir = xstrdup(v);
	if (t->ca_file && !file_exists(t->ca_file)) {
		free(t->ca_file);
		t->ca_file = NULL;
	}
}

static int check_cache_rules(const struct config *cfg, struct buf *err)
{
	size_t i;

	for (i = 0; i < cfg->ini.n; i++) {
		const struct ini_entry *e = &cfg->ini.v[i];

		if (!strcmp(e->section, "deploy") && !strcmp(e->key, "cache_control") &&
		    !strchr(e->value, ' '))
			return err_set(err, "%s:%d: [deploy] cache_control: expected \"GLOB VALUE\" "
				       "such as \"*.png public, max-age=604800\", got \"%s\"",
				       cfg->path, e->line, e->value);
	}
	return 0;
}

int target_open(struct target **out, const struct config *cfg, struct buf *err)
{
	struct target *t = xcalloc(1, sizeof *t);
	struct buf path = BUF_INIT;
	const char *url = cfg->deploy_url;
	size_t i;
	int rc = -1;

	t->cfg = cfg;
	if (!url || !*url) {
		err_set(err, "%s: [deploy] url: not set; expected file:///path, ftp://, ftps://, "
			"sftp://, https:// or s3://BUCKET/PREFIX", cfg->path);
		goto out;
	}
	if (parse_url(t, url, &path, err) < 0)
		goto out;
	t->root = buf_detach(&path, NULL);
	t->url = xstrdup(t->base);
	for (i = 0; i < ARRAY_LEN(target_table); i++)
		if (!strcmp(target_table[i]->scheme, t->scheme) ||
		    (!strcmp(t->scheme, "ftps") && target_table[i] == &target_ftp_ops) ||
		    (!strcmp(t->scheme, "http") && target_table[i] == &target_dav_ops))
			t->ops = target_table[i];
	if (!t->ops) {
		err_set(err, "[deploy] url \"%s\": unknown scheme \"%s\"; expected file, ftp, ftps, "
			"sftp, https or s3", url, t->scheme);
		goto out;
	}
	if (!strcmp(t->scheme, "http") && !is_loopback(t->host)) {
		err_set(err, "[deploy] url \"%s\": http:// sends the password and the site in "
			"clear; use https:// (http:// is only for 127.0.0.1)", url);
		goto out;
	}
	if (check_cache_rules(cfg, err) < 0)
		goto out;
	pick_credentials(t);
	user_in_base(t);
	pick_ca(t);
	if (t->ops->open(t, err) < 0)
		goto out;
	rc = 0;
out:
	buf_free(&path);
	if (rc) {
		target_free(t);
		t = NULL;
	}
	*out = t;
	return rc;
}

void target_free(struct target *t)
{
	if (!t)
		return;
	if (t->ops && t->ops->close)
		t->ops->close(t);
	if (t->easy)
		curl_easy_cleanup(t->easy);
	free(t->url); free(t->scheme); free(t->host); free(t->base); free(t->root);
	free(t->ca_file); free(t->ca_dir); free(t->user);
	if (t->password) {
		memset(t->password, 0, strlen(t->password));
		free(t->password);
	}
	free(t);
}

void target_ssh_files(const struct target *t, struct buf *known_hosts, struct buf *key)
{
	const char *kh = t->cfg->deploy_known_hosts, *k = config_value(t->cfg, "deploy",
									"ssh_key");
	const char *home = getenv("HOME");
	static const char *const keys[] = { "id_ed25519", "id_ecdsa", "id_rsa" };
	char *p;
	size_t i;

	buf_reset(known_hosts);
	buf_reset(key);
	if (kh && *kh) {
		p = config_path(t->cfg, kh);
		buf_sets(known_hosts, p);
		free(p);
	} else if (home) {
		buf_printf(known_hosts, "%s/.ssh/known_hosts", home);
	}
	if (k && *k) {
		p = config_path(t->cfg, k);
		buf_sets(key, p);
		free(p);
		return;
	}
	for (i = 0; home && i < ARRAY_LEN(keys); i++) {
		buf_reset(key);
		buf_printf(key, "%s/.ssh/%s", home, keys[i]);
		if (file_exists(key->ptr))
			return;
	}
	buf_reset(key);
}

static void ssh_options(struct target *t, CURL *easy)
{
	const char *pass = getenv("GEN_DEPLOY_KEY_PASSPHRASE");
	struct buf kh = BUF_INIT, key = BUF_INIT;

	target_ssh_files(t, &kh, &key);
	if (kh.len)
		curl_easy_setopt(easy, CURLOPT_SSH_KNOWNHOSTS, kh.ptr);
	if (key.len)
		curl_easy_setopt(easy, CURLOPT_SSH_PRIVATE_KEYFILE, key.ptr);
	if (pass && *pass)
		curl_easy_setopt(easy, CURLOPT_KEYPASSWD, pass);
	curl_easy_setopt(easy, CURLOPT_SSH_AUTH_TYPES, (long)(CURLSSH_AUTH_PUBLICKEY |
			 CURLSSH_AUTH_PASSWORD | CURLSSH_AUTH_KEYBOARD));
	buf_free(&kh);
	buf_free(&key);
}

void target_curl_common(struct target *t, CURL *easy, char *errbuf)
{
	const char *tls = t->cfg->deploy_tls;

	errbuf[0] = '\0';
	curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(easy, CURLOPT_USERAGENT, "gen/" GEN_VERSION);
	curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT, 20L);
	/* A stalled transfer fails after a minute; a slow one on a big file may go on. */
	curl_easy_setopt(easy, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(easy, CURLOPT_LOW_SPEED_TIME, 60L);
	curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
	if (t->ca_file)
		curl_easy_setopt(easy, CURLOPT_CAINFO, t->ca_file);
	if (t->ca_dir)
		curl_easy_setopt(easy, CURLOPT_CAPATH, t->ca_dir);
	if (!strcmp(t->scheme, "s3") || !strcmp(t->scheme, "file"))
		return;
	if (t->password) {
		if (t->user)
			curl_easy_setopt(easy, CURLOPT_USERNAME, t->user);
		curl_easy_setopt(easy, CURLOPT_PASSWORD, t->password);
	} else {
		curl_easy_setopt(easy, CURLOPT_NETRC, (long)CURL_NETRC_OPTIONAL);
	}
	if (!strcmp(t->scheme, "ftp") && tls && (!strcmp(tls, "required") || !strcmp(tls, "yes")))
		curl_easy_setopt(easy, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	/* With TLS 1.3 the server sends session tickets after the handshake; an upload-only
	 * data connection never reads them, so closing it resets the TCP connection and
	 * vsftpd (and others) answer 426 and drop the upload. TLS 1.2 has no such message. */
	if (!strcmp(t->scheme, "ftp") || !strcmp(t->scheme, "ftps"))
		curl_easy_setopt(easy, CURLOPT_SSLVERSION,
				 (long)(CURL_SSLVERSION_TLSv1_2 | CURL_SSLVERSION_MAX_TLSv1_2));
	if (!strcmp(t->scheme, "ftp") || !strcmp(t->scheme, "ftps") || !strcmp(t->scheme, "sftp"))
		curl_easy_setopt(easy, CURLOPT_FTP_CREATE_MISSING_DIRS,
				 (long)CURLFTP_CREATE_DIR_RETRY);
	if (!strcmp(t->scheme, "sftp"))
		ssh_options(t, easy);
}

static void escape_path(const char *rel, struct buf *out)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;

	for (p = (const unsigned char *)rel; *p; p++) {
		if (isalnum(*p) || strchr("-._~/", *p)) {
			buf_addc(out, *p);
		} else {
			buf_addc(out, '%');
			buf_addc(out, hex[*p >> 4]);
			buf_addc(out, hex[*p & 15]);
		}
	}
}

void target_url(const struct target *t, const char *rel, struct buf *out)
{
	buf_reset(out);
	buf_adds(out, t->base);
	escape_path(rel, out);
}

void target_unescape(const char *s, size_t n, struct buf *out)
{
	size_t i;

	buf_reset(out);
	for (i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n && isxdigit((unsigned char)s[i + 1]) && isxdigit((unsigned char)s[i + 2])) {
			char h[3] = { s[i + 1], s[i + 2], 0 };

			buf_addc(out, (int)strtol(h, NULL, 16));
			i += 2;
		} else {
			buf_addc(out, s[i]);
		}
	}
}

int target_curl_fetch(struct target *t, const char *path, int denied_is_missing,
		      struct buf *out, int *missing, struct buf *err)
{
	struct buf url = BUF_INIT;
	char errbuf[CURL_ERROR_SIZE];
	CURLcode rc;
	int ret = 0;

	target_url(t, path, &url);
	curl_easy_reset(t->easy);
	target_curl_common(t, t->easy, errbuf);
	curl_easy_setopt(t->easy, CURLOPT_URL, url.ptr);
	curl_easy_setopt(t->easy, CURLOPT_WRITEFUNCTION, target_capture);
	curl_easy_setopt(t->easy, CURLOPT_WRITEDATA, out);
	rc = target_easy_perform(t->easy, out);
	*missing = rc == CURLE_REMOTE_FILE_NOT_FOUND ||
		   (denied_is_missing && rc == CURLE_REMOTE_ACCESS_DENIED);
	if (rc != CURLE_OK && !*missing)
		ret = target_curl_error(t, t->easy, rc, errbuf, "reading the remote manifest", err);
	if (*missing)
		buf_reset(out);
	buf_free(&url);
	return ret;
}

int target_put_done(struct target *t, struct put_job *j, CURL *easy, CURLcode rc,
		    struct buf *err)
{
	if (rc == CURLE_OK)
		return 0;
	j->retry = target_transient(rc);
	target_curl_error(t, easy, rc, j->errbuf, j->path, err);
	return -1;
}

int target_transient(CURLcode rc)
{
	return rc == CURLE_COULDNT_CONNECT || rc == CURLE_OPERATION_TIMEDOUT ||
	       rc == CURLE_SEND_ERROR || rc == CURLE_RECV_ERROR || rc == CURLE_GOT_NOTHING ||
	       rc == CURLE_PARTIAL_FILE || rc == CURLE_FTP_ACCEPT_TIMEOUT ||
	       rc == CURLE_HTTP2 || rc == CURLE_HTTP2_STREAM;
}

static const char *tls_advice(const struct target *t)
{
	return t->ca_file ? "the CA file given does not vouch for it" :
	       "if the host uses a private CA, name it with [deploy] ca_file, CURL_CA_BUNDLE "
	       "or SSL_CERT_FILE";
}

int target_curl_error(const struct target *t, CURL *easy, CURLcode rc, const char *errbuf,
		      const char *what, struct buf *err)
{
	const char *detail = errbuf && *errbuf ? errbuf : curl_easy_strerror(rc);
	long code = 0;
	int ssh = !strcmp(t->scheme, "sftp");

	curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &code);
	switch (rc) {
	case CURLE_COULDNT_RESOLVE_HOST:
		return err_set(err, "%s: %s: unknown host \"%s\"; check [deploy] url", t->url, what,
			       t->host);
	case CURLE_COULDNT_CONNECT:
		return err_set(err, "%s: %s: cannot connect (%s); is the server up and the port "
			       "right?", t->url, what, detail);
	case CURLE_LOGIN_DENIED:
	case CURLE_AUTH_ERROR:
		return err_set(err, "%s: %s: login refused: wrong user name, password or key "
			       "(%s); give them in ~/.netrc or GEN_DEPLOY_USER/GEN_DEPLOY_PASSWORD%s",
			       t->url, what, detail, ssh ? " or [deploy] ssh_key" : "");
	case CURLE_PEER_FAILED_VERIFICATION:
		if (ssh)
			return err_set(err, "%s: %s: the server's host key is not in known_hosts or "
				       "does not match it (%s); check the key's fingerprint with the "
				       "host, then add it (ssh-keyscan) to ~/.ssh/known_hosts or "
				       "[deploy] known_hosts", t->url, what, detail);
		return err_set(err, "%s: %s: the server's certificate does not verify (%s); %s",
			       t->url, what, detail, tls_advice(t));
	case CURLE_SSL_CACERT_BADFILE:
		return err_set(err, "%s: %s: cannot read the CA file \"%s\" (%s)", t->url, what,
			       t->ca_file ? t->ca_file : "", detail);
	case CURLE_USE_SSL_FAILED:
		return err_set(err, "%s: %s: the server does not offer TLS (AUTH TLS refused); "
			       "ask the host, or use ftps:// if it speaks implicit TLS", t->url, what);
	case CURLE_SSL_CONNECT_ERROR:
		return err_set(err, "%s: %s: TLS handshake failed (%s)", t->url, what, detail);
	case CURLE_REMOTE_ACCESS_DENIED:
		return err_set(err, "%s: %s: permission refused by the server (%s); check that "
			       "the account may write there", t->url, what, detail);
	case CURLE_REMOTE_DISK_FULL:
		return err_set(err, "%s: %s: the server's disk is full or the quota is used up "
			       "(%s); free space on the host", t->url, what, detail);
	case CURLE_UPLOAD_FAILED:
		if (code == 452 || code == 552)
			return err_set(err, "%s: %s: the server's disk is full or the quota is used "
				       "up (FTP %ld); free space on the host", t->url, what, code);
		if (code == 550 || code == 553)
			return err_set(err, "%s: %s: permission refused by the server (FTP %ld: %s)",
				       t->url, what, code, detail);
		break;
	case CURLE_GOT_NOTHING:
		return err_set(err, "%s: %s: the server closed the connection without answering "
			       "(%s); it may have crashed: on uploads a full disk on the server is a "
			       "common cause, check its free space and logs", t->url, what, detail);
	case CURLE_SEND_ERROR:
	case CURLE_PARTIAL_FILE:
		return err_set(err, "%s: %s: the server dropped the connection during the transfer "
			       "(%s); when that repeats on uploads, the server's disk or quota is "
			       "usually full", t->url, what, detail);
	case CURLE_QUOTE_ERROR:
		if (code == 550 || code == 553 || code == 450)
			return err_set(err, "%s: %s: permission refused by the server (FTP %ld: %s)",
				       t->url, what, code, detail);
		break;
	case CURLE_OPERATION_TIMEDOUT:
		return err_set(err, "%s: %s: the server stopped answering (%s)", t->url, what,
			       detail);
	default:
		break;
	}
	if (strstr(detail, "ermission denied"))
		return err_set(err, "%s: %s: permission refused by the server (%s)", t->url, what,
			       detail);
	if (strstr(detail, "o space") || strstr(detail, "uota"))
		return err_set(err, "%s: %s: the server's disk is full (%s)", t->url, what, detail);
	return err_set(err, "%s: %s: %s", t->url, what, detail);
}

int target_http_error(const struct target *t, long code, const char *body, const char *what,
		      struct buf *err)
{
	struct buf s3code = BUF_INIT, msg = BUF_INIT;
	int rc;

	if (body && *body) {
		target_xml_text(body, strlen(body), "Code", &s3code);
		target_xml_text(body, strlen(body), "Message", &msg);
	}
	if (code == 401 || !strcmp(s3code.ptr, "SignatureDoesNotMatch") ||
	    !strcmp(s3code.ptr, "InvalidAccessKeyId") || !strcmp(s3code.ptr, "AccessDenied"))
		rc = err_set(err, "%s: %s: login refused (HTTP %ld %s%s%s): wrong user name, "
			     "password or key; %s", t->url, what, code, s3code.ptr,
			     msg.len ? ": " : "", msg.ptr, !strcmp(t->scheme, "s3") ?
			     "check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY" :
			     "give them in ~/.netrc or GEN_DEPLOY_USER/GEN_DEPLOY_PASSWORD");
	else if (code == 507 || !strcmp(s3code.ptr, "QuotaExceeded") ||
		 !strcmp(s3code.ptr, "XMinioStorageFull") ||
		 !strcmp(s3code.ptr, "InsufficientStorage"))
		rc = err_set(err, "%s: %s: the server's disk is full or the quota is used up "
			     "(HTTP %ld%s%s%s%s); free space or raise the quota on the host", t->url,
			     what, code, s3code.len ? " " : "", s3code.ptr, msg.len ? ": " : "",
			     msg.ptr);
	else if (code == 403)
		rc = err_set(err, "%s: %s: permission refused by the server (HTTP 403%s%s)",
			     t->url, what, msg.len ? ": " : "", msg.ptr);
	else if (code == 413)
		rc = err_set(err, "%s: %s: the server refuses a file this big (HTTP 413); raise its "
			     "upload size limit (nginx client_max_body_size, Apache "
			     "LimitRequestBody)", t->url, what);
	else
		rc = err_set(err, "%s: %s: the server answered HTTP %ld%s%s%s%s", t->url, what,
			     code, s3code.len ? " " : "", s3code.ptr, msg.len ? ": " : "",
			     msg.ptr);
	buf_free(&s3code);
	buf_free(&msg);
	return rc;
}

size_t target_capture(char *p, size_t size, size_t n, void *userdata)
{
	struct buf *b = userdata;
	size_t len = size * n, cap;

	if (!b)
		return len;
	cap = b->max ? b->max : 65536;
	if (b->len + len <= cap) {
		buf_add(b, p, len);
	} else if (b->max) {
		return 0;  /* a body needed whole (listing, manifest): too big fails the transfer */
	} else if (b->len < cap) {
		buf_add(b, p, cap - b->len);  /* an error message: its start is enough */
	}
	return len;
}

CURLcode target_easy_perform(CURL *easy, struct buf *body)
{
	CURLcode rc;
	int attempt;

	for (attempt = 1; ; attempt++) {
		if (body)
			buf_reset(body);
		rc = curl_easy_perform(easy);
		if (!target_transient(rc) || attempt == 3)
			return rc;
		sleep((unsigned)attempt);  /* backoff: 1 s, then 2 s */
	}
}

int target_ls_walk(struct target *t, const char *rel, const char *request,
		   struct manifest *files, struct manifest *dirs, struct buf *err)
{
	struct buf url = BUF_INIT, body = BUF_INIT, name = BUF_INIT, sub = BUF_INIT;
	char errbuf[CURL_ERROR_SIZE];
	char *line, *save = NULL;
	CURLcode rc;
	int ret = -1;

	body.max = TARGET_BODY_MAX;
	target_url(t, rel, &url);
	if (*rel)
		buf_addc(&url, '/');
	curl_easy_reset(t->easy);
	target_curl_common(t, t->easy, errbuf);
	curl_easy_setopt(t->easy, CURLOPT_URL, url.ptr);
	curl_easy_setopt(t->easy, CURLOPT_WRITEFUNCTION, target_capture);
	curl_easy_setopt(t->easy, CURLOPT_WRITEDATA, &body);
	curl_easy_setopt(t->easy, CURLOPT_FTP_CREATE_MISSING_DIRS, 0L);
	if (request)
		curl_easy_setopt(t->easy, CURLOPT_CUSTOMREQUEST, request);
	rc = target_easy_perform(t->easy, &body);
	if (!*rel && (rc == CURLE_REMOTE_ACCESS_DENIED || rc == CURLE_REMOTE_FILE_NOT_FOUND)) {
		ret = 0;  /* the root does not exist yet: a first deploy */
		goto out;
	}
	if (rc != CURLE_OK) {
		target_curl_error(t, t->easy, rc, errbuf, "listing the remote", err);
		goto out;
	}
	for (line = strtok_r(body.ptr, "\r\n", &save); line; line = strtok_r(NULL, "\r\n", &save)) {
		long long size = 0;
		int is_dir = 0;

		if (target_parse_ls(line, &name, &size, &is_dir) < 0)
			continue;
		buf_reset(&sub);
		buf_printf(&sub, "%s%s%s", rel, *rel ? "/" : "", name.ptr);
		manifest_add(is_dir ? dirs : files, sub.ptr, is_dir ? 0 : size, NULL);
		if (is_dir && target_ls_walk(t, sub.ptr, request, files, dirs, err) < 0)
			goto out;
	}
	ret = 0;
out:
	buf_free(&url);
	buf_free(&body);
	buf_free(&name);
	buf_free(&sub);
	return ret;
}

int target_parse_ls(const char *line, struct buf *name, long long *size, int *is_dir)
{
	const char *p = line;
	int field;

	if (*p != '-' && *p != 'd')
		return -1;
	*is_dir = *p == 'd';
	for (field = 0; field < 8; field++) {
		while (*p && *p != ' ' && *p != '\t')
			p++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			return -1;
		if (field == 3)
			*size = strtoll(p, NULL, 10);
	}
	buf_sets(name, p);
	buf_rtrim(name);
	if (!name->len || !strcmp(name->ptr, ".") || !strcmp(name->ptr, ".."))
		return -1;
	return 0;
}

int target_xml_next(const char *xml, size_t len, size_t from, const char *local,
		    size_t *start, size_t *end)
{
	size_t ll = strlen(local), i, j;

	for (i = from; i < len; i++) {
		size_t q = i + 1;

		if (xml[i] != '<' || q >= len || xml[q] == '/' || xml[q] == '?' || xml[q] == '!')
			continue;
		j = q;
		while (j < len && !strchr(" \t\r\n/>:", xml[j]))
			j++;
		if (j < len && xml[j] == ':')
			q = ++j;
		while (j < len && !strchr(" \t\r\n/>", xml[j]))
			j++;
		if (j - q != ll || memcmp(xml + q, local, ll))
			continue;
		while (j < len && xml[j] != '>')
			j++;
		if (j >= len)
			return 0;
		*start = j + 1;
		if (xml[j - 1] == '/') {
			*end = j + 1;
			return 1;
		}
		/* the matching close tag: "</" [prefix:] local ">" */
		for (*end = *start; *end + 2 + ll < len; (*end)++) {
			const char *c = xml + *end;
			size_t k = 2;

			if (c[0] != '<' || c[1] != '/')
				continue;
			while (*end + k < len && c[k] != ':' && c[k] != '>')
				k++;
			k = c[k] == ':' ? k + 1 : 2;
			if (*end + k + ll < len && !memcmp(c + k, local, ll) && c[k + ll] == '>')
				return 1;
		}
		return 0;
	}
	return 0;
}

static void xml_decode(const char *s, size_t n, struct buf *out)
{
	static const struct { const char *ent; char c; } ents[] = {
		{ "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' },
		{ "&apos;", '\'' },
	};
	size_t i, e;

	buf_reset(out);
	for (i = 0; i < n; i++) {
		for (e = 0; s[i] == '&' && e < ARRAY_LEN(ents); e++)
			if (!strncmp(s + i, ents[e].ent, strlen(ents[e].ent)) &&
			    i + strlen(ents[e].ent) <= n)
				break;
		if (s[i] == '&' && e < ARRAY_LEN(ents)) {
			buf_addc(out, ents[e].c);
			i += strlen(ents[e].ent) - 1;
		} else {
			buf_addc(out, s[i]);
		}
	}
}

size_t target_xml_text(const char *xml, size_t len, const char *local, struct buf *out)
{
	size_t s, e;

	buf_reset(out);
	if (!target_xml_next(xml, len, 0, local, &s, &e))
		return 0;
	xml_decode(xml + s, e - s, out);
	return e;
}

static const struct { const char *ext, *type; } content_types[] = {
	{ ".html", "text/html; charset=utf-8" }, { ".css", "text/css; charset=utf-8" },
	{ ".js", "text/javascript; charset=utf-8" }, { ".json", "application/json" },
	{ ".csv", "text/csv; charset=utf-8" }, { ".txt", "text/plain; charset=utf-8" },
	{ ".xml", "application/xml" }, { ".atom", "application/atom+xml" },
	{ ".png", "image/png" }, { ".jpg", "image/jpeg" }, { ".jpeg", "image/jpeg" },
	{ ".gif", "image/gif" }, { ".svg", "image/svg+xml" }, { ".webp", "image/webp" },
	{ ".ico", "image/x-icon" }, { ".woff2", "font/woff2" }, { ".woff", "font/woff" },
	{ ".pdf", "application/pdf" }, { ".zip", "application/zip" },
	{ ".gz", "application/gzip" }, { ".webmanifest", "application/manifest+json" },
};

const char *target_content_type(const char *path)
{
	const char *base = strrchr(path, '/'), *dot;
	size_t i;

	base = base ? base + 1 : path;
	if (!strcmp(base, "feed.xml"))
		return "application/atom+xml";
	if (!strcmp(base, "SHA256SUMS") || !strcmp(base, MANIFEST_NAME))
		return "text/plain; charset=utf-8";
	dot = strrchr(base, '.');
	for (i = 0; dot && i < ARRAY_LEN(content_types); i++)
		if (!strcasecmp(dot, content_types[i].ext))
			return content_types[i].type;
	return "application/octet-stream";
}

void target_cache_control(const struct config *cfg, const char *path, struct buf *out)
{
	const char *dot = strrchr(path, '.');
	size_t i;

	buf_reset(out);
	for (i = 0; i < cfg->ini.n; i++) {
		const struct ini_entry *e = &cfg->ini.v[i];
		const char *sp;

		if (strcmp(e->section, "deploy") || strcmp(e->key, "cache_control"))
			continue;
		sp = strchr(e->value, ' ');
		if (!sp)
			continue;
		{
			char *glob = xstrndup(e->value, (size_t)(sp - e->value));
			int hit = fnmatch(glob, path, 0) == 0;

			free(glob);
			if (hit) {
				while (*sp == ' ')
					sp++;
				buf_sets(out, sp);
				return;
			}
		}
	}
	if (manifest_is_internal(path) || (dot && (!strcmp(dot, ".html") || !strcmp(dot, ".xml"))))
		buf_sets(out, "public, max-age=300");
	else
		buf_sets(out, "public, max-age=86400");
}
