/* text: Unicode handling for Vietnamese text: NFC normalisation on import, diacritic folding
 * for matching and search ("Đăng ký" → "dang ky"), and URL slugs. */
#ifndef GEN_TEXT_H
#define GEN_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* 1 if s[0..n) is valid UTF-8 without NUL bytes. */
int text_valid_utf8(const char *s, size_t n);
/* Appends the NFC form of s[0..n) to out; -1 if s is not valid UTF-8. */
int text_nfc(const char *s, size_t n, struct buf *out);
/* 1 for code points that make any string of them NFC already, so text_nfc copies it as it
 * is: ASCII, Latin-1 to Latin Extended-B, Latin Extended Additional (Vietnamese's
 * precomposed letters) and most general punctuation. Each is its own NFC, a starter whose
 * decomposition starts with a starter, and no two compose (tests/unit_core.c checks every
 * one and every pair against utf8proc). Normalising was a quarter of a guide's build. */
int text_nfc_stable(int32_t c);
/* Appends the folded form: lower case, no marks, đ→d, every run of characters other than
 * letters and digits as one space, trimmed. "Mã  đơn-vị" → "ma don vi". */
void text_fold(const char *s, struct buf *out);
/* Appends a URL slug for a unit or procedure code: lower case ASCII letters and digits,
 * other runs as '-': "H44.01" → "h44-01". */
void text_slug(const char *s, struct buf *out);
/* Appends s with its first letter in lower case, as a name or label reads mid-sentence
 * ("Sở, ban, ngành" → "sở, ban, ngành", "Xã Đức Thắng" → "xã Đức Thắng"). */
void text_lower_first(const char *s, struct buf *out);
/* Strips leading and trailing ASCII white space in place; returns s. */
char *text_trim(char *s);

#endif
