/* chart_draw: the canvas, text through FreeType, level fills with patterns, PNG output. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "chart_int.h"
#include "num.h"
#include "util.h"

/* The palette. Level colours start from Okabe and Ito's set for colour-vision deficiency
 * (bluish green, yellow), with cam a deeper orange than theirs and đỏ a dark red, so the
 * four also differ in lightness: tests/unit_chart.c checks every pair stays at least
 * ΔE 20 apart under simulated protanopia, deuteranopia and tritanopia. Patterns and words
 * carry the level too. Text colours keep WCAG AA contrast on white. */
static const unsigned char palette[CC_COUNT][3] = {
	[CC_BG] = {0xff, 0xff, 0xff},      [CC_TEXT] = {0x1b, 0x1b, 0x1b},
	[CC_MUTED] = {0x4d, 0x4d, 0x4d},   [CC_GRID] = {0xc8, 0xc8, 0xc8},
	[CC_TRACK] = {0xec, 0xec, 0xec},   [CC_ACCENT] = {0x00, 0x72, 0xb2},
	[CC_TARGET] = {0x1b, 0x1b, 0x1b},
	[CC_XANH] = {0x00, 0x9e, 0x73},    [CC_VANG] = {0xf0, 0xe4, 0x42},
	[CC_CAM] = {0xe0, 0x8a, 0x00},     [CC_DO] = {0xa5, 0x1b, 0x2b},
	[CC_XANH_INK] = {0x00, 0x5e, 0x45}, [CC_VANG_INK] = {0x7a, 0x6e, 0x00},
	[CC_CAM_INK] = {0x7a, 0x4a, 0x00},  [CC_DO_INK] = {0xf2, 0xb8, 0xbf},
	[CC_WHITE] = {0xff, 0xff, 0xfe},
};

void chart_level_rgb(enum chart_level level, unsigned char rgb[3])
{
	int c = (unsigned)level <= CHART_LEVEL_DO ? chart_level_colour(level) : CC_ACCENT;

	memcpy(rgb, palette[c], 3);
}

int chart_canvas_open(struct chart_canvas *cv, struct chart_fonts *f,
		      const struct chart_frame *fr, int h, struct buf *err)
{
	int i;

	memset(cv, 0, sizeof *cv);
	cv->fonts = f;
	cv->fr = fr;
	cv->err = err;
	cv->h = h;
	cv->z = fr->zoom > 1 ? fr->zoom : 1;
	cv->im = gdImageCreate(fr->w * cv->z, h * cv->z);
	if (!cv->im)
		return err_set(err, "chart: cannot create a %dx%d image", fr->w * cv->z, h * cv->z);
	/* The first colour allocated is the background of a palette image. */
	for (i = 0; i < CC_COUNT; i++)
		cv->col[i] = gdImageColorAllocate(cv->im, palette[i][0], palette[i][1],
						  palette[i][2]);
	return 0;
}

void chart_canvas_close(struct chart_canvas *cv)
{
	if (cv->im)
		gdImageDestroy(cv->im);
	cv->im = NULL;
	free(cv->boxes);
	cv->boxes = NULL;
}

/* chart_frame.png_level: zlib level 6 on a palette image for what phones download (web
 * sizes, the social card), 3 for the press sizes (square, broadcast). Measured with
 * tools/bench_chart.c (1200x630 average): level 1 2.8 ms, 3 3.0 ms, 6 5.4 ms, 9 29 ms;
 * files at 6 are a fifth smaller than at 3, and readers on weak mobile links gain more from
 * the bytes than the build loses in time. A 1920x1080 frame takes 13.9 ms at 6 and 5.5 ms
 * at 3, for 36 KB against 49 KB: a newsroom fetching it once does not notice, and a cold
 * build draws a fifth faster. libpng already filters palette images with "none", the right
 * choice for flat colours. */
int chart_canvas_png(struct chart_canvas *cv, struct buf *png, struct buf *err)
{
	int size = 0;
	void *p = gdImagePngPtrEx(cv->im, &size, cv->fr->png_level);

	if (!p || size <= 0) {
		gdFree(p);
		return err_set(err, "chart: PNG encoding failed");
	}
	buf_reset(png);
	buf_add(png, p, (size_t)size);
	gdFree(p);
	return 0;
}

int chart_line_height(int px)
{
	return (px * 27 + 10) / 20;
}

static char *nfc(struct chart_canvas *cv, const char *s)
{
	char *n = (char *)utf8proc_NFC((const utf8proc_uint8_t *)s);

	if (!n && !cv->failed) {
		cv->failed = 1;
		err_set(cv->err, "chart: text is not valid UTF-8: \"%.40s\"", s);
	}
	return n;
}

/* Reports the first text failure of a render: a missing glyph names its code point. */
static void text_failed(struct chart_canvas *cv, const char *s)
{
	unsigned long cp = chart_ft_missing(cv->fonts);

	if (cv->failed)
		return;
	cv->failed = 1;
	if (cp)
		err_set(cv->err, "chart: %s has no glyph for U+%04lX in \"%.60s\", expected text "
			"the font covers", cv->fonts->regular, cp, s);
	else
		err_set(cv->err, "chart: FreeType cannot render \"%.60s\"", s);
}

static int width_nfc(struct chart_canvas *cv, int bold, int px, const char *s)
{
	int w = 0;

	if (!*s)
		return 0;
	if (chart_ft_width(cv->fonts, bold, px, s, &w)) {
		text_failed(cv, s);
		return 0;
	}
	return w;
}

int chart_text_width(struct chart_canvas *cv, int bold, int px, const char *s)
{
	char *n = nfc(cv, s);
	int w = n ? width_nfc(cv, bold, px, n) : 0;

	free(n);
	return w;
}

static void record(struct chart_canvas *cv, const struct chart_box *box)
{
	if (!cv->record)
		return;
	if (cv->nboxes == cv->capboxes) {
		cv->capboxes = cv->capboxes ? 2 * cv->capboxes : 64;
		cv->boxes = xrealloc(cv->boxes, cv->capboxes * sizeof *cv->boxes);
	}
	cv->boxes[cv->nboxes++] = *box;
}

int chart_text(struct chart_canvas *cv, int bold, int px, int x, int y, int colour,
	       enum chart_align align, const char *s)
{
	struct chart_box box;
	char *n;
	int w, zw;

	if (!*s)
		return 0;
	n = nfc(cv, s);
	if (!n)
		return 0;
	/* Layout in layout pixels; the ink at zoom, aligned by its own width. */
	w = width_nfc(cv, bold, px, n);
	zw = cv->z > 1 ? width_nfc(cv, bold, px * cv->z, n) : w;
	x *= cv->z;
	if (align == CHART_RIGHT)
		x -= zw;
	else if (align == CHART_CENTER)
		x -= zw / 2;
	if (chart_ft_draw(cv, bold, px * cv->z, x, y * cv->z, cv->col[colour], n, &box) == 0)
		record(cv, &box);
	else
		text_failed(cv, n);
	free(n);
	return w;
}

/* Byte length of the first k code points of s. */
static size_t prefix_bytes(const char *s, size_t k)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (p[i] && k > 0) {
		i++;
		while ((p[i] & 0xc0) == 0x80)
			i++;
		k--;
	}
	return i;
}

static size_t count_cp(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

void chart_fit(struct chart_canvas *cv, int bold, int px, const char *s, int maxw,
	       struct buf *out)
{
	char *n = nfc(cv, s);
	size_t lo = 0, hi, mid;

	buf_reset(out);
	if (!n)
		return;
	if (width_nfc(cv, bold, px, n) <= maxw) {
		buf_adds(out, n);
		free(n);
		return;
	}
	/* The longest prefix that fits with the ellipsis: binary search on code points. */
	hi = count_cp(n);
	while (lo < hi) {
		mid = (lo + hi + 1) / 2;
		buf_reset(out);
		buf_add(out, n, prefix_bytes(n, mid));
		buf_rtrim(out);
		buf_adds(out, "…");
		if (width_nfc(cv, bold, px, out->ptr) <= maxw)
			lo = mid;
		else
			hi = mid - 1;
	}
	buf_reset(out);
	buf_add(out, n, prefix_bytes(n, lo));
	buf_rtrim(out);
	buf_adds(out, "…");
	free(n);
}

/* Greedy word wrap: each line takes words while they fit. */
int chart_text_wrap(struct chart_canvas *cv, int bold, int px, int x, int y, int maxw,
		    int colour, const char *s, int draw)
{
	struct buf line = BUF_INIT, cand = BUF_INIT, fit = BUF_INIT;
	const char *p = s, *sp;
	int lh = chart_line_height(px);

	while (*p) {
		buf_reset(&line);
		while (*p) {
			sp = strchr(p, ' ');
			if (!sp)
				sp = p + strlen(p);
			buf_sets(&cand, line.ptr);
			if (cand.len)
				buf_addc(&cand, ' ');
			buf_add(&cand, p, (size_t)(sp - p));
			if (line.len && chart_text_width(cv, bold, px, cand.ptr) > maxw)
				break;
			buf_sets(&line, cand.ptr);
			p = *sp ? sp + 1 : sp;
		}
		chart_fit(cv, bold, px, line.ptr, maxw, &fit);
		if (draw)
			chart_text(cv, bold, px, x, y + px, colour, CHART_LEFT, fit.ptr);
		y += lh;
	}
	buf_free(&line);
	buf_free(&cand);
	buf_free(&fit);
	return y;
}

/* Rectangles cover whole layout pixels: at zoom z, [x0, x1] becomes [z x0, z x1 + z - 1]. */
void chart_rect(struct chart_canvas *cv, int x0, int y0, int x1, int y1, int colour)
{
	int z = cv->z;

	if (x1 >= x0 && y1 >= y0)
		gdImageFilledRectangle(cv->im, x0 * z, y0 * z, x1 * z + z - 1, y1 * z + z - 1,
				       cv->col[colour]);
}

void chart_outline(struct chart_canvas *cv, int x0, int y0, int x1, int y1, int colour)
{
	chart_rect(cv, x0, y0, x1, y0, colour);
	chart_rect(cv, x0, y1, x1, y1, colour);
	chart_rect(cv, x0, y0, x0, y1, colour);
	chart_rect(cv, x1, y0, x1, y1, colour);
}

int chart_level_colour(enum chart_level level)
{
	return level == CHART_LEVEL_NONE ? CC_ACCENT : CC_XANH + (int)level - 1;
}

/* Readable on the level's fill (used for numbers drawn inside stacked bars). */
int chart_level_text_colour(enum chart_level level)
{
	return level == CHART_LEVEL_DO || level == CHART_LEVEL_NONE ? CC_WHITE : CC_TEXT;
}

/* Is (x, y) a stroke of level's pattern? Absolute coordinates keep neighbouring bars'
 * patterns aligned; u scales the pattern with the output size. */
static int pattern_on(enum chart_level level, int x, int y, int u)
{
	int p;

	switch (level) {
	case CHART_LEVEL_VANG:
		p = 5 * u;
		return x % p < 2 * u && y % p < 2 * u;
	case CHART_LEVEL_CAM:
		p = 6 * u;
		return (x + y) % p < u + (u + 1) / 2;
	case CHART_LEVEL_DO:
		p = 7 * u;
		return (x + y) % p < u || (x - y + 7000 * p) % p < u;
	default:
		return 0;
	}
}

void chart_level_rect(struct chart_canvas *cv, int x0, int y0, int x1, int y1,
		      enum chart_level level)
{
	int fill = chart_level_colour(level), x, y, ink, u = cv->fr->unit * cv->z;

	if (x1 < x0 || y1 < y0)
		return;
	chart_rect(cv, x0, y0, x1, y1, fill);
	if (level == CHART_LEVEL_NONE || level == CHART_LEVEL_XANH)
		return;
	x0 *= cv->z;
	y0 *= cv->z;
	x1 = x1 * cv->z + cv->z - 1;
	y1 = y1 * cv->z + cv->z - 1;
	ink = cv->col[CC_XANH_INK + (int)level - 1];
	if (x0 < 0) x0 = 0;
	if (y0 < 0) y0 = 0;
	if (x1 >= gdImageSX(cv->im)) x1 = gdImageSX(cv->im) - 1;
	if (y1 >= gdImageSY(cv->im)) y1 = gdImageSY(cv->im) - 1;
	/* Straight into the palette rows: a per-pixel gdImageSetPixel call costs more than
	 * the whole pattern. */
	for (y = y0; y <= y1; y++)
		for (x = x0; x <= x1; x++)
			if (pattern_on(level, x, y, u))
				cv->im->pixels[y][x] = (unsigned char)ink;
}

void chart_line(struct chart_canvas *cv, int x0, int y0, int x1, int y1, int colour, int th)
{
	int z = cv->z;

	gdImageSetThickness(cv->im, (th < 1 ? 1 : th) * z);
	gdImageLine(cv->im, x0 * z, y0 * z, x1 * z, y1 * z, cv->col[colour]);
	gdImageSetThickness(cv->im, 1);
}

void chart_dot(struct chart_canvas *cv, int x, int y, int d, int colour)
{
	gdImageFilledEllipse(cv->im, x * cv->z, y * cv->z, d * cv->z, d * cv->z, cv->col[colour]);
}

void chart_add_centi(struct buf *b, long v)
{
	num_add_centi_vi(b, v);
}

/* "50" for whole numbers, "35,90" otherwise. */
void chart_add_short(struct buf *b, long v)
{
	if (v % 100 == 0)
		chart_add_count(b, v / 100);
	else
		chart_add_centi(b, v);
}

/* Counts with the Vietnamese thousands separator: 151.606. */
void chart_add_count(struct buf *b, long v)
{
	char tmp[32];
	int n, i;

	if (v < 0) {
		buf_addc(b, '-');
		v = -v;
	}
	n = snprintf(tmp, sizeof tmp, "%ld", v);
	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			buf_addc(b, '.');
		buf_addc(b, tmp[i]);
	}
}
