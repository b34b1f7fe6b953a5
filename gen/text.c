#include "text.h"

#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "util.h"

int text_nfc_stable(int32_t c)
{
	return c < 0x80 || (c >= 0xA0 && c <= 0x24F) || (c >= 0x1E00 && c <= 0x1EFF) ||
	       (c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205E);
}

/* The length of the UTF-8 sequence at p (n bytes left, p[0] >= 0x80) and its code point in
 * *cp, or 0 if it is not one: the rules of RFC 3629, as utf8proc_iterate keeps them (no
 * overlong forms, no surrogates, nothing above U+10FFFF), without a library call for
 * each letter of Vietnamese text. */
static size_t utf8_seq(const unsigned char *p, size_t n, int32_t *cp)
{
	unsigned char c = p[0];

	if (c >= 0xC2 && c <= 0xDF && n >= 2 && (p[1] & 0xC0) == 0x80) {
		*cp = (c & 0x1F) << 6 | (p[1] & 0x3F);
		return 2;
	}
	if (c >= 0xE0 && c <= 0xEF && n >= 3 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80 &&
	    (c != 0xE0 || p[1] >= 0xA0) && (c != 0xED || p[1] <= 0x9F)) {
		*cp = (c & 0x0F) << 12 | (p[1] & 0x3F) << 6 | (p[2] & 0x3F);
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4 && n >= 4 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80 &&
	    (p[3] & 0xC0) == 0x80 && (c != 0xF0 || p[1] >= 0x90) && (c != 0xF4 || p[1] <= 0x8F)) {
		*cp = (c & 0x07) << 18 | (p[1] & 0x3F) << 12 | (p[2] & 0x3F) << 6 | (p[3] & 0x3F);
		return 4;
	}
	return 0;
}

/* 1 if s is valid UTF-8 without NUL; then, unless stable is NULL, *stable set when every
 * code point is text_nfc_stable. */
static int scan_utf8(const char *s, size_t n, int *stable)
{
	const unsigned char *p = (const unsigned char *)s;
	int32_t cp;
	size_t i = 0, k;
	int all = 1;

	while (i < n) {
		if (p[i] && p[i] < 0x80) {  /* ASCII, most of any text */
			i++;
			continue;
		}
		if (!p[i] || !(k = utf8_seq(p + i, n - i, &cp)))
			return 0;
		all = all && text_nfc_stable(cp);
		i += k;
	}
	if (stable)
		*stable = all;
	return 1;
}

int text_valid_utf8(const char *s, size_t n)
{
	return scan_utf8(s, n, NULL);
}

int text_nfc(const char *s, size_t n, struct buf *out)
{
	utf8proc_uint8_t *r = NULL;
	utf8proc_ssize_t len;
	int stable;

	if (!scan_utf8(s, n, &stable))
		return -1;
	if (stable) {  /* already NFC (text_nfc_stable): Vietnamese text, as it mostly comes */
		buf_add(out, s, n);
		return 0;
	}
	len = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &r,
			   UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (len < 0)
		return -1;
	buf_add(out, r, (size_t)len);
	free(r);
	return 0;
}

#define FOLD_OPTIONS (UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD)
#define FOLD_TABLE 0x1F00   /* code points below: up to Latin Extended Additional */

/* utf8proc_map(FOLD_OPTIONS) of each code point below FOLD_TABLE on its own, where that is
 * what it becomes inside any string: its folded code points are all starters (combining
 * class 0), so no reordering of marks can move them, and a mark it strips leaves nothing.
 * n = 0xFF marks the others, which send a string to utf8proc_map whole. Search folds every
 * title and summary, and SQL sorts by fold(): one map call a string, with a malloc and two
 * passes over it, was most of that. Filled once, then only read. */
struct fold_cp {
	unsigned char n;
	char s[7];
};

static struct fold_cp fold_table[FOLD_TABLE];
static pthread_once_t fold_once = PTHREAD_ONCE_INIT;

static void fold_table_fill(void)
{
	utf8proc_int32_t c, d;
	utf8proc_ssize_t i, k, n;

	for (c = 0; c < FOLD_TABLE; c++) {
		utf8proc_uint8_t in[4], *r = NULL;
		int ok;

		fold_table[c].n = 0xFF;
		if (!utf8proc_codepoint_valid(c) || c == 0)
			continue;
		n = utf8proc_map(in, utf8proc_encode_char(c, in), &r, FOLD_OPTIONS);
		ok = n >= 0 && n <= (utf8proc_ssize_t)sizeof fold_table[c].s;
		for (i = 0; ok && i < n; i += k) {
			k = utf8proc_iterate(r + i, n - i, &d);
			ok = k > 0 && utf8proc_get_property(d)->combining_class == 0;
		}
		if (ok) {
			memcpy(fold_table[c].s, r, (size_t)n);
			fold_table[c].n = (unsigned char)n;
		}
		free(r);
	}
}

/* s folded by fold_table into out; 0 if a code point is not in it, or s not UTF-8. */
static int fold_fast(const char *s, struct buf *out)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0, k;
	int32_t cp;

	pthread_once(&fold_once, fold_table_fill);
	buf_grow(out, n);
	while (i < n) {
		if (p[i] < 0x80) {
			cp = p[i];
			k = 1;
		} else if (!(k = utf8_seq(p + i, n - i, &cp))) {
			return 0;
		}
		if (cp >= FOLD_TABLE || fold_table[cp].n == 0xFF)
			return 0;
		buf_add(out, fold_table[cp].s, fold_table[cp].n);
		i += k;
	}
	return 1;
}

void text_fold(const char *s, struct buf *out)
{
	struct buf m = BUF_INIT;
	utf8proc_uint8_t *r = NULL;
	utf8proc_ssize_t len, i;
	int space = 0;
	size_t start = out->len;

	if (fold_fast(s, &m)) {
		r = (utf8proc_uint8_t *)m.ptr;
		len = (utf8proc_ssize_t)m.len;
	} else {
		len = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)strlen(s), &r,
				   FOLD_OPTIONS);
	}
	for (i = 0; i < len; i++) {
		unsigned char c = r[i];

		if (c == 0xC4 && i + 1 < len && (r[i + 1] == 0x91 || r[i + 1] == 0x90)) {
			c = 'd';  /* đ and Đ do not decompose: they are letters of their own */
			i++;
		}
		if (isalnum(c) || c >= 0x80) {
			if (space && out->len > start)
				buf_addc(out, ' ');
			space = 0;
			buf_addc(out, c);
		} else {
			space = 1;
		}
	}
	if (r != (utf8proc_uint8_t *)m.ptr)
		free(r);
	buf_free(&m);
}

void text_slug(const char *s, struct buf *out)
{
	int dash = 0;
	size_t start = out->len;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (isalnum(c) && c < 0x80) {
			if (dash && out->len > start)
				buf_addc(out, '-');
			dash = 0;
			buf_addc(out, tolower(c));
		} else {
			dash = 1;
		}
	}
}

void text_lower_first(const char *s, struct buf *out)
{
	utf8proc_int32_t cp;
	utf8proc_uint8_t enc[4];
	utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &cp);

	if (k <= 0) {
		buf_adds(out, s);
		return;
	}
	buf_add(out, enc, (size_t)utf8proc_encode_char(utf8proc_tolower(cp), enc));
	buf_adds(out, s + k);
}

char *text_trim(char *s)
{
	char *e;

	while (*s && isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		e--;
	*e = '\0';
	return s;
}
