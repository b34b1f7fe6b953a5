/* chart: fonts, output sizes, the frame every chart shares (title, unit and period above;
 * source and licence below, so a cropped image still says what it shows), and the key. */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "chart_int.h"
#include "num.h"
#include "util.h"

/* Bump when the drawing changes, so every chart's key changes and the build redraws. */
#define CHART_RENDERER_VERSION "chart-3"

#define NOTO_DIR "/usr/share/fonts/truetype/noto"

/* Type sizes per output. Web 1x is 400 px wide so that, scaled to a 360 px phone's column
 * (~340 px), 14 px text still reads at about 12 CSS px; web@2x is the same layout drawn
 * at zoom 2, exactly twice the size, so srcset can swap them.
 * Broadcast: EBU R 95 (2008), "Safe areas for 16:9 television production", puts all
 * graphics inside the graphics-safe area, 90% of the width and height centred: 5% in
 * from each edge, x 96..1823 and y 54..1025 on 1920x1080. Our margins (144, 81) sit
 * inside it with room to spare; the smallest broadcast type is 32 px, 3% of the picture
 * height, which stays readable on a television across a room. */
static const struct chart_frame frames[CHART_SIZES] = {
	[CHART_WEB] = {400, 0, 12, 12, 18, 14, 14, 13, 1, 1, 6},
	[CHART_WEB_2X] = {400, 0, 12, 12, 18, 14, 14, 13, 1, 2, 6},
	[CHART_SOCIAL] = {1200, 630, 48, 34, 38, 26, 24, 20, 2, 1, 6},
	[CHART_SQUARE] = {1080, 1080, 54, 54, 42, 30, 28, 22, 2, 1, 3},
	[CHART_BROADCAST] = {1920, 1080, 144, 81, 60, 42, 36, 32, 3, 1, 3},
};

static const char *const size_names[CHART_SIZES] = {
	"web", "web@2x", "social", "square", "broadcast",
};

const char *chart_size_name(enum chart_size size)
{
	return (unsigned)size < CHART_SIZES ? size_names[size] : "?";
}

const char *chart_level_word(enum chart_level level)
{
	static const char *const words[] = {"", "Xanh", "Vàng", "Cam", "Đỏ"};

	return (unsigned)level <= CHART_LEVEL_DO ? words[level] : "";
}

static int font_part(const char *dir, const char *name, char **path, struct buf *sum,
		     struct buf *err)
{
	struct buf data = BUF_INIT;
	char hex[65];

	*path = xmalloc(strlen(dir) + strlen(name) + 2);
	sprintf(*path, "%s/%s", dir, name);
	if (file_read(*path, &data, 64u << 20, err)) {
		buf_free(&data);
		return err_prefix(err, "chart fonts (install fonts-noto-core)");
	}
	sha256_hex(data.ptr, data.len, hex);
	buf_adds(sum, hex);
	buf_free(&data);
	return 0;
}

int chart_fonts_init(struct chart_fonts *f, const char *dir, struct buf *err)
{
	struct buf sum = BUF_INIT;
	int rc = -1;

	memset(f, 0, sizeof *f);
	if (!dir)
		dir = NOTO_DIR;
	if (font_part(dir, "NotoSans-Regular.ttf", &f->regular, &sum, err) ||
	    font_part(dir, "NotoSans-Bold.ttf", &f->bold, &sum, err))
		goto out;
	sha256_hex(sum.ptr, sum.len, f->sha);
	if (chart_ft_open(f, err))
		goto out;
	rc = 0;
out:
	buf_free(&sum);
	if (rc)
		chart_fonts_free(f);
	return rc;
}

void chart_fonts_free(struct chart_fonts *f)
{
	if (!f)
		return;
	chart_ft_close(f);
	free(f->regular);
	free(f->bold);
	f->regular = f->bold = NULL;
}

int chart_fonts_missing(struct chart_fonts *f, const char *utf8, struct buf *missing,
			struct buf *err)
{
	char *n = (char *)utf8proc_NFC((const utf8proc_uint8_t *)utf8);
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)n;
	utf8proc_int32_t cp;
	utf8proc_ssize_t len;

	if (!n)
		return err_set(err, "chart: text is not valid UTF-8: \"%.40s\"", utf8);
	for (; *p; p += len) {
		len = utf8proc_iterate(p, -1, &cp);
		if (len <= 0)
			break;
		if (cp > 0x20 && (!chart_ft_has(f, 0, (unsigned long)cp) ||
				  !chart_ft_has(f, 1, (unsigned long)cp)))
			buf_printf(missing, "U+%04X ", (unsigned)cp);
	}
	free(n);
	return 0;
}

static const char *str(const char *s)
{
	return s ? s : "";
}

static void subtitle(const struct chart *c, struct buf *b)
{
	buf_sets(b, str(c->unit));
	if (c->unit && *c->unit && c->period && *c->period)
		buf_adds(b, " · ");
	buf_adds(b, str(c->period));
}

/* Source and licence on one line when they fit, else each on its own lines, so the
 * licence's name is never split. */
static int footer(struct chart_canvas *cv, int y, int draw)
{
	const struct chart_frame *fr = cv->fr;
	struct buf src = BUF_INIT, lic = BUF_INIT, one = BUF_INIT;
	int tw = fr->w - 2 * fr->mx;

	buf_printf(&src, "Nguồn: %s", str(cv->chart->source));
	buf_printf(&lic, "Giấy phép: %s", str(cv->chart->license));
	buf_printf(&one, "%s · %s", src.ptr, lic.ptr);
	if (chart_text_width(cv, 0, fr->small, one.ptr) <= tw) {
		y = chart_text_wrap(cv, 0, fr->small, fr->mx, y, tw, CC_MUTED, one.ptr, draw);
	} else {
		y = chart_text_wrap(cv, 0, fr->small, fr->mx, y, tw, CC_MUTED, src.ptr, draw);
		y = chart_text_wrap(cv, 0, fr->small, fr->mx, y, tw, CC_MUTED, lic.ptr, draw);
	}
	buf_free(&src);
	buf_free(&lic);
	buf_free(&one);
	return y;
}

/* Heights of the block above the plot and the block below it. */
static void frame_blocks(struct chart_canvas *cv, const struct chart *c, int *head,
			 int *foot)
{
	const struct chart_frame *fr = cv->fr;
	struct buf b = BUF_INIT;
	int tw = fr->w - 2 * fr->mx, y;

	y = chart_text_wrap(cv, 1, fr->title, 0, 0, tw, CC_TEXT, str(c->title), 0);
	subtitle(c, &b);
	y = chart_text_wrap(cv, 0, fr->sub, 0, y, tw, CC_TEXT, b.ptr, 0);
	*head = y + fr->body / 2;
	*foot = footer(cv, 0, 0) + fr->small;
	buf_free(&b);
}

static void draw_frame(struct chart_canvas *cv, const struct chart *c, int foot)
{
	const struct chart_frame *fr = cv->fr;
	struct buf b = BUF_INIT;
	int tw = fr->w - 2 * fr->mx, y, h = cv->h;

	y = chart_text_wrap(cv, 1, fr->title, fr->mx, fr->my, tw, CC_TEXT, str(c->title), 1);
	subtitle(c, &b);
	chart_text_wrap(cv, 0, fr->sub, fr->mx, y, tw, CC_TEXT, b.ptr, 1);
	y = h - fr->my - foot + fr->small;
	chart_line(cv, fr->mx, y - fr->small / 2, fr->w - fr->mx, y - fr->small / 2, CC_GRID,
		   fr->unit);
	footer(cv, y, 1);
	buf_free(&b);
}

static void draw_empty(struct chart_canvas *cv, struct chart_rect_area a)
{
	chart_text(cv, 0, cv->fr->body, (a.x0 + a.x1) / 2, (a.y0 + a.y1) / 2, CC_MUTED,
		   CHART_CENTER, "Chưa có dữ liệu");
}

/* An image must still say what it shows when cropped out of its page. */
static int check_labels(const struct chart *c, struct buf *err)
{
	static const char *const names[] = {"title", "unit", "period", "source", "license"};
	const char *v[5];
	size_t i;

	v[0] = c->title, v[1] = c->unit, v[2] = c->period, v[3] = c->source, v[4] = c->license;
	for (i = 0; i < ARRAY_LEN(names); i++)
		if (!v[i] || !*v[i])
			return err_set(err, "chart \"%s\": no %s, expected every chart to name its "
				       "title, unit, period, source and licence", str(c->title),
				       names[i]);
	return 0;
}

/* Everything chart_render needs, computed once: the canvas is measured before the image
 * exists, because web heights follow the content. */
static int layout(struct chart_canvas *cv, const struct chart *c, enum chart_size size,
		  int *head, int *foot, int *h)
{
	const struct chart_frame *fr = &frames[size];
	const struct chart_kind_ops *ops = chart_kind_ops(c->kind);

	cv->fr = fr;
	cv->chart = c;
	frame_blocks(cv, c, head, foot);
	*h = fr->h;
	if (!*h)
		*h = fr->my + *head + (c->nrows ? ops->plot_height(cv, c) : 3 * fr->body) +
		     *foot + fr->my;
	return cv->failed ? -1 : 0;
}

int chart_render_boxes(struct chart_fonts *f, const struct chart *c,
		       enum chart_size size, struct buf *png, struct chart_box **boxes,
		       size_t *nboxes, struct buf *err)
{
	struct chart_canvas cv;
	struct chart_rect_area a;
	int head, foot, h, rc = -1;

	memset(&cv, 0, sizeof cv);
	if ((unsigned)c->kind >= CHART_KINDS || (unsigned)size >= CHART_SIZES)
		return err_set(err, "chart: unknown kind %d or size %d", (int)c->kind, (int)size);
	if (check_labels(c, err))
		return -1;
	cv.fonts = f;
	cv.err = err;
	if (layout(&cv, c, size, &head, &foot, &h) ||
	    chart_canvas_open(&cv, f, &frames[size], h, err))
		goto out;
	cv.record = boxes != NULL;
	cv.chart = c;
	draw_frame(&cv, c, foot);
	a.x0 = cv.fr->mx;
	a.x1 = cv.fr->w - cv.fr->mx - 1;
	a.y0 = cv.fr->my + head;
	a.y1 = h - cv.fr->my - foot - 1;
	if (c->nrows)
		chart_kind_ops(c->kind)->draw(&cv, c, a);
	else
		draw_empty(&cv, a);
	if (cv.failed || chart_canvas_png(&cv, png, err))
		goto out;
	if (boxes) {
		*boxes = cv.boxes;
		*nboxes = cv.nboxes;
		cv.boxes = NULL;
	}
	rc = 0;
out:
	chart_canvas_close(&cv);
	return rc;
}

int chart_measure(struct chart_fonts *f, const struct chart *c, enum chart_size size,
		  int *w, int *h, struct buf *err)
{
	struct chart_canvas cv;
	int head, foot, lh, z;

	memset(&cv, 0, sizeof cv);
	if ((unsigned)c->kind >= CHART_KINDS || (unsigned)size >= CHART_SIZES)
		return err_set(err, "chart: unknown kind %d or size %d", (int)c->kind, (int)size);
	if (check_labels(c, err))
		return -1;
	cv.fonts = f;
	cv.err = err;
	if (layout(&cv, c, size, &head, &foot, &lh))
		return -1;
	z = frames[size].zoom > 1 ? frames[size].zoom : 1;
	*w = frames[size].w * z;
	*h = lh * z;
	return 0;
}

int chart_render(struct chart_fonts *f, const struct chart *c, enum chart_size size,
		 struct buf *png, struct buf *err)
{
	return chart_render_boxes(f, c, size, png, NULL, NULL, err);
}

/* The key's text is that of "%zu:%s\n" and "%ld %ld …\n" (keys in build caches stay
 * valid), made without printf: a national build computes tens of thousands of keys, and
 * printf was two thirds of their time (callgrind). */
static void key_str(struct buf *b, const char *s)
{
	size_t n = strlen(str(s));

	/* Length-prefixed, so ("ab", "c") and ("a", "bc") differ. */
	num_add_int(b, (long long)n);
	buf_addc(b, ':');
	buf_add(b, str(s), n);
	buf_addc(b, '\n');
}

static void key_nums(struct buf *b, const long long *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i)
			buf_addc(b, ' ');
		num_add_int(b, v[i]);
	}
	buf_addc(b, '\n');
}

void chart_key(const struct chart_fonts *f, const struct chart *c, enum chart_size size,
	       char hex[65])
{
	struct buf b = BUF_INIT;
	size_t i;

	buf_printf(&b, "%s gd %s fonts %s ", CHART_RENDERER_VERSION, GD_VERSION_STRING, f->sha);
	chart_ft_version(f, &b);
	buf_addc(&b, '\n');
	buf_printf(&b, "kind %d size %d max %ld of %d\n", (int)c->kind, (int)size, c->value_max,
		   c->rank_of);
	key_str(&b, c->title);
	key_str(&b, c->unit);
	key_str(&b, c->period);
	key_str(&b, c->source);
	key_str(&b, c->license);
	key_str(&b, c->label_head);
	if (c->nrows > CHART_BARS_MAX)  /* drawn elided since; shorter charts kept their keys */
		buf_printf(&b, "bars at most %d\n", CHART_BARS_MAX);
	for (i = 0; i < c->nrows; i++) {
		const struct chart_row *r = &c->rows[i];
		long long v[] = { r->value, r->max, r->target, r->rank, (int)r->level,
				  r->counts[0], r->counts[1], r->counts[2], r->counts[3] };

		key_str(&b, r->label);
		key_nums(&b, v, ARRAY_LEN(v));
	}
	sha256_hex(b.ptr, b.len, hex);
	buf_free(&b);
}

static int key_unchanged(const char *png_path, const char *key_path, const char *hex)
{
	struct buf old = BUF_INIT, err = BUF_INIT;
	int same;

	same = file_exists(png_path) && file_read(key_path, &old, 256, &err) == 0;
	buf_rtrim(&old);
	same = same && strcmp(old.ptr, hex) == 0;
	buf_free(&old);
	buf_free(&err);
	return same;
}

int chart_write(struct chart_fonts *f, const struct chart *c, enum chart_size size,
		const char *png_path, const char *key_path, struct buf *err)
{
	struct buf png = BUF_INIT;
	char hex[65], line[66];
	int rc = -1;

	chart_key(f, c, size, hex);
	if (key_unchanged(png_path, key_path, hex))
		return 0;
	snprintf(line, sizeof line, "%s\n", hex);
	if (chart_render(f, c, size, &png, err) ||
	    mkdir_parents(png_path, err) || file_write_atomic(png_path, png.ptr, png.len, err) ||
	    mkdir_parents(key_path, err) || file_write_atomic(key_path, line, 65, err))
		goto out;
	rc = 1;
out:
	buf_free(&png);
	return rc;
}

int chart_png_size(const struct buf *png, int *w, int *h)
{
	const unsigned char *p = (const unsigned char *)png->ptr;

	if (png->len < 24 || memcmp(p, "\x89PNG\r\n\x1a\n", 8) || memcmp(p + 12, "IHDR", 4))
		return -1;
	*w = (int)((unsigned)p[16] << 24 | (unsigned)p[17] << 16 | (unsigned)p[18] << 8 | p[19]);
	*h = (int)((unsigned)p[20] << 24 | (unsigned)p[21] << 16 | (unsigned)p[22] << 8 | p[23]);
	return 0;
}
