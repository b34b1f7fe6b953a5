/* The national portal's current API, /api/v1/reporting/evaluation/<endpoint>: one source per
 * endpoint, each giving one index group per unit; units are joined on departmentId. */
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "jsonin.h"
#include "util.h"

struct endpoint {
	const char *name, *group;
	const char *list;           /* "evaluation" or "children" */
	const char *top;            /* "overview" or "parent": the province itself */
	const char *score;          /* per-unit score field */
};

static const struct endpoint endpoints[] = {
	{ "transparency", "CKMB", "evaluation", "overview", "totalScore" },
	{ "dvc-progress-tree", "TDGQ", "children", "parent", "score" },
	{ "provide-online-tree", "CLGQ", "children", "parent", "totalScore" },
	{ "formality-online-payment-tree", "TTTT", "children", "parent", "totalScore" },
	{ "handling-satisfaction", "MDHL", "evaluation", "overview", "totalScore" },
	{ "dossier-digitized", "MDSH", "evaluation", "overview", "totalScore" },
};

/* Every key the v1 answers carry that gen reads or keeps; others are dropped on import. */
static const char *const v1_keys[] = { "agencyLevel", "authorityCount", "averageScore",
	"avgProcessingDays", "channelDirectSum", "channelOnlineSum", "channelPostalSum",
	"channelTotalSum", "children", "classifiedPetitions", "code", "currentPage", "data",
	"dataQualityMessage", "dataQualityStatus", "denominator", "departmentCode", "departmentId",
	"departmentLevel", "departmentName", "departmentType", "evaluation", "fullCount", "label",
	"level", "maxScore", "message", "metrics", "month", "monthlyChart", "name", "numerator",
	"onTimePct", "onlineDossierCount", "onlineDossierPct", "onlineOnTimeSum",
	"onlineOverdueSum", "onlineServiceTotal", "overduePct", "overview", "pageSize",
	"pagination", "parent", "partialCount", "ratio", "score", "scoreDelta", "source", "stt",
	"total", "totalCompleted", "totalDossierFinancialObligation",
	"totalDossierOnlineFormalityPaymentSuccess", "totalDossierOnlinePaymentSuccess",
	"totalDossiers", "totalFeeDossierFormality", "totalFeeDossierFormalityDistinct",
	"totalFeeFormality", "totalMaxScore", "totalOnTime", "totalOverdue", "totalPages",
	"totalPetitions", "totalReceived", "totalScore", "groupScores", "items", NULL };

/* Numeric fields that are scores or bookkeeping, not counts worth keeping. */
static const char *const not_counts[] = { "score", "totalScore", "maxScore", "totalMaxScore",
	"stt", "scoreDelta", NULL };

static int url_names(const char *url, const char *name)
{
	size_t n = strlen(name);
	const char *p = url;

	while ((p = strstr(p, name))) {
		char after = p[n];

		if (p > url && (p[-1] == '/' || p[-1] == ':') &&
		    (after == '\0' || after == '?' || after == '.' || after == '/'))
			return 1;
		p += n;
	}
	return 0;
}

static const struct endpoint *find_endpoint(const struct cfg_source *src)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(endpoints); i++)
		if (src->endpoint ? !strcmp(src->endpoint, endpoints[i].name) :
		    url_names(src->url, endpoints[i].name))
			return &endpoints[i];
	return NULL;
}

static const char *tier_of(json_t *u, int is_top)
{
	const char *t = json_string_value(json_object_get(u, "departmentType"));
	const char *l = json_string_value(json_object_get(u, "level"));

	if (is_top || (t && !strcmp(t, "PROVINCE")))
		return "tinh";
	if ((t && !strcmp(t, "PROVINCIAL_DEPARTMENT")) || (!t && l && !strcmp(l, "PROVINCE")))
		return "so-nganh";
	if ((t && !strncmp(t, "COMMUNE", 7)) || (!t && l && !strcmp(l, "COMMUNE")))
		return "xa-phuong";
	return NULL;
}

static int keep_as_count(const char *k, json_t *v)
{
	size_t i;

	if (!json_is_number(v))
		return 0;
	for (i = 0; not_counts[i]; i++)
		if (!strcmp(not_counts[i], k))
			return 0;
	return 1;
}

static void add_counts(struct import *im, json_t *u, const char *unit, const char *grp)
{
	const char *k;
	json_t *v;
	long c;

	json_object_foreach(u, k, v) {
		if (!keep_as_count(k, v) || jsonin_centi(v, &c) != 1)
			continue;
		struct imp_count *cnt = imp_add_count(im);

		cnt->unit = unit;
		cnt->grp = grp;
		cnt->key = imp_strdup(im, k);
		cnt->value = c;
	}
}

static int add_metric(struct import *im, json_t *m, const char *unit, const char *grp,
		      const char *w, struct buf *err)
{
	struct imp_metric *x = imp_add_metric(im);
	int r1, r2, r3, r4, r5;

	x->unit = unit;
	x->grp = grp;
	x->code = jsonin_str(im, json_object_get(m, "code"));
	x->name = jsonin_str(im, json_object_get(m, "name"));
	x->quality = jsonin_str(im, json_object_get(m, "dataQualityStatus"));
	x->quality_msg = jsonin_str(im, json_object_get(m, "dataQualityMessage"));
	r1 = jsonin_long(json_object_get(m, "numerator"), &x->numerator);
	r2 = jsonin_long(json_object_get(m, "denominator"), &x->denominator);
	r3 = jsonin_centi(json_object_get(m, "ratio"), &x->ratio);
	r4 = jsonin_centi(json_object_get(m, "score"), &x->score);
	r5 = jsonin_centi(json_object_get(m, "maxScore"), &x->max);
	x->has_numerator = r1 == 1;
	x->has_denominator = r2 == 1;
	x->has_ratio = r3 == 1;
	x->has_score = r4 == 1;
	if (!*x->code || r1 < 0 || r2 < 0 || r3 < 0 || r4 < 0 || r5 < 0)
		return err_set(err, "%s: metric \"%s\": expected code, whole numerator and "
			       "denominator, and numbers (or null) for ratio, score, maxScore", w,
			       x->code);
	return 0;
}

/* One unit's record of one endpoint: its group score, counts and metrics. */
static int v1_unit(struct import *im, const struct imp_input *in, const struct endpoint *ep,
		   size_t g, json_t *u, int is_top, size_t i, struct buf *err)
{
	const char *id = jsonin_str(im, json_object_get(u, "departmentId"));
	const char *code = jsonin_str(im, json_object_get(u, "departmentCode"));
	const char *w = imp_printf(im, "%s: %s[%zu] (departmentId %s)", in->name,
				   is_top ? ep->top : ep->list, i, id);
	struct imp_score *s;
	json_t *m, *sv;
	size_t k;
	long v;

	if (!json_is_object(u) || !*id)
		return err_set(err, "%s: expected an object with departmentId", w);
	s = imp_find_score(im, NULL, id);
	if (!s) {
		s = imp_add_score(im);
		s->ext_id = id;
		s->where = w;
	}
	if (s->have[g])
		return err_set(err, "%s: unit appears twice in %s", w, ep->name);
	if (*code)
		s->code = code;
	if (!s->name || !*s->name)
		s->name = jsonin_str(im, json_object_get(u, "departmentName"));
	s->tier = tier_of(u, is_top);
	if (!s->tier)
		return err_set(err, "%s: departmentType/level: expected PROVINCE, "
			       "PROVINCIAL_DEPARTMENT or COMMUNE…", w);
	sv = json_object_get(u, ep->score);
	if (!sv)  /* the tree endpoints' parent says totalScore where children say score */
		sv = json_object_get(u, "totalScore");
	if (jsonin_centi(sv, &v) != 1 || v < 0 || v > im->cfg->groups[g].max)
		return err_set(err, "%s: %s: expected a score from 0 to the maximum of %s", w,
			       ep->score, ep->group);
	s->groups[g] = v;
	s->have[g] = 1;
	add_counts(im, u, id, ep->group);
	json_array_foreach(json_object_get(u, "metrics"), k, m)
		if (add_metric(im, m, id, ep->group, w, err) < 0)
			return -1;
	return 0;
}

static int check_envelope(const struct imp_input *in, json_t *root, struct buf *err)
{
	const char *code = json_string_value(json_object_get(root, "code"));
	json_t *pg = json_object_get(json_object_get(root, "data"), "pagination");
	long long pages = 1;

	if (!json_is_object(root) || !code)
		return err_set(err, "%s: expected the portal's {\"code\", \"data\", \"message\"} "
			       "answer", in->name);
	if (strcmp(code, "OK"))
		return err_set(err, "%s: the portal answered code \"%s\": %s", in->name, code,
			       json_string_value(json_object_get(root, "message")) ?: "");
	if (jsonin_long(json_object_get(pg, "totalPages"), &pages) == 1 && pages > 1)
		return err_set(err, "%s: the answer has %lld pages; ask for all units at once "
			       "(\"pageSize\" in the source's body at least the total)", in->name,
			       pages);
	return 0;
}

int fmt_v1_scores(struct import *im, const struct imp_input *in, struct buf *err)
{
	const struct endpoint *ep = find_endpoint(in->src);
	const struct cfg_group *grp;
	json_t *root = NULL, *list, *u;
	size_t i, g;
	int rc = -1;

	if (!ep)
		return err_set(err, "[source.%s]: cannot tell which evaluation endpoint %s is; set "
			       "endpoint = transparency, dvc-progress-tree, provide-online-tree, "
			       "formality-online-payment-tree, handling-satisfaction or "
			       "dossier-digitized", in->src->name, in->name);
	grp = config_group(im->cfg, ep->group);
	if (!grp)
		return err_set(err, "[source.%s]: endpoint %s gives group %s, which [index] does "
			       "not have", in->src->name, ep->name, ep->group);
	g = (size_t)(grp - im->cfg->groups);
	root = jsonin_parse(in->name, in->data, in->len, err);
	if (!root || check_envelope(in, root, err) < 0)
		goto out;
	jsonin_redact(root, v1_keys, in->fetch);
	list = json_object_get(json_object_get(root, "data"), ep->list);
	if (!json_is_array(list) || !json_array_size(list)) {
		err_set(err, "%s: data.%s: expected a non-empty list of units", in->name, ep->list);
		goto out;
	}
	u = json_object_get(json_object_get(root, "data"), ep->top);
	if (json_is_object(u) && v1_unit(im, in, ep, g, u, 1, 0, err) < 0)
		goto out;
	json_array_foreach(list, i, u)
		if (v1_unit(im, in, ep, g, u, 0, i, err) < 0)
			goto out;
	im->v1_groups |= 1u << g;
	rc = 0;
out:
	json_decref(root);
	return rc;
}

static const char *code_of(struct import *im, const char *id)
{
	struct imp_score *s = imp_find_score(im, NULL, id);

	return s && s->code ? s->code : NULL;
}

int fmt_v1_join(struct import *im, struct buf *err)
{
	size_t i;

	for (i = 0; i < im->n_scores; i++) {
		struct imp_score *s = &im->scores[i];

		if (!s->ext_id || s->has_total)
			continue;
		if (!s->code || !*s->code)
			return err_set(err, "%s: unit \"%s\" has no departmentCode: only the tree "
				       "endpoints (dvc-progress-tree, provide-online-tree, "
				       "formality-online-payment-tree) and dossier-digitized carry it; "
				       "pull at least one of them", s->where, s->name);
	}
	for (i = 0; i < im->n_metrics; i++)
		im->metrics[i].unit = code_of(im, im->metrics[i].unit);
	for (i = 0; i < im->n_counts; i++)
		if (im->counts[i].grp[0])
			im->counts[i].unit = code_of(im, im->counts[i].unit);
	return 0;
}

static int national_rec(struct import *im, const struct imp_input *in, json_t *r, size_t i,
			struct buf *err)
{
	struct imp_national *n = imp_add_national(im);
	json_t *gs = json_object_get(r, "groupScores");
	size_t g;

	n->code = jsonin_str(im, json_object_get(r, "departmentCode"));
	n->name = jsonin_str(im, json_object_get(r, "departmentName"));
	n->where = imp_printf(im, "%s: record %zu (departmentCode %s)", in->name, i + 1, n->code);
	if (jsonin_centi(json_object_get(r, "totalScore"), &n->total) != 1)
		return err_set(err, "%s: totalScore: expected a number", n->where);
	for (g = 0; g < im->cfg->ngroups; g++) {
		const struct cfg_group *grp = &im->cfg->groups[g];

		if (jsonin_centi(json_object_get(gs, grp->code), &n->groups[g]) != 1 ||
		    n->groups[g] < 0 || n->groups[g] > grp->max)
			return err_set(err, "%s: groupScores.%s: expected a score from 0 to the "
				       "group's maximum, %ld.%02ld", n->where, grp->code,
				       grp->max / 100, grp->max % 100);
	}
	return 0;
}

/* v1_keys and the [index] group codes, which groupScores is keyed by. */
static const char **national_keys(const struct config *cfg)
{
	size_t n = ARRAY_LEN(v1_keys) - 1, g;
	const char **keys = xcalloc(n + cfg->ngroups + 1, sizeof *keys);

	memcpy(keys, v1_keys, n * sizeof *keys);
	for (g = 0; g < cfg->ngroups; g++)
		keys[n + g] = cfg->groups[g].code;
	return keys;
}

int fmt_v1_national(struct import *im, const struct imp_input *in, struct buf *err)
{
	json_t *root = jsonin_parse(in->name, in->data, in->len, err), *list, *r;
	const char **keys = national_keys(im->cfg);
	size_t i;
	int rc = -1;

	if (!root || check_envelope(in, root, err) < 0)
		goto out;
	jsonin_redact(root, keys, in->fetch);
	list = jsonin_array(root, NULL);
	if (!list)
		list = jsonin_array(root, "items");
	if (!list)
		list = jsonin_array(root, "evaluation");
	if (!list || !json_array_size(list)) {
		err_set(err, "%s: expected a list of provinces in data", in->name);
		goto out;
	}
	json_array_foreach(list, i, r)
		if (national_rec(im, in, r, i, err) < 0)
			goto out;
	rc = 0;
out:
	json_decref(root);
	free(keys);
	return rc;
}
