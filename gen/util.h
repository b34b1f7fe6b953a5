/* util: allocation that never returns NULL, the error convention, and safe file writes.
 * Errors: a function that detects a failure fills the caller's error buffer once with
 * "WHERE: WHAT" (file, line, field, what was expected) and returns -1; callers pass -1 up
 * without printing. Only main prints and exits. */
#ifndef GEN_UTIL_H
#define GEN_UTIL_H

#include <stddef.h>
#include <sys/stat.h>

#include "buf.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

_Noreturn void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Replaces err's contents with the message and returns -1, so failures read
 * `return err_set(err, "%s:%d: ...", ...)`. err may be NULL. */
int err_set(struct buf *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Puts "prefix: " in front of the message already in err; returns -1. */
int err_prefix(struct buf *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Reads a whole file into out (replacing its contents); fails past max bytes (0 = no cap). */
int file_read(const char *path, struct buf *out, size_t max, struct buf *err);
/* Writes data to path through a temporary file in the same directory, fsync'd and renamed,
 * so readers see the old file or the new one, never a part. */
int file_write_atomic(const char *path, const void *data, size_t len, struct buf *err);
/* Writes data to path (created or truncated) without syncing: for staging files that are
 * synced all at once (syncfs) before they are renamed into place. */
int file_write(const char *path, const void *data, size_t len, struct buf *err);
/* file_write, giving the new file's size and times from the open file (st may be NULL). */
int file_write_stat(const char *path, const void *data, size_t len, struct stat *st,
		    struct buf *err);
/* dst as a hard link to src, or a copy where the file system refuses links (another file
 * system), synced to disk when durable; dst's size and times then in *st (may be NULL). A
 * failed copy leaves no dst. */
int file_link_or_copy(const char *src, const char *dst, int durable, struct stat *st,
		      struct buf *err);
/* Creates dir and its parents (mode 0755); existing directories are fine. */
int mkdir_p(const char *dir, struct buf *err);
/* Creates the parent directories of path. */
int mkdir_parents(const char *path, struct buf *err);
int file_exists(const char *path);

/* Lower-case hex SHA-256 of data into hex (65 bytes with the NUL). */
void sha256_hex(const void *data, size_t len, char hex[65]);
/* The n bytes at p as 2n lowercase hex digits and a NUL at out. */
void hex_encode(const unsigned char *p, size_t n, char *out);

#endif
