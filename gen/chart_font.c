/* chart_font: text through FreeType with a per-run glyph cache.
 * Why not gdImageStringFTEx for every string: on each call it creates two FT sizes (running
 * the font's TrueType "prep" program twice) and loads and hints every glyph twice, about
 * 1 ms a string with Noto Sans; a chart draws 50 to 300 strings. Here the faces are opened
 * once per run, each (font, size, glyph) is hinted and rendered once, and the coverage is
 * blended into the palette image the way libgd does it (a few tween colours resolved in the
 * palette). Same FreeType, same default hinting, same glyphs; about 20 times faster. */
#include <stdlib.h>
#include <string.h>

#include <ft2build.h>
#include FT_FREETYPE_H

#include "chart_int.h"
#include "util.h"

struct glyph {
	unsigned key;           /* bold << 31 | px << 20 | glyph index; 0 = empty slot */
	int left, top, w, h;    /* bitmap placement relative to the pen, in pixels */
	long adv;               /* advance, 26.6 */
	unsigned char *bits;    /* w * h coverage bytes */
};

struct chart_ft {
	FT_Library lib;
	FT_Face face[2];
	int px[2];              /* size currently set on each face */
	unsigned long missing;  /* the code point the last failed walk had no glyph for */
	struct glyph *slots;
	size_t cap, used;
};

int chart_ft_open(struct chart_fonts *f, struct buf *err)
{
	struct chart_ft *ft = xcalloc(1, sizeof *ft);

	f->ft = ft;
	if (FT_Init_FreeType(&ft->lib)) {
		ft->lib = NULL;
		return err_set(err, "chart: FreeType failed to start");
	}
	if (FT_New_Face(ft->lib, f->regular, 0, &ft->face[0]))
		return err_set(err, "%s: FreeType cannot open the font", f->regular);
	if (FT_New_Face(ft->lib, f->bold, 0, &ft->face[1]))
		return err_set(err, "%s: FreeType cannot open the font", f->bold);
	if (FT_Select_Charmap(ft->face[0], FT_ENCODING_UNICODE) ||
	    FT_Select_Charmap(ft->face[1], FT_ENCODING_UNICODE))
		return err_set(err, "%s: the font has no Unicode character map", f->regular);
	return 0;
}

/* The running FreeType's version: another rasteriser may draw other pixels. */
void chart_ft_version(const struct chart_fonts *f, struct buf *out)
{
	FT_Int major = 0, minor = 0, patch = 0;

	FT_Library_Version(f->ft->lib, &major, &minor, &patch);
	buf_printf(out, "freetype %d.%d.%d", major, minor, patch);
}

void chart_ft_close(struct chart_fonts *f)
{
	struct chart_ft *ft = f->ft;
	size_t i;

	if (!ft)
		return;
	for (i = 0; i < ft->cap; i++)
		free(ft->slots[i].bits);
	free(ft->slots);
	if (ft->face[0])
		FT_Done_Face(ft->face[0]);
	if (ft->face[1])
		FT_Done_Face(ft->face[1]);
	if (ft->lib)
		FT_Done_FreeType(ft->lib);
	free(ft);
	f->ft = NULL;
}

unsigned long chart_ft_missing(const struct chart_fonts *f)
{
	return f->ft->missing;
}

int chart_ft_has(struct chart_fonts *f, int bold, unsigned long cp)
{
	return FT_Get_Char_Index(f->ft->face[bold ? 1 : 0], cp) != 0;
}

static size_t slot_of(const struct chart_ft *ft, unsigned key)
{
	size_t i = (key * 2654435761u) & (ft->cap - 1);

	while (ft->slots[i].key && ft->slots[i].key != key)
		i = (i + 1) & (ft->cap - 1);
	return i;
}

static void grow(struct chart_ft *ft)
{
	struct glyph *old = ft->slots;
	size_t i, n = ft->cap;

	ft->cap = n ? 2 * n : 1024;
	ft->slots = xcalloc(ft->cap, sizeof *ft->slots);
	for (i = 0; i < n; i++)
		if (old[i].key)
			ft->slots[slot_of(ft, old[i].key)] = old[i];
	free(old);
}

static int load(struct chart_ft *ft, int bold, int px, unsigned gi, struct glyph *g)
{
	FT_Face face = ft->face[bold];
	FT_Bitmap *bm;
	int y;

	if (ft->px[bold] != px) {
		if (FT_Set_Pixel_Sizes(face, 0, (FT_UInt)px))
			return -1;
		ft->px[bold] = px;
	}
	if (FT_Load_Glyph(face, gi, FT_LOAD_DEFAULT | FT_LOAD_RENDER))
		return -1;
	bm = &face->glyph->bitmap;
	g->left = face->glyph->bitmap_left;
	g->top = face->glyph->bitmap_top;
	g->w = (int)bm->width;
	g->h = (int)bm->rows;
	g->adv = face->glyph->advance.x;
	g->bits = xmalloc((size_t)g->w * (size_t)g->h + 1);
	for (y = 0; y < g->h; y++)
		memcpy(g->bits + (size_t)y * (size_t)g->w, bm->buffer + (long)y * bm->pitch,
		       (size_t)g->w);
	return 0;
}

static const struct glyph *glyph(struct chart_ft *ft, int bold, int px, unsigned gi)
{
	unsigned key = (unsigned)bold << 31 | (unsigned)(px & 0x7ff) << 20 | (gi & 0xfffff);
	size_t i;

	if (key == 0)
		key = 1u << 30;  /* never the empty marker */
	if (2 * (ft->used + 1) > ft->cap)
		grow(ft);
	i = slot_of(ft, key);
	if (!ft->slots[i].key) {
		if (load(ft, bold, px, gi, &ft->slots[i]))
			return NULL;
		ft->slots[i].key = key;
		ft->used++;
	}
	return &ft->slots[i];
}

/* Next code point of NUL-terminated UTF-8 (already validated by NFC). */
static unsigned long next_cp(const unsigned char **p)
{
	const unsigned char *s = *p;
	unsigned long c = *s++;
	int n = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;

	if (n)
		c &= 0x3fu >> n;
	while (n-- > 0 && (*s & 0xc0) == 0x80)
		c = c << 6 | (*s++ & 0x3f);
	*p = s;
	return c;
}

/* Walks s, calling fn for each glyph at its pen position (pixels from the origin). */
static int walk(struct chart_fonts *f, int bold, int px, const char *s,
		void (*fn)(void *ctx, const struct glyph *g, int pen), void *ctx, int *width)
{
	struct chart_ft *ft = f->ft;
	const unsigned char *p = (const unsigned char *)s;
	const struct glyph *g;
	long pen = 0;

	bold = bold ? 1 : 0;
	ft->missing = 0;
	while (*p) {
		unsigned long cp = next_cp(&p);
		unsigned gi = FT_Get_Char_Index(ft->face[bold], cp);

		/* A missing glyph would print as an empty box: refuse rather than publish it. */
		if (gi == 0) {
			ft->missing = cp;
			return -1;
		}
		g = glyph(ft, bold, px, gi);
		if (!g)
			return -1;
		if (fn)
			fn(ctx, g, (int)((pen + 32) >> 6));
		pen += g->adv;
	}
	*width = (int)((pen + 63) >> 6);
	return 0;
}

int chart_ft_width(struct chart_fonts *f, int bold, int px, const char *s, int *width)
{
	return walk(f, bold, px, s, NULL, NULL, width);
}

struct draw_ctx {
	struct chart_canvas *cv;
	int x, y, fg;
	int x0, y0, x1, y1;     /* ink box */
};

#define TWEEN_LEVELS 10

/* The palette colour between fg and bg at level/TWEEN_LEVELS, allocated once per canvas. */
static int tween(struct chart_canvas *cv, int fg, int bg, int level)
{
	gdImagePtr im = cv->im;
	unsigned key = (unsigned)fg << 12 | (unsigned)bg << 4 | (unsigned)level;
	size_t i = (key * 2654435761u) % CHART_TWEENS;
	int c;

	while (cv->tween_key[i] && cv->tween_key[i] != key + 1)
		i = (i + 1) % CHART_TWEENS;
	if (cv->tween_key[i])
		return cv->tween_val[i];
#define MIX(ch) (gdImage##ch(im, bg) + (gdImage##ch(im, fg) - gdImage##ch(im, bg)) * level / TWEEN_LEVELS)
	c = gdImageColorResolve(im, MIX(Red), MIX(Green), MIX(Blue));
#undef MIX
	cv->tween_key[i] = key + 1;
	cv->tween_val[i] = c;
	return c;
}

static void blit(void *vctx, const struct glyph *g, int pen)
{
	struct draw_ctx *d = vctx;
	gdImagePtr im = d->cv->im;
	int gx = d->x + pen + g->left, gy = d->y - g->top, x, y, a, lv;

	for (y = 0; y < g->h; y++) {
		if (gy + y < 0 || gy + y >= gdImageSY(im))
			continue;
		for (x = 0; x < g->w; x++) {
			a = g->bits[y * g->w + x];
			lv = (a * TWEEN_LEVELS + 127) / 255;
			if (lv == 0 || gx + x < 0 || gx + x >= gdImageSX(im))
				continue;
			im->pixels[gy + y][gx + x] = (unsigned char)(lv == TWEEN_LEVELS ? d->fg :
				tween(d->cv, d->fg, im->pixels[gy + y][gx + x], lv));
		}
	}
	if (g->w && g->h) {
		if (gx < d->x0) d->x0 = gx;
		if (gy < d->y0) d->y0 = gy;
		if (gx + g->w - 1 > d->x1) d->x1 = gx + g->w - 1;
		if (gy + g->h - 1 > d->y1) d->y1 = gy + g->h - 1;
	}
}

int chart_ft_draw(struct chart_canvas *cv, int bold, int px, int x, int y, int fg,
		  const char *s, struct chart_box *box)
{
	struct draw_ctx d = {cv, x, y, fg, x, y, x, y};
	int w;

	if (walk(cv->fonts, bold, px, s, blit, &d, &w))
		return -1;
	box->x0 = d.x0;
	box->y0 = d.y0;
	box->x1 = d.x1 > x + w - 1 ? d.x1 : x + w - 1;
	box->y1 = d.y1;
	return 0;
}
