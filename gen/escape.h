/* escape: the escapers used at the output boundary. Every value a template substitutes goes
 * through escape_html; URLs built from data go through escape_url_component. */
#ifndef GEN_ESCAPE_H
#define GEN_ESCAPE_H

#include <stddef.h>

#include "buf.h"

/* Appends s[0..n) to out with & < > " ' replaced by entities. The one escaper for HTML and
 * XML text and for quoted attribute values alike (quotes are always escaped for that). */
void escape_html(struct buf *out, const char *s, size_t n);

/* Appends s percent-encoded for use as one URL path segment or query value: every byte except
 * the RFC 3986 unreserved set (A-Z a-z 0-9 - . _ ~) becomes %XX, so UTF-8 text is encoded
 * byte by byte and '/', '?', '&', '#' never leak through. */
void escape_url_component(struct buf *out, const char *s);

#endif
