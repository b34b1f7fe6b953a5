/* chart_bars: the kinds drawn as a list of horizontal bars (ranking, index groups, late
 * dossiers, targets). Each kind turns its rows into bars; one layout draws them all. */
#include <stdlib.h>
#include <string.h>

#include "chart_int.h"
#include "util.h"

/* One bar of a bar list, built per kind from a chart_row. */
struct bar {
	struct buf left, right;
	long num, den;          /* the bar fills num/den of the plot width */
	long target;            /* target marker at target/den; -1 none */
	int track;              /* show the whole den as a light track */
	enum chart_level level;
};

enum elide { ELIDE_MIDDLE, ELIDE_TAIL };

struct bar_list {
	struct bar *bars;
	size_t n;
	int legend;             /* draw the four levels' legend above */
	enum elide elide;
	const char *more;       /* noun for elided rows: "đơn vị", "mục" */
};

static void bar_free(struct bar_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		buf_free(&l->bars[i].left);
		buf_free(&l->bars[i].right);
	}
	free(l->bars);
}

static void bars_alloc(struct bar_list *l, size_t n)
{
	size_t i;

	memset(l, 0, sizeof *l);
	l->bars = xcalloc(n ? n : 1, sizeof *l->bars);
	l->n = n;
	l->more = "mục";
	for (i = 0; i < n; i++) {
		buf_init(&l->bars[i].left);
		buf_init(&l->bars[i].right);
		l->bars[i].target = -1;
	}
}

static void add_level(struct buf *b, enum chart_level level)
{
	if (level != CHART_LEVEL_NONE)
		buf_printf(b, " %s", chart_level_word(level));
}

static void bars_ranking(const struct chart *c, struct bar_list *l)
{
	size_t i;

	bars_alloc(l, c->nrows);
	l->legend = 1;
	l->elide = ELIDE_MIDDLE;
	l->more = "đơn vị";
	for (i = 0; i < c->nrows; i++) {
		const struct chart_row *r = &c->rows[i];
		struct bar *b = &l->bars[i];

		if (r->rank > 0)
			buf_printf(&b->left, "%d. ", r->rank);
		buf_adds(&b->left, r->label ? r->label : "");
		chart_add_centi(&b->right, r->value);
		add_level(&b->right, r->level);
		b->num = r->value;
		b->den = c->value_max > 0 ? c->value_max : 10000;
		b->level = r->level;
	}
}

static void bars_groups(const struct chart *c, struct bar_list *l)
{
	size_t i;

	bars_alloc(l, c->nrows);
	l->legend = 1;
	l->elide = ELIDE_TAIL;
	for (i = 0; i < c->nrows; i++) {
		const struct chart_row *r = &c->rows[i];
		struct bar *b = &l->bars[i];

		buf_adds(&b->left, r->label ? r->label : "");
		chart_add_centi(&b->right, r->value);
		buf_adds(&b->right, "/");
		chart_add_short(&b->right, r->max);
		add_level(&b->right, r->level);
		b->num = r->value;
		b->den = r->max > 0 ? r->max : 1;
		b->track = 1;
		b->level = r->level;
	}
}

static long late_total(const struct chart *c, long *top)
{
	long t = 0;
	size_t i;

	*top = 1;
	for (i = 0; i < c->nrows; i++) {
		t += c->rows[i].value;
		if (c->rows[i].value > *top)
			*top = c->rows[i].value;
	}
	return t;
}

/* v as a share of total, in hundredths of a percent, rounded half up. */
static long share(long v, long total)
{
	return total > 0 ? (v * 20000 / total + 1) / 2 : 0;
}

static void bars_late(const struct chart *c, struct bar_list *l)
{
	long top, total = late_total(c, &top);
	size_t i;

	bars_alloc(l, c->nrows);
	l->elide = ELIDE_TAIL;
	for (i = 0; i < c->nrows; i++) {
		const struct chart_row *r = &c->rows[i];
		struct bar *b = &l->bars[i];

		buf_adds(&b->left, r->label ? r->label : "");
		chart_add_count(&b->right, r->value);
		buf_adds(&b->right, " · ");
		chart_add_centi(&b->right, share(r->value, total));
		buf_adds(&b->right, "%");
		b->num = r->value;
		b->den = top;
	}
}

static void bars_targets(const struct chart *c, struct bar_list *l)
{
	size_t i;

	bars_alloc(l, c->nrows);
	l->elide = ELIDE_TAIL;
	for (i = 0; i < c->nrows; i++) {
		const struct chart_row *r = &c->rows[i];
		struct bar *b = &l->bars[i];

		buf_printf(&b->left, "%s (mục tiêu ", r->label ? r->label : "");
		chart_add_short(&b->left, r->target);
		buf_adds(&b->left, "%)");
		chart_add_short(&b->right, r->value);
		buf_adds(&b->right, r->value >= r->target ? "% · Đạt" : "% · Chưa đạt");
		b->num = r->value;
		b->den = 10000;
		b->target = r->target;
		b->track = 1;
	}
}

static void (*const builders[CHART_KINDS])(const struct chart *, struct bar_list *) = {
	[CHART_RANKING] = bars_ranking, [CHART_GROUPS] = bars_groups,
	[CHART_LATE_BY] = bars_late, [CHART_TARGETS] = bars_targets,
};

/* Only the bar kinds reach here (see chart_kinds.c). */
static void bars_of(const struct chart *c, struct bar_list *l)
{
	builders[c->kind](c, l);
}

/* Row geometry, shared by measuring and drawing. Measuring uses a canvas without image. */
struct rows_geo {
	int two_line;           /* label on its own line above the bar */
	int label_w, right_w;   /* one-line columns */
	int bar_h, row_h, lh;
	int line2;              /* two-line rows: the bar line's offset below the label's */
};

static void geo_of(struct chart_canvas *cv, const struct bar_list *l, int width,
		   struct rows_geo *g)
{
	const struct chart_frame *fr = cv->fr;
	size_t i;
	int w;

	memset(g, 0, sizeof *g);
	for (i = 0; i < l->n; i++) {
		w = chart_text_width(cv, 0, fr->body, l->bars[i].left.ptr);
		if (w > g->label_w)
			g->label_w = w;
		w = chart_text_width(cv, 0, fr->body, l->bars[i].right.ptr);
		if (w > g->right_w)
			g->right_w = w;
	}
	g->lh = chart_line_height(fr->body);
	g->bar_h = g->lh * 2 / 3;
	g->row_h = g->lh + fr->body / 3;
	/* Labels wider than 40% of the plot would squeeze the bars: give them a line of their
	 * own, whole, tucked close above the bar and its figure so each label reads with its
	 * own bar, not the next one. */
	g->two_line = g->label_w > width * 2 / 5;
	if (g->two_line) {
		g->line2 = g->lh * 4 / 5;
		g->bar_h = fr->body * 3 / 4;
		g->row_h = g->line2 + g->lh + fr->body / 2;
	}
}

static int legend_item(struct chart_canvas *cv, int x, int y, enum chart_level lv, int draw)
{
	const struct chart_frame *fr = cv->fr;
	int sw = fr->body, w;

	if (draw) {
		chart_level_rect(cv, x, y, x + sw - 1, y + sw - 1, lv);
		chart_outline(cv, x, y, x + sw - 1, y + sw - 1, CC_TEXT);
		chart_text(cv, 0, fr->body, x + sw + fr->body / 3, y + sw - fr->body / 8,
			   CC_TEXT, CHART_LEFT, chart_level_word(lv));
	}
	w = chart_text_width(cv, 0, fr->body, chart_level_word(lv));
	return sw + fr->body / 3 + w + fr->body;
}

int chart_legend(struct chart_canvas *cv, int x, int y, int draw)
{
	int lv;

	for (lv = CHART_LEVEL_XANH; lv <= CHART_LEVEL_DO; lv++)
		x += legend_item(cv, x, y, (enum chart_level)lv, draw);
	return chart_line_height(cv->fr->body) + cv->fr->body / 2;
}

int chart_bars_height(struct chart_canvas *cv, const struct chart *c)
{
	struct bar_list l;
	struct rows_geo g;
	int h;

	bars_of(c, &l);
	geo_of(cv, &l, cv->fr->w - 2 * cv->fr->mx, &g);
	/* A longer list is drawn as its first and last rows around "… N đơn vị khác …" (see
	 * chart_bars_draw): the table and CSV beside the chart hold every row, and the
	 * ranking of 3,900 communes had made an image 312,590 pixels tall (250 MB to draw). */
	h = (int)(l.n < CHART_BARS_MAX ? l.n : CHART_BARS_MAX) * g.row_h +
	    (l.legend ? chart_legend(cv, 0, 0, 0) : 0);
	bar_free(&l);
	return h;
}

static void draw_bar(struct chart_canvas *cv, const struct bar *b, int x0, int x1, int y,
		     int h)
{
	long w = x1 - x0 + 1, fill = b->den > 0 ? w * b->num / b->den : 0;
	int u = cv->fr->unit, tx;

	if (fill > w)
		fill = w;
	if (b->track)
		chart_rect(cv, x0, y, x1, y + h - 1, CC_TRACK);
	if (fill > 0)
		chart_level_rect(cv, x0, y, x0 + (int)fill - 1, y + h - 1, b->level);
	if (b->target >= 0 && b->den > 0) {
		tx = x0 + (int)(w * (b->target < b->den ? b->target : b->den) / b->den);
		if (tx > x1)
			tx = x1;
		chart_rect(cv, tx - u, y - 3 * u, tx + u, y + h - 1 + 3 * u, CC_TARGET);
	}
}

static void draw_row(struct chart_canvas *cv, const struct bar *b, const struct rows_geo *g,
		     struct chart_rect_area a, int y)
{
	const struct chart_frame *fr = cv->fr;
	struct buf fit = BUF_INIT;
	int gap = fr->body * 3 / 4, lw = g->two_line ? a.x1 - a.x0 : g->label_w;
	int line2 = g->line2;

	chart_fit(cv, 0, fr->body, b->left.ptr, lw, &fit);
	chart_text(cv, 0, fr->body, a.x0, y + fr->body, CC_TEXT, CHART_LEFT, fit.ptr);
	chart_text(cv, 0, fr->body, a.x1, y + line2 + fr->body, CC_TEXT, CHART_RIGHT,
		   b->right.ptr);
	/* The bar is centred on the x-height of the figure beside it. */
	draw_bar(cv, b, g->two_line ? a.x0 : a.x0 + lw + gap, a.x1 - g->right_w - gap,
		 y + line2 + fr->body * 16 / 25 - g->bar_h / 2, g->bar_h);
	buf_free(&fit);
}

static void draw_gap_row(struct chart_canvas *cv, const struct bar_list *l, size_t hidden,
			 struct chart_rect_area a, int y)
{
	struct buf b = BUF_INIT;

	buf_adds(&b, "… ");
	chart_add_count(&b, (long)hidden);
	buf_printf(&b, " %s khác …", l->more);
	chart_text(cv, 0, cv->fr->body, (a.x0 + a.x1) / 2, y + cv->fr->body, CC_MUTED,
		   CHART_CENTER, b.ptr);
	buf_free(&b);
}

/* Which rows fit: all, or the first `top` and the last `bottom` around a gap row. */
static void rows_that_fit(const struct bar_list *l, int fit, size_t *top, size_t *bottom)
{
	*top = l->n;
	*bottom = 0;
	if (fit < 2)
		fit = 2;
	if (l->n <= (size_t)fit)
		return;
	if (l->elide == ELIDE_MIDDLE) {
		*top = (size_t)fit / 2;
		*bottom = (size_t)fit - 1 - *top;
	} else {
		*top = (size_t)fit - 1;
	}
}

void chart_bars_draw(struct chart_canvas *cv, const struct chart *c, struct chart_rect_area a)
{
	struct bar_list l;
	struct rows_geo g;
	size_t top, bottom, i;
	int y = a.y0, avail, fit, step;

	bars_of(c, &l);
	geo_of(cv, &l, a.x1 - a.x0 + 1, &g);
	if (l.legend)
		y += chart_legend(cv, a.x0, y, 1);
	avail = a.y1 - y + 1;
	fit = avail / g.row_h;
	rows_that_fit(&l, fit, &top, &bottom);
	/* Few rows in a fixed frame spread out, up to twice their natural pitch, and their
	 * bars thicken with the room (a bar never passes 1.5 times the text size). */
	step = avail / (int)(top + bottom + (bottom > 0 || top < l.n));
	if (step > g.row_h * 2)
		step = g.row_h * 2;
	if (step < g.row_h)
		step = g.row_h;
	g.bar_h += (step - g.row_h) / 2;
	if (g.bar_h > cv->fr->body * 3 / 2)
		g.bar_h = cv->fr->body * 3 / 2;
	for (i = 0; i < top; i++, y += step)
		draw_row(cv, &l.bars[i], &g, a, y);
	if (top < l.n) {
		draw_gap_row(cv, &l, l.n - top - bottom, a, y);
		y += step;
	}
	for (i = l.n - bottom; i < l.n; i++, y += step)
		draw_row(cv, &l.bars[i], &g, a, y);
	bar_free(&l);
}
