/* chart: the site's and the press room's charts, drawn as PNG with libgd on the server, so
 * they work without JavaScript and can be downloaded, printed and aired as they are.
 * The module depends only on plain data: the caller fills a struct chart (strings in UTF-8,
 * figures as integers in hundredths, levels already decided) and asks for one size.
 * Every image carries its title, unit, period, source and licence; colour levels are also
 * written in words and drawn with a pattern, so colour is never the only signal. */
#ifndef GEN_CHART_H
#define GEN_CHART_H

#include <stddef.h>

#include "buf.h"

enum chart_kind {
	CHART_RANKING,          /* one tier's units, best first: total score, rank, level */
	CHART_GROUPS,           /* one unit's score in each index group against its maximum */
	CHART_HISTORY,          /* score and rank over the months (province or one unit) */
	CHART_LEVELS_OVER_TIME, /* how many units fall in each colour level, month by month */
	CHART_LATE_BY,          /* late dossiers counted by field or by unit */
	CHART_TARGETS,          /* rates against the province's targets */
	CHART_KINDS
};

/* Bar charts whose height follows their rows (the web sizes) draw at most this many, the
 * middle of a longer list elided: its @2x image then stays under the 16.7 million pixels
 * iOS Safari decodes, and its canvas (a byte a pixel) under 17 MB. */
#define CHART_BARS_MAX 200

enum chart_size {
	CHART_WEB,       /* 400 px wide, height by content: legible on a 360 px phone */
	CHART_WEB_2X,    /* the same drawing at twice the pixels, for sharp phone screens */
	CHART_SOCIAL,    /* 1200 x 630 social card */
	CHART_SQUARE,    /* 1080 x 1080 */
	CHART_BROADCAST, /* 1920 x 1080, all text inside the EBU R 95 graphics-safe area */
	CHART_SIZES
};

enum chart_level {
	CHART_LEVEL_NONE,
	CHART_LEVEL_XANH,  /* "Xanh" */
	CHART_LEVEL_VANG,  /* "Vàng" */
	CHART_LEVEL_CAM,   /* "Cam" */
	CHART_LEVEL_DO,    /* "Đỏ" */
};
#define CHART_NLEVELS 4  /* xanh..đỏ; counts[] below is indexed level - 1 */

/* One row; each kind reads only the fields named for it. */
struct chart_row {
	const char *label;      /* unit, index group, month ("10/2025"), field or indicator */
	long value;             /* hundredths: score or rate (%); LATE_BY: a plain count */
	long max;               /* GROUPS: the group's maximum points, hundredths */
	long target;            /* TARGETS: target rate in hundredths of a percent */
	int rank;               /* RANKING, HISTORY: 1 = best; 0 = not known */
	enum chart_level level; /* RANKING, GROUPS: the level, decided by the caller */
	long counts[CHART_NLEVELS]; /* LEVELS_OVER_TIME: units at xanh, vàng, cam, đỏ */
};

struct chart {
	enum chart_kind kind;
	const char *title;    /* "Xếp hạng sở, ban, ngành" */
	const char *unit;     /* "Tỉnh Phú Thọ" or the unit's name */
	const char *period;   /* "Tháng 10/2025" or "10/2025–10/2026" */
	const char *source;   /* "Cổng Dịch vụ công quốc gia" */
	const char *license;  /* "CC BY 4.0" */
	const char *label_head; /* the label column's heading (CSV, axis); NULL: by kind */
	long value_max;       /* RANKING, HISTORY: top of the score axis (10000 = 100 points) */
	int rank_of;          /* HISTORY: ranks are out of this many; 0 = not shown */
	const struct chart_row *rows;
	size_t nrows;
};

/* The fonts of one run: paths, fingerprint (sha covers both files, so a new font redraws
 * every chart) and the FreeType faces with their glyph cache. Rendering fills the cache, so
 * the struct is not const and one thread uses it at a time. */
struct chart_ft;
struct chart_fonts {
	char *regular, *bold;
	char sha[65];
	struct chart_ft *ft;
};

/* Finds NotoSans-Regular.ttf and NotoSans-Bold.ttf in dir (NULL: Debian's fonts-noto-core
 * directory), fingerprints and opens them. chart_fonts_free(NULL) is a no-op. */
int chart_fonts_init(struct chart_fonts *f, const char *dir, struct buf *err);
void chart_fonts_free(struct chart_fonts *f);
/* Appends to missing each code point of utf8 (after NFC) that either font lacks, as
 * "U+1EC7 " entries; 0 with missing untouched when every glyph exists. */
int chart_fonts_missing(struct chart_fonts *f, const char *utf8, struct buf *missing,
			struct buf *err);

/* Draws c at size as PNG into png (replacing its contents). Same input, same bytes.
 * Fails, naming what is wrong, when title, unit, period, source or license is empty, when
 * text is not UTF-8, or when the font lacks a letter (no empty boxes are ever printed). */
int chart_render(struct chart_fonts *f, const struct chart *c, enum chart_size size,
		 struct buf *png, struct buf *err);
/* The size chart_render's PNG will have, from the layout alone (no drawing): a page can
 * name it in <img> while another thread draws the chart. */
int chart_measure(struct chart_fonts *f, const struct chart *c, enum chart_size size,
		  int *w, int *h, struct buf *err);
/* A text's bounding box in pixels, inclusive. */
struct chart_box { int x0, y0, x1, y1; };
/* chart_render that also hands back the box of every text drawn (free() *boxes), so tests
 * can check that text stays inside the image and the broadcast graphics-safe area. */
int chart_render_boxes(struct chart_fonts *f, const struct chart *c,
		       enum chart_size size, struct buf *png, struct chart_box **boxes,
		       size_t *nboxes, struct buf *err);
/* The width and height written in a PNG's header (for <img width height>); -1 if png is
 * not a PNG. */
int chart_png_size(const struct buf *png, int *w, int *h);
/* Appends a Vietnamese alt text stating the chart's main finding. */
void chart_alt(const struct chart *c, struct buf *out);
/* Appends the chart's data as CSV (UTF-8, header row, RFC 4180 quoting, LF line ends,
 * figures with a decimal point). */
void chart_csv(const struct chart *c, struct buf *out);
/* SHA-256 of every input of chart_render plus the renderer, libgd, FreeType and fonts:
 * a build skips redrawing a chart whose key did not change. */
void chart_key(const struct chart_fonts *f, const struct chart *c, enum chart_size size,
	       char hex[65]);
/* Draws c into png_path unless key_path already holds this chart's key and png_path exists:
 * 1 drawn, 0 unchanged (nothing written), -1 on error. The PNG is written (atomically)
 * before the key, so an interrupted run redraws. key_path belongs outside the published
 * tree (a build cache). */
int chart_write(struct chart_fonts *f, const struct chart *c, enum chart_size size,
		const char *png_path, const char *key_path, struct buf *err);
/* "web", "web@2x", "social", "square", "broadcast": for file names. */
const char *chart_size_name(enum chart_size size);
/* The fill colour of a level (NONE: the neutral bar colour), e.g. for HTML legends that
 * must match the charts. */
void chart_level_rgb(enum chart_level level, unsigned char rgb[3]);
/* "Xanh", "Vàng", "Cam", "Đỏ", or "" for CHART_LEVEL_NONE. */
const char *chart_level_word(enum chart_level level);

#endif
