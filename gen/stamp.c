#include "stamp.h"

#include <dirent.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

/* Each input enters the hash with its length first, so that no two sequences of inputs
 * hash alike by shifting bytes from one to the next. */
static void feed(EVP_MD_CTX *h, const void *p, size_t len)
{
	unsigned long long n = len;

	EVP_DigestUpdate(h, &n, sizeof n);
	EVP_DigestUpdate(h, p, len);
}

static void feeds(EVP_MD_CTX *h, const char *s)
{
	feed(h, s ? s : "", s ? strlen(s) : 0);
}

static void feed_file(EVP_MD_CTX *h, const char *path)
{
	struct buf b = BUF_INIT;

	feeds(h, path);
	if (file_read(path, &b, (size_t)1 << 30, NULL) < 0)
		buf_printf(&b, "unreadable %p", (void *)&b);  /* never equal to a stamp */
	feed(h, b.ptr, b.len);
	buf_free(&b);
}

static void feed_tree(EVP_MD_CTX *h, const char *dir)
{
	struct dirent **ents = NULL;
	struct buf p = BUF_INIT;
	int i, n = scandir(dir, &ents, NULL, alphasort);

	feeds(h, n < 0 ? "missing" : dir);
	for (i = 0; i < n; i++) {
		if (ents[i]->d_name[0] != '.') {
			buf_reset(&p);
			buf_printf(&p, "%s/%s", dir, ents[i]->d_name);
			if (ents[i]->d_type == DT_DIR)
				feed_tree(h, p.ptr);
			else
				feed_file(h, p.ptr);
		}
		free(ents[i]);
	}
	free(ents);
	buf_free(&p);
}

/* Every row of sql, as text. Imports, corrections and fetches are what pulls change. */
static void feed_query(EVP_MD_CTX *h, sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	int i, n;

	feeds(h, sql);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		feeds(h, sqlite3_errmsg(db));
		return;
	}
	n = sqlite3_column_count(st);
	while (sqlite3_step(st) == SQLITE_ROW)
		for (i = 0; i < n; i++)
			feeds(h, (const char *)sqlite3_column_text(st, i));
	sqlite3_finalize(st);
}

void stamp_digest(const struct stamp_in *in, char hex[65])
{
	EVP_MD_CTX *h = EVP_MD_CTX_new();
	unsigned char md[32];
	unsigned int mdlen = 0;
	size_t i;

	if (!h || !EVP_DigestInit_ex(h, EVP_sha256(), NULL))
		die("SHA-256 failed");
	feeds(h, in->version);
	feeds(h, in->tools);
	feed_file(h, in->config_path);
	feed_tree(h, in->templates_dir);
	for (i = 0; i < in->nguides; i++) {
		const struct md_doc *g = &in->guides[i];

		feeds(h, g->slug), feeds(h, g->title), feeds(h, g->summary);
		feeds(h, g->updated), feeds(h, g->digest);
		feed(h, &g->weight, sizeof g->weight);
	}
	feed_query(h, in->db, "PRAGMA user_version");
	feed_query(h, in->db, "SELECT month, kind, digest, version, imported_at FROM month_kind "
		   "ORDER BY month, kind");
	feed_query(h, in->db, "SELECT month, kind, version, at FROM correction "
		   "ORDER BY month, kind, version");
	feed_query(h, in->db, "SELECT count(*), max(id) FROM fetch");
	if (!EVP_DigestFinal_ex(h, md, &mdlen) || mdlen != 32)
		die("SHA-256 failed");
	EVP_MD_CTX_free(h);
	hex_encode(md, 32, hex);
}

static char *stamp_path(const char *dir)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "%s.gen-stamp", dir);
	return buf_detach(&b, NULL);
}

/* A stamp line: "SIZE MTIME_SEC MTIME_NSEC PATH". */
static int line_fresh(const char *dir, const char *line, struct buf *full)
{
	long long size, sec, nsec;
	int off = 0;
	struct stat st;

	if (sscanf(line, "%lld %lld %lld %n", &size, &sec, &nsec, &off) != 3 || !off)
		return 0;
	buf_reset(full);
	buf_printf(full, "%s/%s", dir, line + off);
	return stat(full->ptr, &st) == 0 && S_ISREG(st.st_mode) && st.st_size == size &&
	       st.st_mtim.tv_sec == sec && st.st_mtim.tv_nsec == nsec;
}

int stamp_fresh(const char *dir, const char *digest, long *pages, long *files)
{
	char *path = stamp_path(dir), *p, *nl;
	struct buf b = BUF_INIT, full = BUF_INIT;
	int fresh = 0;

	*files = 0;
	if (file_read(path, &b, (size_t)1 << 30, NULL) < 0 ||
	    sscanf(b.ptr, "gen-stamp 1 %*64s %ld\n", pages) != 1 ||
	    strncmp(b.ptr + strlen("gen-stamp 1 "), digest, 64))
		goto out;
	if (!(p = strchr(b.ptr, '\n')))
		goto out;
	fresh = 1;
	for (p++; fresh && *p; p = nl + 1) {
		if (!(nl = strchr(p, '\n')))
			break;
		*nl = '\0';
		fresh = line_fresh(dir, p, &full);
		(*files)++;
	}
out:
	free(path);
	buf_free(&b);
	buf_free(&full);
	return fresh;
}

int stamp_write(const char *dir, const char *digest, long pages, const struct buf *files,
		struct buf *err)
{
	char *path = stamp_path(dir);
	struct buf b = BUF_INIT;
	int rc;

	buf_printf(&b, "gen-stamp 1 %s %ld\n", digest, pages);
	buf_add(&b, files->ptr, files->len);
	rc = file_write_atomic(path, b.ptr, b.len, err);
	free(path);
	buf_free(&b);
	return rc;
}

void stamp_remove(const char *dir)
{
	char *path = stamp_path(dir);

	unlink(path);
	free(path);
}
