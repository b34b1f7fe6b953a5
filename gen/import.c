#include "import.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "fmt.h"
#include "num.h"
#include "text.h"
#include "util.h"

static const struct imp_format formats[] = {
	{ "scores", "csv", fmt_csv_scores },
	{ "scores", "dvcqg-legacy", fmt_legacy_scores },
	{ "scores", "dvcqg-v1", fmt_v1_scores },
	{ "national", "csv", fmt_csv_national },
	{ "national", "dvcqg-legacy", fmt_legacy_national },
	{ "national", "dvcqg-v1", fmt_v1_national },
	{ "procedures", "csv", fmt_procedures_csv },
	{ "procedures", "json", fmt_procedures_json },
	{ "delays", "csv", fmt_delays_csv },
};

struct pool_block {
	struct pool_block *next;
	size_t used, cap;
	char data[];
};

void import_init(struct import *im, const struct config *cfg, const char *month)
{
	memset(im, 0, sizeof *im);
	im->cfg = cfg;
	memcpy(im->month, month, 8);
}

void import_free(struct import *im)
{
	struct pool_block *b, *next;
	size_t i;

	if (!im)
		return;
	for (b = im->pool; b; b = next) {
		next = b->next;
		free(b);
	}
	for (i = 0; i < im->n_fetches; i++)
		buf_free(&im->fetches[i].body);
	free(im->scores); free(im->metrics); free(im->counts); free(im->nationals);
	free(im->procedures); free(im->delays); free(im->fetches);
	memset(im, 0, sizeof *im);
}

static void *pool_alloc(struct import *im, size_t n)
{
	struct pool_block *b = im->pool;
	void *p;

	n = (n + 15) & ~(size_t)15;
	if (!b || b->cap - b->used < n) {
		size_t cap = n > 65536 ? n : 65536;

		b = xmalloc(sizeof *b + cap);
		b->next = im->pool;
		b->used = 0;
		b->cap = cap;
		im->pool = b;
	}
	p = b->data + b->used;
	b->used += n;
	return p;
}

const char *imp_strndup(struct import *im, const char *s, size_t n)
{
	char *p = pool_alloc(im, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

const char *imp_strdup(struct import *im, const char *s)
{
	return imp_strndup(im, s ? s : "", s ? strlen(s) : 0);
}

const char *imp_printf(struct import *im, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	const char *s;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	s = imp_strndup(im, b.ptr, b.len);
	buf_free(&b);
	return s;
}

#define PUSH(im, name) do { \
	if ((im)->n_##name == (im)->cap_##name) { \
		(im)->cap_##name = (im)->cap_##name ? (im)->cap_##name * 2 : 64; \
		(im)->name = xrealloc((im)->name, (im)->cap_##name * sizeof *(im)->name); \
	} \
	memset(&(im)->name[(im)->n_##name], 0, sizeof *(im)->name); \
} while (0)

struct imp_score *imp_add_score(struct import *im)
{
	struct imp_score *s;

	PUSH(im, scores);
	s = &im->scores[im->n_scores++];
	s->groups = pool_alloc(im, im->cfg->ngroups * sizeof *s->groups);
	s->have = pool_alloc(im, im->cfg->ngroups);
	memset(s->groups, 0, im->cfg->ngroups * sizeof *s->groups);
	memset(s->have, 0, im->cfg->ngroups);
	im->kinds |= IMP_SCORES;
	return s;
}

struct imp_metric *imp_add_metric(struct import *im)
{
	PUSH(im, metrics);
	return &im->metrics[im->n_metrics++];
}

struct imp_count *imp_add_count(struct import *im)
{
	PUSH(im, counts);
	return &im->counts[im->n_counts++];
}

struct imp_national *imp_add_national(struct import *im)
{
	struct imp_national *n;

	PUSH(im, nationals);
	n = &im->nationals[im->n_nationals++];
	n->groups = pool_alloc(im, im->cfg->ngroups * sizeof *n->groups);
	memset(n->groups, 0, im->cfg->ngroups * sizeof *n->groups);
	im->kinds |= IMP_NATIONAL;
	return n;
}

struct imp_procedure *imp_add_procedure(struct import *im)
{
	PUSH(im, procedures);
	im->kinds |= IMP_PROCEDURES;
	im->procedures[im->n_procedures].dossiers = -1;
	return &im->procedures[im->n_procedures++];
}

struct imp_delay *imp_add_delay(struct import *im)
{
	PUSH(im, delays);
	im->kinds |= IMP_DELAYS;
	return &im->delays[im->n_delays++];
}

struct imp_fetch *imp_add_fetch(struct import *im)
{
	PUSH(im, fetches);
	im->fetches[im->n_fetches].body = (struct buf)BUF_INIT;
	return &im->fetches[im->n_fetches++];
}

struct imp_score *imp_find_score(struct import *im, const char *code, const char *ext_id)
{
	size_t i;

	for (i = 0; i < im->n_scores; i++) {
		struct imp_score *s = &im->scores[i];

		if ((code && s->code && !strcmp(s->code, code)) ||
		    (ext_id && s->ext_id && !strcmp(s->ext_id, ext_id)))
			return s;
	}
	return NULL;
}

const struct imp_format *import_format(const char *kind, const char *format)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(formats); i++)
		if (!strcmp(formats[i].kind, kind) && !strcmp(formats[i].name, format))
			return &formats[i];
	return NULL;
}

void import_format_names(const char *kind, struct buf *out)
{
	size_t i;
	int first = 1;

	for (i = 0; i < ARRAY_LEN(formats); i++)
		if (!strcmp(formats[i].kind, kind)) {
			buf_printf(out, "%s%s", first ? "" : ", ", formats[i].name);
			first = 0;
		}
}

int import_parse(struct import *im, const struct imp_input *in, struct buf *err)
{
	const struct imp_format *f = import_format(in->src->kind, in->src->format);
	struct buf names = BUF_INIT;

	if (!f) {
		import_format_names(in->src->kind, &names);
		err_set(err, "[source.%s] format \"%s\" is not a %s format (known: %s)",
			in->src->name, in->src->format, in->src->kind, names.ptr);
		buf_free(&names);
		return -1;
	}
	return f->parse(im, in, err);
}

int imp_group_value(const struct config *cfg, size_t g, const char *s, long *out,
		    const char *where, struct buf *err)
{
	const struct cfg_group *grp = &cfg->groups[g];
	struct buf max = BUF_INIT;

	if (num_parse_centi(s, out) == 0 && *out >= 0 && *out <= grp->max)
		return 0;
	num_add_centi(&max, grp->max);
	err_set(err, "%s: %s: expected a score from 0 to %s (the group's maximum) with at most "
		"two decimals, got \"%s\"", where, grp->code, max.ptr, s);
	buf_free(&max);
	return -1;
}

static int valid_unit_code(const char *s)
{
	size_t n = strlen(s);

	if (!n || n > 40)
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("._-", *s))
			return 0;
	return 1;
}

static int known_tier(const struct config *cfg, const char *t)
{
	size_t i;

	for (i = 0; i < cfg->ntiers; i++)
		if (!strcmp(cfg->tiers[i].code, t))
			return 1;
	return 0;
}

static int check_total(const struct config *cfg, const char *where, const long *groups,
		       long total, struct buf *err)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	long sum = 0;
	size_t g;

	for (g = 0; g < cfg->ngroups; g++)
		sum += groups[g];
	if (labs(total - sum) <= 1 && total <= cfg->max_total)
		return 0;
	num_add_centi(&a, total);
	num_add_centi(&b, sum);
	if (total > cfg->max_total)
		err_set(err, "%s: total %s is above the maximum of the index", where, a.ptr);
	else
		err_set(err, "%s: total %s does not equal the sum of the groups, %s (allowed "
			"difference 0.01): check the row", where, a.ptr, b.ptr);
	buf_free(&a);
	buf_free(&b);
	return -1;
}

static int check_score(struct import *im, struct imp_score *s, struct buf *err)
{
	const struct config *cfg = im->cfg;
	struct buf tiers = BUF_INIT;
	size_t g;

	if (!valid_unit_code(s->code))
		return err_set(err, "%s: unit code \"%s\": expected letters, digits, '.', '-' "
			       "such as H44.01", s->where, s->code);
	if (!s->name || !*s->name)
		return err_set(err, "%s: unit %s: the name is empty", s->where, s->code);
	if (!known_tier(cfg, s->tier)) {
		for (g = 0; g < cfg->ntiers; g++)
			buf_printf(&tiers, "%s%s", g ? ", " : "", cfg->tiers[g].code);
		err_set(err, "%s: unit %s: unknown tier \"%s\" (known: %s; add others under "
			"[tiers])", s->where, s->code, s->tier, tiers.ptr);
		buf_free(&tiers);
		return -1;
	}
	for (g = 0; g < cfg->ngroups; g++)
		if (!s->have[g])
			return err_set(err, "%s: unit %s: no score for group %s", s->where, s->code,
				       cfg->groups[g].code);
	if (!s->has_total) {
		for (g = 0, s->total = 0; g < cfg->ngroups; g++)
			s->total += s->groups[g];
		s->has_total = 1;
	}
	return check_total(cfg, s->where, s->groups, s->total, err);
}

struct keyed {
	const char *key;
	size_t idx;
};

static int cmp_keyed(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c ? c : (x->idx > y->idx) - (x->idx < y->idx);
}

/* Finds a key given twice: 1 with *first < *second their indices, else 0. */
static int find_dup(const char *const *keys, size_t stride, size_t n, size_t *first,
		    size_t *second)
{
	struct keyed *k;
	size_t i;
	int found = 0;

	if (n < 2)
		return 0;
	k = xmalloc(n * sizeof *k);
	for (i = 0; i < n; i++) {
		k[i].key = *(const char *const *)((const char *)keys + i * stride);
		k[i].idx = i;
	}
	qsort(k, n, sizeof *k, cmp_keyed);
	for (i = 1; i < n && !found; i++)
		if (!strcmp(k[i - 1].key, k[i].key)) {
			*first = k[i - 1].idx;
			*second = k[i].idx;
			found = 1;
		}
	free(k);
	return found;
}

#define FIND_DUP(arr, n, field, a, b) \
	((n) >= 2 && find_dup(&(arr)[0].field, sizeof (arr)[0], (n), (a), (b)))

/* Codes that differ only in case or punctuation (H44.01, h44-01) would share one page,
 * /co-quan/h44-01/. */
static int check_slugs(struct import *im, struct buf *err)
{
	const char **slugs = xcalloc(im->n_scores + 1, sizeof *slugs);
	struct buf b = BUF_INIT;
	size_t i, x, y;
	int rc = 0;

	for (i = 0; i < im->n_scores; i++) {
		buf_reset(&b);
		text_slug(im->scores[i].code, &b);
		slugs[i] = imp_strdup(im, b.ptr);
	}
	if (im->n_scores >= 2 && find_dup(slugs, sizeof *slugs, im->n_scores, &x, &y))
		rc = err_set(err, "%s: units %s and %s (at %s) would share the page /co-quan/%s/: "
			     "codes must differ in more than case and punctuation",
			     im->scores[y].where, im->scores[y].code, im->scores[x].code,
			     im->scores[x].where, slugs[y]);
	buf_free(&b);
	free(slugs);
	return rc;
}

static int check_scores(struct import *im, struct buf *err)
{
	size_t i, a, b;

	for (i = 0; i < im->n_scores; i++)
		if (check_score(im, &im->scores[i], err) < 0)
			return -1;
	if (FIND_DUP(im->scores, im->n_scores, code, &a, &b))
		return err_set(err, "%s: unit %s appears twice in the month (also at %s)",
			       im->scores[b].where, im->scores[b].code, im->scores[a].where);
	return check_slugs(im, err);
}

static int check_nationals(struct import *im, struct buf *err)
{
	size_t i, a, b;

	for (i = 0; i < im->n_nationals; i++) {
		struct imp_national *n = &im->nationals[i];

		if (!valid_unit_code(n->code))
			return err_set(err, "%s: province code \"%s\": expected such as H44",
				       n->where, n->code);
		if (check_total(im->cfg, n->where, n->groups, n->total, err) < 0)
			return -1;
	}
	if (FIND_DUP(im->nationals, im->n_nationals, code, &a, &b))
		return err_set(err, "%s: province %s appears twice in the month (also at %s)",
			       im->nationals[b].where, im->nationals[b].code, im->nationals[a].where);
	return 0;
}

static int valid_procedure_code(const char *s)
{
	int i;

	if (!isdigit((unsigned char)s[0]) || s[1] != '.')
		return 0;
	for (i = 2; i < 8; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return s[8] == '\0';
}

static int check_procedure(const struct imp_procedure *p, struct buf *err)
{
	if (!valid_procedure_code(p->code))
		return err_set(err, "%s: Mã TTHC \"%s\": expected a digit, a dot and six digits, "
			       "such as 2.000815", p->where, p->code);
	if (!*p->name)
		return err_set(err, "%s: procedure %s: Tên TTHC is empty", p->where, p->code);
	if (!*p->field)
		return err_set(err, "%s: procedure %s: Lĩnh vực is empty", p->where, p->code);
	if (*p->online_url && strncmp(p->online_url, "https://", 8) &&
	    strncmp(p->online_url, "http://", 7))
		return err_set(err, "%s: procedure %s: Nộp trực tuyến: expected an https:// link, "
			       "got \"%s\"", p->where, p->code, p->online_url);
	return 0;
}

static int check_procedures(struct import *im, struct buf *err)
{
	size_t i, a, b;

	for (i = 0; i < im->n_procedures; i++)
		if (check_procedure(&im->procedures[i], err) < 0)
			return -1;
	if (FIND_DUP(im->procedures, im->n_procedures, code, &a, &b))
		return err_set(err, "%s: procedure %s appears twice (also at %s)",
			       im->procedures[b].where, im->procedures[b].code,
			       im->procedures[a].where);
	return 0;
}

static int check_delay(struct import *im, const struct imp_delay *d,
		       int (*known_unit)(void *, const char *), void *ctx, struct buf *err)
{
	char due[11], ret[11];
	int end = month_last_day(im->month);

	if (!*d->dossier)
		return err_set(err, "%s: Số hồ sơ is empty", d->where);
	if (!imp_find_score(im, d->unit, NULL) && !(known_unit && known_unit(ctx, d->unit)))
		return err_set(err, "%s: dossier %s: unknown unit \"%s\": it is in no pulled scores "
			       "(check the code, or pull the scores first)", d->where, d->dossier,
			       d->unit);
	if (*d->procedure && !valid_procedure_code(d->procedure))
		return err_set(err, "%s: dossier %s: Mã TTHC \"%s\": expected such as 2.000815",
			       d->where, d->dossier, d->procedure);
	if (!*d->responsible)
		return err_set(err, "%s: dossier %s: Người chịu trách nhiệm is empty: the directive "
			       "asks to publish who caused the delay", d->where, d->dossier);
	if (!d->apology && d->apology_date >= 0)
		return err_set(err, "%s: dossier %s: Đã xin lỗi says không but Ngày xin lỗi is "
			       "given: which is right?", d->where, d->dossier);
	if (d->due < d->received)
		return err_set(err, "%s: dossier %s: due date before the date received", d->where,
			       d->dossier);
	date_format(d->due, due);
	if (d->returned >= 0 && d->returned <= d->due) {
		date_format(d->returned, ret);
		return err_set(err, "%s: dossier %s: returned %s, on or before its due date %s: "
			       "not a late dossier", d->where, d->dossier, ret, due);
	}
	if (d->returned < 0 && d->due >= end)
		return err_set(err, "%s: dossier %s: still open and due %s, after the month's end: "
			       "not late in %s", d->where, d->dossier, due, im->month);
	if (d->received > end)
		return err_set(err, "%s: dossier %s: received after the end of %s", d->where,
			       d->dossier, im->month);
	return 0;
}

static int check_delays(struct import *im, int (*known_unit)(void *, const char *), void *ctx,
			struct buf *err)
{
	size_t i, a, b;

	for (i = 0; i < im->n_delays; i++)
		if (check_delay(im, &im->delays[i], known_unit, ctx, err) < 0)
			return -1;
	if (FIND_DUP(im->delays, im->n_delays, dossier, &a, &b))
		return err_set(err, "%s: dossier %s appears twice in the month (also at %s)",
			       im->delays[b].where, im->delays[b].dossier, im->delays[a].where);
	return 0;
}

int import_finish(struct import *im, int (*known_unit)(void *ctx, const char *code), void *ctx,
		  struct buf *err)
{
	if (im->v1_groups && fmt_v1_join(im, err) < 0)
		return -1;
	if (check_scores(im, err) < 0 || check_nationals(im, err) < 0 ||
	    check_procedures(im, err) < 0 || check_delays(im, known_unit, ctx, err) < 0)
		return -1;
	return 0;
}
