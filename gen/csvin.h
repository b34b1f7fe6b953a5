/* csvin: reads a whole CSV file (libcsv) into rows that remember their line numbers, and
 * maps the header to the columns a format knows, matched without regard to case, diacritics
 * or spacing. Unknown columns are reported, never read. */
#ifndef GEN_CSVIN_H
#define GEN_CSVIN_H

#include <stddef.h>

#include "buf.h"

struct csvin_row {
	int line;               /* line where the row starts, 1-based */
	size_t n;
	char **f;               /* NFC text, trimmed */
};

struct csvin_table {
	char *name;             /* file or URL, for messages */
	char delim;
	size_t nrows;           /* rows[0] is the header */
	struct csvin_row *rows;
};

/* Parses data (BOM, CRLF, ',' or ';' accepted; text must be UTF-8, made NFC). */
int csvin_parse(struct csvin_table *t, const char *name, const char *data, size_t len,
	      struct buf *err);
void csvin_table_free(struct csvin_table *t);

/* A column a format knows: its folded names ("ma don vi", "unit code"), '|' separated. */
struct csvin_col {
	const char *names;
	int required;
};

/* Fills idx[i] with the column of cols[i] in the header, or -1. Fails on a missing required
 * column or a column named twice. unknown (may be NULL) receives the ignored header names. */
int csvin_map(const struct csvin_table *t, const struct csvin_col *cols, size_t ncols, int *idx,
	    struct buf *unknown, struct buf *err);
/* The field of row r at column c, "" when c < 0 or the row is short. */
const char *csvin_field(const struct csvin_row *r, int c);
/* Appends one CSV record (quoted where needed, LF ended). */
void csvin_write_row(struct buf *out, const char *const *f, size_t n);

#endif
