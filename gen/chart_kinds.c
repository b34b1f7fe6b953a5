/* chart_kinds: one drawer per chart kind. Four kinds are lists of horizontal bars and share
 * one bar-list layout; history and levels-over-time are drawn over months. */
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

/* "50" for whole numbers, "35,90" otherwise. */
static void add_short(struct buf *b, long v)
{
	if (v % 100 == 0)
		chart_add_count(b, v / 100);
	else
		chart_add_centi(b, v);
}

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
		add_short(&b->right, r->max);
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
		add_short(&b->left, r->target);
		buf_adds(&b->left, "%)");
		add_short(&b->right, r->value);
		buf_adds(&b->right, r->value >= r->target ? "% · Đạt" : "% · Chưa đạt");
		b->num = r->value;
		b->den = 10000;
		b->target = r->target;
		b->track = 1;
	}
}

static void bars_of(const struct chart *c, struct bar_list *l)
{
	switch (c->kind) {
	case CHART_RANKING: bars_ranking(c, l); break;
	case CHART_GROUPS: bars_groups(c, l); break;
	case CHART_LATE_BY: bars_late(c, l); break;
	default: bars_targets(c, l); break;
	}
}

/* Row geometry, shared by measuring and drawing. Measuring uses a canvas without image. */
struct rows_geo {
	int two_line;           /* label on its own line above the bar */
	int label_w, right_w;   /* one-line columns */
	int bar_h, row_h, lh;
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
	g->bar_h = fr->body * 3 / 4;
	/* Labels wider than 40% of the plot would squeeze the bars: give them a line. */
	g->two_line = g->label_w > width * 2 / 5;
	if (g->two_line)
		g->row_h = g->lh + g->bar_h + fr->body / 2;
	else {
		g->row_h = g->lh + fr->body / 3;
		g->bar_h = g->lh * 2 / 3;
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

int chart_legend(struct chart_canvas *cv, int x, int y, int maxw, int draw)
{
	int lv;

	(void)maxw;
	for (lv = CHART_LEVEL_XANH; lv <= CHART_LEVEL_DO; lv++)
		x += legend_item(cv, x, y, (enum chart_level)lv, draw);
	return chart_line_height(cv->fr->body) + cv->fr->body / 2;
}

static int list_height(struct chart_canvas *cv, const struct chart *c)
{
	struct bar_list l;
	struct rows_geo g;
	int h;

	bars_of(c, &l);
	geo_of(cv, &l, cv->fr->w - 2 * cv->fr->mx, &g);
	h = (int)l.n * g.row_h + (l.legend ? chart_legend(cv, 0, 0, 0, 0) : 0);
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
	int gap = fr->body / 2, base = y + fr->body, lw;

	chart_text(cv, 0, fr->body, a.x1, base, CC_TEXT, CHART_RIGHT, b->right.ptr);
	if (g->two_line) {
		chart_fit(cv, 0, fr->body, b->left.ptr, a.x1 - a.x0 - g->right_w - gap, &fit);
		chart_text(cv, 0, fr->body, a.x0, base, CC_TEXT, CHART_LEFT, fit.ptr);
		draw_bar(cv, b, a.x0, a.x1, y + g->lh, g->bar_h);
	} else {
		lw = g->label_w;
		chart_fit(cv, 0, fr->body, b->left.ptr, lw, &fit);
		chart_text(cv, 0, fr->body, a.x0, base, CC_TEXT, CHART_LEFT, fit.ptr);
		draw_bar(cv, b, a.x0 + lw + gap, a.x1 - g->right_w - gap,
			 y + (g->lh - g->bar_h) / 2 + fr->body / 8, g->bar_h);
	}
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

static void draw_list(struct chart_canvas *cv, const struct chart *c, struct chart_rect_area a)
{
	struct bar_list l;
	struct rows_geo g;
	size_t top, bottom, i;
	int y = a.y0, avail, fit, step;

	bars_of(c, &l);
	geo_of(cv, &l, a.x1 - a.x0 + 1, &g);
	if (l.legend)
		y += chart_legend(cv, a.x0, y, a.x1 - a.x0, 1);
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

/* ---- Months on the x axis (history, levels over time). ---- */

static int month_x(size_t i, size_t n, int x0, int x1)
{
	return n < 2 ? (x0 + x1) / 2 : x0 + (int)((long)(x1 - x0) * (long)i / (long)(n - 1));
}

static int max_label_w(struct chart_canvas *cv, const struct chart *c, int px)
{
	size_t i;
	int w, m = 0;

	for (i = 0; i < c->nrows; i++) {
		w = chart_text_width(cv, 0, px, c->rows[i].label ? c->rows[i].label : "");
		if (w > m)
			m = w;
	}
	return m;
}

/* Labels every step-th month counting back from the latest, which is always labelled. */
static size_t label_step(struct chart_canvas *cv, const struct chart *c, int x0, int x1)
{
	int lw = max_label_w(cv, c, cv->fr->small) + cv->fr->small;
	long span = c->nrows > 1 ? (x1 - x0) / (long)(c->nrows - 1) : x1 - x0;
	size_t step = 1;

	while (span * (long)step < lw)
		step++;
	return step;
}

/* Month labels centred under their points, but kept inside the plot's edges. */
static void month_labels(struct chart_canvas *cv, const struct chart *c,
			 struct chart_rect_area a, int x0, int x1)
{
	size_t step = label_step(cv, c, x0, x1), k;
	const char *s;
	int x, w;

	for (k = 0; k < c->nrows; k += step) {
		size_t i = c->nrows - 1 - k;

		s = c->rows[i].label ? c->rows[i].label : "";
		w = chart_text_width(cv, 0, cv->fr->small, s);
		x = month_x(i, c->nrows, x0, x1);
		/* Near the edge: right-aligned, so the zoomed ink (hinted a little wider or
		 * narrower than twice the 1x text) ends at the edge too. */
		if (x + w / 2 + w / 10 > a.x1)
			chart_text(cv, 0, cv->fr->small, a.x1, a.y1, CC_MUTED, CHART_RIGHT, s);
		else
			chart_text(cv, 0, cv->fr->small, x - w / 2 < a.x0 ? a.x0 : x - w / 2, a.y1,
				   CC_MUTED, CHART_LEFT, s);
	}
}

/* 1, 2, 5 × 10^k: the smallest step that draws at most `lines` grid lines up to max. */
static long nice_step(long max, long lines)
{
	long base = 1;

	for (;;) {
		if (max <= base * lines) return base;
		if (max <= 2 * base * lines) return 2 * base;
		if (max <= 5 * base * lines) return 5 * base;
		base *= 10;
	}
}

/* ---- History: score above, rank below, over the months. ---- */

struct axis { long lo, hi; int y0, y1; int invert; };

static int axis_y(const struct axis *ax, long v)
{
	long span = ax->hi > ax->lo ? ax->hi - ax->lo : 1;
	long off = ax->invert ? v - ax->lo : ax->hi - v;

	return ax->y0 + (int)((long)(ax->y1 - ax->y0) * off / span);
}

static void score_axis(const struct chart *c, struct axis *ax)
{
	long lo = c->rows[0].value, hi = lo, top = c->value_max > 0 ? c->value_max : 10000;
	size_t i;

	for (i = 1; i < c->nrows; i++) {
		if (c->rows[i].value < lo) lo = c->rows[i].value;
		if (c->rows[i].value > hi) hi = c->rows[i].value;
	}
	/* Whole tens of points around the data, so small changes stay visible. */
	ax->lo = lo / 1000 * 1000;
	if (lo - ax->lo < 200 && ax->lo >= 1000)
		ax->lo -= 1000;
	ax->hi = (hi + 999) / 1000 * 1000;
	if (ax->hi > top)
		ax->hi = top;
	if (ax->hi <= ax->lo)
		ax->hi = ax->lo + 1000;
	ax->invert = 0;
}

static int have_ranks(const struct chart *c)
{
	size_t i;

	for (i = 0; i < c->nrows; i++)
		if (c->rows[i].rank > 0)
			return 1;
	return 0;
}

static void rank_axis(const struct chart *c, struct axis *ax)
{
	size_t i;

	ax->lo = 1;
	ax->hi = c->rank_of > 1 ? c->rank_of : 2;
	for (i = 0; i < c->nrows; i++)
		if (c->rows[i].rank > ax->hi)
			ax->hi = c->rows[i].rank;
	ax->invert = 1;
}

/* Grid lines and their labels at the left; returns nothing, draws at x0..x1. */
static void grid(struct chart_canvas *cv, const struct axis *ax, long step, long div,
		 int xl, int x0, int x1)
{
	struct buf b = BUF_INIT;
	long v = (ax->lo + step - 1) / step * step;

	if (ax->invert)
		v = ax->lo;
	for (; v <= ax->hi; v += step) {
		int y = axis_y(ax, v);

		chart_line(cv, x0, y, x1, y, CC_GRID, cv->fr->unit);
		buf_reset(&b);
		chart_add_count(&b, v / div);
		chart_text(cv, 0, cv->fr->small, xl, y + cv->fr->small / 3, CC_MUTED,
			   CHART_RIGHT, b.ptr);
		if (ax->invert && v == 1 && step > 1)
			v = 0;  /* rank grid: 1, then multiples of step */
	}
	buf_free(&b);
}

static void series(struct chart_canvas *cv, const struct chart *c, const struct axis *ax,
		   int x0, int x1, int use_rank)
{
	const struct chart_frame *fr = cv->fr;
	struct buf b = BUF_INIT;
	size_t i, step = label_step(cv, c, x0, x1);
	int px = -1, py = 0, x, y;
	long v;

	for (i = 0; i < c->nrows; i++) {
		v = use_rank ? c->rows[i].rank : c->rows[i].value;
		if (use_rank && v <= 0) {
			px = -1;
			continue;
		}
		x = month_x(i, c->nrows, x0, x1);
		y = axis_y(ax, v);
		if (px >= 0)
			chart_line(cv, px, py, x, y, use_rank ? CC_MUTED : CC_ACCENT, 2 * fr->unit);
		px = x;
		py = y;
	}
	for (i = 0; i < c->nrows; i++) {
		v = use_rank ? c->rows[i].rank : c->rows[i].value;
		if (use_rank && v <= 0)
			continue;
		x = month_x(i, c->nrows, x0, x1);
		y = axis_y(ax, v);
		chart_dot(cv, x, y, fr->small / 2 + 2 * fr->unit, use_rank ? CC_MUTED : CC_ACCENT);
		if ((c->nrows - 1 - i) % step)
			continue;
		buf_reset(&b);
		if (use_rank)
			chart_add_count(&b, v);
		else
			chart_add_centi(&b, v);
		chart_text(cv, 1, fr->small, x, y - fr->small / 2 - fr->unit * 2, CC_TEXT,
			   CHART_CENTER, b.ptr);
	}
	buf_free(&b);
}

static int history_height(struct chart_canvas *cv, const struct chart *c)
{
	return cv->fr->body * (have_ranks(c) ? 24 : 15);
}

static void panel_title(struct chart_canvas *cv, int x, int y, const char *s)
{
	chart_text(cv, 1, cv->fr->small, x, y + cv->fr->small, CC_TEXT, CHART_LEFT, s);
}

static void draw_history(struct chart_canvas *cv, const struct chart *c,
			 struct chart_rect_area a)
{
	const struct chart_frame *fr = cv->fr;
	struct axis sc, rk;
	struct buf t = BUF_INIT;
	int lh = chart_line_height(fr->small), yl = chart_text_width(cv, 0, fr->small, "100");
	/* Points sit far enough in that their month and value labels stay inside. */
	int half = (max_label_w(cv, c, fr->small) + 1) / 2,
	    vhalf = (chart_text_width(cv, 1, fr->small, "100,00") + 1) / 2 + cv->z;
	int gx0 = a.x0 + yl + fr->small / 2, x0, x1;
	int bottom = a.y1 - lh, ranks = have_ranks(c), split;

	if (vhalf > half)
		half = vhalf;
	x0 = gx0 + half;
	x1 = a.x1 - half;

	split = ranks ? a.y0 + (bottom - a.y0) * 3 / 5 : bottom;
	score_axis(c, &sc);
	sc.y0 = a.y0 + 2 * lh;
	sc.y1 = split - (ranks ? lh : fr->small);
	panel_title(cv, a.x0, a.y0, "Điểm");
	grid(cv, &sc, nice_step((sc.hi - sc.lo) / 100, 5) * 100, 100, a.x0 + yl, gx0, a.x1);
	series(cv, c, &sc, x0, x1, 0);
	if (ranks) {
		rank_axis(c, &rk);
		rk.y0 = split + 2 * lh;
		rk.y1 = bottom - fr->small;
		buf_printf(&t, c->rank_of > 0 ? "Hạng (trên %d)" : "Hạng", c->rank_of);
		panel_title(cv, a.x0, split, t.ptr);
		grid(cv, &rk, nice_step(rk.hi, 4), 1, a.x0 + yl, gx0, a.x1);
		series(cv, c, &rk, x0, x1, 1);
	}
	month_labels(cv, c, a, x0, x1);
	buf_free(&t);
}

/* ---- Levels over time: stacked bars of units per level, month by month. ---- */

static long month_total(const struct chart_row *r)
{
	return r->counts[0] + r->counts[1] + r->counts[2] + r->counts[3];
}

static int levels_height(struct chart_canvas *cv, const struct chart *c)
{
	return cv->fr->body * 16;
}

static void segment_count(struct chart_canvas *cv, long n, int x, int y0, int y1, int bw,
			  enum chart_level lv)
{
	struct buf b = BUF_INIT;
	int px = cv->fr->small, tw;

	chart_add_count(&b, n);
	tw = chart_text_width(cv, 1, px, b.ptr);
	/* Only where the number fits with room around it (so the bar stays visible); on a
	 * white chip so the pattern does not cut it. Narrow web bars get none: the table
	 * beside the chart has the numbers. */
	if (n > 0 && y1 - y0 >= px * 8 / 5 && tw + 6 * cv->fr->unit < bw) {
		int yb = (y0 + y1) / 2 + px * 3 / 8;

		chart_rect(cv, x - tw / 2 - 2 * cv->fr->unit, yb - px * 3 / 4 - cv->fr->unit,
			   x + tw / 2 + 2 * cv->fr->unit, yb + px / 4, CC_WHITE);
		chart_text(cv, 1, px, x, yb, CC_TEXT, CHART_CENTER, b.ptr);
	}
	(void)lv;
	buf_free(&b);
}

static void stack(struct chart_canvas *cv, const struct chart_row *r, const struct axis *ax,
		  int x, int bw)
{
	long acc = 0;
	int lv, y0, y1;

	for (lv = 0; lv < CHART_NLEVELS; lv++) {
		if (r->counts[lv] <= 0)
			continue;
		y1 = axis_y(ax, acc);
		acc += r->counts[lv];
		y0 = axis_y(ax, acc);
		chart_level_rect(cv, x - bw / 2, y0, x + bw / 2, y1 - 1, (enum chart_level)(lv + 1));
		segment_count(cv, r->counts[lv], x, y0, y1, bw, (enum chart_level)(lv + 1));
	}
}

static void draw_levels(struct chart_canvas *cv, const struct chart *c,
			struct chart_rect_area a)
{
	const struct chart_frame *fr = cv->fr;
	struct axis ax = {0, 1, 0, 0, 0};
	int lh = chart_line_height(fr->small), yl = chart_text_width(cv, 0, fr->small, "1000");
	int gx0 = a.x0 + yl + fr->small / 2, slot, x0, x1, y;
	long step;
	size_t i;

	y = a.y0 + chart_legend(cv, a.x0, a.y0, a.x1 - a.x0, 1);
	for (i = 0; i < c->nrows; i++)
		if (month_total(&c->rows[i]) > ax.hi)
			ax.hi = month_total(&c->rows[i]);
	slot = (a.x1 - gx0) / (int)c->nrows;
	x0 = gx0 + slot / 2;
	x1 = a.x1 - slot / 2;
	ax.y0 = y + fr->small;
	ax.y1 = a.y1 - lh - fr->small / 2;
	step = nice_step(ax.hi, 6);
	ax.hi = (ax.hi + step - 1) / step * step;
	grid(cv, &ax, step, 1, a.x0 + yl, gx0, a.x1);
	for (i = 0; i < c->nrows; i++)
		stack(cv, &c->rows[i], &ax, month_x(i, c->nrows, x0, x1), slot * 2 / 3);
	month_labels(cv, c, a, x0, x1);
}

static const struct chart_kind_ops kind_ops[CHART_KINDS] = {
	[CHART_RANKING] = {"ranking", list_height, draw_list},
	[CHART_GROUPS] = {"groups", list_height, draw_list},
	[CHART_HISTORY] = {"history", history_height, draw_history},
	[CHART_LEVELS_OVER_TIME] = {"levels", levels_height, draw_levels},
	[CHART_LATE_BY] = {"late", list_height, draw_list},
	[CHART_TARGETS] = {"targets", list_height, draw_list},
};

const struct chart_kind_ops *chart_kind_ops(enum chart_kind kind)
{
	return &kind_ops[(unsigned)kind < CHART_KINDS ? kind : CHART_RANKING];
}
