/* buf: the one growable string buffer of gen.
 * Invariants: ptr is never NULL and always NUL-terminated; len excludes the NUL.
 * Allocation failure aborts (see util.h), so no function here reports OOM. */
#ifndef GEN_BUF_H
#define GEN_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *ptr;
	size_t len;
	size_t cap;  /* 0 while ptr points at the shared empty string */
	size_t max;  /* 0 = unbounded; otherwise buf_add_capped refuses to grow past it */
};

extern char buf_empty[];
#define BUF_INIT { buf_empty, 0, 0, 0 }

void buf_init(struct buf *b);
/* Frees the storage and leaves b as BUF_INIT (max kept). buf_free(NULL) is a no-op. */
void buf_free(struct buf *b);
void buf_reset(struct buf *b);               /* len = 0, storage kept */
void buf_grow(struct buf *b, size_t extra);  /* room for extra more bytes */
void buf_add(struct buf *b, const void *p, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, int c);
void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
void buf_trunc(struct buf *b, size_t len);
/* Like buf_add, but returns -1 and adds nothing when len + n would pass b->max. */
int buf_add_capped(struct buf *b, const void *p, size_t n);
/* Hands the string to the caller (free() it); b becomes empty. */
char *buf_detach(struct buf *b, size_t *len);
/* Replaces the contents with s. */
void buf_sets(struct buf *b, const char *s);
void buf_rtrim(struct buf *b);

#endif
