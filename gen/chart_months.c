/* chart_months: the kinds drawn over months: score and rank history, and the number of
 * units at each level month by month. */
#include <stdlib.h>
#include <string.h>

#include "chart_int.h"
#include "util.h"

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
	int lw = max_label_w(cv, c, cv->fr->small), cap = (x1 - x0) / 3;
	long span = c->nrows > 1 ? (x1 - x0) / (long)(c->nrows - 1) : x1 - x0;
	size_t step = 1;

	if (span <= 0)
		return c->nrows ? c->nrows : 1;
	if (cap > 0 && lw > cap)  /* month_labels cuts such labels to a third of the width */
		lw = cap;
	lw += cv->fr->small;
	while (span * (long)step < lw && step < c->nrows)
		step++;
	return step;
}

/* Month labels centred under their points, but kept inside the plot's edges. */
static void month_labels(struct chart_canvas *cv, const struct chart *c,
			 struct chart_rect_area a, int x0, int x1)
{
	size_t step = label_step(cv, c, x0, x1), k;
	struct buf fit = BUF_INIT;
	const char *s;
	int x, w;

	for (k = 0; k < c->nrows; k += step) {
		size_t i = c->nrows - 1 - k;

		chart_fit(cv, 0, cv->fr->small, c->rows[i].label ? c->rows[i].label : "",
			  (a.x1 - a.x0) / 3, &fit);
		s = fit.ptr;
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
	buf_free(&fit);
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

/* The month's value on this series: the score, or the rank (absent when 0). */
static int series_value(const struct chart *c, size_t i, int use_rank, long *v)
{
	*v = use_rank ? c->rows[i].rank : c->rows[i].value;
	return !use_rank || *v > 0;
}

static void series_line(struct chart_canvas *cv, const struct chart *c,
			const struct axis *ax, int x0, int x1, int use_rank)
{
	int px = -1, py = 0, x, y;
	size_t i;
	long v;

	for (i = 0; i < c->nrows; i++) {
		if (!series_value(c, i, use_rank, &v)) {
			px = -1;  /* a gap in the line where the rank is unknown */
			continue;
		}
		x = month_x(i, c->nrows, x0, x1);
		y = axis_y(ax, v);
		if (px >= 0)
			chart_line(cv, px, py, x, y, use_rank ? CC_MUTED : CC_ACCENT,
				   2 * cv->fr->unit);
		px = x;
		py = y;
	}
}

/* Dots on every month; the value written above the months that carry a label. */
static void series_points(struct chart_canvas *cv, const struct chart *c,
			  const struct axis *ax, int x0, int x1, int use_rank)
{
	const struct chart_frame *fr = cv->fr;
	struct buf b = BUF_INIT;
	size_t i, step = label_step(cv, c, x0, x1);
	int x, y;
	long v;

	for (i = 0; i < c->nrows; i++) {
		if (!series_value(c, i, use_rank, &v))
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

static void series(struct chart_canvas *cv, const struct chart *c, const struct axis *ax,
		   int x0, int x1, int use_rank)
{
	series_line(cv, c, ax, x0, x1, use_rank);
	series_points(cv, c, ax, x0, x1, use_rank);
}

int chart_history_height(struct chart_canvas *cv, const struct chart *c)
{
	return cv->fr->body * (have_ranks(c) ? 24 : 15);
}

static void panel_title(struct chart_canvas *cv, int x, int y, const char *s)
{
	chart_text(cv, 1, cv->fr->small, x, y + cv->fr->small, CC_TEXT, CHART_LEFT, s);
}

void chart_history_draw(struct chart_canvas *cv, const struct chart *c,
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
	if (half > (a.x1 - gx0) / 4)  /* month labels too long to honour: clip them instead */
		half = (a.x1 - gx0) / 4;
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

int chart_levels_height(struct chart_canvas *cv, const struct chart *c)
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

void chart_levels_draw(struct chart_canvas *cv, const struct chart *c,
			struct chart_rect_area a)
{
	const struct chart_frame *fr = cv->fr;
	struct axis ax = {0, 1, 0, 0, 0};
	int lh = chart_line_height(fr->small), yl = chart_text_width(cv, 0, fr->small, "1000");
	int gx0 = a.x0 + yl + fr->small / 2, slot, x0, x1, y;
	long step;
	size_t i;

	y = a.y0 + chart_legend(cv, a.x0, a.y0, 1);
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
