/* verify: downloads for `gen deploy --verify`, hashed as they arrive (nothing is kept but
 * the start of an error answer), up to `parallel` at a time with one libcurl multi handle. */
#include "verify.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "util.h"

#define MAX_ATTEMPTS 3
#define ERROR_BODY_MAX 4096     /* of a refused download, kept for the error message */

/* One remote file to download and hash. */
struct fetch {
	struct manifest_entry *remote;  /* gets the SHA-256 of what the server sent */
	EVP_MD_CTX *md;
	struct buf url, resp;           /* resp: the start of the body, for error messages */
	struct curl_slist *headers;
	char errbuf[CURL_ERROR_SIZE];
	int attempts;
};

struct pool {
	struct run *r;
	struct target *t;
	CURLM *multi;
	CURL **easy;
	struct fetch **slot;            /* the fetch a handle runs, or NULL */
	long n;
	size_t done, total;
};

static int hex_of(EVP_MD_CTX *md, char *hex)
{
	unsigned char d[EVP_MAX_MD_SIZE];
	unsigned int len = 0;

	if (EVP_DigestFinal_ex(md, d, &len) != 1)
		return -1;
	hex_encode(d, len, hex);
	return 0;
}

static int file_md5(const char *path, char hex[33], struct buf *err)
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	char chunk[65536];
	FILE *f = fopen(path, "rb");
	size_t n;
	int rc = -1;

	if (!md)
		die("out of memory");
	if (!f) {
		err_set(err, "%s: cannot open: %s", path, strerror(errno));
		goto out;
	}
	EVP_DigestInit_ex(md, EVP_md5(), NULL);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		EVP_DigestUpdate(md, chunk, n);
	if (ferror(f)) {
		err_set(err, "%s: cannot read: %s", path, strerror(errno));
		goto out;
	}
	rc = hex_of(md, hex) < 0 ? err_set(err, "%s: MD5 failed", path) : 0;
out:
	if (f)
		fclose(f);
	EVP_MD_CTX_free(md);
	return rc;
}

static size_t on_data(char *p, size_t size, size_t n, void *userdata)
{
	struct fetch *f = userdata;
	size_t len = size * n;

	if (EVP_DigestUpdate(f->md, p, len) != 1)
		return 0;
	if (f->resp.len < ERROR_BODY_MAX)
		buf_add(&f->resp, p, len < ERROR_BODY_MAX - f->resp.len ? len :
			ERROR_BODY_MAX - f->resp.len);
	return len;
}

static int is_http(const struct target *t)
{
	return !strcmp(t->scheme, "http") || !strcmp(t->scheme, "https") ||
	       !strcmp(t->scheme, "s3");
}

static int fetch_start(struct pool *g, struct fetch *f, long s, struct buf *err)
{
	CURL *easy = g->easy[s];

	if (f->attempts)
		sleep((unsigned)f->attempts);  /* backoff: 1 s, then 2 s */
	curl_slist_free_all(f->headers);
	f->headers = NULL;
	buf_reset(&f->resp);
	EVP_DigestInit_ex(f->md, EVP_sha256(), NULL);
	curl_easy_reset(easy);
	target_curl_common(g->t, easy, f->errbuf);
	curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(easy, CURLOPT_WRITEDATA, f);
	curl_easy_setopt(easy, CURLOPT_PRIVATE, f);
	curl_easy_setopt(easy, CURLOPT_FTP_CREATE_MISSING_DIRS, 0L);
	if (g->t->ops->get_setup) {
		if (g->t->ops->get_setup(g->t, f->remote->path, easy, &f->url, &f->headers,
					 err) < 0)
			return -1;
	} else {
		target_url(g->t, f->remote->path, &f->url);
		curl_easy_setopt(easy, CURLOPT_URL, f->url.ptr);
	}
	g->slot[s] = f;
	if (curl_multi_add_handle(g->multi, easy) != CURLM_OK)
		return err_set(err, "%s: cannot start the download", f->remote->path);
	return 0;
}

/* A finished download: 0 hashed, 1 worth another attempt, -1 failed (err filled). */
static int fetch_end(struct pool *g, long s, CURLcode rc, struct buf *err)
{
	struct fetch *f = g->slot[s];
	CURL *easy = g->easy[s];
	long code = 0;
	int again = f->attempts + 1 < MAX_ATTEMPTS;

	curl_multi_remove_handle(g->multi, easy);
	g->slot[s] = NULL;
	if (rc != CURLE_OK) {
		if (target_transient(rc) && again)
			return 1;
		return target_curl_error(g->t, easy, rc, f->errbuf, f->remote->path, err);
	}
	curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &code);
	if (is_http(g->t) && code != 200) {
		if ((code == 500 || code == 502 || code == 503) && again)
			return 1;
		return target_http_error(g->t, code, f->resp.ptr, f->remote->path, err);
	}
	if (hex_of(f->md, f->remote->sha256) < 0)
		return err_set(err, "%s: SHA-256 failed", f->remote->path);
	g->done++;
	run_progress(g->r, "verify: %zu/%zu files downloaded and compared", g->done, g->total);
	run_debug(g->r, "hashed %s", f->remote->path);
	return 0;
}

static long free_slot(const struct pool *g)
{
	long s;

	for (s = 0; s < g->n; s++)
		if (!g->slot[s])
			return s;
	return -1;
}

/* Runs every fetch of queue[0..n) to its end; retries go to the back (queue has room for
 * MAX_ATTEMPTS rounds). */
static int run_all(struct pool *g, struct fetch **queue, size_t n, struct buf *err)
{
	size_t next = 0;
	int active = 0, running = 0;

	while (next < n || active) {
		struct CURLMsg *m;
		long s;
		int left;

		while (next < n && (s = free_slot(g)) >= 0) {
			if (fetch_start(g, queue[next++], s, err) < 0)
				return -1;
			active++;
		}
		curl_multi_perform(g->multi, &running);
		while ((m = curl_multi_info_read(g->multi, &left))) {
			struct fetch *f;
			int r;

			if (m->msg != CURLMSG_DONE)
				continue;
			for (s = 0; s < g->n && g->easy[s] != m->easy_handle; s++)
				;
			if (s == g->n || !(f = g->slot[s]))
				continue;
			active--;
			r = fetch_end(g, s, m->data.result, err);
			if (r < 0)
				return -1;
			if (r > 0) {
				f->attempts++;
				queue[n++] = f;
				run_debug(g->r, "retrying the download of %s: %s", f->remote->path,
					  f->errbuf);
			}
		}
		if (active)
			curl_multi_poll(g->multi, NULL, 0, 1000, NULL);
	}
	return 0;
}

static int download_all(struct pool *g, struct fetch *fs, size_t n, long parallel,
			struct buf *err)
{
	struct fetch **queue = xcalloc(n * MAX_ATTEMPTS + 1, sizeof *queue);
	long s;
	size_t i;
	int rc;

	g->n = parallel < 1 ? 1 : parallel > (long)n ? (long)n : parallel;
	g->multi = curl_multi_init();
	g->easy = xcalloc((size_t)g->n, sizeof *g->easy);
	g->slot = xcalloc((size_t)g->n, sizeof *g->slot);
	for (s = 0; s < g->n; s++)
		g->easy[s] = curl_easy_init();
	curl_multi_setopt(g->multi, CURLMOPT_MAX_HOST_CONNECTIONS, g->n);
	for (i = 0; i < n; i++)
		queue[i] = &fs[i];
	rc = run_all(g, queue, n, err);
	for (s = 0; s < g->n; s++) {
		if (g->slot[s])
			curl_multi_remove_handle(g->multi, g->easy[s]);
		curl_easy_cleanup(g->easy[s]);
	}
	curl_multi_cleanup(g->multi);
	free(g->easy);
	free(g->slot);
	free(queue);
	run_progress_done(g->r);
	return rc;
}

/* 1 when the remote file r must be downloaded to compare it with the local e. */
static int needs_download(const char *dir, const struct manifest_entry *e,
			  const struct manifest_entry *r, int content, struct verify_stats *st,
			  struct buf *err)
{
	struct buf path = BUF_INIT;
	char md5[33];
	int rc;

	if (content || !strcmp(r->md5, "-"))
		return 1;
	if (!r->md5[0])
		return 0;  /* no checksum listed: the size is all a cheap check has */
	buf_printf(&path, "%s/%s", dir, e->path);
	rc = file_md5(path.ptr, md5, err);
	buf_free(&path);
	if (rc < 0)
		return -1;
	if (strcmp(md5, r->md5))
		return 1;
	st->etags++;
	return 0;
}

int verify_contents(struct run *r, struct target *t, const char *dir,
		    const struct manifest *local, struct manifest *files, int content,
		    long parallel, struct verify_stats *st, struct buf *err)
{
	struct pool g = { .r = r, .t = t };
	struct fetch *fs = xcalloc(local->n + 1, sizeof *fs);
	size_t i = 0, k = 0, n = 0, c;
	int rc = -1;

	memset(st, 0, sizeof *st);
	/* both sorted by path: one merge walk pairs them */
	while (i < local->n && k < files->n) {
		const struct manifest_entry *e = &local->v[i];
		struct manifest_entry *f = &files->v[k];
		int cmp = strcmp(e->path, f->path), need;

		i += cmp <= 0;
		k += cmp >= 0;
		if (cmp || e->size != f->size)
			continue;
		need = needs_download(dir, e, f, content, st, err);
		if (need < 0)
			goto out;
		if (need) {
			fs[n].remote = f;
			fs[n].md = EVP_MD_CTX_new();
			if (!fs[n].md)
				die("out of memory");
			buf_init(&fs[n].url);
			buf_init(&fs[n].resp);
			n++;
		}
	}
	g.total = n;
	if (n && download_all(&g, fs, n, parallel, err) < 0)
		goto out;
	st->downloads = n;
	rc = 0;
out:
	for (c = 0; c < n; c++) {
		EVP_MD_CTX_free(fs[c].md);
		curl_slist_free_all(fs[c].headers);
		buf_free(&fs[c].url);
		buf_free(&fs[c].resp);
	}
	free(fs);
	return rc;
}
