/* chart_int: what chart.c, chart_draw.c and chart_kinds.c share; not for other modules.
 * A canvas is one palette image plus the fonts and the size's type scale. Palette images
 * keep drawing and PNG encoding cheap (one byte a pixel, small files). */
#ifndef GEN_CHART_INT_H
#define GEN_CHART_INT_H

#include <gd.h>

#include "chart.h"

/* Palette slots; the values are in chart_draw.c. Level colours follow enum chart_level. */
enum chart_colour {
	CC_BG, CC_TEXT, CC_MUTED, CC_GRID, CC_TRACK, CC_ACCENT, CC_TARGET,
	CC_XANH, CC_VANG, CC_CAM, CC_DO,              /* fills, in level order */
	CC_XANH_INK, CC_VANG_INK, CC_CAM_INK, CC_DO_INK, /* their pattern strokes */
	CC_WHITE,
	CC_COUNT
};

/* The type scale and margins of one output size. h == 0: height follows the content. */
struct chart_frame {
	int w, h;
	int mx, my;          /* margins: for broadcast they keep text in the graphics-safe area */
	int title, sub, body, small; /* font pixel sizes */
	int unit;            /* 1 for web 1x; strokes, gaps and patterns scale by it */
	int zoom;            /* pixels per layout pixel: web@2x is the web layout drawn at 2 */
	int png_level;       /* zlib level (chart_draw.c says why) */
};

#define CHART_TWEENS 4096  /* anti-aliasing colours cached per canvas (open addressing) */

struct chart_canvas {
	gdImagePtr im;
	struct chart_fonts *fonts;
	const struct chart_frame *fr;
	const struct chart *chart;
	int h;                     /* layout height (the image is h * zoom pixels) */
	int z;                     /* the frame's zoom */
	int col[CC_COUNT];
	struct chart_box *boxes;   /* every text box drawn, when the caller asked */
	size_t nboxes, capboxes;
	int record;
	struct buf *err;
	int failed;                /* a text call failed: err holds why */
	unsigned tween_key[CHART_TWEENS];  /* key + 1; 0 = empty */
	int tween_val[CHART_TWEENS];
};

enum chart_align { CHART_LEFT, CHART_RIGHT, CHART_CENTER };

/* Text: s is UTF-8 (normalised to NFC before drawing; libgd does no shaping, so the
 * precomposed Vietnamese letters are what renders stacked marks right). y is the baseline. */
int chart_text_width(struct chart_canvas *cv, int bold, int px, const char *s);
int chart_text(struct chart_canvas *cv, int bold, int px, int x, int y, int colour,
	       enum chart_align align, const char *s);
/* s cut to fit maxw with "…" at the end, into out (replaced). */
void chart_fit(struct chart_canvas *cv, int bold, int px, const char *s, int maxw,
	       struct buf *out);
/* Draws s wrapped at spaces into lines of at most maxw; returns the y after the last line.
 * Draws nothing (only measures) when draw is 0. */
int chart_text_wrap(struct chart_canvas *cv, int bold, int px, int x, int y, int maxw,
		    int colour, const char *s, int draw);
int chart_line_height(int px);

/* Shapes. A level fill is its colour plus its pattern: xanh plain, vàng dots, cam diagonal
 * hatching, đỏ cross-hatching, so levels differ without colour too. */
void chart_rect(struct chart_canvas *cv, int x0, int y0, int x1, int y1, int colour);
void chart_level_rect(struct chart_canvas *cv, int x0, int y0, int x1, int y1,
		      enum chart_level level);
void chart_line(struct chart_canvas *cv, int x0, int y0, int x1, int y1, int colour, int th);
void chart_dot(struct chart_canvas *cv, int x, int y, int d, int colour);
void chart_outline(struct chart_canvas *cv, int x0, int y0, int x1, int y1, int colour);
int chart_level_colour(enum chart_level level);
int chart_level_text_colour(enum chart_level level);

int chart_canvas_open(struct chart_canvas *cv, struct chart_fonts *f,
		      const struct chart_frame *fr, int h, struct buf *err);
void chart_canvas_close(struct chart_canvas *cv);
int chart_canvas_png(struct chart_canvas *cv, struct buf *png, struct buf *err);

/* FreeType (chart_font.c): faces opened once per run, glyphs cached. Strings are NFC. */
int chart_ft_open(struct chart_fonts *f, struct buf *err);
void chart_ft_close(struct chart_fonts *f);
void chart_ft_version(const struct chart_fonts *f, struct buf *out);
int chart_ft_has(struct chart_fonts *f, int bold, unsigned long cp);
/* After a failed width or draw: the code point without a glyph, or 0 (another error). */
unsigned long chart_ft_missing(const struct chart_fonts *f);
int chart_ft_width(struct chart_fonts *f, int bold, int px, const char *s, int *width);
/* Draws s with its baseline at y; box receives the ink's bounds (and the advance). */
int chart_ft_draw(struct chart_canvas *cv, int bold, int px, int x, int y, int fg,
		  const char *s, struct chart_box *box);

/* The plot area given to each kind's drawer. */
struct chart_rect_area { int x0, y0, x1, y1; };

/* Per kind (chart_kinds.c): the plot's natural height at a height-by-content size, and
 * the drawer. Table-driven: chart.c looks both up by kind. */
struct chart_kind_ops {
	int (*plot_height)(struct chart_canvas *cv, const struct chart *c);  /* cv: no image */
	void (*draw)(struct chart_canvas *cv, const struct chart *c, struct chart_rect_area a);
};
const struct chart_kind_ops *chart_kind_ops(enum chart_kind kind);
int chart_bars_height(struct chart_canvas *cv, const struct chart *c);      /* chart_bars.c */
void chart_bars_draw(struct chart_canvas *cv, const struct chart *c, struct chart_rect_area a);
int chart_history_height(struct chart_canvas *cv, const struct chart *c);   /* chart_months.c */
void chart_history_draw(struct chart_canvas *cv, const struct chart *c,
			struct chart_rect_area a);
int chart_levels_height(struct chart_canvas *cv, const struct chart *c);
void chart_levels_draw(struct chart_canvas *cv, const struct chart *c,
		       struct chart_rect_area a);

/* Legend for the four levels (pattern swatch and word) on one line at y; returns its
 * height. Shared by the kinds that use levels. */
int chart_legend(struct chart_canvas *cv, int x, int y, int draw);

/* Numbers as the charts write them: "93,75" (Vietnamese decimal comma), "1.234" counts. */
void chart_add_centi(struct buf *b, long v);
void chart_add_count(struct buf *b, long v);
void chart_add_short(struct buf *b, long v);  /* "50" when whole, else "35,90" */

#endif
