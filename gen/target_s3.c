/* target_s3: s3://BUCKET/PREFIX on any S3-compatible store, path-style requests to [deploy]
 * endpoint (default AWS's regional endpoint), signed with AWS Signature Version 4 using
 * AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN when set). S3 makes an
 * object visible only once its PUT completed, so uploads go straight to their names. Listing
 * is ListObjectsV2 under the prefix. */
#include "target.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/hmac.h>
#include <openssl/evp.h>

#include "util.h"

#define EMPTY_SHA256 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

struct s3 {
	char *endpoint;             /* scheme://host[:port], no trailing slash */
	char *host;                 /* host[:port], as signed */
	char *bucket, *prefix;      /* prefix "" or "a/b/" */
	char *region, *key_id, *secret, *token;
};

void target_s3_encode(const char *s, int keep_slash, struct buf *out)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p; p++) {
		if (isalnum(*p) || *p == '-' || *p == '_' || *p == '.' || *p == '~' ||
		    (keep_slash && *p == '/')) {
			buf_addc(out, *p);
		} else {
			buf_addc(out, '%');
			buf_addc(out, hex[*p >> 4]);
			buf_addc(out, hex[*p & 15]);
		}
	}
}

static void hmac(const void *key, size_t klen, const char *msg, unsigned char out[32])
{
	unsigned int len = 32;

	if (!HMAC(EVP_sha256(), key, (int)klen, (const unsigned char *)msg, strlen(msg), out, &len))
		die("HMAC-SHA256 failed");
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct s3_header *)a)->name, ((const struct s3_header *)b)->name);
}

void target_s3_sign(const char *method, const char *uri, const char *query,
		    const struct s3_header *h, size_t nh, const char *payload_sha256,
		    const char *amz_date, const char *region, const char *service,
		    const char *key_id, const char *secret, struct buf *out)
{
	struct s3_header *sorted = xcalloc(nh, sizeof *sorted);
	struct buf creq = BUF_INIT, signed_h = BUF_INIT, sts = BUF_INIT, key = BUF_INIT;
	unsigned char k[32];
	char hex[65], date[9];
	size_t i;

	memcpy(sorted, h, nh * sizeof *h);
	qsort(sorted, nh, sizeof *sorted, by_name);
	buf_printf(&creq, "%s\n%s\n%s\n", method, uri, query);
	for (i = 0; i < nh; i++) {
		buf_printf(&creq, "%s:%s\n", sorted[i].name, sorted[i].value);
		buf_printf(&signed_h, "%s%s", i ? ";" : "", sorted[i].name);
	}
	buf_printf(&creq, "\n%s\n%s", signed_h.ptr, payload_sha256);
	sha256_hex(creq.ptr, creq.len, hex);
	snprintf(date, sizeof date, "%.8s", amz_date);
	buf_printf(&sts, "AWS4-HMAC-SHA256\n%s\n%s/%s/%s/aws4_request\n%s", amz_date, date, region,
		   service, hex);
	buf_printf(&key, "AWS4%s", secret);
	hmac(key.ptr, key.len, date, k);
	hmac(k, 32, region, k);
	hmac(k, 32, service, k);
	hmac(k, 32, "aws4_request", k);
	hmac(k, 32, sts.ptr, k);
	hex_encode(k, 32, hex);
	buf_reset(out);
	buf_printf(out, "AWS4-HMAC-SHA256 Credential=%s/%s/%s/%s/aws4_request, SignedHeaders=%s, "
		   "Signature=%s", key_id, date, region, service, signed_h.ptr, hex);
	memset(key.ptr, 0, key.len);
	buf_free(&creq);
	buf_free(&signed_h);
	buf_free(&sts);
	buf_free(&key);
	free(sorted);
}

static int is_loopback_url(const char *u)
{
	return !strncmp(u, "http://127.", 11) || !strncmp(u, "http://localhost", 16) ||
	       !strncmp(u, "http://[::1]", 12);
}

static int s3_open(struct target *t, struct buf *err)
{
	struct s3 *s = xcalloc(1, sizeof *s);
	const char *ep = t->cfg->deploy_endpoint, *region = t->cfg->deploy_region, *p;
	const char *id = getenv("AWS_ACCESS_KEY_ID"), *secret = getenv("AWS_SECRET_ACCESS_KEY");
	const char *token = getenv("AWS_SESSION_TOKEN");
	struct buf b = BUF_INIT;

	t->priv = s;
	if (!region || !*region)
		region = getenv("AWS_REGION");
	if (!region || !*region)
		region = getenv("AWS_DEFAULT_REGION");
	s->region = xstrdup(region && *region ? region : "us-east-1");
	if (ep && *ep) {
		s->endpoint = xstrdup(ep);
	} else {
		buf_printf(&b, "https://s3.%s.amazonaws.com", s->region);
		s->endpoint = buf_detach(&b, NULL);
	}
	while (*s->endpoint && s->endpoint[strlen(s->endpoint) - 1] == '/')
		s->endpoint[strlen(s->endpoint) - 1] = '\0';
	if (strncmp(s->endpoint, "https://", 8) && !is_loopback_url(s->endpoint))
		return err_set(err, "%s: [deploy] endpoint \"%s\": expected https://HOST (http:// "
			       "only for 127.0.0.1)", t->cfg->path, s->endpoint);
	p = strstr(s->endpoint, "://") + 3;
	s->host = xstrndup(p, strcspn(p, "/"));
	s->bucket = xstrdup(t->host);
	/* t->root is "/PREFIX/" or "/" */
	s->prefix = xstrdup(t->root + 1);
	if (!*s->bucket)
		return err_set(err, "[deploy] url \"%s\": expected s3://BUCKET/PREFIX",
			       t->cfg->deploy_url);
	if (!id || !*id || !secret || !*secret)
		return err_set(err, "%s: the S3 credentials come from the environment: set "
			       "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY", t->url);
	s->key_id = xstrdup(id);
	s->secret = xstrdup(secret);
	s->token = token && *token ? xstrdup(token) : NULL;
	t->easy = curl_easy_init();
	return 0;
}

static void s3_close(struct target *t)
{
	struct s3 *s = t->priv;

	if (!s)
		return;
	if (s->secret)
		memset(s->secret, 0, strlen(s->secret));
	free(s->endpoint); free(s->host); free(s->bucket); free(s->prefix); free(s->region);
	free(s->key_id); free(s->secret); free(s->token);
	free(s);
}

/* Signs a request for key (relative to the prefix; NULL: the bucket) and returns the headers
 * to send; *url gets the request URL. */
static struct curl_slist *sign(struct target *t, const char *method, const char *rel,
			       const char *query, const char *payload, struct buf *url)
{
	struct s3 *s = t->priv;
	struct buf uri = BUF_INIT, auth = BUF_INIT, line = BUF_INIT, full = BUF_INIT;
	struct s3_header h[4];
	struct curl_slist *list = NULL;
	char date[17];
	time_t now = time(NULL);
	struct tm tm;
	size_t nh = 0, i;

	gmtime_r(&now, &tm);
	strftime(date, sizeof date, "%Y%m%dT%H%M%SZ", &tm);
	buf_addc(&uri, '/');
	target_s3_encode(s->bucket, 0, &uri);
	if (rel) {
		buf_addc(&uri, '/');
		buf_printf(&full, "%s%s", s->prefix, rel);
		target_s3_encode(full.ptr, 1, &uri);
	}
	h[nh++] = (struct s3_header){ "host", s->host };
	h[nh++] = (struct s3_header){ "x-amz-content-sha256", payload };
	h[nh++] = (struct s3_header){ "x-amz-date", date };
	if (s->token)
		h[nh++] = (struct s3_header){ "x-amz-security-token", s->token };
	target_s3_sign(method, uri.ptr, query, h, nh, payload, date, s->region, "s3", s->key_id,
		       s->secret, &auth);
	for (i = 0; i < nh; i++) {
		buf_reset(&line);
		buf_printf(&line, "%s: %s", h[i].name, h[i].value);
		list = curl_slist_append(list, line.ptr);
	}
	buf_reset(&line);
	buf_printf(&line, "Authorization: %s", auth.ptr);
	list = curl_slist_append(list, line.ptr);
	list = curl_slist_append(list, "Expect:");
	buf_reset(url);
	buf_printf(url, "%s%s%s%s", s->endpoint, uri.ptr, *query ? "?" : "", query);
	buf_free(&uri);
	buf_free(&auth);
	buf_free(&line);
	buf_free(&full);
	return list;
}

static int request(struct target *t, const char *method, const char *rel, const char *query,
		   struct buf *body, long *code, struct buf *err)
{
	struct buf url = BUF_INIT;
	struct curl_slist *h = sign(t, method, rel, query, EMPTY_SHA256, &url);
	char errbuf[CURL_ERROR_SIZE];
	CURLcode rc;

	curl_easy_reset(t->easy);
	target_curl_common(t, t->easy, errbuf);
	curl_easy_setopt(t->easy, CURLOPT_URL, url.ptr);
	curl_easy_setopt(t->easy, CURLOPT_PATH_AS_IS, 1L);
	curl_easy_setopt(t->easy, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(t->easy, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(t->easy, CURLOPT_WRITEFUNCTION, target_capture);
	curl_easy_setopt(t->easy, CURLOPT_WRITEDATA, body);
	rc = target_easy_perform(t->easy, body);
	curl_slist_free_all(h);
	buf_free(&url);
	if (rc != CURLE_OK)
		return target_curl_error(t, t->easy, rc, errbuf, method, err);
	curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, code);
	return 0;
}

/* The MD5 in an ETag ("\"hex\"", as a single-part PUT gets), lower-case, into md5; "-"
 * for any other kind (a multipart upload's "hex-N"), "" when there is none. */
static void etag_md5(const char *etag, char md5[33])
{
	size_t n = strlen(etag), i;

	if (n >= 2 && etag[0] == '"' && etag[n - 1] == '"') {
		etag++;
		n -= 2;
	}
	strcpy(md5, n ? "-" : "");
	for (i = 0; i < n && isxdigit((unsigned char)etag[i]); i++)
		;
	if (n != 32 || i != n)
		return;
	for (i = 0; i < n; i++)
		md5[i] = (char)tolower((unsigned char)etag[i]);
	md5[n] = '\0';
}

/* One page of ListObjectsV2; *token gets the continuation token, "" at the end. */
static int list_page(struct target *t, struct manifest *files, struct buf *token,
		     struct buf *err)
{
	struct s3 *s = t->priv;
	struct buf q = BUF_INIT, body = BUF_INIT, key = BUF_INIT, size = BUF_INIT;
	struct buf etag = BUF_INIT;
	size_t at = 0, st, en, pl = strlen(s->prefix);
	long code = 0;
	int rc = -1;

	body.max = TARGET_BODY_MAX;
	if (token->len) {
		buf_adds(&q, "continuation-token=");
		target_s3_encode(token->ptr, 0, &q);
		buf_addc(&q, '&');
	}
	buf_adds(&q, "list-type=2&prefix=");
	target_s3_encode(s->prefix, 0, &q);
	if (request(t, "GET", NULL, q.ptr, &body, &code, err) < 0)
		goto out;
	if (code != 200) {
		target_http_error(t, code, body.ptr, "listing the bucket", err);
		goto out;
	}
	while (target_xml_next(body.ptr, body.len, at, "Contents", &st, &en)) {
		target_xml_text(body.ptr + st, en - st, "Key", &key);
		target_xml_text(body.ptr + st, en - st, "Size", &size);
		target_xml_text(body.ptr + st, en - st, "ETag", &etag);
		if (key.len > pl && !strncmp(key.ptr, s->prefix, pl)) {
			manifest_add(files, key.ptr + pl, strtoll(size.ptr, NULL, 10), NULL);
			etag_md5(etag.ptr, files->v[files->n - 1].md5);
		}
		at = en;
	}
	target_xml_text(body.ptr, body.len, "IsTruncated", &key);
	buf_reset(token);
	if (!strcmp(key.ptr, "true"))
		target_xml_text(body.ptr, body.len, "NextContinuationToken", token);
	rc = 0;
out:
	buf_free(&q);
	buf_free(&body);
	buf_free(&key);
	buf_free(&size);
	buf_free(&etag);
	return rc;
}

static int s3_list(struct target *t, struct manifest *files, struct manifest *dirs,
		   struct buf *err)
{
	struct buf token = BUF_INIT;
	int rc;

	do
		rc = list_page(t, files, &token, err);
	while (rc == 0 && token.len);
	buf_free(&token);
	(void)dirs;
	return rc;
}

static int s3_fetch(struct target *t, const char *path, struct buf *out, int *missing,
		    struct buf *err)
{
	long code = 0;

	if (request(t, "GET", path, "", out, &code, err) < 0)
		return -1;
	*missing = code == 404;
	if (code == 200)
		return 0;
	if (!*missing)
		return target_http_error(t, code, out->ptr, "reading the remote manifest", err);
	buf_reset(out);
	return 0;
}

static int s3_get_setup(struct target *t, const char *path, CURL *easy, struct buf *url,
			struct curl_slist **headers, struct buf *err)
{
	*headers = sign(t, "GET", path, "", EMPTY_SHA256, url);
	curl_easy_setopt(easy, CURLOPT_URL, url->ptr);
	curl_easy_setopt(easy, CURLOPT_PATH_AS_IS, 1L);
	curl_easy_setopt(easy, CURLOPT_HTTPHEADER, *headers);
	(void)err;
	return 0;
}

static int s3_put_setup(struct target *t, struct put_job *j, CURL *easy, struct buf *err)
{
	struct buf h = BUF_INIT, cc = BUF_INIT;

	j->headers = sign(t, "PUT", j->path, "", j->sha256, &j->url);
	buf_printf(&h, "Content-Type: %s", target_content_type(j->path));
	j->headers = curl_slist_append(j->headers, h.ptr);
	target_cache_control(t->cfg, j->path, &cc);
	buf_reset(&h);
	buf_printf(&h, "Cache-Control: %s", cc.ptr);
	j->headers = curl_slist_append(j->headers, h.ptr);
	curl_easy_setopt(easy, CURLOPT_URL, j->url.ptr);
	curl_easy_setopt(easy, CURLOPT_PATH_AS_IS, 1L);
	curl_easy_setopt(easy, CURLOPT_HTTPHEADER, j->headers);
	curl_easy_setopt(easy, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(easy, CURLOPT_READDATA, j->in);
	curl_easy_setopt(easy, CURLOPT_INFILESIZE_LARGE, (curl_off_t)j->size);
	buf_free(&h);
	buf_free(&cc);
	(void)err;
	return 0;
}

static int s3_put_done(struct target *t, struct put_job *j, CURL *easy, CURLcode rc,
		       struct buf *err)
{
	long code = 0;

	if (rc != CURLE_OK)
		return target_put_done(t, j, easy, rc, err);
	curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &code);
	if (code == 200)
		return 0;
	/* 500 and 503 (SlowDown) are worth another try, as AWS documents */
	j->retry = code == 500 || code == 503;
	target_http_error(t, code, j->resp.ptr, j->path, err);
	/* AWS's 500 is its own hiccup; a self-hosted store's is often a full disk */
	if (code == 500)
		buf_adds(err, "; if it repeats on a self-hosted S3 server, check its free disk "
			 "space and its log");
	return -1;
}

static int s3_remove(struct target *t, const char *path, int is_dir, struct buf *err)
{
	struct buf body = BUF_INIT;
	long code = 0;
	int rc = 0;

	if (is_dir)
		return 0;  /* S3 has no directories */
	rc = request(t, "DELETE", path, "", &body, &code, err);
	if (!rc && code != 204 && code != 200 && code != 404)
		rc = target_http_error(t, code, body.ptr, path, err);
	buf_free(&body);
	return rc;
}

const struct target_ops target_s3_ops = {
	.scheme = "s3",
	.open = s3_open,
	.list = s3_list,
	.fetch = s3_fetch,
	.put_setup = s3_put_setup,
	.put_done = s3_put_done,
	.get_setup = s3_get_setup,
	.remove = s3_remove,
	.close = s3_close,
};
