/* store_import: writes a pull into the store in one transaction. A month and kind whose
 * sources are byte-identical to the last import is left alone; one that differs replaces
 * the old rows and is recorded as a correction saying what changed. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "derive.h"
#include "num.h"
#include "store.h"
#include "text.h"
#include "util.h"

static const struct { unsigned bit; const char *kind; } kinds[] = {
	{ IMP_SCORES, "scores" }, { IMP_NATIONAL, "national" },
	{ IMP_PROCEDURES, "procedures" }, { IMP_DELAYS, "delays" },
};

struct ictx {
	struct store *st;
	sqlite3 *db;
	const struct config *cfg;
	struct import *im;
	long run, fetch;            /* the run, and the first fetch of the kind being written */
	const char *now;
	struct buf *err;
};

/* Binds the arguments by fmt and steps once: s text, z text or NULL when empty, l long,
 * L long long, o long or NULL (value, present flag), O the same for a long long, d date day
 * number or NULL when < 0. */
static int bind_step(struct ictx *c, sqlite3_stmt *s, const char *fmt, ...)
{
	va_list ap;
	char date[11];
	int i = 1, rc;

	sqlite3_reset(s);
	va_start(ap, fmt);
	for (; *fmt; fmt++, i++) {
		switch (*fmt) {
		case 's': sqlite3_bind_text(s, i, va_arg(ap, const char *), -1, SQLITE_TRANSIENT); break;
		case 'z': {
			const char *v = va_arg(ap, const char *);

			if (v && *v)
				sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
			else
				sqlite3_bind_null(s, i);
			break;
		}
		case 'l': sqlite3_bind_int64(s, i, va_arg(ap, long)); break;
		case 'L': sqlite3_bind_int64(s, i, va_arg(ap, long long)); break;
		case 'o': {
			long v = va_arg(ap, long);

			if (va_arg(ap, int))
				sqlite3_bind_int64(s, i, v);
			else
				sqlite3_bind_null(s, i);
			break;
		}
		case 'O': {
			long long v = va_arg(ap, long long);

			if (va_arg(ap, int))
				sqlite3_bind_int64(s, i, v);
			else
				sqlite3_bind_null(s, i);
			break;
		}
		case 'd': {
			int d = va_arg(ap, int);

			if (d < 0) {
				sqlite3_bind_null(s, i);
			} else {
				date_format(d, date);
				sqlite3_bind_text(s, i, date, -1, SQLITE_TRANSIENT);
			}
			break;
		}
		default: die("bind_step: bad format '%c'", *fmt);
		}
	}
	va_end(ap);
	rc = sqlite3_step(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return err_set(c->err, "%s: %s", sqlite3_db_filename(c->db, "main"),
			       sqlite3_errmsg(c->db));
	return 0;
}

static int prep(struct ictx *c, const char *sql, sqlite3_stmt **s)
{
	return store_prepare(c->st, sql, s, c->err);
}

static void kind_digest(const struct import *im, const char *kind, char hex[65])
{
	struct buf b = BUF_INIT;
	size_t i, j;
	const struct imp_fetch **v = xcalloc(im->n_fetches + 1, sizeof *v);
	size_t n = 0;

	for (i = 0; i < im->n_fetches; i++)
		if (!strcmp(im->fetches[i].kind, kind))
			v[n++] = &im->fetches[i];
	for (i = 1; i < n; i++)     /* few fetches: insertion sort by source name */
		for (j = i; j > 0 && strcmp(v[j - 1]->source, v[j]->source) > 0; j--) {
			const struct imp_fetch *t = v[j];

			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s %s %s\n", v[i]->source, v[i]->format, v[i]->sha256);
	sha256_hex(b.ptr, b.len, hex);
	buf_free(&b);
	free(v);
}

static int write_fetches(struct ictx *c, const char *kind)
{
	sqlite3_stmt *s = NULL;
	size_t i;
	int rc = 0;

	c->fetch = 0;
	if (prep(c, "INSERT INTO fetch (run, month, source, kind, format, url, fetched_at, "
		 "http_status, size, sha256, stored_sha256, redacted, body) "
		 "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", &s) < 0)
		return -1;
	for (i = 0; i < c->im->n_fetches && rc == 0; i++) {
		struct imp_fetch *f = &c->im->fetches[i];

		if (strcmp(f->kind, kind))
			continue;
		sqlite3_reset(s);
		sqlite3_bind_blob(s, 13, f->body.ptr, (int)f->body.len, SQLITE_STATIC);
		rc = bind_step(c, s, "lssssssllssl", c->run, c->im->month, f->source, f->kind,
			       f->format, f->url, f->fetched_at, f->status, (long)f->size, f->sha256,
			       f->stored_sha256, (long)f->redacted);
		if (!c->fetch)
			c->fetch = (long)sqlite3_last_insert_rowid(c->db);
	}
	sqlite3_finalize(s);
	return rc;
}

/* The unit upsert fails on its page address alone: name the unit that has it. */
static void slug_taken(struct ictx *c, const struct imp_score *sc, const char *slug)
{
	sqlite3_stmt *q = NULL;

	if (sqlite3_extended_errcode(c->db) != SQLITE_CONSTRAINT_UNIQUE ||
	    sqlite3_prepare_v2(c->db, "SELECT code FROM unit WHERE slug = ?", -1, &q,
			       NULL) != SQLITE_OK)
		return;
	sqlite3_bind_text(q, 1, slug, -1, SQLITE_STATIC);
	if (sqlite3_step(q) == SQLITE_ROW)
		err_set(c->err, "%s: unit %s would share the page /co-quan/%s/ with unit %s, in "
			"the store from an earlier pull: codes must differ in more than case and "
			"punctuation", sc->where, sc->code, slug, sqlite3_column_text(q, 0));
	sqlite3_finalize(q);
}

static int write_scores(struct ictx *c)
{
	sqlite3_stmt *s = NULL, *g = NULL, *u = NULL;
	struct buf slug = BUF_INIT;
	size_t i, k;
	int rc = -1;

	if (prep(c, "INSERT INTO score (month, unit, name, tier, total, max_total, portal_rank, "
		 "fetch) VALUES (?,?,?,?,?,?,?,?)", &s) < 0 ||
	    prep(c, "INSERT INTO score_group VALUES (?,?,?,?,?)", &g) < 0 ||
	    prep(c, "INSERT INTO unit (code, name, tier, slug, first_month, last_month) "
		 "VALUES (?1,?2,?3,?4,?5,?5) ON CONFLICT (code) DO UPDATE SET "
		 "name = CASE WHEN ?5 >= last_month THEN ?2 ELSE name END, "
		 "tier = CASE WHEN ?5 >= last_month THEN ?3 ELSE tier END, "
		 "first_month = min(first_month, ?5), last_month = max(last_month, ?5)", &u) < 0)
		goto out;
	for (i = 0; i < c->im->n_scores; i++) {
		struct imp_score *sc = &c->im->scores[i];

		buf_reset(&slug);
		text_slug(sc->code, &slug);
		if (bind_step(c, s, "ssssllol", c->im->month, sc->code, sc->name, sc->tier,
			      sc->total, c->cfg->max_total, sc->portal_rank,
			      sc->portal_rank > 0, c->fetch) < 0)
			goto out;
		if (bind_step(c, u, "sssss", sc->code, sc->name, sc->tier, slug.ptr,
			      c->im->month) < 0) {
			slug_taken(c, sc, slug.ptr);
			goto out;
		}
		for (k = 0; k < c->cfg->ngroups; k++)
			if (bind_step(c, g, "sssll", c->im->month, sc->code, c->cfg->groups[k].code,
				      sc->groups[k], c->cfg->groups[k].max) < 0)
				goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(s);
	sqlite3_finalize(g);
	sqlite3_finalize(u);
	buf_free(&slug);
	return rc;
}

static int write_score_details(struct ictx *c)
{
	sqlite3_stmt *m = NULL, *n = NULL;
	size_t i;
	int rc = -1;

	if (prep(c, "INSERT OR REPLACE INTO metric VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", &m) < 0 ||
	    prep(c, "INSERT OR REPLACE INTO unit_count VALUES (?,?,?,?,?)", &n) < 0)
		goto out;
	for (i = 0; i < c->im->n_metrics; i++) {
		struct imp_metric *x = &c->im->metrics[i];

		if (bind_step(c, m, "sssssOOoolzz", c->im->month, x->unit, x->grp, x->code, x->name,
			      x->numerator, x->has_numerator, x->denominator, x->has_denominator,
			      x->ratio, x->has_ratio, x->score, x->has_score, x->max, x->quality,
			      x->quality_msg) < 0)
			goto out;
	}
	for (i = 0; i < c->im->n_counts; i++) {
		struct imp_count *x = &c->im->counts[i];

		if (bind_step(c, n, "ssssl", c->im->month, x->unit, x->grp, x->key, x->value) < 0)
			goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(m);
	sqlite3_finalize(n);
	return rc;
}

static int write_national(struct ictx *c)
{
	sqlite3_stmt *s = NULL, *g = NULL;
	size_t i, k;
	int rc = -1;

	if (prep(c, "INSERT INTO national (month, code, name, total, fetch) VALUES (?,?,?,?,?)",
		 &s) < 0 || prep(c, "INSERT INTO national_group VALUES (?,?,?,?)", &g) < 0)
		goto out;
	for (i = 0; i < c->im->n_nationals; i++) {
		struct imp_national *x = &c->im->nationals[i];

		if (bind_step(c, s, "sssll", c->im->month, x->code, x->name, x->total, c->fetch) < 0)
			goto out;
		for (k = 0; k < c->cfg->ngroups; k++)
			if (bind_step(c, g, "sssl", c->im->month, x->code, c->cfg->groups[k].code,
				      x->groups[k]) < 0)
				goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(s);
	sqlite3_finalize(g);
	return rc;
}

static int write_procedures(struct ictx *c)
{
	sqlite3_stmt *s = NULL;
	size_t i;
	int rc = -1;

	if (prep(c, "INSERT INTO procedure VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", &s) < 0)
		goto out;
	for (i = 0; i < c->im->n_procedures; i++) {
		struct imp_procedure *p = &c->im->procedures[i];

		if (bind_step(c, s, "sssssssssssssssssol", c->im->month, p->code, p->name, p->field,
			      p->audience, p->agency, p->tier, p->status, p->decision,
			      p->online_level, p->processing_time, p->fee, p->documents, p->steps,
			      p->legal_basis, p->place, p->online_url, p->dossiers,
			      p->dossiers >= 0, c->fetch) < 0)
			goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(s);
	return rc;
}

/* The field of a late dossier: its own column, else this pull's catalogue, else the
 * newest catalogue in the store up to the month. */
static const char *delay_field(struct ictx *c, sqlite3_stmt *q, const struct imp_delay *d,
			       struct buf *out)
{
	size_t i;

	if (*d->field)
		return d->field;
	for (i = 0; i < c->im->n_procedures; i++)
		if (!strcmp(c->im->procedures[i].code, d->procedure))
			return c->im->procedures[i].field;
	sqlite3_reset(q);
	sqlite3_bind_text(q, 1, d->procedure, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, c->im->month, -1, SQLITE_STATIC);
	buf_sets(out, sqlite3_step(q) == SQLITE_ROW ?
		 (const char *)sqlite3_column_text(q, 0) : "Chưa phân loại");
	return out->ptr;
}

static int write_delays(struct ictx *c)
{
	sqlite3_stmt *s = NULL, *q = NULL;
	struct buf field = BUF_INIT;
	int end = month_last_day(c->im->month);
	size_t i;
	int rc = -1;

	if (prep(c, "INSERT INTO delay VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", &s) < 0 ||
	    prep(c, "SELECT field FROM procedure WHERE code = ? AND month <= ? "
		 "ORDER BY month DESC LIMIT 1", &q) < 0)
		goto out;
	for (i = 0; i < c->im->n_delays; i++) {
		struct imp_delay *d = &c->im->delays[i];
		int until = d->returned >= 0 ? d->returned : end;

		if (bind_step(c, s, "ssssssdddlslddl", c->im->month, d->dossier, d->unit,
			      d->procedure, delay_field(c, q, d, &field), d->responsible,
			      d->received, d->due, d->returned, (long)(until - d->due), d->reason,
			      (long)d->apology, d->apology_date, d->new_due, c->fetch) < 0)
			goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(s);
	sqlite3_finalize(q);
	buf_free(&field);
	return rc;
}

static long old_count(struct ictx *c, const char *table)
{
	struct buf sql = BUF_INIT;
	sqlite3_stmt *s = NULL;
	long n = 0;

	buf_printf(&sql, "SELECT count(*) FROM %s WHERE month = ?", table);
	if (prep(c, sql.ptr, &s) == 0) {
		sqlite3_bind_text(s, 1, c->im->month, -1, SQLITE_STATIC);
		if (sqlite3_step(s) == SQLITE_ROW)
			n = sqlite3_column_int64(s, 0);
	}
	sqlite3_finalize(s);
	buf_free(&sql);
	return n;
}

/* Which units' totals changed, appeared or vanished. */
static void scores_summary(struct ictx *c, struct buf *sum)
{
	sqlite3_stmt *s = NULL;
	size_t i, seen = 0;

	if (prep(c, "SELECT unit, total FROM score WHERE month = ? ORDER BY unit", &s) < 0)
		return;
	sqlite3_bind_text(s, 1, c->im->month, -1, SQLITE_STATIC);
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *code = (const char *)sqlite3_column_text(s, 0);
		long old = (long)sqlite3_column_int64(s, 1);
		struct imp_score *n = imp_find_score(c->im, code, NULL);

		if (!n) {
			buf_printf(sum, "%s: bỏ khỏi bảng xếp hạng (removed)\n", code);
			continue;
		}
		seen++;
		if (n->total == old)
			continue;
		buf_printf(sum, "%s %s: ", code, n->name);
		num_add_centi(sum, old);
		buf_adds(sum, " → ");
		num_add_centi(sum, n->total);
		buf_addc(sum, '\n');
	}
	sqlite3_finalize(s);
	s = NULL;
	if (seen < c->im->n_scores &&
	    prep(c, "SELECT 1 FROM score WHERE month = ? AND unit = ?", &s) == 0) {
		for (i = 0; i < c->im->n_scores; i++) {
			sqlite3_reset(s);
			sqlite3_bind_text(s, 1, c->im->month, -1, SQLITE_STATIC);
			sqlite3_bind_text(s, 2, c->im->scores[i].code, -1, SQLITE_STATIC);
			if (sqlite3_step(s) != SQLITE_ROW)
				buf_printf(sum, "%s %s: thêm mới (added)\n", c->im->scores[i].code,
					   c->im->scores[i].name);
		}
	}
	sqlite3_finalize(s);
	if (!sum->len)
		buf_adds(sum, "Điểm không đổi; chi tiết chỉ số thành phần được cập nhật "
			 "(totals unchanged; details updated)\n");
}

static void count_summary(struct ictx *c, const char *table, long now, struct buf *sum)
{
	buf_printf(sum, "%s: %ld → %ld dòng (rows)\n", table, old_count(c, table), now);
}

static int delete_kind(struct ictx *c, const char *kind)
{
	static const char *const tables[][4] = {
		{ "scores", "score", "score_group", "metric" },
		{ "national", "national", "national_group", NULL },
		{ "procedures", "procedure", NULL, NULL },
		{ "delays", "delay", NULL, NULL },
	};
	struct buf sql = BUF_INIT;
	size_t i, j;
	int rc = 0;

	for (i = 0; i < ARRAY_LEN(tables); i++) {
		if (strcmp(tables[i][0], kind))
			continue;
		for (j = 1; j < 4 && tables[i][j] && rc == 0; j++) {
			buf_reset(&sql);
			buf_printf(&sql, "DELETE FROM %s WHERE month = '%s'", tables[i][j], c->im->month);
			rc = store_exec(c->st, sql.ptr, c->err);
		}
	}
	if (rc == 0 && !strcmp(kind, "scores")) {
		buf_reset(&sql);
		buf_printf(&sql, "DELETE FROM unit_count WHERE month = '%s'", c->im->month);
		rc = store_exec(c->st, sql.ptr, c->err);
	}
	buf_free(&sql);
	return rc;
}

static int write_kind(struct ictx *c, const char *kind)
{
	if (write_fetches(c, kind) < 0 || delete_kind(c, kind) < 0)
		return -1;
	if (!strcmp(kind, "scores"))
		return write_scores(c) < 0 || write_score_details(c) < 0 ? -1 : 0;
	if (!strcmp(kind, "national"))
		return write_national(c);
	if (!strcmp(kind, "procedures"))
		return write_procedures(c);
	return write_delays(c);
}

static long kind_rows(struct import *im, unsigned bit)
{
	return bit == IMP_SCORES ? (long)im->n_scores : bit == IMP_NATIONAL ?
		(long)im->n_nationals : bit == IMP_PROCEDURES ? (long)im->n_procedures :
		(long)im->n_delays;
}

/* Imports one month and kind unless its sources are unchanged; reports what it did. */
static int import_kind(struct ictx *c, unsigned bit, const char *kind, struct store_change *ch)
{
	sqlite3_stmt *q = NULL, *u = NULL, *k = NULL;
	char digest[65];
	int version = 0, existed = 0, rc = -1;

	kind_digest(c->im, kind, digest);
	memcpy(ch->month, c->im->month, 8);
	ch->kind = kind;
	ch->rows = kind_rows(c->im, bit);
	if (prep(c, "SELECT digest, version FROM month_kind WHERE month = ? AND kind = ?", &q) < 0)
		return -1;
	sqlite3_bind_text(q, 1, c->im->month, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, kind, -1, SQLITE_STATIC);
	if (sqlite3_step(q) == SQLITE_ROW) {
		existed = 1;
		version = sqlite3_column_int(q, 1);
		if (!strcmp((const char *)sqlite3_column_text(q, 0), digest)) {
			ch->state = 1;
			rc = 0;
			goto out;
		}
	}
	if (existed && bit == IMP_SCORES)
		scores_summary(c, &ch->summary);
	else if (existed)
		count_summary(c, bit == IMP_NATIONAL ? "national" : bit == IMP_PROCEDURES ?
			      "procedure" : "delay", ch->rows, &ch->summary);
	ch->state = existed ? 2 : 0;
	if (write_kind(c, kind) < 0 ||
	    prep(c, "INSERT OR REPLACE INTO month_kind VALUES (?,?,?,?,?,?)", &u) < 0 ||
	    bind_step(c, u, "ssslls", c->im->month, kind, digest, (long)version + 1, c->run,
		      c->now) < 0)
		goto out;
	if (existed && (prep(c, "INSERT INTO correction VALUES (?,?,?,?,?,?)", &k) < 0 ||
			bind_step(c, k, "sslls" "s", c->im->month, kind, (long)version + 1, c->run,
				  c->now, ch->summary.ptr) < 0))
		goto out;
	rc = 0;
out:
	sqlite3_finalize(q);
	sqlite3_finalize(u);
	sqlite3_finalize(k);
	return rc;
}

int store_unchanged(struct store *st, const struct import *im)
{
	sqlite3_stmt *q = NULL;
	char digest[65];
	size_t k;
	int same = 1;

	if (sqlite3_prepare_v2(store_db(st), "SELECT 1 FROM month_kind WHERE month = ? AND "
			       "kind = ? AND digest = ?", -1, &q, NULL) != SQLITE_OK)
		return 0;
	for (k = 0; k < ARRAY_LEN(kinds) && same; k++) {
		if (!(im->kinds & kinds[k].bit))
			continue;
		kind_digest(im, kinds[k].kind, digest);
		sqlite3_reset(q);
		sqlite3_bind_text(q, 1, im->month, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 2, kinds[k].kind, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 3, digest, -1, SQLITE_TRANSIENT);
		same = sqlite3_step(q) == SQLITE_ROW;
	}
	sqlite3_finalize(q);
	return same;
}

static struct store_change *add_change(struct store_result *res)
{
	res->v = xrealloc(res->v, (res->n + 1) * sizeof *res->v);
	memset(&res->v[res->n], 0, sizeof *res->v);
	res->v[res->n].summary = (struct buf)BUF_INIT;
	return &res->v[res->n++];
}

void store_result_free(struct store_result *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->n; i++)
		buf_free(&r->v[i].summary);
	free(r->v);
	memset(r, 0, sizeof *r);
}

static int begin_run(struct ictx *c, const char (*months)[8], size_t n, const char *command)
{
	struct buf list = BUF_INIT;
	sqlite3_stmt *s = NULL;
	size_t i;
	int rc;

	for (i = 0; i < n; i++)
		buf_printf(&list, "%s%s", i ? " " : "", months[i]);
	rc = prep(c, "INSERT INTO run (started_at, command, months) VALUES (?,?,?)", &s);
	if (rc == 0)
		rc = bind_step(c, s, "sss", c->now, command, list.ptr);
	c->run = (long)sqlite3_last_insert_rowid(c->db);
	sqlite3_finalize(s);
	buf_free(&list);
	return rc;
}

static void now_iso(char out[32])
{
	time_t t = time(NULL);

	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));
}

struct store_tx {
	struct ictx c;
	char now[32];
	const char **months;
	size_t nmonths;
	int open;                   /* inside the transaction */
};

/* Rolls the whole import back; a failure of the store's own says what it was. */
static int tx_fail(struct store_tx *tx)
{
	struct buf *err = tx->c.err;

	if (!tx->open)
		return -1;
	tx->open = 0;
	sqlite3_exec(tx->c.db, "ROLLBACK", NULL, NULL, NULL);
	/* by now the statements are finalized and the error code is gone: read the message */
	if (strstr(err->ptr, sqlite3_errstr(SQLITE_FULL)) ||
	    strstr(err->ptr, sqlite3_errstr(SQLITE_IOERR)))
		buf_adds(err, ": check the free space on the store's disk");
	buf_adds(err, "; nothing was imported");
	return -1;
}

int store_import_begin(struct store *st, const struct config *cfg, const char (*months)[8],
		       size_t n, const char *command, struct store_tx **out, struct buf *err)
{
	struct store_tx *tx = xcalloc(1, sizeof *tx);
	size_t i;

	tx->c = (struct ictx){ .st = st, .db = store_db(st), .cfg = cfg, .now = tx->now,
		.err = err };
	now_iso(tx->now);
	tx->months = xcalloc(n + 1, sizeof *tx->months);
	for (i = 0; i < n; i++)
		tx->months[i] = months[i];
	tx->nmonths = n;
	*out = tx;
	if (store_exec(st, "BEGIN IMMEDIATE", err) < 0)
		return -1;
	tx->open = 1;
	return begin_run(&tx->c, months, n, command) < 0 ? tx_fail(tx) : 0;
}

int store_import_month(struct store_tx *tx, struct import *im, struct store_result *res)
{
	size_t k;

	if (!tx->open)
		return -1;
	tx->c.im = im;
	for (k = 0; k < ARRAY_LEN(kinds); k++)
		if ((im->kinds & kinds[k].bit) &&
		    import_kind(&tx->c, kinds[k].bit, kinds[k].kind, add_change(res)) < 0)
			return tx_fail(tx);
	tx->c.im = NULL;
	return 0;
}

int store_import_commit(struct store_tx *tx, struct store_result *res)
{
	if (!tx->open)
		return -1;
	if (derive_months(tx->c.st, tx->c.cfg, tx->months, tx->nmonths, tx->c.err) < 0 ||
	    store_exec(tx->c.st, "UPDATE run SET finished_at = "
		       "strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = (SELECT max(id) FROM run)",
		       tx->c.err) < 0 ||
	    store_exec(tx->c.st, "COMMIT", tx->c.err) < 0)
		return tx_fail(tx);
	tx->open = 0;
	res->run = tx->c.run;
	return 0;
}

void store_import_end(struct store_tx *tx)
{
	if (!tx)
		return;
	if (tx->open)
		sqlite3_exec(tx->c.db, "ROLLBACK", NULL, NULL, NULL);
	free(tx->months);
	free(tx);
}
