#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

void die(const char *fmt, ...)
{
	va_list ap;

	fputs("gen: fatal: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		die("out of memory (%zu bytes)", n);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		die("out of memory (%zu x %zu bytes)", n, size);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (!q)
		die("out of memory (%zu bytes)", n);
	return q;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

int err_set(struct buf *err, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return -1;
	buf_reset(err);
	va_start(ap, fmt);
	buf_vprintf(err, fmt, ap);
	va_end(ap);
	return -1;
}

int err_prefix(struct buf *err, const char *fmt, ...)
{
	struct buf pre = BUF_INIT;
	va_list ap;

	if (!err)
		return -1;
	va_start(ap, fmt);
	buf_vprintf(&pre, fmt, ap);
	va_end(ap);
	buf_adds(&pre, ": ");
	buf_add(&pre, err->ptr, err->len);
	buf_reset(err);
	buf_add(err, pre.ptr, pre.len);
	buf_free(&pre);
	return -1;
}

/* Reads straight into out, sized by fstat: a build reads thousands of small files (chart
 * keys, templates) and some large ones, and stdio added a buffer, a copy and a 64 kB frame
 * to each. A file that reports no size (a pipe, /proc) or grows is read on to its end. */
int file_read(const char *path, struct buf *out, size_t max, struct buf *err)
{
	struct stat st;
	ssize_t n;
	int fd, rc = -1;

	buf_reset(out);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return err_set(err, "%s: cannot open: %s", path, strerror(errno));
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
		if (max && (unsigned long long)st.st_size > max) {
			err_set(err, "%s: larger than the limit of %zu bytes", path, max);
			goto out;
		}
		buf_grow(out, (size_t)st.st_size + 1);  /* + 1: room to see the end */
	}
	for (;;) {
		if (out->cap - out->len < 2)
			buf_grow(out, 65536);
		n = read(fd, out->ptr + out->len, out->cap - out->len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err_set(err, "%s: read error: %s", path, strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		if (max && out->len + (size_t)n > max) {
			err_set(err, "%s: larger than the limit of %zu bytes", path, max);
			goto out;
		}
		out->len += (size_t)n;
	}
	rc = 0;
out:
	out->ptr[out->len] = '\0';
	close(fd);
	return rc;
}

static int write_all(int fd, const char *p, size_t len)
{
	while (len) {
		ssize_t w = write(fd, p, len);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

int file_write_atomic(const char *path, const void *data, size_t len, struct buf *err)
{
	struct buf tmp = BUF_INIT;
	int fd = -1, rc = -1;

	buf_printf(&tmp, "%s.tmp-%ld", path, (long)getpid());
	fd = open(tmp.ptr, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		err_set(err, "%s: cannot create: %s", tmp.ptr, strerror(errno));
		goto out;
	}
	if (write_all(fd, data, len) < 0 || fsync(fd) < 0) {
		err_set(err, "%s: cannot write: %s", path, strerror(errno));
		goto out;
	}
	if (close(fd) < 0) {
		fd = -1;
		err_set(err, "%s: cannot write: %s", path, strerror(errno));
		goto out;
	}
	fd = -1;
	if (rename(tmp.ptr, path) < 0) {
		err_set(err, "%s: cannot rename into place: %s", path, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	if (rc)
		unlink(tmp.ptr);
	buf_free(&tmp);
	return rc;
}

int file_write_stat(const char *path, const void *data, size_t len, struct stat *st,
		    struct buf *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

	if (fd < 0)
		return err_set(err, "%s: cannot create: %s", path, strerror(errno));
	if (write_all(fd, data, len) < 0 || (st && fstat(fd, st) < 0)) {
		err_set(err, "%s: cannot write: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	if (close(fd) < 0)
		return err_set(err, "%s: cannot write: %s", path, strerror(errno));
	return 0;
}

int file_write(const char *path, const void *data, size_t len, struct buf *err)
{
	return file_write_stat(path, data, len, NULL, err);
}

/* The copy half of file_link_or_copy: a piece at a time, as the file may be the open data
 * of every month (tens of megabytes); synced when durable; dst is removed if the copy
 * fails. */
static int copy_file(const char *src, const char *dst, int durable, struct stat *st,
		     struct buf *err)
{
	enum { PIECE = 1 << 16 };
	char *b = xmalloc(PIECE);
	int in = open(src, O_RDONLY | O_CLOEXEC), out = -1, made = 0, rc = -1;
	ssize_t n = 0;

	if (in < 0) {
		err_set(err, "%s: cannot open: %s", src, strerror(errno));
		goto out;
	}
	if ((out = open(dst, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) < 0) {
		err_set(err, "%s: cannot create: %s", dst, strerror(errno));
		goto out;
	}
	made = 1;
	while ((n = read(in, b, PIECE)) > 0 || (n < 0 && errno == EINTR))
		if (n > 0 && write_all(out, b, (size_t)n) < 0)
			break;
	if (n != 0 || (durable && fsync(out) < 0) || fstat(out, st) < 0) {
		err_set(err, "%s: cannot copy to %s: %s", src, dst, strerror(errno));
		goto out;
	}
	rc = close(out);
	out = -1;
	if (rc < 0)
		err_set(err, "%s: cannot write: %s", dst, strerror(errno));
out:
	if (out >= 0)
		close(out);
	if (in >= 0)
		close(in);
	if (rc < 0 && made)
		unlink(dst);
	free(b);
	return rc;
}

int file_link_or_copy(const char *src, const char *dst, int durable, struct stat *st,
		      struct buf *err)
{
	struct stat tmp;

	if (!st)
		st = &tmp;
	if (link(src, dst) == 0)
		return stat(dst, st) == 0 ? 0 :
		       err_set(err, "%s: %s", dst, strerror(errno));
	return copy_file(src, dst, durable, st, err);
}

/* Tries the directory itself first: it or its parent nearly always exists already, so one
 * call does, instead of one per component (a build makes thousands of files). Creation by
 * another thread at the same time is fine: EEXIST is success. */
int mkdir_p(const char *dir, struct buf *err)
{
	char *parent;
	const char *slash;
	int rc;

	if (mkdir(dir, 0755) == 0 || errno == EEXIST)
		return 0;
	if (errno != ENOENT || !(slash = strrchr(dir, '/')) || slash == dir)
		return err_set(err, "%s: cannot create directory: %s", dir, strerror(errno));
	parent = xstrndup(dir, (size_t)(slash - dir));
	rc = mkdir_p(parent, err);
	free(parent);
	if (rc == 0 && mkdir(dir, 0755) < 0 && errno != EEXIST)
		rc = err_set(err, "%s: cannot create directory: %s", dir, strerror(errno));
	return rc;
}

int mkdir_parents(const char *path, struct buf *err)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	int rc;

	if (!slash || slash == path)
		return 0;
	dir = xstrndup(path, (size_t)(slash - path));
	rc = mkdir_p(dir, err);
	free(dir);
	return rc;
}

int file_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

void sha256_hex(const void *data, size_t len, char hex[65])
{
	unsigned char md[32];
	unsigned int mdlen = 0;

	if (!EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL) || mdlen != 32)
		die("SHA-256 failed");
	hex_encode(md, 32, hex);
}

void hex_encode(const unsigned char *p, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 15];
	}
	out[2 * n] = '\0';
}
