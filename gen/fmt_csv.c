/* The CSV formats an administrator can write from a spreadsheet: scores, the national
 * table, procedures and late dossiers. See README, "Input formats". */
#include <stdlib.h>
#include <string.h>

#include "csvin.h"
#include "date.h"
#include "fmt.h"
#include "num.h"
#include "text.h"
#include "util.h"

/* Counts a scores CSV may carry for the province's rates (optional columns). */
static const struct { const char *names, *key; } count_cols[] = {
	{ "tiep nhan|ho so tiep nhan|received", "received" },
	{ "dung han|ho so dung han|on time", "on_time" },
	{ "truc tuyen|ho so truc tuyen|online", "online" },
	{ "co phi|ho so co phi|fee due", "fee_due" },
	{ "thanh toan truc tuyen|ho so thanh toan truc tuyen|paid online", "paid_online" },
	{ "so hoa|ho so so hoa|digitised|digitized", "digitised" },
};

struct sheet {
	struct csvin_table t;
	struct csvin_col *cols;
	int *idx;
	size_t ncols;
	struct buf folded[CFG_MAX_GROUPS];  /* storage for group column names */
};

static void sheet_free(struct sheet *s)
{
	size_t i;

	csvin_table_free(&s->t);
	free(s->cols);
	free(s->idx);
	for (i = 0; i < ARRAY_LEN(s->folded); i++)
		buf_free(&s->folded[i]);
}

/* Keeps only the known columns in the archived copy, so data gen does not read (citizens'
 * names, ID numbers) never reaches the store. */
static void redact(struct sheet *s, struct imp_fetch *f)
{
	const char **out = xcalloc(s->ncols, sizeof *out);
	size_t r, c, n;

	buf_reset(&f->body);
	for (r = 0; r < s->t.nrows; r++) {
		for (c = n = 0; c < s->ncols; c++)
			if (s->idx[c] >= 0)
				out[n++] = csvin_field(&s->t.rows[r], s->idx[c]);
		csvin_write_row(&f->body, out, n);
	}
	f->redacted = 1;
	sha256_hex(f->body.ptr, f->body.len, f->stored_sha256);
	free(out);
}

/* 1 if some row has text in a column gen does not read: an unknown or unnamed column, or
 * fields past the header's end. Those must not reach the archive either. */
static int has_unread(const struct sheet *s)
{
	size_t r, c, k;

	for (r = 0; r < s->t.nrows; r++)
		for (c = 0; c < s->t.rows[r].n; c++) {
			if (!s->t.rows[r].f[c][0])
				continue;
			for (k = 0; k < s->ncols && s->idx[k] != (int)c; k++)
				;
			if (k == s->ncols)
				return 1;
		}
	return 0;
}

static int sheet_open(struct sheet *s, const struct imp_input *in, const struct csvin_col *cols,
		      size_t ncols, struct buf *err)
{
	struct buf unknown = BUF_INIT;
	int rc;

	s->ncols = ncols;
	s->cols = xcalloc(ncols, sizeof *s->cols);
	memcpy(s->cols, cols, ncols * sizeof *cols);
	s->idx = xcalloc(ncols, sizeof *s->idx);
	if (csvin_parse(&s->t, in->name, in->data, in->len, err) < 0)
		return -1;
	rc = csvin_map(&s->t, s->cols, ncols, s->idx, &unknown, err);
	if (rc == 0 && in->fetch && (unknown.len || has_unread(s)))
		redact(s, in->fetch);
	buf_free(&unknown);
	return rc;
}

/* Adds the index groups' columns (folded codes) after n fixed ones. */
static size_t add_group_cols(struct sheet *s, const struct config *cfg, struct csvin_col *cols,
			     size_t n)
{
	size_t g;

	for (g = 0; g < cfg->ngroups; g++) {
		text_fold(cfg->groups[g].code, &s->folded[g]);
		cols[n].names = s->folded[g].ptr;
		cols[n++].required = 1;
	}
	return n;
}

static const char *where(struct import *im, const struct sheet *s, const struct csvin_row *r)
{
	return imp_printf(im, "%s:%d", s->t.name, r->line);
}

static int row_month(struct import *im, const struct sheet *s, const struct csvin_row *r,
		     int col, int *skip, struct buf *err)
{
	char m[8];
	const char *v = csvin_field(r, col);

	if (month_parse(v, m) < 0)
		return err_set(err, "%s:%d: Tháng: expected a month such as 2025-10 or 10/2025, "
			       "got \"%s\"", s->t.name, r->line, v);
	*skip = strcmp(m, im->month) != 0;
	return 0;
}

static int row_groups(struct import *im, const struct sheet *s, const struct csvin_row *r,
		      size_t first, long *groups, const char *w, struct buf *err)
{
	size_t g;

	for (g = 0; g < im->cfg->ngroups; g++)
		if (imp_group_value(im->cfg, g, csvin_field(r, s->idx[first + g]), &groups[g], w,
				    err) < 0)
			return -1;
	return 0;
}

static int row_total(const struct sheet *s, const struct csvin_row *r, int col, long *total,
		     const char *w, struct buf *err)
{
	const char *v = csvin_field(r, col);

	if (num_parse_centi(v, total) < 0 || *total < 0)
		return err_set(err, "%s: Tổng điểm: expected a number with at most two decimals, "
			       "got \"%s\"", w, v);
	(void)s;
	return 0;
}

/* A tier by its code or label, folded: "Sở, ban, ngành" and "so-nganh" are the same. */
static const char *tier_code(struct import *im, const char *v)
{
	struct buf f = BUF_INIT, c = BUF_INIT;
	const char *found = NULL;
	size_t i;

	text_fold(v, &f);
	for (i = 0; i < im->cfg->ntiers && !found; i++) {
		buf_reset(&c);
		text_fold(im->cfg->tiers[i].code, &c);
		if (!strcmp(c.ptr, f.ptr))
			found = im->cfg->tiers[i].code;
		buf_reset(&c);
		text_fold(im->cfg->tiers[i].label, &c);
		if (!strcmp(c.ptr, f.ptr))
			found = im->cfg->tiers[i].code;
	}
	found = found ? found : imp_strdup(im, v);
	buf_free(&f);
	buf_free(&c);
	return found;
}

static int score_counts(struct import *im, const struct sheet *s, const struct csvin_row *r,
			size_t first, const char *code, const char *w, struct buf *err)
{
	size_t i;
	long v;

	for (i = 0; i < ARRAY_LEN(count_cols); i++) {
		const char *f = csvin_field(r, s->idx[first + i]);
		struct imp_count *c;

		if (!*f)
			continue;
		if (num_parse_long(f, &v) < 0 || v < 0)
			return err_set(err, "%s: %s: expected a whole number of dossiers, got \"%s\"",
				       w, s->t.rows[0].f[s->idx[first + i]], f);
		c = imp_add_count(im);
		c->unit = code;
		c->grp = "";
		c->key = count_cols[i].key;
		c->value = v * 100;
	}
	return 0;
}

enum { SC_MONTH, SC_CODE, SC_NAME, SC_TIER, SC_TOTAL, SC_GROUPS };

static int scores_row(struct import *im, struct sheet *s, const struct csvin_row *r,
		      size_t counts_at, struct buf *err)
{
	struct imp_score *sc;
	const char *w = where(im, s, r);
	int skip;
	size_t g;

	if (row_month(im, s, r, s->idx[SC_MONTH], &skip, err) < 0)
		return -1;
	if (skip)
		return 0;
	sc = imp_add_score(im);
	sc->where = w;
	sc->code = imp_strdup(im, csvin_field(r, s->idx[SC_CODE]));
	sc->name = imp_strdup(im, csvin_field(r, s->idx[SC_NAME]));
	sc->tier = tier_code(im, csvin_field(r, s->idx[SC_TIER]));
	if (row_groups(im, s, r, SC_GROUPS, sc->groups, w, err) < 0 ||
	    row_total(s, r, s->idx[SC_TOTAL], &sc->total, w, err) < 0)
		return -1;
	for (g = 0; g < im->cfg->ngroups; g++)
		sc->have[g] = 1;
	sc->has_total = 1;
	return score_counts(im, s, r, counts_at, sc->code, w, err);
}

int fmt_csv_scores(struct import *im, const struct imp_input *in, struct buf *err)
{
	struct sheet s = { 0 };
	struct csvin_col cols[64] = {
		[SC_MONTH] = { "thang|month|ky", 1 },
		[SC_CODE] = { "ma don vi|ma co quan|unit code|code|ma coquan", 1 },
		[SC_NAME] = { "ten don vi|ten co quan|unit name|name|ten", 1 },
		[SC_TIER] = { "cap|tier|cap don vi", 1 },
		[SC_TOTAL] = { "tong diem|tong|total|tong score", 1 },
	};
	size_t n = add_group_cols(&s, im->cfg, cols, SC_GROUPS), counts_at = n, i, before;
	int rc = -1;

	for (i = 0; i < ARRAY_LEN(count_cols); i++)
		cols[n++] = (struct csvin_col){ count_cols[i].names, 0 };
	if (sheet_open(&s, in, cols, n, err) < 0)
		goto out;
	before = im->n_scores;
	for (i = 1; i < s.t.nrows; i++)
		if (scores_row(im, &s, &s.t.rows[i], counts_at, err) < 0)
			goto out;
	if (im->n_scores == before) {
		err_set(err, "%s: no rows for %s (column Tháng): is this the right file?", in->name,
			im->month);
		goto out;
	}
	rc = 0;
out:
	sheet_free(&s);
	return rc;
}

enum { NA_MONTH, NA_CODE, NA_NAME, NA_TOTAL, NA_GROUPS };

int fmt_csv_national(struct import *im, const struct imp_input *in, struct buf *err)
{
	struct sheet s = { 0 };
	struct csvin_col cols[32] = {
		[NA_MONTH] = { "thang|month|ky", 1 },
		[NA_CODE] = { "ma tinh|province code|code|ma", 1 },
		[NA_NAME] = { "ten tinh|province|name|ten", 1 },
		[NA_TOTAL] = { "tong diem|tong|total|tong score", 1 },
	};
	size_t n = add_group_cols(&s, im->cfg, cols, NA_GROUPS), i, before = im->n_nationals;
	int rc = -1, skip;

	if (sheet_open(&s, in, cols, n, err) < 0)
		goto out;
	for (i = 1; i < s.t.nrows; i++) {
		const struct csvin_row *r = &s.t.rows[i];
		struct imp_national *na;

		if (row_month(im, &s, r, s.idx[NA_MONTH], &skip, err) < 0)
			goto out;
		if (skip)
			continue;
		na = imp_add_national(im);
		na->where = where(im, &s, r);
		na->code = imp_strdup(im, csvin_field(r, s.idx[NA_CODE]));
		na->name = imp_strdup(im, csvin_field(r, s.idx[NA_NAME]));
		if (row_groups(im, &s, r, NA_GROUPS, na->groups, na->where, err) < 0 ||
		    row_total(&s, r, s.idx[NA_TOTAL], &na->total, na->where, err) < 0)
			goto out;
	}
	rc = im->n_nationals == before ?
		err_set(err, "%s: no rows for %s (column Tháng)", in->name, im->month) : 0;
out:
	sheet_free(&s);
	return rc;
}

/* Online level words; older texts say "mức độ 4" (entirely online) and "mức độ 3". */
const char *fmt_online_level(const char *v)
{
	struct buf f = BUF_INIT;
	const char *r = NULL;

	text_fold(v, &f);
	if (!f.len)
		r = "";
	else if (!strcmp(f.ptr, "toan trinh") || !strcmp(f.ptr, "muc do 4") ||
		 !strcmp(f.ptr, "dvc truc tuyen toan trinh"))
		r = "toàn trình";
	else if (!strcmp(f.ptr, "mot phan") || !strcmp(f.ptr, "muc do 3") ||
		 !strcmp(f.ptr, "dvc truc tuyen mot phan"))
		r = "một phần";
	buf_free(&f);
	return r;
}

enum { PR_CODE, PR_NAME, PR_FIELD, PR_AUDIENCE, PR_AGENCY, PR_TIER, PR_STATUS, PR_DECISION,
       PR_LEVEL, PR_TIME, PR_FEE, PR_DOCS, PR_STEPS, PR_LEGAL, PR_PLACE, PR_URL, PR_DOSSIERS,
       PR_NCOLS };

static const struct csvin_col procedure_cols[PR_NCOLS] = {
	[PR_CODE] = { "ma tthc|ma thu tuc|code", 1 },
	[PR_NAME] = { "ten tthc|ten thu tuc|name", 1 },
	[PR_FIELD] = { "linh vuc|field", 1 },
	[PR_AUDIENCE] = { "doi tuong|doi tuong thuc hien|audience", 0 },
	[PR_AGENCY] = { "co quan cong khai|agency", 0 },
	[PR_TIER] = { "cap thuc hien|tier", 0 },
	[PR_STATUS] = { "tinh trang|status", 0 },
	[PR_DECISION] = { "qd cong bo|quyet dinh cong bo|decision", 0 },
	[PR_LEVEL] = { "muc do|muc do dvc|online level", 0 },
	[PR_TIME] = { "thoi han giai quyet|thoi gian giai quyet|processing time", 0 },
	[PR_FEE] = { "phi le phi|phi|le phi|fee", 0 },
	[PR_DOCS] = { "thanh phan ho so|documents", 0 },
	[PR_STEPS] = { "trinh tu thuc hien|steps", 0 },
	[PR_LEGAL] = { "can cu phap ly|legal basis", 0 },
	[PR_PLACE] = { "noi tiep nhan|dia chi tiep nhan|where", 0 },
	[PR_URL] = { "nop truc tuyen|link nop truc tuyen|online url", 0 },
	[PR_DOSSIERS] = { "so ho so|so ho so tiep nhan|dossiers", 0 },
};

static int procedure_row(struct import *im, struct sheet *s, const struct csvin_row *r,
			 struct buf *err)
{
	struct imp_procedure *p = imp_add_procedure(im);
	const char *lv = csvin_field(r, s->idx[PR_LEVEL]), *d = csvin_field(r, s->idx[PR_DOSSIERS]);
	const char **f[] = { &p->code, &p->name, &p->field, &p->audience, &p->agency, &p->tier,
		&p->status, &p->decision, NULL, &p->processing_time, &p->fee, &p->documents,
		&p->steps, &p->legal_basis, &p->place, &p->online_url };
	size_t i;

	p->where = where(im, s, r);
	for (i = 0; i < ARRAY_LEN(f); i++)
		if (f[i])
			*f[i] = imp_strdup(im, csvin_field(r, s->idx[i]));
	p->online_level = fmt_online_level(lv);
	if (!p->online_level)
		return err_set(err, "%s: procedure %s: Mức độ: expected \"toàn trình\", \"một phần\" "
			       "or empty, got \"%s\"", p->where, p->code, lv);
	if (*d && (num_parse_long(d, &p->dossiers) < 0 || p->dossiers < 0))
		return err_set(err, "%s: procedure %s: Số hồ sơ: expected a whole number, got \"%s\"",
			       p->where, p->code, d);
	return 0;
}

int fmt_procedures_csv(struct import *im, const struct imp_input *in, struct buf *err)
{
	struct sheet s = { 0 };
	size_t i;
	int rc = -1;

	if (sheet_open(&s, in, procedure_cols, PR_NCOLS, err) < 0)
		goto out;
	for (i = 1; i < s.t.nrows; i++)
		if (procedure_row(im, &s, &s.t.rows[i], err) < 0)
			goto out;
	rc = s.t.nrows < 2 ? err_set(err, "%s: no procedures after the header row", in->name) : 0;
out:
	sheet_free(&s);
	return rc;
}

enum { DL_DOSSIER, DL_UNIT, DL_PROC, DL_RESP, DL_RECEIVED, DL_DUE, DL_RETURNED, DL_REASON,
       DL_APOLOGY, DL_APOLOGY_DATE, DL_NEW_DUE, DL_FIELD, DL_NCOLS };

static const struct csvin_col delay_cols[DL_NCOLS] = {
	[DL_DOSSIER] = { "so ho so|ma ho so|dossier", 1 },
	[DL_UNIT] = { "ma don vi|ma co quan|unit code", 1 },
	[DL_PROC] = { "ma tthc|ma thu tuc|procedure code", 1 },
	[DL_RESP] = { "nguoi chiu trach nhiem|don vi can bo chiu trach nhiem|"
		      "don vi ca nhan chiu trach nhiem|responsible", 1 },
	[DL_RECEIVED] = { "ngay tiep nhan|received", 1 },
	[DL_DUE] = { "han tra|han tra ket qua|ngay hen tra|due", 1 },
	[DL_RETURNED] = { "ngay tra|ngay tra ket qua|returned", 1 },
	[DL_REASON] = { "ly do|ly do tre han|reason", 0 },
	[DL_APOLOGY] = { "da xin loi|xin loi|apology", 1 },
	[DL_APOLOGY_DATE] = { "ngay xin loi|apology date", 0 },
	[DL_NEW_DUE] = { "hen tra moi|ngay hen tra moi|new due", 0 },
	[DL_FIELD] = { "linh vuc|field", 0 },
};

static int yes_no(const char *v, int *out)
{
	struct buf f = BUF_INIT;
	int rc = 0;

	text_fold(v, &f);
	if (!strcmp(f.ptr, "co") || !strcmp(f.ptr, "x") || !strcmp(f.ptr, "yes") ||
	    !strcmp(f.ptr, "1") || !strcmp(f.ptr, "da xin loi"))
		*out = 1;
	else if (!strcmp(f.ptr, "khong") || !strcmp(f.ptr, "") || !strcmp(f.ptr, "no") ||
		 !strcmp(f.ptr, "0") || !strcmp(f.ptr, "chua"))
		*out = 0;
	else
		rc = -1;
	buf_free(&f);
	return rc;
}

static int row_date(const struct csvin_row *r, int col, int optional, int *out, const char *w,
		    const char *label, struct buf *err)
{
	const char *v = csvin_field(r, col);

	*out = -1;
	if (!*v && optional)
		return 0;
	if (date_parse(v, out) < 0)
		return err_set(err, "%s: %s: expected a date such as 2025-10-03 or 03/10/2025, got "
			       "\"%s\"", w, label, v);
	return 0;
}

static int delay_row(struct import *im, struct sheet *s, const struct csvin_row *r,
		     struct buf *err)
{
	struct imp_delay *d = imp_add_delay(im);
	const char *w = where(im, s, r), *ap = csvin_field(r, s->idx[DL_APOLOGY]);

	d->where = w;
	d->dossier = imp_strdup(im, csvin_field(r, s->idx[DL_DOSSIER]));
	d->unit = imp_strdup(im, csvin_field(r, s->idx[DL_UNIT]));
	d->procedure = imp_strdup(im, csvin_field(r, s->idx[DL_PROC]));
	d->responsible = imp_strdup(im, csvin_field(r, s->idx[DL_RESP]));
	d->reason = imp_strdup(im, csvin_field(r, s->idx[DL_REASON]));
	d->field = imp_strdup(im, csvin_field(r, s->idx[DL_FIELD]));
	if (row_date(r, s->idx[DL_RECEIVED], 0, &d->received, w, "Ngày tiếp nhận", err) < 0 ||
	    row_date(r, s->idx[DL_DUE], 0, &d->due, w, "Hạn trả", err) < 0 ||
	    row_date(r, s->idx[DL_RETURNED], 1, &d->returned, w, "Ngày trả", err) < 0 ||
	    row_date(r, s->idx[DL_APOLOGY_DATE], 1, &d->apology_date, w, "Ngày xin lỗi", err) < 0 ||
	    row_date(r, s->idx[DL_NEW_DUE], 1, &d->new_due, w, "Hẹn trả mới", err) < 0)
		return -1;
	if (yes_no(ap, &d->apology) < 0)
		return err_set(err, "%s: Đã xin lỗi: expected có or không, got \"%s\"", w, ap);
	return 0;
}

int fmt_delays_csv(struct import *im, const struct imp_input *in, struct buf *err)
{
	struct sheet s = { 0 };
	size_t i;
	int rc = -1;

	if (sheet_open(&s, in, delay_cols, DL_NCOLS, err) < 0)
		goto out;
	for (i = 1; i < s.t.nrows; i++)
		if (delay_row(im, &s, &s.t.rows[i], err) < 0)
			goto out;
	im->kinds |= IMP_DELAYS;  /* a month without late dossiers is good news, not an error */
	rc = 0;
out:
	sheet_free(&s);
	return rc;
}
