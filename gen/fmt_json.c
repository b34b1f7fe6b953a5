/* The national portal's legacy report (report_tinh_766_service) and procedures as JSON. */
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "jsonin.h"
#include "num.h"
#include "util.h"

static const char *const legacy_keys[] = { "ID", "TEN", "TEN_COQUAN", "MA_COQUAN",
	"LOAI_COQUAN", "CAPDONVIID", "ID_COQUAN", "CKMB", "TDGQ", "CLGQ", "TTTT", "MDHL", "MDSH",
	"TONG_SCORE", "ROW_STT", "data", NULL };

/* Loads the records, redacting keys gen does not read. */
static json_t *legacy_records(const struct imp_input *in, json_t **root, struct buf *err)
{
	json_t *arr;

	*root = jsonin_parse(in->name, in->data, in->len, err);
	if (!*root)
		return NULL;
	jsonin_redact(*root, legacy_keys, in->fetch);
	arr = jsonin_array(*root, NULL);
	if (!arr)
		err_set(err, "%s: expected a JSON array of unit records, or {\"data\": [...]}",
			in->name);
	else if (!json_array_size(arr))
		err_set(err, "%s: no records: the portal answered with an empty list (wrong month, "
			"or p_tinh_id?)", in->name);
	return arr && json_array_size(arr) ? arr : NULL;
}

static const char *legacy_tier(json_t *rec)
{
	long long loai = 0, cap = 0;

	/* either may be missing, but one that is there must be a number */
	if (jsonin_long(json_object_get(rec, "LOAI_COQUAN"), &loai) < 0 ||
	    jsonin_long(json_object_get(rec, "CAPDONVIID"), &cap) < 0)
		return NULL;
	if (loai == 1)
		return "tinh";
	if (loai == 2 || (!loai && cap == 1))
		return "so-nganh";
	if (loai == 3 || (!loai && cap == 2))
		return "xa-phuong";
	return NULL;
}

/* The groups and total of one record; where names it. */
static int legacy_groups(struct import *im, json_t *rec, long *groups, long *total,
			 const char *w, struct buf *err)
{
	const struct config *cfg = im->cfg;
	struct buf max = BUF_INIT;
	size_t g;
	int r;

	for (g = 0; g < cfg->ngroups; g++) {
		json_t *v = json_object_get(rec, cfg->groups[g].code);
		char *got;

		r = jsonin_centi(v, &groups[g]);
		if (r == 1 && groups[g] >= 0 && groups[g] <= cfg->groups[g].max)
			continue;
		num_add_centi(&max, cfg->groups[g].max);
		got = r == 0 ? NULL : json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT |
						 JSON_REAL_PRECISION(15));
		err_set(err, "%s: %s: expected a score from 0 to %s with at most two decimals, "
			"got %.60s", w, cfg->groups[g].code, max.ptr, got ? got : "nothing");
		free(got);
		buf_free(&max);
		return -1;
	}
	if (jsonin_centi(json_object_get(rec, "TONG_SCORE"), total) != 1)
		return err_set(err, "%s: TONG_SCORE: expected a number", w);
	return 0;
}

static int legacy_unit(struct import *im, const struct imp_input *in, json_t *rec, size_t i,
		       struct buf *err)
{
	struct imp_score *s;
	long long rank = 0;
	size_t g;
	const char *code = jsonin_str(im, json_object_get(rec, "MA_COQUAN"));
	const char *w = imp_printf(im, "%s: record %zu (MA_COQUAN %s)", in->name, i + 1, code);

	if (!json_is_object(rec))
		return err_set(err, "%s: record %zu: expected an object", in->name, i + 1);
	s = imp_add_score(im);
	s->where = w;
	s->code = code;
	s->name = jsonin_str(im, json_object_get(rec, "TEN"));
	if (!*s->name)
		s->name = jsonin_str(im, json_object_get(rec, "TEN_COQUAN"));
	s->ext_id = jsonin_str(im, json_object_get(rec, "ID"));
	s->tier = legacy_tier(rec);
	if (!s->tier)
		return err_set(err, "%s: LOAI_COQUAN/CAPDONVIID: expected LOAI_COQUAN 1, 2 or 3",
			       w);
	if (legacy_groups(im, rec, s->groups, &s->total, w, err) < 0)
		return -1;
	if (jsonin_long(json_object_get(rec, "ROW_STT"), &rank) < 0)
		return err_set(err, "%s: ROW_STT: expected a whole number", w);
	s->portal_rank = (long)rank;
	for (g = 0; g < im->cfg->ngroups; g++)
		s->have[g] = 1;
	s->has_total = 1;
	return 0;
}

int fmt_legacy_scores(struct import *im, const struct imp_input *in, struct buf *err)
{
	json_t *root = NULL, *arr = legacy_records(in, &root, err), *rec;
	size_t i;
	int rc = arr ? 0 : -1;

	if (arr)
		json_array_foreach(arr, i, rec)
			if ((rc = legacy_unit(im, in, rec, i, err)) < 0)
				break;
	json_decref(root);
	return rc;
}

int fmt_legacy_national(struct import *im, const struct imp_input *in, struct buf *err)
{
	json_t *root = NULL, *arr = legacy_records(in, &root, err), *rec;
	size_t i;
	int rc = arr ? 0 : -1;

	if (arr)
		json_array_foreach(arr, i, rec) {
			struct imp_national *n = imp_add_national(im);

			n->code = jsonin_str(im, json_object_get(rec, "MA_COQUAN"));
			n->name = jsonin_str(im, json_object_get(rec, "TEN"));
			n->where = imp_printf(im, "%s: record %zu (MA_COQUAN %s)", in->name, i + 1,
					      n->code);
			if ((rc = legacy_groups(im, rec, n->groups, &n->total, n->where, err)) < 0)
				break;
		}
	json_decref(root);
	return rc;
}

static const char *const procedure_keys[] = { "code", "name", "field", "audience", "agency",
	"tier", "status", "decision", "online_level", "processing_time", "fee", "documents",
	"steps", "legal_basis", "where", "online_url", "dossiers", "data", NULL };

/* A string, or an array of strings joined one per line. */
static const char *lines(struct import *im, json_t *v)
{
	struct buf b = BUF_INIT;
	const char *s;
	json_t *x;
	size_t i;

	if (!json_is_array(v))
		return jsonin_str(im, v);
	json_array_foreach(v, i, x)
		buf_printf(&b, "%s%s", i ? "\n" : "", jsonin_str(im, x));
	s = imp_strndup(im, b.ptr, b.len);
	buf_free(&b);
	return s;
}

static int procedure_obj(struct import *im, const struct imp_input *in, json_t *o, size_t i,
			 struct buf *err)
{
	struct imp_procedure *p = imp_add_procedure(im);
	const char *lv;
	long long d;
	int r;

	p->code = jsonin_str(im, json_object_get(o, "code"));
	p->where = imp_printf(im, "%s: record %zu (code %s)", in->name, i + 1, p->code);
	if (!json_is_object(o))
		return err_set(err, "%s: expected an object", p->where);
	p->name = jsonin_str(im, json_object_get(o, "name"));
	p->field = jsonin_str(im, json_object_get(o, "field"));
	p->audience = jsonin_str(im, json_object_get(o, "audience"));
	p->agency = jsonin_str(im, json_object_get(o, "agency"));
	p->tier = jsonin_str(im, json_object_get(o, "tier"));
	p->status = jsonin_str(im, json_object_get(o, "status"));
	p->decision = jsonin_str(im, json_object_get(o, "decision"));
	p->processing_time = jsonin_str(im, json_object_get(o, "processing_time"));
	p->fee = jsonin_str(im, json_object_get(o, "fee"));
	p->documents = lines(im, json_object_get(o, "documents"));
	p->steps = lines(im, json_object_get(o, "steps"));
	p->legal_basis = lines(im, json_object_get(o, "legal_basis"));
	p->place = jsonin_str(im, json_object_get(o, "where"));
	p->online_url = jsonin_str(im, json_object_get(o, "online_url"));
	lv = jsonin_str(im, json_object_get(o, "online_level"));
	p->online_level = fmt_online_level(lv);
	if (!p->online_level)
		return err_set(err, "%s: online_level: expected \"toàn trình\", \"một phần\" or "
			       "empty, got \"%s\"", p->where, lv);
	r = jsonin_long(json_object_get(o, "dossiers"), &d);
	if (r < 0 || (r == 1 && d < 0))
		return err_set(err, "%s: dossiers: expected a whole number", p->where);
	p->dossiers = r == 1 ? (long)d : -1;
	return 0;
}

int fmt_procedures_json(struct import *im, const struct imp_input *in, struct buf *err)
{
	json_t *root = jsonin_parse(in->name, in->data, in->len, err), *arr, *o;
	size_t i;
	int rc = -1;

	if (!root)
		return -1;
	jsonin_redact(root, procedure_keys, in->fetch);
	arr = jsonin_array(root, NULL);
	if (!arr || !json_array_size(arr)) {
		err_set(err, "%s: expected a non-empty JSON array of procedures, or {\"data\": [...]}",
			in->name);
		goto out;
	}
	json_array_foreach(arr, i, o)
		if (procedure_obj(im, in, o, i, err) < 0)
			goto out;
	rc = 0;
out:
	json_decref(root);
	return rc;
}
