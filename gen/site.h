/* site: gen build renders the static site from the store, templates/ and content/.
 * Page kinds are a table (site.c); each kind is one function that queries the store into a
 * jansson context (site_query) and renders a template through the layout. */
#ifndef GEN_SITE_H
#define GEN_SITE_H

#include <jansson.h>

#include "chart.h"
#include "md.h"
#include "outdir.h"
#include "qr.h"
#include "run.h"
#include "store.h"
#include "tmpl.h"

struct site {
	struct run *r;
	const struct config *cfg;
	struct store *st;
	sqlite3 *db;
	const char *db_path;        /* for the second thread's own connection */
	struct site_stmts *stmts;   /* prepared statements of this connection (site.c) */
	struct tmpl_set *tmpl;
	struct outdir *out;
	char *root;                 /* the site's path prefix: "/" or "/sub/" */
	char latest[8];             /* the newest month with scores */
	json_t *common;             /* site-wide values every page gets under "site" */
	struct md_doc *guides;
	size_t nguides;
	struct buf sums;            /* SHA256SUMS of the open data */
	struct buf html;            /* site_page's, kept from page to page: growing a new one
				     * for each of tens of thousands of pages, and freeing it,
				     * was a few per cent of a national build (malloc) */
	json_t *feed;               /* entries for feed.xml */
	json_t *sitemap;            /* paths for sitemap.xml */
	long pages;
	struct chart_fonts fonts;
	char *cache;                /* [build] cache: chart keys live under cache/charts/ */
	const char *out_dir;        /* where the site is being built */
	json_t *chart_keys;         /* [key file, contents] to save once the build is in place */
	json_t *data_keys;          /* open data to keep in the cache once the build is in place */
	json_t *levels;             /* level counts of every month and tier (site_charts.c) */
	json_t *data_made;          /* [path, SHA-256] of each open-data file of the month made */
	struct site_chart_memo *chart_memo; /* charts placed so far, shared by the lanes */
	struct qr_memo *qr;         /* QR drawings kept from build to build (qr.h) */
	long charts_drawn, charts_kept;
	struct site_chart_pool *pool; /* the threads drawing charts (site_charts.c) */
	int order;                  /* the running page kind's place in the build order */
	int part;                   /* of a kind cut in two: 1 or 2, the half to make; 0: all */
};

/* Sizes for site_chart, a bit each. */
#define SITE_CHART_WEB ((1u << CHART_WEB) | (1u << CHART_WEB_2X))
#define SITE_CHART_PRESS (SITE_CHART_WEB | (1u << CHART_SOCIAL) | (1u << CHART_SQUARE) | \
			  (1u << CHART_BROADCAST))

/* Draws c at every size in sizes as base-SIZE.png (base like "bieu-do/2026-10/xep-hang"),
 * writes base.csv, and returns what a template needs: {"web", "web2x", "w", "h", "alt",
 * "csv", "social", "square", "broadcast"} (paths relative to the site root). A chart whose
 * key is unchanged and whose file is in place is kept, not redrawn. NULL on error. */
json_t *site_chart(struct site *s, const char *base, const struct chart *c, unsigned sizes,
		   struct buf *err);
/* The memo of placed charts every lane shares (site_charts.c). */
struct site_chart_memo *site_chart_memo_new(void);
void site_chart_memo_free(struct site_chart_memo *m);  /* NULL is a no-op */
/* Starts the threads that draw charts; site_chart only queues them. */
int site_chart_pool_start(struct site *s, struct buf *err);
/* Waits for every queued chart; the first error. Call before committing the output. */
int site_chart_pool_finish(struct site *s, struct buf *err);
/* Records the drawn charts' keys; call after the build is committed. */
int site_chart_keys_save(struct site *s, struct buf *err);
/* Open data kept in the build cache (site_datacache.c). The digest of what every month's
 * tables are made from alike (the configuration, the unit names), once a build; then the
 * digest of what the tables of month are made from (every import and correction up to it:
 * "9999-12" for the table of every month). */
void site_datacache_base(struct site *s, char hex[65]);
void site_datacache_key(struct site *s, const char *base, const char *month, char hex[65]);
/* Puts the files kept under name (a month, or "tat-ca") into the output if they were made
 * from key, adding their SHA256SUMS lines and their index entries to files: 1 if so, 0 if
 * they must be made, -1 on error. */
int site_datacache_use(struct site *s, const char *name, const char *key, json_t *files,
		       struct buf *err);
/* Records the files just made under name (made: [path under du-lieu/, SHA-256]) to keep. */
void site_datacache_note(struct site *s, const char *name, const char *key, json_t *files,
			 json_t *made);
/* Keeps what was recorded; call after the build is committed. */
int site_datacache_save(struct site *s, struct buf *err);
/* Chart builders for the page kinds (site_charts.c). Each returns site_chart's object, or
 * json null when there is nothing to draw; NULL on error. */
json_t *site_chart_ranking(struct site *s, const char *m, json_t *tier, unsigned sizes,
			   struct buf *err);
/* A unit's history or group chart from its page's context (unit_ctx's rows). */
json_t *site_chart_unit(struct site *s, json_t *unit, json_t *page, int groups,
			unsigned sizes, struct buf *err);
json_t *site_chart_levels(struct site *s, const char *m, json_t *tier, unsigned sizes,
			  struct buf *err);
json_t *site_chart_late(struct site *s, const char *m, int by_unit, unsigned sizes,
			struct buf *err);
json_t *site_chart_targets(struct site *s, const char *m, unsigned sizes, struct buf *err);
json_t *site_chart_province(struct site *s, const char *m, unsigned sizes, struct buf *err);

/* Whether the running kind makes item i of its list (a month, a unit): all of them, or
 * every other one when the kind is cut in two halves. */
int site_mine(const struct site *s, size_t i);
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
/* The rows of a query read a page at a time, for lists too long to hold whole: open, then
 * next gives up to max more rows (an empty array at the end), then close. The statement is
 * site_query's own for the same SQL: no site_query of the same text while it is open. */
struct col;
struct site_rows {
	struct site *s;
	sqlite3_stmt *st;
	const struct col *cols;
	int done;
};
void site_rows_open(struct site *s, struct site_rows *r, const char *sql, const char *fmt, ...);
json_t *site_rows_next(struct site_rows *r, size_t max);
void site_rows_close(struct site_rows *r);

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

/* 1 if this build renders the radio scripts as audio ([build] audio, or auto and espeak-ng
 * and lame installed). */
int site_audio_wanted(const struct site *s);

int cmd_build(struct run *r, int argc, char **argv);

#endif
