#include "csvin.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"

struct csv_state {
	struct csvin_table *t;
	struct csvin_row cur;
	size_t cap, fcap;
	int line;               /* physical line being fed */
	int row_line;
};

static void on_field(void *s, size_t len, void *data)
{
	struct csv_state *st = data;
	const char *p = s ? s : "";
	char *field = xstrndup(p, len), *trimmed;
	size_t i, nl = 0;

	for (i = 0; i < len; i++)
		nl += p[i] == '\n';
	if (st->cur.n == 0)
		st->row_line = st->line - (int)nl;
	if (st->cur.n == st->fcap) {
		st->fcap = st->fcap ? st->fcap * 2 : 16;
		st->cur.f = xrealloc(st->cur.f, st->fcap * sizeof *st->cur.f);
	}
	trimmed = text_trim(field);
	memmove(field, trimmed, strlen(trimmed) + 1);
	st->cur.f[st->cur.n++] = field;
}

static void on_row(int c, void *data)
{
	struct csv_state *st = data;
	struct csvin_table *t = st->t;

	(void)c;
	if (t->nrows == st->cap) {
		st->cap = st->cap ? st->cap * 2 : 64;
		t->rows = xrealloc(t->rows, st->cap * sizeof *t->rows);
	}
	st->cur.line = st->row_line;
	t->rows[t->nrows++] = st->cur;
	memset(&st->cur, 0, sizeof st->cur);
	st->fcap = 0;
}

static char sniff_delim(const char *s)
{
	int comma = 0, semi = 0, q = 0;

	for (; *s && (*s != '\n' || q); s++) {
		if (*s == '"')
			q = !q;
		else if (!q && *s == ',')
			comma++;
		else if (!q && *s == ';')
			semi++;
	}
	return semi > comma ? ';' : ',';
}

/* The line holding byte offset off, for a message about invalid UTF-8. */
static int bad_utf8_line(const char *s, size_t len)
{
	size_t i, lo = 0;
	int line = 1;

	for (i = 0; i <= len; i++) {
		if (i == len || s[i] == '\n') {
			if (!text_valid_utf8(s + lo, i - lo))
				return line;
			line++;
			lo = i + 1;
		}
	}
	return 0;
}

static int feed(struct csv_state *st, struct csv_parser *p, const char *s, size_t len,
		struct buf *err)
{
	const char *nl;

	while (len) {
		nl = memchr(s, '\n', len);
		size_t n = nl ? (size_t)(nl - s) + 1 : len;

		st->line++;
		if (csv_parse(p, s, n, on_field, on_row, st) != n)
			return err_set(err, "%s:%d: %s", st->t->name, st->line,
				       csv_error(p) == CSV_EPARSE ?
				       "malformed quoting (a quote inside an unquoted field, or text "
				       "after a closing quote)" : csv_strerror(csv_error(p)));
		s += n;
		len -= n;
	}
	st->line++;
	if (csv_fini(p, on_field, on_row, st) != 0)
		return err_set(err, "%s: a quoted field is never closed (opened on line %d)",
			       st->t->name, st->row_line ? st->row_line : 1);
	return 0;
}

int csvin_parse(struct csvin_table *t, const char *name, const char *data, size_t len,
	      struct buf *err)
{
	struct csv_state st = { .t = t };
	struct csv_parser p;
	struct buf nfc = BUF_INIT, lf = BUF_INIT;
	size_t i;
	int rc = -1;

	memset(t, 0, sizeof *t);
	t->name = xstrdup(name);
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) {
		data += 3;
		len -= 3;
	}
	if (text_nfc(data, len, &nfc) < 0)
		return err_set(err, "%s:%d: not valid UTF-8 text (save the file as \"CSV UTF-8\")",
			       name, bad_utf8_line(data, len));
	for (i = 0; i < nfc.len; i++)
		if (!(nfc.ptr[i] == '\r' && i + 1 < nfc.len && nfc.ptr[i + 1] == '\n'))
			buf_addc(&lf, nfc.ptr[i]);
	t->delim = sniff_delim(lf.ptr);
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		die("csv_init failed");
	/* libcsv grows a field by this much at a time (128 bytes by default): a field of
	 * megabytes would take tens of thousands of reallocs */
	csv_set_blk_size(&p, (size_t)1 << 16);
	csv_set_delim(&p, (unsigned char)t->delim);
	rc = feed(&st, &p, lf.ptr, lf.len, err);
	csv_free(&p);
	for (i = 0; i < st.cur.n; i++)
		free(st.cur.f[i]);
	free(st.cur.f);
	if (rc == 0 && t->nrows == 0)
		rc = err_set(err, "%s: empty file: expected a header row and data rows", name);
	buf_free(&nfc);
	buf_free(&lf);
	return rc;
}

void csvin_table_free(struct csvin_table *t)
{
	size_t i, j;

	if (!t)
		return;
	for (i = 0; i < t->nrows; i++) {
		for (j = 0; j < t->rows[i].n; j++)
			free(t->rows[i].f[j]);
		free(t->rows[i].f);
	}
	free(t->rows);
	free(t->name);
	memset(t, 0, sizeof *t);
}

static int name_matches(const char *names, const char *folded)
{
	size_t n = strlen(folded);

	while (*names) {
		const char *bar = strchr(names, '|');
		size_t len = bar ? (size_t)(bar - names) : strlen(names);

		if (len == n && !memcmp(names, folded, n))
			return 1;
		names += len + (bar != NULL);
	}
	return 0;
}

static const char *first_name(const char *names, struct buf *b)
{
	const char *bar = strchr(names, '|');

	buf_reset(b);
	buf_add(b, names, bar ? (size_t)(bar - names) : strlen(names));
	return b->ptr;
}

int csvin_map(const struct csvin_table *t, const struct csvin_col *cols, size_t ncols, int *idx,
	    struct buf *unknown, struct buf *err)
{
	const struct csvin_row *h = &t->rows[0];
	struct buf f = BUF_INIT, nm = BUF_INIT;
	size_t i, c;
	int rc = 0, hit;

	for (c = 0; c < ncols; c++)
		idx[c] = -1;
	for (i = 0; i < h->n && rc == 0; i++) {
		buf_reset(&f);
		text_fold(h->f[i], &f);
		for (c = 0, hit = 0; c < ncols && !hit; c++) {
			if (!name_matches(cols[c].names, f.ptr))
				continue;
			hit = 1;
			if (idx[c] >= 0)
				rc = err_set(err, "%s:%d: column \"%s\" appears twice (columns %d and %zu)",
					     t->name, h->line, h->f[i], idx[c] + 1, i + 1);
			idx[c] = (int)i;
		}
		if (!hit && unknown && h->f[i][0])
			buf_printf(unknown, "%s\"%s\"", unknown->len ? ", " : "", h->f[i]);
	}
	for (c = 0; c < ncols && rc == 0; c++)
		if (cols[c].required && idx[c] < 0)
			rc = err_set(err, "%s:%d: missing column \"%s\" in the header row (see README, "
				     "\"Input formats\")", t->name, h->line, first_name(cols[c].names, &nm));
	buf_free(&f);
	buf_free(&nm);
	return rc;
}

const char *csvin_field(const struct csvin_row *r, int c)
{
	return c >= 0 && (size_t)c < r->n ? r->f[c] : "";
}

void csvin_write_row(struct buf *out, const char *const *f, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const char *s = f[i] ? f[i] : "";

		if (i)
			buf_addc(out, ',');
		if (strpbrk(s, ",;\"\n\r")) {
			const char *q;

			buf_addc(out, '"');
			for (; (q = strchr(s, '"')); s = q + 1) {  /* a quote is doubled */
				buf_add(out, s, (size_t)(q - s) + 1);
				buf_addc(out, '"');
			}
			buf_adds(out, s);
			buf_addc(out, '"');
		} else {
			buf_adds(out, s);
		}
	}
	buf_addc(out, '\n');
}
