/* The site's data and machine-readable files: open data (CSV and JSON of every table, with
 * SHA256SUMS), the search index, the Atom feed, the sitemap, robots.txt and 404.html. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "csvin.h"
#include "num.h"
#include "site.h"
#include "text.h"
#include "util.h"

struct table {
	const char *file;           /* under du-lieu/YYYY-MM/, without extension */
	const char *title;
	const char *sql;            /* ?1 = month; columns named x__c are hundredths */
};

static const struct table tables[] = {
	{ "tre-han", "Hồ sơ trễ hạn",
	  "SELECT d.month, d.dossier, d.unit AS unit_code, u.name AS unit_name, d.procedure AS"
	  " procedure_code, d.field, d.responsible, d.received, d.due, d.returned, d.days_late,"
	  " d.reason, d.apology, d.apology_date, d.new_due FROM delay d JOIN unit u ON"
	  " u.code = d.unit WHERE d.month = ?1 ORDER BY d.dossier" },
	{ "thong-ke-tre-han", "Thống kê hồ sơ trễ hạn và tỷ lệ xin lỗi",
	  "SELECT month, scope, key, late, open, apologised, days_late, rate AS apology_rate__c"
	  " FROM delay_stat WHERE month = ?1 ORDER BY scope, key" },
	{ "ty-le", "Tỷ lệ của tỉnh so với chỉ tiêu",
	  "SELECT month, code, numerator, denominator, value AS rate__c, target AS target__c"
	  " FROM rate WHERE month = ?1 ORDER BY rowid" },
	{ "quoc-gia", "Bảng điểm các tỉnh, thành phố",
	  "SELECT month, code, name, total AS total__c, rank FROM national WHERE month = ?1"
	  " ORDER BY rank, code" },
	{ "thu-tuc", "Danh mục thủ tục hành chính",
	  "SELECT month, code, name, field, audience, agency, tier, status, decision, online_level,"
	  " processing_time, fee, documents, steps, legal_basis, place, online_url, dossiers"
	  " FROM procedure WHERE month = ?1 ORDER BY code" },
	{ "chi-so-thanh-phan", "Chỉ số thành phần",
	  "SELECT month, unit AS unit_code, grp AS group_code, code, name, numerator, denominator,"
	  " ratio AS ratio__c, score AS score__c, max AS max__c, quality FROM metric"
	  " WHERE month = ?1 ORDER BY unit, grp, code" },
};

/* The scores table has one column per index group, so its SQL is made from the config. */
static void scores_sql(const struct config *cfg, const char *where, struct buf *sql)
{
	size_t g;

	buf_adds(sql, "SELECT s.month, s.unit AS unit_code, s.name AS unit_name, s.tier");
	for (g = 0; g < cfg->ngroups; g++)
		buf_printf(sql, ", (SELECT score FROM score_group g WHERE g.month = s.month AND"
			   " g.unit = s.unit AND g.grp = '%s') AS \"%s__c\"", cfg->groups[g].code,
			   cfg->groups[g].code);
	buf_printf(sql, ", s.total AS total__c, s.rank, s.tier_count, s.level,"
		   " s.delta AS change__c FROM score s %s ORDER BY s.month, tier_order(s.tier),"
		   " s.rank, s.portal_rank, s.unit", where);
}

/* A file of the open data, written as it is made: its bytes go through a buffer to a file
 * in the output's staging and to their SHA-256, so that a table of every month (tens of
 * megabytes at national scale) is never held whole, nor copied to be written. */
struct spool {
	struct buf b, path;
	FILE *f;
	EVP_MD_CTX *h;
	int error;                  /* errno of the first failed write, or 0 */
};

#define SPOOL_PIECE (256u << 10)

static int spool_open(struct site *s, struct spool *sp, struct buf *err)
{
	*sp = (struct spool){ BUF_INIT, BUF_INIT, NULL, EVP_MD_CTX_new(), 0 };
	if (!sp->h || !EVP_DigestInit_ex(sp->h, EVP_sha256(), NULL))
		die("SHA-256 failed");
	if (outdir_tmp(s->out, &sp->path, err) < 0)
		return -1;
	if (!(sp->f = fopen(sp->path.ptr, "wb")))
		return err_set(err, "%s: cannot create: %s", sp->path.ptr, strerror(errno));
	return 0;
}

/* Writes out what the buffer holds, once it holds enough (or all, when all). */
static void spool_flush(struct spool *sp, int all)
{
	if (sp->b.len < (all ? 1 : SPOOL_PIECE))
		return;
	EVP_DigestUpdate(sp->h, sp->b.ptr, sp->b.len);
	if (sp->f && !sp->error && fwrite(sp->b.ptr, 1, sp->b.len, sp->f) != sp->b.len)
		sp->error = errno ? errno : EIO;
	buf_reset(&sp->b);
}

static void add_sum(struct site *s, const char *path, const char *hex)
{
	buf_printf(&s->sums, "%s  %s\n", hex, path + strlen("du-lieu/"));
	if (s->data_made)
		json_array_append_new(s->data_made, json_pack("[s,s]", path + strlen("du-lieu/"),
								hex));
}

/* Puts the finished file at path in the output, with its line in SHA256SUMS. */
static int spool_put(struct site *s, struct spool *sp, const char *path, struct buf *err)
{
	unsigned char md[32];
	unsigned int mdlen = 0;
	char hex[65];

	spool_flush(sp, 1);
	if (fclose(sp->f) != 0 && !sp->error)
		sp->error = errno ? errno : EIO;
	sp->f = NULL;
	if (sp->error)
		return err_set(err, "%s: cannot write (staged as %s): %s", path, sp->path.ptr,
			       strerror(sp->error));
	if (!EVP_DigestFinal_ex(sp->h, md, &mdlen) || mdlen != 32)
		die("SHA-256 failed");
	hex_encode(md, 32, hex);
	add_sum(s, path, hex);
	return outdir_put_file(s->out, 2 * s->order + 1, path, sp->path.ptr, err);
}

static void spool_free(struct spool *sp)
{
	if (sp->f)
		fclose(sp->f);
	EVP_MD_CTX_free(sp->h);
	buf_free(&sp->b);
	buf_free(&sp->path);
}

struct sink {
	struct spool csv, json;
	long rows;
	const char **cols;          /* the n column names, then the n values of the row */
	struct buf *vals;           /* the row's values as the CSV shows them */
	int n;
};

/* The open data's JSON is written row by row, byte for byte as jansson's json_dumps writes
 * it with JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15), instead of
 * building every row as a tree first: that tree and its dump were half of a province's
 * build time (make bench). */
static void json_text(struct buf *b, const char *s)
{
	const char *run = s;

	buf_addc(b, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		buf_add(b, run, (size_t)(s - run));
		run = s + 1;
		if (c == '"' || c == '\\')
			buf_addc(b, '\\'), buf_addc(b, (char)c);
		else if (c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t')
			buf_printf(b, "\\%c", c == '\b' ? 'b' : c == '\f' ? 'f' : c == '\n' ?
				   'n' : c == '\r' ? 'r' : 't');
		else
			buf_printf(b, "\\u%04X", c);
	}
	buf_add(b, run, (size_t)(s - run));
	buf_addc(b, '"');
}

/* Hundredths as a JSON real: "%.15g", with ".0" when that looks like an integer. Below
 * 10^13 hundredths that is the exact decimal without trailing zeros, written directly. */
static void json_centi(struct buf *b, long long v)
{
	long long a = v < 0 ? -v : v;
	char s[64];

	if (a >= 10000000000000LL) {
		snprintf(s, sizeof s, "%.15g", (double)v / 100.0);
		buf_adds(b, s);
		if (!strpbrk(s, ".e"))
			buf_adds(b, ".0");
		return;
	}
	if (v < 0)
		buf_addc(b, '-');
	num_add_int(b, a / 100);
	buf_addc(b, '.');
	buf_addc(b, (char)('0' + a / 10 % 10));
	if (a % 10)
		buf_addc(b, (char)('0' + a % 10));
}

static void row_out(struct sink *k, sqlite3_stmt *st)
{
	struct buf *j = &k->json.b;
	int i;

	buf_adds(j, k->rows++ ? ",\n  {" : "[\n  {");
	for (i = 0; i < k->n; i++) {
		const char *name = sqlite3_column_name(st, i), *sfx = strstr(name, "__c");
		int type = sqlite3_column_type(st, i);
		long long x = (long long)sqlite3_column_int64(st, i);
		struct buf *v = &k->vals[i];

		buf_reset(v);
		buf_adds(j, i ? ",\n   " : "\n   ");
		json_text(j, k->cols[i]);
		buf_adds(j, ": ");
		if (type == SQLITE_NULL) {
			buf_adds(j, "null");
		} else if (sfx) {
			num_add_centi(v, (long)x);
			json_centi(j, x);
		} else if (type == SQLITE_INTEGER) {
			num_add_int(v, x);
			buf_add(j, v->ptr, v->len);
		} else {
			buf_adds(v, (const char *)sqlite3_column_text(st, i));
			json_text(j, v->ptr);
		}
		k->cols[k->n + i] = v->ptr;
	}
	buf_adds(j, "\n  }");
	csvin_write_row(&k->csv.b, (const char *const *)k->cols + k->n, (size_t)k->n);
	spool_flush(&k->csv, 0);
	spool_flush(&k->json, 0);
}

/* The document's head, up to the rows. */
static void json_head(struct site *s, struct buf *j, const char *title, const char *month)
{
	const char *keys[] = { "title", "month", "publisher", "license", "license_url" };
	const char *vals[] = { title, month, s->cfg->province, s->cfg->license,
			       s->cfg->license_url };
	size_t i;

	buf_addc(j, '{');
	for (i = 0; i < ARRAY_LEN(keys); i++) {
		buf_adds(j, "\n ");
		json_text(j, keys[i]);
		buf_adds(j, ": ");
		if (vals[i])
			json_text(j, vals[i]);
		else
			buf_adds(j, "null");
		buf_addc(j, ',');
	}
	buf_adds(j, "\n \"rows\": ");
}

/* Writes base.csv and base.json from sql with ?1 = month (NULL for none); n rows into *rows. */
static int write_table(struct site *s, const char *base, const char *title, const char *sql,
		       const char *month, long *nrows, struct buf *err)
{
	struct spool none = { BUF_INIT, BUF_INIT, NULL, NULL, 0 };
	struct sink k = { none, none, 0, NULL, NULL, 0 };
	struct buf path = BUF_INIT;
	sqlite3_stmt *st;
	int i, rc;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		die("open data query: %s\n%s", sqlite3_errmsg(s->db), sql);
	if (month)
		sqlite3_bind_text(st, 1, month, -1, SQLITE_STATIC);
	k.n = sqlite3_column_count(st);
	k.cols = xcalloc(2 * (size_t)k.n, sizeof *k.cols);
	k.vals = xcalloc((size_t)k.n, sizeof *k.vals);
	for (i = 0; i < k.n; i++) {
		k.vals[i] = (struct buf)BUF_INIT;
		const char *name = sqlite3_column_name(st, i), *sfx = strstr(name, "__");

		k.cols[i] = sfx ? xstrndup(name, (size_t)(sfx - name)) : xstrdup(name);
	}
	rc = spool_open(s, &k.csv, err) < 0 || spool_open(s, &k.json, err) < 0 ? -1 : 0;
	if (rc == 0) {
		csvin_write_row(&k.csv.b, k.cols, (size_t)k.n);
		json_head(s, &k.json.b, title, month);
		while (sqlite3_step(st) == SQLITE_ROW)
			row_out(&k, st);
		*nrows = k.rows;
		buf_adds(&k.json.b, k.rows ? "\n ]\n}\n" : "[]\n}\n");
		buf_printf(&path, "%s.csv", base);
		rc = spool_put(s, &k.csv, path.ptr, err);
	}
	if (rc == 0) {
		buf_reset(&path);
		buf_printf(&path, "%s.json", base);
		rc = spool_put(s, &k.json, path.ptr, err);
	}
	sqlite3_finalize(st);
	for (i = 0; i < k.n; i++) {
		free((char *)k.cols[i]);
		buf_free(&k.vals[i]);
	}
	free(k.cols);
	free(k.vals);
	spool_free(&k.csv);
	spool_free(&k.json);
	buf_free(&path);
	return rc;
}

static int make_month(struct site *s, const char *m, json_t *files, struct buf *err)
{
	struct buf base = BUF_INIT, sql = BUF_INIT;
	size_t i;
	long n = 0;
	int rc;

	scores_sql(s->cfg, "WHERE s.month = ?1", &sql);
	buf_printf(&base, "du-lieu/%s/diem", m);
	rc = write_table(s, base.ptr, "Điểm và xếp hạng", sql.ptr, m, &n, err);
	json_array_append_new(files, json_pack("{s:s,s:s,s:i}", "file", "diem", "title",
					       "Điểm và xếp hạng", "rows", (json_int_t)n));
	for (i = 0; i < ARRAY_LEN(tables) && rc == 0; i++) {
		buf_reset(&base);
		buf_printf(&base, "du-lieu/%s/%s", m, tables[i].file);
		rc = write_table(s, base.ptr, tables[i].title, tables[i].sql, m, &n, err);
		if (n)
			json_array_append_new(files, json_pack("{s:s,s:s,s:i}", "file", tables[i].file,
							       "title", tables[i].title,
							       "rows", (json_int_t)n));
	}
	buf_free(&base);
	buf_free(&sql);
	return rc;
}

static int make_all(struct site *s, struct buf *err)
{
	struct buf sql = BUF_INIT;
	long n;
	int rc;

	scores_sql(s->cfg, "", &sql);
	rc = write_table(s, "du-lieu/diem-tat-ca", "Điểm và xếp hạng, mọi tháng", sql.ptr, NULL,
			 &n, err);
	buf_free(&sql);
	return rc;
}

/* The tables of month m (NULL: the one of every month), from the build cache when they
 * were made from the same data, or made and noted for the cache. */
static int month_tables(struct site *s, const char *base, const char *m, json_t *files,
			struct buf *err)
{
	const char *name = m ? m : "tat-ca";
	json_t *made;
	char key[65];
	int rc;

	site_datacache_key(s, base, m ? m : "9999-12", key);
	if ((rc = site_datacache_use(s, name, key, files, err)) != 0)
		return rc < 0 ? -1 : 0;
	made = s->data_made = json_array();
	rc = m ? make_month(s, m, files, err) : make_all(s, err);
	s->data_made = NULL;
	if (rc == 0)
		site_datacache_note(s, name, key, files, made);
	json_decref(made);
	return rc;
}

int site_opendata(struct site *s, struct buf *err)
{
	json_t *months = site_query(s, "SELECT month, substr(month, 6, 2) || '/' ||"
				    " substr(month, 1, 4) AS label FROM month_kind GROUP BY month"
				    " ORDER BY month DESC", NULL), *m, *none = json_array();
	size_t i;
	int rc = 0;
	char base[65];

	site_datacache_base(s, base);
	json_array_foreach(months, i, m) {
		json_t *files = json_array();

		rc = month_tables(s, base, json_string_value(json_object_get(m, "month")), files,
				  err);
		json_object_set_new(m, "files", files);
		if (rc < 0)
			break;
	}
	if (rc == 0)
		rc = month_tables(s, base, NULL, none, err);
	if (rc == 0)
		rc = site_file(s, "du-lieu/SHA256SUMS", s->sums.ptr, s->sums.len, err);
	if (rc == 0)
		rc = site_page(s, "du-lieu/index.html", "data.html",
			       json_pack("{s:O}", "months", months), err);
	json_decref(months);
	json_decref(none);
	return rc;
}

static void search_entry(json_t *idx, const char *title, const char *url, const char *keys)
{
	json_array_append_new(idx, json_pack("[s,s,s]", title, url, keys));
}

/* A compact index: [title, path, folded words]; search.js folds the query the same way. */
int site_search(struct site *s, struct buf *err)
{
	json_t *idx = json_array(), *rows, *r;
	struct buf fold = BUF_INIT, url = BUF_INIT;
	char *dump;
	size_t i;
	int rc;

	rows = site_query(s, "SELECT code, name, fold(name || ' ' || field || ' ' || code ||"
			  " ' ' || online_level) AS k FROM procedure WHERE month = (SELECT"
			  " max(month) FROM procedure) ORDER BY code", NULL);
	json_array_foreach(rows, i, r) {
		buf_reset(&url);
		buf_printf(&url, "thu-tuc/%s/", json_string_value(json_object_get(r, "code")));
		search_entry(idx, json_string_value(json_object_get(r, "name")), url.ptr,
			     json_string_value(json_object_get(r, "k")));
	}
	json_decref(rows);
	for (i = 0; i < s->nguides; i++) {
		if (!strcmp(s->guides[i].slug, "_index"))
			continue;
		buf_reset(&fold);
		buf_reset(&url);
		text_fold(s->guides[i].title, &fold);
		buf_addc(&fold, ' ');
		text_fold(s->guides[i].summary, &fold);
		buf_printf(&url, "huong-dan/%s/", s->guides[i].slug);
		search_entry(idx, s->guides[i].title, url.ptr, fold.ptr);
	}
	rows = site_query(s, "SELECT name, slug, fold(name || ' ' || code) AS k FROM unit"
			  " ORDER BY code", NULL);
	json_array_foreach(rows, i, r) {
		buf_reset(&url);
		buf_printf(&url, "co-quan/%s/", json_string_value(json_object_get(r, "slug")));
		search_entry(idx, json_string_value(json_object_get(r, "name")), url.ptr,
			     json_string_value(json_object_get(r, "k")));
	}
	json_decref(rows);
	dump = json_dumps(idx, JSON_COMPACT);
	rc = site_file(s, "tim-kiem/chi-muc.json", dump, strlen(dump), err);
	free(dump);
	json_decref(idx);
	buf_free(&fold);
	buf_free(&url);
	return rc ? rc : site_page(s, "tim-kiem/index.html", "search.html", json_object(), err);
}

static int cmp_path(const void *a, const void *b)
{
	return strcmp(json_string_value(json_object_get(*(json_t *const *)a, "path")),
		      json_string_value(json_object_get(*(json_t *const *)b, "path")));
}

/* The sitemap's URLs: a page's directory, sorted so the file is reproducible. */
static json_t *sitemap_urls(struct site *s)
{
	size_t i, n = json_array_size(s->sitemap);
	json_t **v = xcalloc(n + 1, sizeof *v), *out = json_array();
	struct buf u = BUF_INIT;

	for (i = 0; i < n; i++)
		v[i] = json_array_get(s->sitemap, i);
	qsort(v, n, sizeof *v, cmp_path);
	for (i = 0; i < n; i++) {
		const char *p = json_string_value(json_object_get(v[i], "path"));
		size_t len = strlen(p);

		buf_reset(&u);
		buf_printf(&u, "%s%.*s", s->cfg->base_url, (int)(len >= 10 &&
			   !strcmp(p + len - 10, "index.html") ? len - 10 : len), p);
		json_array_append_new(out, json_pack("{s:s,s:O?}", "loc", u.ptr, "lastmod",
						     json_object_get(v[i], "lastmod")));
	}
	free(v);
	buf_free(&u);
	return out;
}

static json_t *feed_entries(struct site *s)
{
	json_t *e;
	size_t i;

	json_array_foreach(s->feed, i, e) {
		const char *m = json_string_value(json_object_get(e, "month"));
		json_t *at = site_query_one(s, "SELECT max(imported_at) AS at FROM month_kind WHERE"
					    " month = ?", "s", m);
		char label[8];

		snprintf(label, sizeof label, "%.2s/%.4s", m + 5, m);
		json_object_set_new(e, "updated", json_incref(json_object_get(at, "at")));
		json_object_set_new(e, "label", json_string(label));
		json_decref(at);
	}
	return json_incref(s->feed);
}

int site_meta(struct site *s, struct buf *err)
{
	struct buf robots = BUF_INIT;
	json_t *upd = site_query_one(s, "SELECT max(imported_at) AS at FROM month_kind", NULL);
	int rc;

	buf_printf(&robots, "User-agent: *\nAllow: /\nSitemap: %ssitemap.xml\n", s->cfg->base_url);
	rc = site_file(s, "robots.txt", robots.ptr, robots.len, err);
	if (rc == 0)
		rc = site_page(s, "404.html", "404.html", json_object(), err);
	if (rc == 0)
		rc = site_page(s, "feed.xml", "feed.xml", json_pack("{s:o,s:O}", "entries",
			       feed_entries(s), "updated", json_object_get(upd, "at")), err);
	if (rc == 0)
		rc = site_page(s, "sitemap.xml", "sitemap.xml",
			       json_pack("{s:o}", "urls", sitemap_urls(s)), err);
	json_decref(upd);
	buf_free(&robots);
	return rc;
}
