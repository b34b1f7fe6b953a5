/* The HTML page kinds of the site: rankings, units, late dossiers, procedures, guides,
 * method, press and home. Each queries the store into a context and renders a template. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "qr.h"
#include "site.h"
#include "util.h"

#define MONTH_LABEL "substr(month, 6, 2) || '/' || substr(month, 1, 4)"

/* The months with scores, newest first. */
static json_t *score_months(struct site *s)
{
	return site_query(s, "SELECT month, " MONTH_LABEL " AS label FROM score "
			  "GROUP BY month ORDER BY month DESC", NULL);
}

static json_t *corrections(struct site *s, const char *m)
{
	return site_query(s, "SELECT kind, version, at, summary FROM correction WHERE month = ? "
			  "ORDER BY kind, version", "s", m);
}

static void month_nav(struct site *s, json_t *ctx, const char *m, const char *table)
{
	struct buf sql = BUF_INIT;
	json_t *corr = corrections(s, m);

	buf_printf(&sql, "SELECT (SELECT max(month) FROM %s WHERE month < ?1) AS prev, "
		   "(SELECT min(month) FROM %s WHERE month > ?1) AS next", table, table);
	json_object_set_new(ctx, "nav", site_query_one(s, sql.ptr, "s", m));
	json_object_set_new(ctx, "month", json_string(m));
	buf_reset(&sql);
	buf_printf(&sql, "%.2s/%.4s", m + 5, m);
	json_object_set_new(ctx, "month_label", json_string(sql.ptr));
	json_object_set_new(ctx, "has_corrections", json_boolean(json_array_size(corr) > 0));
	json_object_set_new(ctx, "corrections", corr);
	json_object_set_new(ctx, "navbase", json_string(!strcmp(table, "score") ? "xep-hang" :
							"tre-han"));
	buf_free(&sql);
}

static const char *ranking_rows_sql =
	"SELECT s.rank, s.tier_count, s.unit AS code, slug(s.unit) AS slug, s.name,"
	" s.total AS total__c, s.delta AS delta__d, s.level, level_label(s.level) AS level_label,"
	" level_code(s.level) AS level_class,"
	" CASE WHEN s.prev_rank > s.rank THEN s.prev_rank - s.rank END AS rank_up,"
	" CASE WHEN s.prev_rank < s.rank THEN s.rank - s.prev_rank END AS rank_down,"
	" (SELECT json_group_array(json_object('v', vi(g.score))) FROM (SELECT score FROM"
	"  score_group g WHERE g.month = s.month AND g.unit = s.unit"
	"  ORDER BY group_order(g.grp, 0)) g) AS groups__json "
	"FROM score s WHERE s.month = ?1 AND s.tier = ?2 "
	"ORDER BY s.rank, s.portal_rank, s.unit";

/* The tiers ranked in month m (not the province itself), each with its rows if asked. */
static json_t *ranking_tiers(struct site *s, const char *m, int with_rows)
{
	json_t *tiers = site_query(s, "SELECT tier AS code, tier_label(tier) AS label, count(*) AS n,"
				   " sum(level = 'xanh') AS xanh, sum(level = 'vàng') AS vang,"
				   " sum(level = 'cam') AS cam, sum(level = 'đỏ') AS do "
				   "FROM score WHERE month = ? AND tier <> 'tinh' GROUP BY tier "
				   "ORDER BY tier_order(tier)", "s", m), *t;
	size_t i;

	json_array_foreach(tiers, i, t) {
		const char *code = json_string_value(json_object_get(t, "code"));

		if (with_rows)
			json_object_set_new(t, "rows", site_query(s, ranking_rows_sql, "ss", m, code));
	}
	return tiers;
}

static json_t *ranking_ctx(struct site *s, const char *m, int with_rows)
{
	json_t *ctx = json_object();

	month_nav(s, ctx, m, "score");
	json_object_set_new(ctx, "tiers", ranking_tiers(s, m, with_rows));
	json_object_set_new(ctx, "province", site_query_one(s,
		"SELECT s.name, s.total AS total__c, s.delta AS delta__d, s.level,"
		" level_label(s.level) AS level_label, level_code(s.level) AS level_class,"
		" n.rank AS national_rank, (SELECT count(*) FROM national WHERE month = ?1) AS"
		" national_count FROM score s LEFT JOIN national n ON n.month = s.month AND"
		" n.code = s.unit WHERE s.month = ?1 AND s.tier = 'tinh'", "s", m));
	return ctx;
}

/* Each tier's ranking chart, for the page of month m. */
static int ranking_charts(struct site *s, json_t *ctx, const char *m, struct buf *err)
{
	json_t *t, *c;
	size_t i;

	json_array_foreach(json_object_get(ctx, "tiers"), i, t) {
		if (!(c = site_chart_ranking(s, m, t, SITE_CHART_WEB, err)))
			return -1;
		json_object_set_new(t, "chart", c);
	}
	return 0;
}

int site_rankings(struct site *s, struct buf *err)
{
	json_t *months = score_months(s), *m;
	struct buf path = BUF_INIT;
	size_t i;
	int rc = 0;

	json_array_foreach(months, i, m) {
		const char *mo = json_string_value(json_object_get(m, "month"));
		json_t *ctx;

		if (!site_mine(s, i))
			continue;
		ctx = ranking_ctx(s, mo, 1);
		buf_reset(&path);
		buf_printf(&path, "xep-hang/%s/index.html", mo);
		if ((rc = ranking_charts(s, ctx, mo, err)) < 0) {
			json_decref(ctx);
			break;
		}
		if ((rc = site_page(s, path.ptr, "ranking.html", ctx, err)) < 0)
			break;
		site_sitemap(s, path.ptr, NULL);
	}
	if (rc == 0 && s->part <= 1) {  /* the index, once */
		json_t *ctx = ranking_ctx(s, s->latest, 1);

		json_object_set_new(ctx, "months", json_incref(months));
		json_object_set_new(ctx, "is_latest", json_true());
		rc = ranking_charts(s, ctx, s->latest, err);
		if (rc == 0)
			rc = site_page(s, "xep-hang/index.html", "ranking.html", ctx, err);
		else
			json_decref(ctx);
	}
	json_decref(months);
	buf_free(&path);
	return rc;
}

static json_t *unit_ctx(struct site *s, const char *code)
{
	json_t *ctx = json_object(), *u;
	const char *m;

	u = site_query_one(s, "SELECT code, name, tier, tier_label(tier) AS tier_label, slug,"
			   " first_month AS first__month, last_month AS last_month,"
			   " last_month AS last__month FROM unit WHERE code = ?", "s", code);
	m = json_string_value(json_object_get(u, "last_month"));
	json_object_set_new(ctx, "unit", u);
	json_object_set_new(ctx, "latest", site_query_one(s,
		"SELECT month, " MONTH_LABEL " AS label, total AS total__c, delta AS delta__d, rank,"
		" tier_count, level, level_label(level) AS level_label,"
		" level_code(level) AS level_class FROM score WHERE unit = ?1 AND month = ?2",
		"ss", code, m));
	json_object_set_new(ctx, "groups", site_query(s,
		"SELECT g.grp AS code, vi(g.score) AS score, vi(g.max) AS max,"
		" g.score * 100 / g.max AS pct, g.score AS chart_value, g.max AS chart_max,"
		" level_of(g.score, g.max) AS chart_level FROM score_group g WHERE g.unit = ?1 AND"
		" g.month = ?2 "
		"ORDER BY group_order(g.grp, 0)", "ss", code, m));
	json_object_set_new(ctx, "metrics", site_query(s,
		"SELECT grp, code, name, numerator, denominator, ratio AS ratio__c,"
		" score AS score__c, max AS max__c, quality FROM metric WHERE unit = ?1 AND"
		" month = ?2 AND max > 0 ORDER BY group_order(grp, 0), code", "ss", code, m));
	json_object_set_new(ctx, "history", site_query(s,
		"SELECT month, " MONTH_LABEL " AS label, total AS total__c, delta AS delta__d, rank,"
		" tier_count, level_label(level) AS level_label, level_code(level) AS level_class "
		"FROM score WHERE unit = ? ORDER BY month DESC", "s", code));
	json_object_set_new(ctx, "late_months", site_query(s,
		"SELECT month, " MONTH_LABEL " AS label, late, open, apologised, rate AS rate__c "
		"FROM delay_stat WHERE scope = 'unit' AND key = ? ORDER BY month DESC", "s", code));
	/* delay_unit by name: without statistics, SQLite picks the covering delay_page
	 * and reads the unit's whole month (2.5 times the units' build time at 34 × 36). */
	json_object_set_new(ctx, "late", site_query(s,
		"SELECT d.dossier, d.procedure, coalesce(p.name, '') AS procedure_name, d.field,"
		" d.responsible, d.due AS due__date, d.returned AS returned__date, d.days_late,"
		" d.apology AS apology__b, d.new_due AS new_due__date, d.reason FROM delay d"
		" INDEXED BY delay_unit LEFT JOIN procedure p ON p.month = d.month AND"
		" p.code = d.procedure WHERE d.unit = ?1 AND d.month = ?2 "
		"ORDER BY d.days_late DESC, d.dossier", "ss", code, m));
	json_object_set_new(ctx, "has_late",
			    json_boolean(json_array_size(json_object_get(ctx, "late")) > 0));
	return ctx;
}

int site_units(struct site *s, struct buf *err)
{
	json_t *units = site_query(s, "SELECT code, slug, name, tier, tier_label(tier) AS"
				   " tier_label, last_month FROM unit ORDER BY tier_order(tier),"
				   " fold(name), code", NULL), *u, *ctx;
	struct buf path = BUF_INIT;
	size_t i;
	int rc = 0;

	json_array_foreach(units, i, u) {
		json_t *uc, *hist, *groups;

		if (!site_mine(s, i))
			continue;
		uc = unit_ctx(s, json_string_value(json_object_get(u, "code")));
		hist = site_chart_unit(s, u, uc, 0, SITE_CHART_WEB | (1u << CHART_SOCIAL), err);
		groups = hist ? site_chart_unit(s, u, uc, 1, SITE_CHART_WEB, err) : NULL;

		json_object_set_new(uc, "history_chart", hist ? hist : json_null());
		json_object_set_new(uc, "groups_chart", groups ? groups : json_null());
		buf_reset(&path);
		buf_printf(&path, "co-quan/%s/index.html",
			   json_string_value(json_object_get(u, "slug")));
		if (!hist || !groups) {
			json_decref(uc);
			rc = -1;
			break;
		}
		if ((rc = site_page(s, path.ptr, "unit.html", uc, err)) < 0)
			break;
		site_sitemap(s, path.ptr, NULL);
	}
	if (rc == 0 && s->part <= 1) {  /* the index, once */
		ctx = json_object();
		json_object_set_new(ctx, "tiers", site_query(s,
			"SELECT tier AS code, tier_label(tier) AS label, count(*) AS n,"
			" json_group_array(json_object('slug', slug, 'name', name, 'code', code))"
			" AS units__json FROM (SELECT * FROM unit ORDER BY fold(name), code)"
			" GROUP BY tier ORDER BY tier_order(tier)", NULL));
		rc = site_page(s, "co-quan/index.html", "units.html", ctx, err);
	}
	json_decref(units);
	buf_free(&path);
	return rc;
}

static json_t *delays_ctx(struct site *s, const char *m)
{
	json_t *ctx = json_object();

	month_nav(s, ctx, m, "delay_stat");
	json_object_set_new(ctx, "total", site_query_one(s,
		"SELECT late, open, apologised, late - apologised AS not_apologised,"
		" rate AS rate__c, days_late FROM delay_stat WHERE month = ? AND scope = 'province'",
		"s", m));
	json_object_set_new(ctx, "fields", site_query(s,
		"SELECT key AS field, slug(fold(key)) AS slug, late, open, apologised,"
		" rate AS rate__c, late * 10000 / (SELECT late FROM delay_stat WHERE month = ?1 AND"
		" scope = 'province') AS share__c FROM delay_stat WHERE month = ?1 AND"
		" scope = 'field' ORDER BY late DESC, key", "s", m));
	json_object_set_new(ctx, "units", site_query(s,
		"SELECT d.key AS code, slug(d.key) AS slug, u.name, tier_label(u.tier) AS tier,"
		" d.late, d.open, d.apologised, d.rate AS rate__c FROM delay_stat d JOIN unit u"
		" ON u.code = d.key WHERE d.month = ? AND d.scope = 'unit'"
		" ORDER BY d.late DESC, d.rate, d.key", "s", m));
	json_object_set_new(ctx, "officials", site_query(s,
		"SELECT key AS responsible, late, apologised, rate AS rate__c FROM delay_stat"
		" WHERE month = ? AND scope = 'responsible' ORDER BY late DESC, key", "s", m));
	json_object_set_new(ctx, "officials_count",
			    json_integer((json_int_t)json_array_size(json_object_get(ctx, "officials"))));
	return ctx;
}

/* The procedure's and the unit's names come from names_by_code, not from joins: a join
 * looked up each dossier's procedure in the whole table, a third of the late-dossier
 * pages' time at national scale (make bench), and its unit, half of these queries' time
 * once they read the covering index delay_page (34 × 36, sqlite3's .timer). Every
 * dossier's unit is known (the import refuses others, gen check looks again). */
#define DOSSIERS_FROM "FROM delay WHERE month = ?1 AND field = ?2 "
static const char *dossiers_sql =
	"SELECT dossier, unit, slug(unit) AS slug, procedure, responsible,"
	" received AS received__date, due AS due__date, returned AS returned__date, days_late,"
	" apology AS apology__b, apology_date AS apology_date__date, new_due AS new_due__date,"
	" reason " DOSSIERS_FROM "ORDER BY days_late DESC, dossier";

#define DOSSIERS_PER_PAGE 80

/* The names of a query's (code, name) rows by code: one query for all the late dossiers
 * of a month (procedures) or of the build (units). */
static json_t *names_by_code(struct site *s, const char *sql, const char *m)
{
	json_t *rows = m ? site_query(s, sql, "s", m) : site_query(s, sql, NULL);
	json_t *names = json_object(), *r;
	size_t i;

	json_array_foreach(rows, i, r)
		json_object_set(names, json_string_value(json_object_get(r, "code")),
				json_object_get(r, "name"));
	json_decref(rows);
	return names;
}

/* Each dossier's procedure_name, "" for a procedure not in that month's catalogue, and
 * unit_name, the code itself for a unit the store does not know. */
static void name_dossiers(json_t *dossiers, json_t *procedures, json_t *units)
{
	json_t *d, *name, *none = json_string("");
	size_t i;

	json_array_foreach(dossiers, i, d) {
		name = json_object_get(procedures,
				       json_string_value(json_object_get(d, "procedure")));
		json_object_set(d, "procedure_name", name ? name : none);
		name = json_object_get(units, json_string_value(json_object_get(d, "unit")));
		json_object_set(d, "unit_name", name ? name : json_object_get(d, "unit"));
	}
	json_decref(none);
}

/* One field's dossiers, DOSSIERS_PER_PAGE a page: /tre-han/M/FIELD/, then FIELD/2/, …
 * Read a page at a time: a field of a national month has thousands. */
static int field_pages(struct site *s, const char *m, json_t *f, json_t *procedures,
		       json_t *units, struct buf *err)
{
	const char *name = json_string_value(json_object_get(f, "field"));
	const char *slug = json_string_value(json_object_get(f, "slug"));
	json_t *count = site_query_one(s, "SELECT count(*) AS n " DOSSIERS_FROM, "ss", m, name);
	size_t n = (size_t)json_integer_value(json_object_get(count, "n"));
	size_t pages = (n + DOSSIERS_PER_PAGE - 1) / DOSSIERS_PER_PAGE;
	struct site_rows all;
	struct buf path = BUF_INIT;
	size_t p, i;
	int rc = 0;

	json_decref(count);
	site_rows_open(s, &all, dossiers_sql, "ss", m, name);
	for (p = 0; p < (pages ? pages : 1) && rc == 0; p++) {
		json_t *fc = json_object(), *rows = site_rows_next(&all, DOSSIERS_PER_PAGE);
		json_t *links = json_array();

		name_dossiers(rows, procedures, units);
		for (i = 0; pages > 1 && i < pages; i++) {
			buf_reset(&path);
			buf_printf(&path, "tre-han/%s/%s/", m, slug);
			if (i)
				buf_printf(&path, "%zu/", i + 1);
			json_array_append_new(links, json_pack("{s:i,s:b,s:s}", "n", (json_int_t)i + 1,
							       "current", i == p, "href", path.ptr));
		}
		month_nav(s, fc, m, "delay_stat");
		json_object_set_new(fc, "field", json_incref(f));
		json_object_set_new(fc, "dossiers", rows);
		json_object_set_new(fc, "pages", links);
		json_object_set_new(fc, "has_pages", json_boolean(pages > 1));
		json_object_set_new(fc, "page", json_integer((json_int_t)p + 1));
		json_object_set_new(fc, "page_count", json_integer((json_int_t)pages));
		buf_reset(&path);
		if (p)
			buf_printf(&path, "tre-han/%s/%s/%zu/index.html", m, slug, p + 1);
		else
			buf_printf(&path, "tre-han/%s/%s/index.html", m, slug);
		rc = site_page(s, path.ptr, "delays-field.html", fc, err);
	}
	site_rows_close(&all);
	buf_free(&path);
	return rc;
}

static int delay_month(struct site *s, const char *m, json_t *units, struct buf *err)
{
	json_t *ctx = delays_ctx(s, m), *fields = json_object_get(ctx, "fields"), *f;
	json_t *names = names_by_code(s, "SELECT code, name FROM procedure WHERE month = ?", m);
	struct buf path = BUF_INIT;
	size_t i;
	int rc = 0;

	json_array_foreach(fields, i, f)
		if ((rc = field_pages(s, m, f, names, units, err)) < 0)
			break;
	json_decref(names);
	json_object_set_new(ctx, "field_chart", site_chart_late(s, m, 0, SITE_CHART_WEB, err));
	if (!json_object_get(ctx, "field_chart")) {
		json_decref(ctx);
		buf_free(&path);
		return -1;
	}
	buf_printf(&path, "tre-han/%s/can-bo/index.html", m);
	if (rc == 0)
		rc = site_page(s, path.ptr, "delays-officials.html", json_incref(ctx), err);
	buf_reset(&path);
	buf_printf(&path, "tre-han/%s/index.html", m);
	if (rc == 0)
		rc = site_page(s, path.ptr, "delays.html", json_incref(ctx), err);
	site_sitemap(s, path.ptr, NULL);
	json_decref(ctx);
	buf_free(&path);
	return rc;
}

int site_delays(struct site *s, struct buf *err)
{
	json_t *months = site_query(s, "SELECT month, " MONTH_LABEL " AS label, late, apologised,"
				    " rate AS rate__c FROM delay_stat WHERE scope = 'province'"
				    " ORDER BY month DESC", NULL), *m, *ctx;
	json_t *units = names_by_code(s, "SELECT code, name FROM unit", NULL);
	const char *latest = NULL;
	size_t i;
	int rc = 0;

	json_array_foreach(months, i, m) {
		const char *mo = json_string_value(json_object_get(m, "month"));

		latest = latest ? latest : mo;
		if (site_mine(s, i) && (rc = delay_month(s, mo, units, err)) < 0)
			break;
	}
	if (rc == 0 && s->part <= 1) {  /* the index, once */
		ctx = latest ? delays_ctx(s, latest) : json_object();
		json_object_set_new(ctx, "months", json_incref(months));
		json_object_set_new(ctx, "is_latest", json_true());
		rc = site_page(s, "tre-han/index.html", "delays.html", ctx, err);
	}
	json_decref(units);
	json_decref(months);
	return rc;
}

/* Lines of a multi-line cell as [{"line": …}], for lists. text is a jansson string's, so
 * valid UTF-8, and so is each line of it: no need for jansson to check them again. */
static json_t *lines(const char *text)
{
	json_t *a = json_array(), *o;
	const char *p = text, *nl;
	size_t n;

	while (p && *p) {
		nl = strchr(p, '\n');
		n = nl ? (size_t)(nl - p) : strlen(p);
		if (n > 0) {
			o = json_object();
			json_object_set_new_nocheck(o, "line", json_stringn_nocheck(p, n));
			json_array_append_new(a, o);
		}
		p = nl ? nl + 1 : NULL;
	}
	return a;
}

static const char *procedure_sql =
	"SELECT code, name, field, audience, agency, tier, status, decision, online_level,"
	" online_level = 'toàn trình' AS full_online__b,"
	" online_level = 'một phần' AS part_online__b,"
	" processing_time, fee, documents, steps, legal_basis, place, online_url, dossiers "
	"FROM procedure WHERE month = ?1 AND (?2 = 0 OR rowid % 2 = ?2 - 1)";

static int procedure_page(struct site *s, json_t *p, struct buf *err)
{
	struct buf path = BUF_INIT, svg = BUF_INIT, url = BUF_INIT;
	const char *code = json_string_value(json_object_get(p, "code"));
	const char *online = json_string_value(json_object_get(p, "online_url"));
	json_t *ctx = json_object();
	int rc;

	buf_printf(&path, "thu-tuc/%s/index.html", code);
	buf_printf(&url, "%sthu-tuc/%s/", s->cfg->base_url, code);
	rc = qr_svg(s->qr, online && *online ? online : url.ptr, 132, online && *online ?
		    "Mã QR: nộp hồ sơ trực tuyến" : "Mã QR: trang hướng dẫn này", &svg, err);
	json_object_set_new(p, "documents_list",
			    lines(json_string_value(json_object_get(p, "documents"))));
	json_object_set_new(p, "steps_list", lines(json_string_value(json_object_get(p, "steps"))));
	json_object_set_new(p, "legal_list",
			    lines(json_string_value(json_object_get(p, "legal_basis"))));
	json_object_set_new(ctx, "p", json_incref(p));
	/* the SVG is ASCII but for its title, written here: valid UTF-8, no need for jansson to
	 * check its 6 kB again (a sixth of the procedure pages' time) */
	json_object_set_new(ctx, "qr_html", json_stringn_nocheck(svg.ptr, svg.len));
	json_object_set_new(ctx, "page_url", json_string(url.ptr));
	if (rc == 0)
		rc = site_page(s, path.ptr, "procedure.html", ctx, err);
	else
		json_decref(ctx);
	site_sitemap(s, path.ptr, NULL);
	buf_free(&path);
	buf_free(&svg);
	buf_free(&url);
	return rc;
}

json_t *site_newly_full(struct site *s, const char *m)
{
	char prev[8];

	month_add(m, -1, prev);
	/* The month before's codes from the index procedure_online alone, not from its rows */
	return site_query(s, "SELECT code, name, online_url FROM procedure WHERE month = ?1"
			  " AND online_level = 'toàn trình' AND code IN (SELECT code FROM"
			  " procedure WHERE month = ?2 AND online_level <> 'toàn trình')"
			  " ORDER BY fold(name), code", "ss", m, prev);
}

static json_t *catalogue_ctx(struct site *s, const char *m)
{
	json_t *ctx = json_object();
	json_object_set_new(ctx, "month", json_string(m));
	json_object_set_new(ctx, "counts", site_query_one(s,
		"SELECT count(*) AS n, sum(online_level = 'toàn trình') AS full,"
		" sum(online_level = 'một phần') AS part, sum(online_level = '') AS offline "
		"FROM procedure WHERE month = ?", "s", m));
	json_object_set_new(ctx, "fields", site_query(s,
		"SELECT field, slug(fold(field)) AS slug, count(*) AS n, json_group_array(json_object("
		"'code', code, 'name', name, 'full', json(iif(online_level = 'toàn trình',"
		" 'true', 'false')), 'part', json(iif(online_level = 'một phần', 'true', 'false')))) AS items__json FROM (SELECT * FROM procedure"
		" WHERE month = ? ORDER BY fold(name), code) GROUP BY field ORDER BY fold(field)",
		"s", m));
	json_object_set_new(ctx, "newly_full", site_newly_full(s, m));
	json_object_set_new(ctx, "popular", site_query(s,
		"SELECT code, name, dossiers, online_level = 'toàn trình' AS full__b FROM procedure"
		" WHERE month = ? AND dossiers > 0 ORDER BY dossiers DESC, code LIMIT 10", "s", m));
	json_object_set_new(ctx, "has_popular",
			    json_boolean(json_array_size(json_object_get(ctx, "popular")) > 0));
	json_object_set_new(ctx, "has_newly_full",
			    json_boolean(json_array_size(json_object_get(ctx, "newly_full")) > 0));
	return ctx;
}

/* One page per field, /thu-tuc/linh-vuc/SLUG/: the A–Z way in that needs no script. ctx is
 * the catalogue's (catalogue_ctx), shared with the index page: its field query sorts the
 * whole month's procedures by fold(), too dear to run twice. */
static int field_lists(struct site *s, json_t *ctx, struct buf *err)
{
	json_t *f;
	struct buf path = BUF_INIT;
	size_t i;
	int rc = 0;

	json_array_foreach(json_object_get(ctx, "fields"), i, f) {
		buf_reset(&path);
		buf_printf(&path, "thu-tuc/linh-vuc/%s/index.html",
			   json_string_value(json_object_get(f, "slug")));
		rc = site_page(s, path.ptr, "procedures-field.html",
			       json_pack("{s:O,s:O}", "f", f, "counts", json_object_get(ctx, "counts")),
			       err);
		if (rc < 0)
			break;
		site_sitemap(s, path.ptr, NULL);
	}
	buf_free(&path);
	return rc;
}

int site_procedures(struct site *s, struct buf *err)
{
	json_t *m = site_query_one(s, "SELECT max(month) AS m FROM procedure", NULL), *list, *p, *ctx;
	const char *mo = json_string_value(json_object_get(m, "m"));
	size_t i;
	int rc = 0;

	if (!mo) {
		json_decref(m);
		return s->part > 1 ? 0 :
		       site_page(s, "thu-tuc/index.html", "procedures.html", json_object(), err);
	}
	/* Halves by rowid, which the index holds: the other half's rows are never read */
	list = site_query(s, procedure_sql, "si", mo, (long)s->part);
	json_array_foreach(list, i, p)
		if ((rc = procedure_page(s, p, err)) < 0)
			break;
	if (s->part > 1) {  /* the catalogue's own pages come with the first half */
		json_decref(list);
		json_decref(m);
		return rc;
	}
	ctx = catalogue_ctx(s, mo);
	if (rc == 0)
		rc = field_lists(s, ctx, err);
	if (rc == 0)  /* after the field pages: site_page adds its keys to ctx and drops it */
		rc = site_page(s, "thu-tuc/index.html", "procedures.html", ctx, err);
	else
		json_decref(ctx);
	json_decref(list);
	json_decref(m);
	return rc;
}

/* A guide's body as a JSON string. */
static int guide_body(struct site *s, const struct md_doc *g, struct buf *html, json_t **out,
		      struct buf *err)
{
	buf_reset(html);
	if (md_render(g, s->root, s->cfg->unsafe_html, html, err) < 0)
		return -1;
	/* md_render makes valid UTF-8: no need for jansson to check it all again, a
	 * twentieth of building thousands of guides */
	*out = json_stringn_nocheck(html->ptr, html->len);
	return 0;
}

int site_guides(struct site *s, struct buf *err)
{
	json_t *list = json_array(), *ctx, *intro = NULL, *body;
	struct buf path = BUF_INIT, html = BUF_INIT;
	int index = s->part <= 1;  /* the index, once: the other half makes only its pages */
	size_t i;
	int rc = 0;

	for (i = 0; i < s->nguides && rc == 0; i++) {
		const struct md_doc *g = &s->guides[i];
		int is_intro = !strcmp(g->slug, "_index"), mine = !is_intro && site_mine(s, i);
		json_t *o;

		if (!mine && !index)
			continue;
		o = json_pack("{s:s,s:s,s:s,s:s}", "slug", g->slug, "title", g->title,
			      "summary", g->summary, "updated", g->updated);
		if (is_intro) {
			if ((rc = guide_body(s, g, &html, &body, err)) == 0)
				json_object_set_new(o, "body_html", body);
			intro = o;
			continue;
		}
		if (index)
			json_array_append(list, o);
		if (!mine || (rc = guide_body(s, g, &html, &body, err)) < 0) {
			json_decref(o);
			continue;
		}
		ctx = json_pack("{s:O,s:o}", "g", o, "body_html", body);
		buf_reset(&path);
		buf_printf(&path, "huong-dan/%s/index.html", g->slug);
		rc = site_page(s, path.ptr, "guide.html", ctx, err);
		site_sitemap(s, path.ptr, g->updated);
		json_decref(o);
	}
	ctx = json_pack("{s:o,s:o}", "guides", list, "intro", intro ? intro : json_object());
	if (rc == 0 && index)
		rc = site_page(s, "huong-dan/index.html", "guides.html", ctx, err);
	else
		json_decref(ctx);
	buf_free(&path);
	buf_free(&html);
	return rc;
}

/* Target labels from the configuration, by code. */
static void label_rates(struct site *s, json_t *ctx)
{
	json_t *r;
	size_t i;
	int t;

	json_array_foreach(json_object_get(ctx, "rates"), i, r)
		for (t = 0; t < TARGET_COUNT; t++)
			if (!strcmp(s->cfg->targets[t].code,
				    json_string_value(json_object_get(r, "code"))))
				json_object_set_new(r, "label", json_string(s->cfg->targets[t].label));
}

/* A tier's three leaders (?3 = 1) or three laggards (?3 = -1). */
static const char *ends_sql =
	"SELECT rank, name, slug(unit) AS slug, total AS total__c, level_label(level) AS"
	" level_label, level_code(level) AS level_class FROM score WHERE month = ?1 AND"
	" tier = ?2 ORDER BY rank * ?3, portal_rank * ?3, iif(?3 > 0, unit, NULL),"
	" iif(?3 < 0, unit, NULL) DESC LIMIT 3";

json_t *site_month_summary(struct site *s, const char *m)
{
	json_t *ctx = ranking_ctx(s, m, 0), *tiers = json_object_get(ctx, "tiers"), *t;
	size_t i;

	json_array_foreach(tiers, i, t) {
		const char *code = json_string_value(json_object_get(t, "code"));

		json_object_set_new(t, "top", site_query(s, ends_sql, "ssi", m, code, 1L));
		json_object_set_new(t, "bottom", site_query(s, ends_sql, "ssi", m, code, -1L));
		json_object_set_new(t, "risers", site_query(s,
			"SELECT name, slug(unit) AS slug, delta AS delta__d, total AS total__c FROM score"
			" WHERE month = ?1 AND tier = ?2 AND delta > 0 ORDER BY delta DESC, unit LIMIT 3",
			"ss", m, code));
		json_object_set_new(t, "fallers", site_query(s,
			"SELECT name, slug(unit) AS slug, delta AS delta__d, total AS total__c FROM score"
			" WHERE month = ?1 AND tier = ?2 AND delta < 0 ORDER BY delta, unit LIMIT 3",
			"ss", m, code));
	}
	json_object_set_new(ctx, "rates", site_query(s,
		"SELECT code, numerator, denominator, value AS value__c, target AS target__c,"
		" value >= target AS met__b, min(value * 100 / 10000, 100) AS bar FROM rate"
		" WHERE month = ? ORDER BY rowid", "s", m));
	json_object_set_new(ctx, "late", site_query_one(s,
		"SELECT late, open, apologised, rate AS rate__c FROM delay_stat WHERE month = ? AND"
		" scope = 'province'", "s", m));
	json_object_set_new(ctx, "late_fields", site_query(s,
		"SELECT key AS field, late, rate AS rate__c FROM delay_stat WHERE month = ? AND"
		" scope = 'field' ORDER BY late DESC, key LIMIT 5", "s", m));
	label_rates(s, ctx);
	return ctx;
}

int site_home(struct site *s, struct buf *err)
{
	json_t *ctx = site_month_summary(s, s->latest);
	json_t *pm = site_query_one(s, "SELECT max(month) AS m FROM procedure", NULL);
	const char *m = json_string_value(json_object_get(pm, "m"));
	json_t *guides = json_array();
	size_t i;

	for (i = 0; i < s->nguides; i++)
		if (strcmp(s->guides[i].slug, "_index"))
			json_array_append_new(guides, json_pack("{s:s,s:s}", "slug", s->guides[i].slug,
								"title", s->guides[i].title));
	json_object_set_new(ctx, "guides", guides);
	json_object_set_new(ctx, "popular", site_query(s,
		"SELECT code, name, online_level = 'toàn trình' AS full__b FROM procedure WHERE"
		" month = ? AND dossiers > 0 ORDER BY dossiers DESC, code LIMIT 6", "s", m ? m : ""));
	json_object_set_new(ctx, "has_popular",
			    json_boolean(json_array_size(json_object_get(ctx, "popular")) > 0));
	json_object_set_new(ctx, "has_rates",
			    json_boolean(json_array_size(json_object_get(ctx, "rates")) > 0));
	json_decref(pm);
	json_object_set_new(ctx, "targets_chart", site_chart_targets(s, s->latest, SITE_CHART_WEB,
								    err));
	json_object_set_new(ctx, "province_chart", site_chart_province(s, s->latest,
								      SITE_CHART_WEB, err));
	if (!json_object_get(ctx, "targets_chart") || !json_object_get(ctx, "province_chart")) {
		json_decref(ctx);
		return -1;
	}
	site_sitemap(s, "index.html", NULL);
	return site_page(s, "index.html", "home.html", ctx, err);
}

int site_method(struct site *s, struct buf *err)
{
	json_t *ctx = json_object(), *bands = json_array(), *targets = json_array();
	const struct config *c = s->cfg;
	struct buf b = BUF_INIT;
	int t, rc;

	buf_printf(&b, "%ld,%02ld", c->band_xanh / 100, c->band_xanh % 100);
	json_array_append_new(bands, json_pack("{s:s,s:s,s:s}", "label", "Xanh", "class", "xanh",
					       "rule", b.ptr));
	buf_reset(&b);
	buf_printf(&b, "%ld,%02ld", c->band_vang / 100, c->band_vang % 100);
	json_array_append_new(bands, json_pack("{s:s,s:s,s:s}", "label", "Vàng", "class", "vang",
					       "rule", b.ptr));
	buf_reset(&b);
	buf_printf(&b, "%ld,%02ld", c->band_cam / 100, c->band_cam % 100);
	json_array_append_new(bands, json_pack("{s:s,s:s,s:s}", "label", "Cam", "class", "cam",
					       "rule", b.ptr));
	for (t = 0; t < TARGET_COUNT; t++) {
		buf_reset(&b);
		buf_printf(&b, "%ld,%02ld", c->targets[t].percent / 100, c->targets[t].percent % 100);
		json_array_append_new(targets, json_pack("{s:s,s:s}", "label", c->targets[t].label,
							 "target", b.ptr));
	}
	json_object_set_new(ctx, "bands", bands);
	json_object_set_new(ctx, "targets", targets);
	json_object_set_new(ctx, "sources", site_query(s,
		"SELECT f.source, f.kind, f.format, f.url, f.fetched_at, f.size, f.sha256,"
		" f.redacted, f.month FROM fetch f WHERE f.id IN (SELECT max(id) FROM fetch"
		" GROUP BY source) ORDER BY f.kind, f.source", NULL));
	buf_free(&b);
	rc = site_page(s, "phuong-phap/index.html", "method.html", ctx, err);
	if (rc == 0)
		rc = site_page(s, "tiep-can/index.html", "accessibility.html", json_object(), err);
	return rc;
}
