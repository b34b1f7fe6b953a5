/* jsonin: reading outside JSON with jansson: parse errors with line and column, numbers
 * that may arrive as strings, NFC text, and redaction of keys gen does not read. */
#ifndef GEN_JSONIN_H
#define GEN_JSONIN_H

#include <jansson.h>

#include "buf.h"
#include "import.h"

/* Parses data (a BOM accepted); the message names name, line and column. */
json_t *jsonin_parse(const char *name, const char *data, size_t len, struct buf *err);
/* A number or numeric string as hundredths. 1 if present and valid, 0 if null or absent,
 * -1 if present but not a number with at most two decimals. */
int jsonin_centi(json_t *v, long *out);
/* A whole number (or numeric string); same returns as jsonin_centi. */
int jsonin_long(json_t *v, long long *out);
/* The string value (numbers printed), NFC, in the import's pool; "" if absent or null. */
const char *jsonin_str(struct import *im, json_t *v);
/* The array at root, or root["data"] (also root["data"][key] when key is not NULL). */
json_t *jsonin_array(json_t *root, const char *key);
/* Drops, at every depth, object keys not in keep (NULL-terminated). When any was dropped,
 * the fetch's archived body becomes the redacted JSON. */
void jsonin_redact(json_t *root, const char *const *keep, struct imp_fetch *f);

#endif
