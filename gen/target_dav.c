/* target_dav: https:// WebDAV (http:// only to loopback), basic or digest auth from ~/.netrc
 * or the environment. An upload is a PUT to ".gen-tmp.NAME" then a MOVE onto the name, which
 * servers (nginx, Apache mod_dav) carry out with rename(), so a visitor sees the old file or
 * the new one. Listing is PROPFIND with Depth 1, one collection at a time (many servers
 * refuse Depth infinity); directories are made with MKCOL, parents first. */
#include "target.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

static int dav_open(struct target *t, struct buf *err)
{
	t->easy = curl_easy_init();
	(void)err;
	return 0;
}

/* One request on the shared handle; the status code into *code. */
static int request(struct target *t, const char *method, const char *url,
		   struct curl_slist *headers, struct buf *body, long *code, struct buf *err)
{
	char errbuf[CURL_ERROR_SIZE];
	CURLcode rc;

	curl_easy_reset(t->easy);
	target_curl_common(t, t->easy, errbuf);
	curl_easy_setopt(t->easy, CURLOPT_URL, url);
	curl_easy_setopt(t->easy, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(t->easy, CURLOPT_HTTPAUTH, (long)(CURLAUTH_BASIC | CURLAUTH_DIGEST));
	curl_easy_setopt(t->easy, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(t->easy, CURLOPT_WRITEFUNCTION, target_capture);
	curl_easy_setopt(t->easy, CURLOPT_WRITEDATA, body);
	rc = target_easy_perform(t->easy, body);
	if (rc != CURLE_OK)
		return target_curl_error(t, t->easy, rc, errbuf, method, err);
	curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, code);
	return 0;
}

/* The path of a PROPFIND href relative to the root, or -1 when it is outside. */
static int href_rel(const struct target *t, const char *href, size_t n, struct buf *rel)
{
	struct buf dec = BUF_INIT;
	const char *p = href, *s;
	size_t rl = strlen(t->root);
	int rc = -1;

	s = strstr(href, "://");  /* href is NUL-terminated at n */
	if (s) {  /* an absolute URL: drop scheme and host */
		s = memchr(s + 3, '/', n - (size_t)(s + 3 - href));
		if (!s)
			return -1;
		n -= (size_t)(s - href);
		p = s;
	}
	target_unescape(p, n, &dec);
	if (dec.len + 1 >= rl && !strncmp(dec.ptr, t->root, dec.len < rl ? dec.len : rl)) {
		buf_sets(rel, dec.len > rl ? dec.ptr + rl : "");
		while (rel->len && rel->ptr[rel->len - 1] == '/')
			buf_trunc(rel, rel->len - 1);
		rc = 0;
	}
	buf_free(&dec);
	return rc;
}

static int propfind(struct target *t, const char *rel, struct manifest *files,
		    struct manifest *dirs, struct buf *err);

/* One <response> of a multistatus: a file to note or a collection to descend into. */
static int one_response(struct target *t, const char *rel, const char *x, size_t n,
			struct manifest *files, struct manifest *dirs, struct buf *err)
{
	struct buf href = BUF_INIT, path = BUF_INIT, len = BUF_INIT;
	size_t s, e;
	int rc = 0;

	target_xml_text(x, n, "href", &href);
	if (href_rel(t, href.ptr, href.len, &path) < 0 || !path.len || !strcmp(path.ptr, rel))
		goto out;
	if (target_xml_next(x, n, 0, "collection", &s, &e)) {
		manifest_add(dirs, path.ptr, 0, NULL);
		rc = propfind(t, path.ptr, files, dirs, err);
	} else {
		target_xml_text(x, n, "getcontentlength", &len);
		manifest_add(files, path.ptr, strtoll(len.ptr, NULL, 10), NULL);
	}
out:
	buf_free(&href);
	buf_free(&path);
	buf_free(&len);
	return rc;
}

static int propfind(struct target *t, const char *rel, struct manifest *files,
		    struct manifest *dirs, struct buf *err)
{
	struct curl_slist *h = NULL;
	struct buf url = BUF_INIT, resp = BUF_INIT;
	size_t at = 0, s, e;
	long code = 0;
	int rc = -1;

	resp.max = TARGET_BODY_MAX;
	target_url(t, rel, &url);
	if (*rel)
		buf_addc(&url, '/');
	h = curl_slist_append(h, "Depth: 1");
	if (request(t, "PROPFIND", url.ptr, h, &resp, &code, err) < 0)
		goto out;
	if (code == 404 && !*rel) {
		rc = 0;  /* no root yet: a first deploy */
		goto out;
	}
	if (code != 207) {
		target_http_error(t, code, resp.ptr, "listing the remote (PROPFIND)", err);
		goto out;
	}
	while (target_xml_next(resp.ptr, resp.len, at, "response", &s, &e)) {
		if (one_response(t, rel, resp.ptr + s, e - s, files, dirs, err) < 0)
			goto out;
		at = e;
	}
	rc = 0;
out:
	curl_slist_free_all(h);
	buf_free(&url);
	buf_free(&resp);
	return rc;
}

static int dav_list(struct target *t, struct manifest *files, struct manifest *dirs,
		    struct buf *err)
{
	return propfind(t, "", files, dirs, err);
}

static int dav_fetch(struct target *t, const char *path, struct buf *out, int *missing,
		     struct buf *err)
{
	struct buf url = BUF_INIT;
	long code = 0;
	int rc = -1;

	target_url(t, path, &url);
	if (request(t, "GET", url.ptr, NULL, out, &code, err) < 0)
		goto out;
	*missing = code == 404;
	if (*missing)
		buf_reset(out);
	else if (code != 200) {
		target_http_error(t, code, out->ptr, "reading the remote manifest", err);
		goto out;
	}
	rc = 0;
out:
	buf_free(&url);
	return rc;
}

static int dav_get_setup(struct target *t, const char *path, CURL *easy, struct buf *url,
			 struct curl_slist **headers, struct buf *err)
{
	target_url(t, path, url);
	curl_easy_setopt(easy, CURLOPT_URL, url->ptr);
	curl_easy_setopt(easy, CURLOPT_HTTPAUTH, (long)(CURLAUTH_BASIC | CURLAUTH_DIGEST));
	(void)headers;
	(void)err;
	return 0;
}

static int mkcol(struct target *t, const char *url, struct buf *err)
{
	struct buf resp = BUF_INIT;
	long code = 0;
	int rc = request(t, "MKCOL", url, NULL, &resp, &code, err);

	/* 405: it exists already */
	if (!rc && code != 201 && code != 405)
		rc = target_http_error(t, code, resp.ptr, "making a directory (MKCOL)", err);
	buf_free(&resp);
	return rc;
}

static int dav_mkdir(struct target *t, const char *path, struct buf *err)
{
	struct buf url = BUF_INIT;
	int rc;

	target_url(t, path, &url);
	buf_addc(&url, '/');
	rc = mkcol(t, url.ptr, err);
	buf_free(&url);
	return rc;
}

/* The root and its parents, so that a first deploy to a new folder works. */
static int dav_prepare(struct target *t, struct buf *err)
{
	const char *p = strstr(t->base, "://") + 3;
	struct buf url = BUF_INIT;
	int rc = 0;

	p = strchr(p, '/');
	while (p && p[1] && rc == 0) {
		p = strchr(p + 1, '/');
		if (!p)
			break;
		buf_reset(&url);
		buf_add(&url, t->base, (size_t)(p - t->base + 1));
		rc = mkcol(t, url.ptr, err);
		if (rc < 0 && strstr(err->ptr, "HTTP 403"))  /* a parent we may not touch */
			rc = 0;
	}
	buf_free(&url);
	return rc;
}

static void tmp_of(const char *path, struct buf *out)
{
	const char *slash = strrchr(path, '/');

	buf_reset(out);
	buf_printf(out, "%.*s%s%s", slash ? (int)(slash - path + 1) : 0, path,
		   MANIFEST_TMP_PREFIX, slash ? slash + 1 : path);
}

static int dav_put_setup(struct target *t, struct put_job *j, CURL *easy, struct buf *err)
{
	struct buf tmp = BUF_INIT, h = BUF_INIT;

	tmp_of(j->path, &tmp);
	curl_easy_setopt(easy, CURLOPT_HTTPAUTH, (long)(CURLAUTH_BASIC | CURLAUTH_DIGEST));
	if (j->step == 0) {
		target_url(t, tmp.ptr, &j->url);
		curl_easy_setopt(easy, CURLOPT_UPLOAD, 1L);
		curl_easy_setopt(easy, CURLOPT_READDATA, j->in);
		curl_easy_setopt(easy, CURLOPT_INFILESIZE_LARGE, (curl_off_t)j->size);
		buf_printf(&h, "Content-Type: %s", target_content_type(j->path));
		j->headers = curl_slist_append(j->headers, h.ptr);
		buf_reset(&h);
		buf_adds(&h, "Cache-Control: ");
		target_cache_control(t->cfg, j->path, &tmp);
		buf_add(&h, tmp.ptr, tmp.len);
		j->headers = curl_slist_append(j->headers, h.ptr);
		j->headers = curl_slist_append(j->headers, "Expect:");
	} else {
		target_url(t, tmp.ptr, &j->url);
		curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, "MOVE");
		buf_printf(&h, "Destination: %s", t->url);
		buf_reset(&tmp);
		target_url(t, j->path, &tmp);
		buf_adds(&h, tmp.ptr + strlen(t->base));
		j->headers = curl_slist_append(j->headers, h.ptr);
		j->headers = curl_slist_append(j->headers, "Overwrite: T");
	}
	curl_easy_setopt(easy, CURLOPT_URL, j->url.ptr);
	curl_easy_setopt(easy, CURLOPT_HTTPHEADER, j->headers);
	buf_free(&tmp);
	buf_free(&h);
	(void)err;
	return 0;
}

static int dav_put_done(struct target *t, struct put_job *j, CURL *easy, CURLcode rc,
			struct buf *err)
{
	long code = 0;

	if (rc != CURLE_OK)
		return target_put_done(t, j, easy, rc, err);
	curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &code);
	if (code == 201 || code == 204 || code == 200)
		return j->step == 0 ? 1 : 0;
	j->retry = code >= 500 && code != 507;
	/* nginx answers any PUT it cannot write with a bare 500, a full disk (ENOSPC) and a
	 * folder it may not write alike; name both causes and where to tell them apart. */
	if (code == 500 && j->step == 0)
		return err_set(err, "%s: %s: the server could not store the file (HTTP 500): its "
			       "disk is full or the quota used up, or it may not write that folder; "
			       "free space or raise the quota on the host, or fix the folder's "
			       "permissions (the server's error log says which)", t->url, j->path);
	return target_http_error(t, code, j->resp.ptr, j->path, err);
}

static int dav_remove(struct target *t, const char *path, int is_dir, struct buf *err)
{
	struct buf url = BUF_INIT, resp = BUF_INIT;
	struct curl_slist *h = NULL;
	long code = 0;
	int rc;

	target_url(t, path, &url);
	if (is_dir) {
		buf_addc(&url, '/');
		h = curl_slist_append(h, "Depth: infinity");
	}
	rc = request(t, "DELETE", url.ptr, h, &resp, &code, err);
	if (!rc && code != 204 && code != 200 && code != 404)
		rc = target_http_error(t, code, resp.ptr, path, err);
	curl_slist_free_all(h);
	buf_free(&url);
	buf_free(&resp);
	return rc;
}

const struct target_ops target_dav_ops = {
	.scheme = "https",
	.open = dav_open,
	.list = dav_list,
	.fetch = dav_fetch,
	.put_setup = dav_put_setup,
	.put_done = dav_put_done,
	.get_setup = dav_get_setup,
	.remove = dav_remove,
	.mkdir = dav_mkdir,
	.prepare = dav_prepare,
};
