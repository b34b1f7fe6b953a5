#include "manifest.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "util.h"

#define MANIFEST_HEADER "# gen deploy manifest v1: sha256 size path\n"

void manifest_init(struct manifest *m)
{
	memset(m, 0, sizeof *m);
}

void manifest_free(struct manifest *m)
{
	size_t i;

	if (!m)
		return;
	for (i = 0; i < m->n; i++)
		free(m->v[i].path);
	free(m->v);
	memset(m, 0, sizeof *m);
}

void manifest_add(struct manifest *m, const char *path, long long size, const char *sha256)
{
	struct manifest_entry *e;

	if (m->n == m->cap) {
		m->cap = m->cap ? 2 * m->cap : 64;
		m->v = xrealloc(m->v, m->cap * sizeof *m->v);
	}
	e = &m->v[m->n++];
	e->path = xstrdup(path);
	e->size = size;
	snprintf(e->sha256, sizeof e->sha256, "%s", sha256 ? sha256 : "");
	e->md5[0] = '\0';
}

static int by_path(const void *a, const void *b)
{
	return strcmp(((const struct manifest_entry *)a)->path,
		      ((const struct manifest_entry *)b)->path);
}

void manifest_sort(struct manifest *m)
{
	if (m->n)
		qsort(m->v, m->n, sizeof *m->v, by_path);
}

const struct manifest_entry *manifest_find(const struct manifest *m, const char *path)
{
	struct manifest_entry key = { .path = (char *)path };

	if (!m->n)
		return NULL;
	return bsearch(&key, m->v, m->n, sizeof *m->v, by_path);
}

int manifest_is_internal(const char *path)
{
	const char *base = strrchr(path, '/');

	base = base ? base + 1 : path;
	return !strcmp(base, MANIFEST_NAME) ||
	       !strncmp(base, MANIFEST_TMP_PREFIX, strlen(MANIFEST_TMP_PREFIX));
}

/* Streams the file through SHA-256 so a large download file never sits in memory. */
static int hash_file(const char *path, long long *size, char hex[65], struct buf *err)
{
	unsigned char chunk[65536], md[32];
	unsigned int mdlen = 0;
	EVP_MD_CTX *ctx = NULL;
	long long total = 0;
	ssize_t n;
	int fd, rc = -1;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return err_set(err, "%s: cannot open: %s", path, strerror(errno));
	ctx = EVP_MD_CTX_new();
	if (!ctx || !EVP_DigestInit_ex(ctx, EVP_sha256(), NULL))
		die("SHA-256 failed");
	while ((n = read(fd, chunk, sizeof chunk)) > 0) {
		EVP_DigestUpdate(ctx, chunk, (size_t)n);
		total += n;
	}
	if (n < 0) {
		err_set(err, "%s: read error: %s", path, strerror(errno));
		goto out;
	}
	if (!EVP_DigestFinal_ex(ctx, md, &mdlen) || mdlen != 32)
		die("SHA-256 failed");
	hex_encode(md, 32, hex);
	*size = total;
	rc = 0;
out:
	EVP_MD_CTX_free(ctx);
	close(fd);
	return rc;
}

static int scan_dir(struct manifest *m, const char *root, const char *rel, struct buf *err)
{
	struct buf full = BUF_INIT, sub = BUF_INIT;
	DIR *d = NULL;
	struct dirent *de;
	int rc = -1;

	buf_printf(&full, "%s%s%s", root, *rel ? "/" : "", rel);
	d = opendir(full.ptr);
	if (!d) {
		err_set(err, "%s: cannot read directory: %s", full.ptr, strerror(errno));
		goto out;
	}
	while ((de = readdir(d))) {
		struct stat st;
		char hex[65];
		long long size;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		buf_reset(&sub);
		buf_printf(&sub, "%s%s%s", rel, *rel ? "/" : "", de->d_name);
		buf_reset(&full);
		buf_printf(&full, "%s/%s", root, sub.ptr);
		if (stat(full.ptr, &st) < 0) {
			err_set(err, "%s: %s", full.ptr, strerror(errno));
			goto out;
		}
		if (S_ISDIR(st.st_mode)) {
			if (scan_dir(m, root, sub.ptr, err) < 0)
				goto out;
		} else if (S_ISREG(st.st_mode) && !manifest_is_internal(sub.ptr)) {
			if (strchr(sub.ptr, '\n') || strchr(sub.ptr, '\\')) {
				err_set(err, "%s: file name has a newline or backslash, which no "
					"web host serves reliably; rename it", full.ptr);
				goto out;
			}
			if (hash_file(full.ptr, &size, hex, err) < 0)
				goto out;
			manifest_add(m, sub.ptr, size, hex);
		}
	}
	rc = 0;
out:
	if (d)
		closedir(d);
	buf_free(&full);
	buf_free(&sub);
	return rc;
}

int manifest_scan(struct manifest *m, const char *dir, struct buf *err)
{
	if (scan_dir(m, dir, "", err) < 0)
		return -1;
	manifest_sort(m);
	return 0;
}

static int parse_line(struct manifest *m, const char *s, const char *name, int line,
		      struct buf *err)
{
	const char *p = s;
	char *end;
	long long size;
	int i;

	for (i = 0; i < 64; i++)
		if (!((p[i] >= '0' && p[i] <= '9') || (p[i] >= 'a' && p[i] <= 'f')))
			break;
	if (i != 64 || p[64] != ' ')
		return err_set(err, "%s:%d: expected 64 hex digits of SHA-256, a space, the size "
			       "and the path", name, line);
	errno = 0;
	size = strtoll(p + 65, &end, 10);
	if (errno || end == p + 65 || size < 0 || *end != ' ' || !end[1])
		return err_set(err, "%s:%d: expected a size in bytes and a path after the hash",
			       name, line);
	manifest_add(m, end + 1, size, "");
	memcpy(m->v[m->n - 1].sha256, p, 64);
	m->v[m->n - 1].sha256[64] = '\0';
	return 0;
}

int manifest_parse(struct manifest *m, const char *text, size_t len, const char *name,
		   struct buf *err)
{
	struct buf line = BUF_INIT;
	size_t i = 0;
	int ln = 0, rc = -1;

	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - (text + i)) : len - i;

		ln++;
		buf_reset(&line);
		buf_add(&line, text + i, n);
		i += n + 1;
		if (!line.len || line.ptr[0] == '#')
			continue;
		if (memchr(line.ptr, '\0', line.len) || parse_line(m, line.ptr, name, ln, err) < 0)
			goto out;
	}
	manifest_sort(m);
	for (i = 1; i < m->n; i++)
		if (!strcmp(m->v[i - 1].path, m->v[i].path)) {
			err_set(err, "%s: \"%s\" listed twice", name, m->v[i].path);
			goto out;
		}
	rc = 0;
out:
	buf_free(&line);
	return rc;
}

void manifest_format(const struct manifest *m, struct buf *out)
{
	size_t i;

	buf_adds(out, MANIFEST_HEADER);
	for (i = 0; i < m->n; i++)
		buf_printf(out, "%s %lld %s\n", m->v[i].sha256, m->v[i].size, m->v[i].path);
}

int manifest_equal(const struct manifest *a, const struct manifest *b)
{
	size_t i;

	if (a->n != b->n)
		return 0;
	for (i = 0; i < a->n; i++)
		if (strcmp(a->v[i].path, b->v[i].path) || a->v[i].size != b->v[i].size ||
		    strcmp(a->v[i].sha256, b->v[i].sha256))
			return 0;
	return 1;
}
