#define _XOPEN_SOURCE 700  /* strptime */
#include "site.h"

#include <dirent.h>
#include <getopt.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "date.h"
#include "derive.h"
#include "num.h"
#include "stamp.h"
#include "text.h"
#include "util.h"

/* The page kinds, in build order: data files before the pages that link to them. Kinds
 * that feed nothing to the others run on helper threads (lanes), each with its own store
 * connection and fonts, side by side with the rest; the last kind, the feed and sitemap,
 * waits for them all. The five longest kinds are cut in two halves (part 1 and 2: every
 * other month, unit, procedure or guide), the second half on a lane whose own kinds end
 * early.
 * The lanes are balanced by measure (make bench, gen -v build). */
enum { LAST = -1, MAIN, OPEN_DATA, CATALOGUE, UNITS, DELAYS, NLANES };
static const struct {
	const char *name;
	int (*fn)(struct site *, struct buf *);
	int lane, part;
} kinds[] = {
	{ "open data", site_opendata, OPEN_DATA, 0 },
	{ "rankings", site_rankings, MAIN, 1 },
	{ "units", site_units, UNITS, 1 },
	{ "late dossiers", site_delays, DELAYS, 1 },
	{ "procedures", site_procedures, CATALOGUE, 1 },
	{ "guides", site_guides, CATALOGUE, 1 },
	{ "press", site_press, MAIN, 0 },
	{ "method", site_method, MAIN, 0 },
	{ "search", site_search, CATALOGUE, 0 },
	{ "home", site_home, MAIN, 0 },
	{ "units, second half", site_units, CATALOGUE, 2 },
	{ "late dossiers, second half", site_delays, OPEN_DATA, 2 },
	{ "procedures, second half", site_procedures, DELAYS, 2 },
	{ "rankings, second half", site_rankings, UNITS, 2 },
	{ "guides, second half", site_guides, OPEN_DATA, 2 },
	{ "feed, sitemap, assets", site_meta, LAST, 0 },
};

/* A result column: its key (the name without the suffix) and what the suffix asks for. */
enum col_kind { COL_PLAIN, COL_CENTI, COL_CHANGE, COL_BOOL, COL_JSON, COL_DATE, COL_MONTH };
struct col {
	char key[64];
	size_t len;
	enum col_kind kind;
};

/* Read once a statement (prepared), not once a query or a value: a build runs a few dozen
 * statements tens of thousands of times, over millions of values. */
static void describe(sqlite3_stmt *st, struct col *c, int n)
{
	static const struct { const char *sfx; enum col_kind kind; } sfx[] = {
		{ "__c", COL_CENTI }, { "__d", COL_CHANGE }, { "__b", COL_BOOL },
		{ "__json", COL_JSON }, { "__date", COL_DATE }, { "__month", COL_MONTH },
	};
	int i;
	size_t k;

	for (i = 0; i < n; i++) {
		const char *name = sqlite3_column_name(st, i), *u = strstr(name, "__");

		c[i].len = u ? (size_t)(u - name) : strlen(name);
		if (c[i].len >= sizeof c[i].key)
			die("site query: column name too long: %s", name);  /* a bug */
		memcpy(c[i].key, name, c[i].len);
		c[i].key[c[i].len] = '\0';
		c[i].kind = COL_PLAIN;
		for (k = 0; u && k < ARRAY_LEN(sfx); k++)
			if (!strcmp(u, sfx[k].sfx))
				c[i].kind = sfx[k].kind;
	}
}

static void set(json_t *o, const struct col *c, const char *suffix, json_t *v)
{
	char key[80];
	size_t n;

	if (!suffix) {
		json_object_setn_new_nocheck(o, c->key, c->len, v);
		return;
	}
	n = strlen(suffix);
	if (c->len + n > sizeof key)
		die("site query: column name too long: %s%s", c->key, suffix);  /* a bug */
	memcpy(key, c->key, c->len);  /* not snprintf: 1 % of a national build */
	memcpy(key + c->len, suffix, n);
	json_object_setn_new_nocheck(o, key, c->len + n, v);
}

/* Hundredths as "93,75" (x), the integer (x_raw), and for a change its sign and x_dir. */
static void put_centi(json_t *o, const struct col *c, long v)
{
	struct buf b = BUF_INIT;

	if (c->kind == COL_CHANGE && v > 0)
		buf_addc(&b, '+');
	num_add_centi_vi(&b, v);
	set(o, c, NULL, json_stringn(b.ptr, b.len));
	set(o, c, "_raw", json_integer(v));
	if (c->kind == COL_CHANGE)
		set(o, c, "_dir", json_string(v > 0 ? "up" : v < 0 ? "down" : "same"));
	buf_free(&b);
}

/* Column value to JSON by the column name's suffix (see site.h). */
static void put_column(json_t *o, sqlite3_stmt *st, int i, const struct col *c)
{
	int type = sqlite3_column_type(st, i);
	long v = (long)sqlite3_column_int64(st, i);
	const char *t;
	size_t len;
	char d[16];

	if (type == SQLITE_NULL) {
		set(o, c, NULL, json_null());
		return;
	}
	if (c->kind == COL_CENTI || c->kind == COL_CHANGE) {
		put_centi(o, c, v);
		return;
	}
	if (c->kind == COL_BOOL || (c->kind == COL_PLAIN && type == SQLITE_INTEGER)) {
		set(o, c, NULL, c->kind == COL_BOOL ? json_boolean(v != 0) : json_integer(v));
		return;
	}
	t = (const char *)sqlite3_column_text(st, i);
	len = (size_t)sqlite3_column_bytes(st, i);
	if (c->kind == COL_JSON) {
		json_t *j = json_loadb(t, len, 0, NULL);

		set(o, c, NULL, j ? j : json_null());
	} else if (c->kind == COL_DATE && len == 10) {  /* YYYY-MM-DD as DD/MM/YYYY */
		memcpy(d, t + 8, 2), d[2] = '/', memcpy(d + 3, t + 5, 2), d[5] = '/';
		memcpy(d + 6, t, 4);
		set(o, c, NULL, json_stringn(d, 10));
	} else if (c->kind == COL_MONTH && len == 7) {  /* YYYY-MM as MM/YYYY */
		memcpy(d, t + 5, 2), d[2] = '/', memcpy(d + 3, t, 4);
		set(o, c, NULL, json_stringn(d, 7));
	} else if (text_valid_utf8(t, len)) {  /* not json_stringn's own check: 3.6 % of a
						* national build, against 1 % for this one */
		set(o, c, NULL, json_stringn_nocheck(t, len));
	}  /* else (a store edited by hand) no value, as json_stringn would have given */
}

/* Prepared statements by SQL text: a few dozen queries run thousands of times a build, and
 * parsing them again each time was a twentieth of it. */
struct site_stmts {
	size_t n, cap;
	size_t *hash;
	char **sql;
	sqlite3_stmt **st;
	struct col **cols;          /* described once (describe): a calloc of them a query
				     * made glibc consolidate its free lists each time */
};

static size_t sql_hash(const char *s)
{
	size_t h = 14695981039346656037u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

/* The statement for sql, prepared once, and its columns described in *cols. */
static sqlite3_stmt *prepared(struct site *s, const char *sql, const struct col **cols)
{
	struct site_stmts *c = s->stmts;
	size_t i, h = sql_hash(sql);
	int n;

	for (i = 0; i < c->n; i++)
		if (c->hash[i] == h && !strcmp(c->sql[i], sql)) {
			*cols = c->cols[i];
			return c->st[i];
		}
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 64;
		c->hash = xrealloc(c->hash, c->cap * sizeof *c->hash);
		c->sql = xrealloc(c->sql, c->cap * sizeof *c->sql);
		c->st = xrealloc(c->st, c->cap * sizeof *c->st);
		c->cols = xrealloc(c->cols, c->cap * sizeof *c->cols);
	}
	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &c->st[c->n], NULL) !=
	    SQLITE_OK)
		die("site query: %s\n%s", sqlite3_errmsg(s->db), sql);  /* a bug, not bad data */
	c->hash[c->n] = h;
	c->sql[c->n] = xstrdup(sql);
	n = sqlite3_column_count(c->st[c->n]);
	c->cols[c->n] = xcalloc((size_t)n + 1, sizeof **c->cols);
	describe(c->st[c->n], c->cols[c->n], n);
	*cols = c->cols[c->n];
	return c->st[c->n++];
}

static void stmts_free(struct site_stmts *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->n; i++) {
		sqlite3_finalize(c->st[i]);
		free(c->sql[i]);
		free(c->cols[i]);
	}
	free(c->hash);
	free(c->sql);
	free(c->st);
	free(c->cols);
	free(c);
}

static void bind_args(sqlite3_stmt *st, const char *fmt, va_list ap)
{
	int i;

	for (i = 1; fmt && *fmt; fmt++, i++)
		if (*fmt == 's')
			sqlite3_bind_text(st, i, va_arg(ap, const char *), -1, SQLITE_TRANSIENT);
		else
			sqlite3_bind_int64(st, i, va_arg(ap, long));
}

json_t *site_rows_next(struct site_rows *r, size_t max)
{
	json_t *rows = json_array();
	int i, n = sqlite3_column_count(r->st), rc = SQLITE_ROW;

	while (!r->done && json_array_size(rows) < max) {
		json_t *o;

		if ((rc = sqlite3_step(r->st)) != SQLITE_ROW)
			break;
		o = json_object();
		for (i = 0; i < n; i++)
			put_column(o, r->st, i, &r->cols[i]);
		json_array_append_new(rows, o);
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		die("site query: %s\n%s", sqlite3_errmsg(r->s->db), sqlite3_sql(r->st));
	if (rc == SQLITE_DONE)
		site_rows_close(r);
	return rows;
}

static json_t *vquery(struct site *s, const char *sql, const char *fmt, va_list ap)
{
	struct site_rows r = { s, NULL, NULL, 0 };

	r.st = prepared(s, sql, &r.cols);
	bind_args(r.st, fmt, ap);
	return site_rows_next(&r, SIZE_MAX);
}

void site_rows_open(struct site *s, struct site_rows *r, const char *sql, const char *fmt, ...)
{
	va_list ap;

	r->s = s;
	r->done = 0;
	r->st = prepared(s, sql, &r->cols);
	va_start(ap, fmt);
	bind_args(r->st, fmt, ap);
	va_end(ap);
}

void site_rows_close(struct site_rows *r)
{
	if (r->done)
		return;
	r->done = 1;
	sqlite3_reset(r->st);
	sqlite3_clear_bindings(r->st);
}

json_t *site_query(struct site *s, const char *sql, const char *fmt, ...)
{
	va_list ap;
	json_t *r;

	va_start(ap, fmt);
	r = vquery(s, sql, fmt, ap);
	va_end(ap);
	return r;
}

json_t *site_query_one(struct site *s, const char *sql, const char *fmt, ...)
{
	va_list ap;
	json_t *r, *first;

	va_start(ap, fmt);
	r = vquery(s, sql, fmt, ap);
	va_end(ap);
	first = json_array_get(r, 0);
	first = first ? json_incref(first) : json_object();
	json_decref(r);
	return first;
}

int site_mine(const struct site *s, size_t i)
{
	return !s->part || (int)(i % 2) == s->part - 1;
}

int site_file(struct site *s, const char *path, const char *data, size_t len, struct buf *err)
{
	return outdir_put(s->out, 2 * s->order + 1, path, data, len, err);
}

void site_sitemap(struct site *s, const char *path, const char *lastmod)
{
	json_t *o = json_pack("{s:s}", "path", path);

	if (lastmod && *lastmod)
		json_object_set_new(o, "lastmod", json_string(lastmod));
	json_array_append_new(s->sitemap, o);
}

/* The page's own URL path, for canonical links and the current-page mark in the nav. */
static void page_url(const char *path, struct buf *out)
{
	const char *slash = strrchr(path, '/');

	if (!strcmp(path, "index.html"))
		buf_adds(out, "");
	else if (slash && !strcmp(slash, "/index.html"))
		buf_add(out, path, (size_t)(slash - path) + 1);
	else
		buf_adds(out, path);
}

int site_page(struct site *s, const char *path, const char *tpl, json_t *ctx, struct buf *err)
{
	struct buf *html = &s->html, url = BUF_INIT;
	int rc;

	page_url(path, &url);
	json_object_set(ctx, "site", s->common);
	json_object_set_new(ctx, "path", json_string(url.ptr));
	buf_reset(html);
	buf_printf(html, "in_%.*s", (int)strcspn(url.ptr, "/"), url.ptr);
	json_object_set_new(ctx, html->ptr, json_true());  /* marks the nav's current section */
	buf_reset(html);
	rc = tmpl_render(s->tmpl, tpl, ctx, html, err);
	if (rc < 0)
		err_prefix(err, "build: %s", path);
	else
		rc = outdir_put(s->out, 2 * s->order + 1, path, html->ptr, html->len, err);
	if (rc == 0)
		s->pages++;
	json_decref(ctx);
	buf_free(&url);
	return rc;
}

static void fn_tier_label(sqlite3_context *c, int argc, sqlite3_value **v)
{
	const struct config *cfg = sqlite3_user_data(c);
	const char *t = (const char *)sqlite3_value_text(v[0]);

	(void)argc;
	sqlite3_result_text(c, t ? config_tier_label(cfg, t) : "", -1, SQLITE_TRANSIENT);
}

static void fn_slug(sqlite3_context *c, int argc, sqlite3_value **v)
{
	struct buf b = BUF_INIT;
	const char *t = (const char *)sqlite3_value_text(v[0]);

	(void)argc;
	text_slug(t ? t : "", &b);
	sqlite3_result_text(c, b.ptr, (int)b.len, SQLITE_TRANSIENT);
	buf_free(&b);
}

/* The colour level in words, so colour is never the only signal. */
static void fn_level_label(sqlite3_context *c, int argc, sqlite3_value **v)
{
	const char *t = (const char *)sqlite3_value_text(v[0]);

	(void)argc;
	sqlite3_result_text(c, !t ? "" : !strcmp(t, "xanh") ? "Xanh" : !strcmp(t, "vàng") ?
			    "Vàng" : !strcmp(t, "cam") ? "Cam" : "Đỏ", -1, SQLITE_STATIC);
}

static void fn_level_code(sqlite3_context *c, int argc, sqlite3_value **v)
{
	const char *t = (const char *)sqlite3_value_text(v[0]);

	(void)argc;
	sqlite3_result_text(c, !t ? "" : !strcmp(t, "xanh") ? "xanh" : !strcmp(t, "vàng") ?
			    "vang" : !strcmp(t, "cam") ? "cam" : "do", -1, SQLITE_STATIC);
}

static void fn_fold(sqlite3_context *c, int argc, sqlite3_value **v)
{
	struct buf b = BUF_INIT;
	const char *t = (const char *)sqlite3_value_text(v[0]);

	(void)argc;
	text_fold(t ? t : "", &b);
	sqlite3_result_text(c, b.ptr, (int)b.len, SQLITE_TRANSIENT);
	buf_free(&b);
}

/* Hundredths as "93,75" (vi) or "93.75" (dec), exactly. */
static void fn_centi(sqlite3_context *c, int argc, sqlite3_value **v)
{
	struct buf b = BUF_INIT;
	long x = (long)sqlite3_value_int64(v[0]);

	(void)argc;
	if (sqlite3_value_type(v[0]) == SQLITE_NULL) {
		sqlite3_result_null(c);
		return;
	}
	if (sqlite3_user_data(c))
		num_add_centi_vi(&b, x);
	else
		num_add_centi(&b, x);
	sqlite3_result_text(c, b.ptr, (int)b.len, SQLITE_TRANSIENT);
	buf_free(&b);
}

/* level_of(score, max): the colour level under [bands], as derive_level decides it. */
static void fn_level_of(sqlite3_context *c, int argc, sqlite3_value **v)
{
	(void)argc;
	sqlite3_result_text(c, derive_level(sqlite3_user_data(c), (long)sqlite3_value_int64(v[0]),
					    (long)sqlite3_value_int64(v[1])), -1, SQLITE_STATIC);
}

/* The position of a tier or group code in the configuration, for ORDER BY. */
static void fn_order(sqlite3_context *c, int argc, sqlite3_value **v)
{
	struct site *s = sqlite3_user_data(c);
	const char *t = (const char *)sqlite3_value_text(v[0]);
	size_t i;
	int tier = argc == 1;

	for (i = 0; t && i < (tier ? s->cfg->ntiers : s->cfg->ngroups); i++)
		if (!strcmp(t, tier ? s->cfg->tiers[i].code : s->cfg->groups[i].code))
			break;
	sqlite3_result_int(c, (int)i);
}

static void register_functions(struct site *s)
{
	static const struct { const char *name; void (*fn)(sqlite3_context *, int,
							   sqlite3_value **); } fns[] = {
		{ "tier_label", fn_tier_label }, { "slug", fn_slug },
		{ "level_label", fn_level_label }, { "level_code", fn_level_code },
		{ "fold", fn_fold },
	};
	static int vi = 1;
	size_t i;

	for (i = 0; i < ARRAY_LEN(fns); i++)
		sqlite3_create_function(s->db, fns[i].name, 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
					(void *)s->cfg, fns[i].fn, NULL, NULL);
	sqlite3_create_function(s->db, "vi", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, &vi,
				fn_centi, NULL, NULL);
	sqlite3_create_function(s->db, "dec", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				fn_centi, NULL, NULL);
	sqlite3_create_function(s->db, "level_of", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
				(void *)s->cfg, fn_level_of, NULL, NULL);
	sqlite3_create_function(s->db, "tier_order", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, s,
				fn_order, NULL, NULL);
	sqlite3_create_function(s->db, "group_order", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, s,
				fn_order, NULL, NULL);
}

/* Templates are every file under templates/ but assets/, which is copied as it is. */
static int load_templates(struct site *s, const char *dir, const char *rel, struct buf *err)
{
	struct buf full = BUF_INIT, sub = BUF_INIT, text = BUF_INIT;
	struct dirent **ents = NULL;
	int i, n, rc = 0;

	buf_printf(&full, "%s%s%s", dir, *rel ? "/" : "", rel);
	n = scandir(full.ptr, &ents, NULL, alphasort);
	if (n < 0) {
		buf_free(&full);
		return err_set(err, "%s: cannot read the templates directory", full.ptr);
	}
	for (i = 0; i < n; i++) {
		const char *e = ents[i]->d_name;

		if (rc == 0 && e[0] != '.' && !(!*rel && !strcmp(e, "assets"))) {
			buf_reset(&sub);
			buf_printf(&sub, "%s%s%s", rel, *rel ? "/" : "", e);
			buf_reset(&full);
			buf_printf(&full, "%s/%s", dir, sub.ptr);
			if (ents[i]->d_type == DT_DIR)
				rc = load_templates(s, dir, sub.ptr, err);
			else if ((rc = file_read(full.ptr, &text, 1 << 20, err)) == 0)
				rc = tmpl_set_add(s->tmpl, sub.ptr, text.ptr, err);
		}
		free(ents[i]);
	}
	free(ents);
	buf_free(&full);
	buf_free(&sub);
	buf_free(&text);
	return rc;
}

static int copy_assets(struct site *s, const char *dir, const char *rel, struct buf *err)
{
	struct buf full = BUF_INIT, sub = BUF_INIT, data = BUF_INIT;
	struct dirent **ents = NULL;
	int i, n, rc = 0;

	buf_printf(&full, "%s/%s", dir, rel);
	n = scandir(full.ptr, &ents, NULL, alphasort);
	for (i = 0; i < n; i++) {
		const char *e = ents[i]->d_name;

		if (rc == 0 && e[0] != '.') {
			buf_reset(&sub);
			buf_printf(&sub, "%s/%s", rel, e);
			buf_reset(&full);
			buf_printf(&full, "%s/%s", dir, sub.ptr);
			if (ents[i]->d_type == DT_DIR)
				rc = copy_assets(s, dir, sub.ptr, err);
			else if ((rc = file_read(full.ptr, &data, 16 << 20, err)) == 0)
				rc = outdir_put(s->out, 2 * s->order + 1, sub.ptr, data.ptr, data.len, err);
		}
		free(ents[i]);
	}
	free(ents);
	buf_free(&full);
	buf_free(&sub);
	buf_free(&data);
	return rc;
}

static int cmp_guides(const void *a, const void *b)
{
	const struct md_doc *x = a, *y = b;

	if (x->weight != y->weight)
		return x->weight < y->weight ? -1 : 1;
	return strcmp(x->title, y->title);
}

/* Guides are read and parsed on several threads: each a file of its own, thousands on a
 * large site. */
struct guide_load {
	struct site *s;
	char **paths, **slugs;
	int *rc;
	struct buf *errs;
	size_t n, step, first;
};

static void *load_some(void *arg)
{
	struct guide_load *l = arg;
	size_t i;

	for (i = l->first; i < l->n; i += l->step)
		l->rc[i] = md_load(l->paths[i], l->slugs[i], &l->s->guides[i], &l->errs[i]);
	return NULL;
}

static void load_parallel(struct guide_load *l)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t i, k = l->n < 64 || cpus < 2 ? 1 : cpus > 4 ? 4 : (size_t)cpus;
	pthread_t th[4];
	struct guide_load part[4];
	int started[4] = { 0 };

	for (i = 0; i < k; i++) {
		part[i] = *l;
		part[i].step = k;
		part[i].first = i;
		if (i)
			started[i] = pthread_create(&th[i], NULL, load_some, &part[i]) == 0;
	}
	for (i = 0; i < k; i++)  /* this thread's share, and any a thread could not take */
		if (!started[i])
			load_some(&part[i]);
	for (i = 1; i < k; i++)
		if (started[i])
			pthread_join(th[i], NULL);
}

/* Every content/huong-dan/SLUG.md; _index.md is the section's introduction. */
static int load_guides(struct site *s, const char *dir, struct buf *err)
{
	struct dirent **ents = NULL;
	struct guide_load l = { s, NULL, NULL, NULL, NULL, 0, 1, 0 };
	struct buf b = BUF_INIT;
	int i, n, rc = 0;
	size_t k;

	n = scandir(dir, &ents, NULL, alphasort);
	l.paths = xcalloc(n > 0 ? (size_t)n : 1, sizeof *l.paths);
	l.slugs = xcalloc(n > 0 ? (size_t)n : 1, sizeof *l.slugs);
	for (i = 0; i < n; i++) {
		const char *e = ents[i]->d_name;
		size_t len = strlen(e);

		if (e[0] != '.' && len > 3 && !strcmp(e + len - 3, ".md")) {
			buf_reset(&b);
			buf_printf(&b, "%s/%s", dir, e);
			l.paths[l.n] = xstrdup(b.ptr);
			l.slugs[l.n++] = xstrndup(e, len - 3);
		}
		free(ents[i]);
	}
	free(ents);
	s->guides = xcalloc(l.n + 1, sizeof *s->guides);
	l.rc = xcalloc(l.n + 1, sizeof *l.rc);
	l.errs = xcalloc(l.n + 1, sizeof *l.errs);
	for (k = 0; k < l.n; k++)
		buf_init(&l.errs[k]);
	load_parallel(&l);
	s->nguides = l.n;
	for (k = 0; k < l.n; k++) {
		if (rc == 0 && l.rc[k] < 0)  /* the first file in name order, as one thread would */
			rc = err_set(err, "%s", l.errs[k].ptr);
		buf_free(&l.errs[k]);
		free(l.paths[k]);
		free(l.slugs[k]);
	}
	if (rc == 0 && s->nguides)
		qsort(s->guides, s->nguides, sizeof *s->guides, cmp_guides);
	free(l.paths);
	free(l.slugs);
	free(l.rc);
	free(l.errs);
	buf_free(&b);
	return rc;
}

/* "2026-11-22T05:19:13Z" as "22/11/2026 12:19" in the site's time zone (TZ is set to it). */
static const char *local_time(const char *iso, struct buf *out)
{
	struct tm tm = { 0 };
	char s[32];
	time_t t;

	buf_reset(out);
	if (!iso || !strptime(iso, "%Y-%m-%dT%H:%M:%SZ", &tm))
		return "";
	t = timegm(&tm);
	localtime_r(&t, &tm);
	strftime(s, sizeof s, "%d/%m/%Y %H:%M", &tm);
	buf_adds(out, s);
	return out->ptr;
}

static json_t *common_ctx(struct site *s)
{
	const struct config *c = s->cfg;
	json_t *o = json_object(), *groups = json_array(), *up;
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < c->ngroups; i++) {
		buf_reset(&b);
		num_add_centi_vi(&b, c->groups[i].max);
		json_array_append_new(groups, json_pack("{s:s,s:s,s:s}", "code", c->groups[i].code,
						       "label", c->groups[i].label, "max", b.ptr));
	}
	up = site_query_one(s, "SELECT max(imported_at) AS at FROM month_kind", NULL);
	json_object_set_new(o, "title", json_string(c->title));
	json_object_set_new(o, "province", json_string(c->province));
	json_object_set_new(o, "province_code", json_string(c->province_code));
	json_object_set_new(o, "base_url", json_string(c->base_url));
	json_object_set_new(o, "root", json_string(s->root));
	json_object_set_new(o, "license", json_string(c->license));
	json_object_set_new(o, "license_url", json_string(c->license_url));
	json_object_set_new(o, "hotline", json_string(c->hotline));
	json_object_set_new(o, "sample", json_boolean(c->sample));
	json_object_set_new(o, "latest", json_string(s->latest));
	buf_reset(&b);
	buf_printf(&b, "%.2s/%.4s", s->latest + 5, s->latest);
	json_object_set_new(o, "latest_label", json_string(b.ptr));
	json_object_set_new(o, "updated", json_incref(json_object_get(up, "at")));
	json_object_set_new(o, "updated_label",
			    json_string(local_time(json_string_value(json_object_get(up, "at")), &b)));
	json_object_set_new(o, "groups", groups);
	json_object_set_new(o, "max_total", json_integer(c->max_total / 100));
	json_object_set_new(o, "version", json_string(GEN_VERSION));
	json_decref(up);
	buf_free(&b);
	return o;
}

static int latest_month(struct site *s, struct buf *err)
{
	json_t *m = site_query_one(s, "SELECT max(month) AS m FROM score", NULL);
	const char *v = json_string_value(json_object_get(m, "m"));

	if (v)
		memcpy(s->latest, v, 8);
	json_decref(m);
	return v ? 0 : err_set(err, "build: the store has no scores yet: run 'gen pull' first");
}

static int prepare(struct site *s, struct buf *err)
{
	char *tdir = config_path(s->cfg, s->cfg->templates_dir);
	char *cdir = config_path(s->cfg, s->cfg->content_dir);
	struct buf g = BUF_INIT;
	int rc = -1;

	register_functions(s);
	s->stmts = xcalloc(1, sizeof *s->stmts);
	s->root = xstrdup(s->cfg->root);
	s->tmpl = tmpl_set_new("_html");
	buf_printf(&g, "%s/huong-dan", cdir);
	if (latest_month(s, err) < 0 || load_templates(s, tdir, "", err) < 0 ||
	    tmpl_set_check(s->tmpl, err) < 0 || load_guides(s, g.ptr, err) < 0)
		goto out;
	s->common = common_ctx(s);
	s->cache = config_path(s->cfg, s->cfg->cache_dir);
	s->chart_keys = json_array();
	s->data_keys = json_array();
	s->chart_memo = site_chart_memo_new();
	buf_reset(&g);
	buf_printf(&g, "%s/qr.json", s->cache);
	s->qr = qr_memo_open(g.ptr);
	if (chart_fonts_init(&s->fonts, NULL, err) < 0)
		goto out;
	s->feed = json_array();
	s->sitemap = json_array();
	buf_reset(&g);
	buf_printf(&g, "%s/assets", tdir);
	rc = file_exists(g.ptr) ? copy_assets(s, tdir, "assets", err) : 0;
out:
	free(tdir);
	free(cdir);
	buf_free(&g);
	return rc;
}

static void site_free(struct site *s)
{
	size_t i;

	for (i = 0; i < s->nguides; i++)
		md_doc_free(&s->guides[i]);
	free(s->guides);
	tmpl_set_free(s->tmpl);
	json_decref(s->common);
	json_decref(s->feed);
	json_decref(s->sitemap);
	json_decref(s->chart_keys);
	json_decref(s->data_keys);
	json_decref(s->levels);
	site_chart_memo_free(s->chart_memo);
	qr_memo_free(s->qr);
	stmts_free(s->stmts);
	chart_fonts_free(&s->fonts);
	free(s->cache);
	buf_free(&s->sums);
	buf_free(&s->html);
	free(s->root);
}

/* The digest of everything this build reads (stamp.h). */
static void inputs_digest(struct site *s, char hex[65])
{
	char *tdir = config_path(s->cfg, s->cfg->templates_dir);
	struct buf tools = BUF_INIT;
	struct stamp_in in = { GEN_VERSION, s->cfg->path, tdir, s->guides, s->nguides, s->db,
			       NULL };

	buf_printf(&tools, "fonts %s audio %d", s->fonts.sha, site_audio_wanted(s));
	in.tools = tools.ptr;
	stamp_digest(&in, hex);
	buf_free(&tools);
	free(tdir);
}

/* A helper thread's copy of the site: its own store connection, sitemap, sums and page
 * count; templates, guides, configuration and the output are shared, read-only or locked. */
struct helper {
	struct site s;
	struct buf err;
	pthread_t thread;
	int lane, started;
	size_t failed;              /* the kind that failed, or ARRAY_LEN(kinds) */
};

/* Runs page kind k, saying at -v how long it took and on which lane. */
static int run_kind(struct site *s, size_t k, struct buf *err)
{
	struct timespec t0, t1;
	int rc;

	s->order = (int)k;
	s->part = kinds[k].part;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	rc = kinds[k].fn(s, err);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	run_debug(s->r, "build: %s: %.3f s (lane %d)", kinds[k].name,
		  (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9,
		  kinds[k].lane);
	return rc;
}

static void *helper_run(void *arg)
{
	struct helper *h = arg;
	size_t k;

	for (k = 0; k < ARRAY_LEN(kinds) && h->failed == ARRAY_LEN(kinds); k++)
		if (kinds[k].lane == h->lane && run_kind(&h->s, k, &h->err) < 0)
			h->failed = k;
	return NULL;
}

/* The main connection holds its shared lock already (prepare read the store), so no pull
 * can commit before this read transaction begins: both threads see the same snapshot. */
static int helper_start(struct site *s, struct helper *h, int lane, struct buf *err)
{
	h->lane = lane;
	h->s = *s;
	h->s.stmts = NULL;
	h->s.sums = (struct buf)BUF_INIT;
	h->s.html = (struct buf)BUF_INIT;
	h->s.sitemap = json_array();
	h->s.feed = json_array();
	h->s.chart_keys = NULL;
	h->s.data_keys = json_array();
	h->s.levels = NULL;
	memset(&h->s.fonts, 0, sizeof h->s.fonts);
	h->s.pages = h->s.charts_drawn = h->s.charts_kept = 0;
	h->err = (struct buf)BUF_INIT;
	h->failed = ARRAY_LEN(kinds);
	if (chart_fonts_init(&h->s.fonts, NULL, err) < 0 ||  /* to measure charts */
	    store_open_ro(&h->s.st, s->db_path, err) < 0 ||
	    store_exec(h->s.st, "PRAGMA cache_size = -8192; BEGIN; SELECT count(*) FROM"
		       " sqlite_master", err) < 0)
		return -1;
	h->s.db = store_db(h->s.st);
	h->s.stmts = xcalloc(1, sizeof *h->s.stmts);
	register_functions(&h->s);
	if (pthread_create(&h->thread, NULL, helper_run, h) != 0)
		return err_set(err, "build: cannot start a thread");
	h->started = 1;
	return 0;
}

/* Waits for the helper and takes back what it made. */
static void helper_join(struct site *s, struct helper *h)
{
	size_t i;

	if (!h->started)
		return;
	pthread_join(h->thread, NULL);
	s->pages += h->s.pages;
	s->charts_drawn += h->s.charts_drawn;
	s->charts_kept += h->s.charts_kept;
	buf_add(&s->sums, h->s.sums.ptr, h->s.sums.len);
	for (i = 0; i < json_array_size(h->s.sitemap); i++)
		json_array_append(s->sitemap, json_array_get(h->s.sitemap, i));
	for (i = 0; i < json_array_size(h->s.feed); i++)
		json_array_append(s->feed, json_array_get(h->s.feed, i));
	json_array_extend(s->data_keys, h->s.data_keys);
}

static void helper_free(struct helper *h)
{
	stmts_free(h->s.stmts);
	store_close(h->s.st);
	chart_fonts_free(&h->s.fonts);
	json_decref(h->s.sitemap);
	json_decref(h->s.feed);
	json_decref(h->s.data_keys);
	json_decref(h->s.levels);
	buf_free(&h->s.sums);
	buf_free(&h->s.html);
	buf_free(&h->err);
}

/* Every page kind: the helpers' on their threads, the main ones here, then the last.
 * On failure, the error of the earliest kind that failed. */
static int run_kinds(struct site *s, struct buf *err)
{
	struct helper h[NLANES - 1];
	struct buf perr = BUF_INIT;
	size_t k, failed = ARRAY_LEN(kinds);
	int i, rc;

	memset(h, 0, sizeof h);
	if (site_chart_pool_start(s, err) < 0)
		failed = 0;
	for (i = 0; i < NLANES - 1 && failed == ARRAY_LEN(kinds); i++)
		if (helper_start(s, &h[i], i + 1, err) < 0)
			failed = 0;
	for (k = 0; k < ARRAY_LEN(kinds) && failed == ARRAY_LEN(kinds); k++) {
		if (kinds[k].lane != MAIN)
			continue;
		run_progress(s->r, "build: %s…", kinds[k].name);
		if (run_kind(s, k, err) < 0)
			failed = k;
	}
	for (i = 0; i < NLANES - 1; i++) {
		helper_join(s, &h[i]);
		if (h[i].started && h[i].failed < failed) {
			buf_reset(err);
			buf_add(err, h[i].err.ptr, h[i].err.len);
			failed = h[i].failed;
		}
	}
	/* Only once no lane can queue a chart any more. A chart that failed after its page was
	 * made: reported after any kind's own error. */
	if (site_chart_pool_finish(s, &perr) < 0 && failed == ARRAY_LEN(kinds)) {
		buf_sets(err, perr.ptr);
		failed = ARRAY_LEN(kinds) - 1;
	}
	for (k = 0; k < ARRAY_LEN(kinds) && failed == ARRAY_LEN(kinds); k++)
		if (kinds[k].lane == LAST && run_kind(s, k, err) < 0)
			failed = k;
	run_progress_done(s->r);
	rc = failed == ARRAY_LEN(kinds) ? 0 : -1;
	for (i = 0; i < NLANES - 1; i++)
		helper_free(&h[i]);
	buf_free(&perr);
	return rc;
}

/* Seconds since *t, which becomes now: the phases of a build at -v. */
static double lap(struct timespec *t)
{
	struct timespec now;
	double d;

	clock_gettime(CLOCK_MONOTONIC, &now);
	d = (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
	*t = now;
	return d;
}

static int build(struct site *s, const char *out_dir, struct buf *err)
{
	struct outdir_stats stats;
	struct buf serr = BUF_INIT, listing = BUF_INIT;
	struct timespec t;
	char digest[65];
	long files, pages;

	clock_gettime(CLOCK_MONOTONIC, &t);
	s->out_dir = out_dir;
	if (outdir_open(&s->out, out_dir, err) < 0)
		return -1;
	if (prepare(s, err) < 0) {
		outdir_abort(s->out);
		return -1;
	}
	run_debug(s->r, "build: templates, guides and store read: %.3f s", lap(&t));
	inputs_digest(s, digest);
	if (stamp_fresh(out_dir, digest, &pages, &files)) {
		outdir_abort(s->out);
		run_info(s->r, "build: %ld pages, 0 charts drawn; 0 files written, %ld unchanged, "
			 "0 removed (%s): nothing changed since the last build", pages, files,
			 out_dir);
		return 0;
	}
	stamp_remove(out_dir);
	if (run_kinds(s, err) < 0) {
		outdir_abort(s->out);
		return -1;
	}
	run_debug(s->r, "build: every page: %.3f s", lap(&t));
	if (outdir_commit(s->out, &stats, &listing, err) < 0 || site_chart_keys_save(s, err) < 0) {
		buf_free(&listing);
		return -1;
	}
	run_debug(s->r, "build: files synced and moved into place: %.3f s", lap(&t));
	/* The QR memo and the data cache only speed up the next build: no error if not saved. */
	if (qr_memo_save(s->qr, &serr) < 0)
		run_info(s->r, "build: %s", serr.ptr);
	buf_reset(&serr);
	if (site_datacache_save(s, &serr) < 0)
		run_info(s->r, "build: %s (the open data is not kept in the build cache; the next "
			 "build makes it again)", serr.ptr);
	buf_reset(&serr);
	run_info(s->r, "build: %ld pages, %ld charts drawn, %ld unchanged; %ld files written, "
		 "%ld unchanged, %ld removed (%s)", s->pages, s->charts_drawn, s->charts_kept,
		 stats.written, stats.unchanged, stats.deleted, out_dir);
	/* The stamp only speeds up the next build: failing to write it is no error. */
	if (stamp_write(out_dir, digest, s->pages, &listing, &serr) < 0)
		run_info(s->r, "build: %s", serr.ptr);
	run_debug(s->r, "build: caches and stamp saved: %.3f s", lap(&t));
	buf_free(&serr);
	buf_free(&listing);
	return 0;
}

int cmd_build(struct run *r, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "out", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct site s = { .r = r, .sums = BUF_INIT, .html = BUF_INIT };
	const char *out = NULL;
	char *db = NULL, *dir = NULL;
	int c, rc = 1;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
		if (c == 'h') {
			puts("usage: gen build [--out DIR]\n\nRenders the whole site from the store, "
			     "templates/ and content/ into DIR\n(default: [build] out, public/). A failed "
			     "build leaves DIR as it was; files\nwhose content did not change are not "
			     "rewritten.");
			return 0;
		}
		if (c == 'o') {
			out = optarg;
		} else {
			err_set(&r->err, "build: unknown option \"%s\" (try 'gen build --help')",
				argv[optind - 1]);
			return 2;
		}
	}
	if (run_config(r) < 0)
		return 1;
	s.cfg = &r->cfg;
	setenv("TZ", s.cfg->timezone, 1);  /* dates on pages are in the site's time zone */
	tzset();
	db = config_path(s.cfg, s.cfg->db_path);
	dir = out ? xstrdup(out) : config_path(s.cfg, s.cfg->out_dir);
	/* One read transaction for the whole build: a consistent snapshot of the store, and
	 * SQLite keeps its page cache (made larger) instead of locking and checking the file
	 * again for each of the thousands of queries. */
	if (store_open_ro(&s.st, db, &r->err) == 0 &&
	    store_exec(s.st, "PRAGMA cache_size = -8192; BEGIN", &r->err) == 0) {
		s.db = store_db(s.st);
		s.db_path = db;
		rc = build(&s, dir, &r->err) < 0;
	}
	site_free(&s);
	store_close(s.st);
	free(db);
	free(dir);
	return rc;
}
