/* ini: reads an INI file into a list of (section, key, value, line) entries.
 * Why not libinih: Debian builds it with a 200-byte line limit that silently cuts longer
 * values (a POST body, a header) and it cannot be raised at run time; a wrong value that
 * passes silently is worse than the 80 lines here. */
#ifndef GEN_INI_H
#define GEN_INI_H

#include "buf.h"

struct ini_entry {
	char *section;  /* "" before the first [section] */
	char *key;
	char *value;    /* trimmed; surrounding double quotes removed */
	int line;
};

struct ini {
	char *path;
	struct ini_entry *v;
	size_t n, cap;
};

/* Parses text (NUL-terminated, UTF-8, BOM and CRLF accepted); path names it in errors. */
int ini_parse(struct ini *ini, const char *path, const char *text, struct buf *err);
void ini_free(struct ini *ini);

#endif
