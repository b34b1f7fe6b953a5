/* site: gen build renders the static site from the store, templates/ and content/.
 * Page kinds are a table (site.c); each kind is one function that queries the store into a
 * jansson context (site_query) and renders a template through the layout. */
#ifndef GEN_SITE_H
#define GEN_SITE_H

#include <jansson.h>

#include "md.h"
#include "outdir.h"
#include "run.h"
#include "store.h"
#include "tmpl.h"

struct site {
	struct run *r;
	const struct config *cfg;
	struct store *st;
	sqlite3 *db;
	struct tmpl_set *tmpl;
	struct outdir *out;
	char *root;                 /* the site's path prefix: "/" or "/sub/" */
	char latest[8];             /* the newest month with scores */
	json_t *common;             /* site-wide values every page gets under "site" */
	struct md_doc *guides;
	size_t nguides;
	struct buf sums;            /* SHA256SUMS of the open data */
	json_t *feed;               /* entries for feed.xml */
	json_t *sitemap;            /* paths for sitemap.xml */
	long pages;
};

/* Runs sql (binding the arguments by fmt: s text, i long) and returns its rows as an array
 * of objects keyed by column name. Column names carry formatting: x__c is hundredths shown
 * as "93,75" (and x_raw the integer), x__d a signed change "+1,25" (x_raw, and x_dir
 * up/down/same),
 * x__b a boolean (Mustache takes the integer 0 as true), x__date a date shown "03/10/2025", x__month a month shown "10/2025", x__json JSON text
 * parsed. NULL is null. SQL functions available: vi(h) "93,75", dec(h) "93.75",
 * slug(code), tier_label(t), tier_order(t), group_order(g, 0), level_label(l),
 * level_code(l) (ASCII, for CSS classes), fold(text). */
json_t *site_query(struct site *s, const char *sql, const char *fmt, ...);
/* The first row of site_query, or an empty object. */
json_t *site_query_one(struct site *s, const char *sql, const char *fmt, ...);

/* Renders template tpl with ctx (stolen) inside the site layout and writes it to path
 * (relative, e.g. "xep-hang/2025-10/index.html"). */
int site_page(struct site *s, const char *path, const char *tpl, json_t *ctx, struct buf *err);
/* Writes raw bytes (data files, feeds). */
int site_file(struct site *s, const char *path, const char *data, size_t len, struct buf *err);
/* Adds a page to the sitemap. */
void site_sitemap(struct site *s, const char *path, const char *lastmod);

/* Page kinds, one function each (site_pages.c, site_data.c). */
int site_home(struct site *s, struct buf *err);
int site_rankings(struct site *s, struct buf *err);
int site_units(struct site *s, struct buf *err);
int site_delays(struct site *s, struct buf *err);
int site_procedures(struct site *s, struct buf *err);
int site_guides(struct site *s, struct buf *err);
int site_press(struct site *s, struct buf *err);
/* The figures of a month every summary uses (site_pages.c): province, tiers' leaders and
 * laggards, risers and fallers, rates against targets (labelled), late dossiers. */
json_t *site_month_summary(struct site *s, const char *m);
/* Procedures entirely online in month m that were not the month before. */
json_t *site_newly_full(struct site *s, const char *m);
int site_method(struct site *s, struct buf *err);
int site_opendata(struct site *s, struct buf *err);
int site_search(struct site *s, struct buf *err);
int site_meta(struct site *s, struct buf *err);  /* feed, sitemap, robots, 404, assets */

int cmd_build(struct run *r, int argc, char **argv);

#endif
