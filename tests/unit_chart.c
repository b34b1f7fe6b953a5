/* Charts: golden images for every kind at every size, glyph coverage of the Vietnamese
 * repertoire, alt text, CSV, keys, the broadcast graphics-safe area and the palette under
 * simulated colour-vision deficiencies. REGEN=1 rewrites tests/golden/charts/. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "chart.h"
#include "util.h"
#include "unit.h"

#define GOLDEN "tests/golden/charts"

static const struct chart_row ranking_rows[] = {
	{"Sở Tư pháp", 9375, 0, 0, 1, CHART_LEVEL_XANH, {0}},
	{"Sở Nông nghiệp và Môi trường", 8810, 0, 0, 2, CHART_LEVEL_VANG, {0}},
	{"Xã Đan Thượng", 7705, 0, 0, 3, CHART_LEVEL_CAM, {0}},
	{"Phường Thanh Miếu", 6420, 0, 0, 4, CHART_LEVEL_DO, {0}},
};
static const struct chart_row group_rows[] = {
	{"Công khai, minh bạch", 1650, 1800, 0, 0, CHART_LEVEL_XANH, {0}},
	{"Tiến độ giải quyết", 1700, 2000, 0, 0, CHART_LEVEL_VANG, {0}},
	{"Dịch vụ công trực tuyến", 900, 1200, 0, 0, CHART_LEVEL_CAM, {0}},
	{"Thanh toán trực tuyến", 310, 1000, 0, 0, CHART_LEVEL_DO, {0}},
	{"Mức độ hài lòng", 1790, 1800, 0, 0, CHART_LEVEL_XANH, {0}},
	{"Số hóa hồ sơ", 1588, 2200, 0, 0, CHART_LEVEL_CAM, {0}},
};
static const struct chart_row history_rows[] = {
	{"10/2025", 7812, 0, 0, 21, 0, {0}}, {"11/2025", 7954, 0, 0, 19, 0, {0}},
	{"12/2025", 8120, 0, 0, 17, 0, {0}}, {"01/2026", 8033, 0, 0, 18, 0, {0}},
	{"02/2026", 8310, 0, 0, 14, 0, {0}}, {"03/2026", 8475, 0, 0, 12, 0, {0}},
};
static const struct chart_row levels_rows[] = {
	{"10/2025", 0, 0, 0, 0, 0, {18, 30, 35, 37}}, {"11/2025", 0, 0, 0, 0, 0, {22, 31, 33, 34}},
	{"12/2025", 0, 0, 0, 0, 0, {26, 32, 31, 31}}, {"01/2026", 0, 0, 0, 0, 0, {30, 33, 29, 28}},
};
static const struct chart_row late_rows[] = {
	{"Đất đai", 293, 0, 0, 0, 0, {0}}, {"Hộ tịch", 120, 0, 0, 0, 0, {0}},
	{"Chứng thực", 64, 0, 0, 0, 0, {0}}, {"Xây dựng", 58, 0, 0, 0, 0, {0}},
	{"Cư trú", 41, 0, 0, 0, 0, {0}},
};
static const struct chart_row target_rows[] = {
	{"Hồ sơ nộp trực tuyến", 3590, 0, 5000, 0, 0, {0}},
	{"Thanh toán trực tuyến", 847, 0, 3000, 0, 0, {0}},
	{"Số hóa hồ sơ, kết quả", 6750, 0, 10000, 0, 0, {0}},
	{"Giải quyết đúng hạn", 10000, 0, 10000, 0, 0, {0}},
};

#define SET(k, t, u, rows) {k, t, u, "Tháng 10/2025", "Cổng Dịch vụ công quốc gia", \
	"CC BY 4.0", NULL, 10000, 34, rows, ARRAY_LEN(rows)}

static const struct chart charts[CHART_KINDS] = {
	SET(CHART_RANKING, "Xếp hạng sở, ban, ngành", "Tỉnh Phú Thọ", ranking_rows),
	SET(CHART_GROUPS, "Điểm theo nhóm chỉ số", "Sở Tư pháp", group_rows),
	SET(CHART_HISTORY, "Điểm và thứ hạng qua các tháng", "Tỉnh Phú Thọ", history_rows),
	SET(CHART_LEVELS_OVER_TIME, "Số đơn vị theo mức", "Tỉnh Phú Thọ", levels_rows),
	SET(CHART_LATE_BY, "Hồ sơ trễ hạn theo lĩnh vực", "Tỉnh Phú Thọ", late_rows),
	SET(CHART_TARGETS, "Kết quả so với mục tiêu", "Tỉnh Phú Thọ", target_rows),
};
static const char *const kind_names[CHART_KINDS] = {
	"ranking", "groups", "history", "levels", "late", "targets",
};

/* A mismatch leaves the new image in tests/out/charts/ to compare; if the change is
 * intended, `make regen` rewrites the golden files, to be looked at before committing. */
static void keep_actual(const struct buf *path, const struct buf *png)
{
	struct buf out = BUF_INIT, err = BUF_INIT;

	buf_printf(&out, "tests/out/charts/%s", strrchr(path->ptr, '/') + 1);
	if (mkdir_parents(out.ptr, &err) == 0 && file_write_atomic(out.ptr, png->ptr, png->len,
								  &err) == 0)
		printf("#   the new image: %s\n", out.ptr);
	buf_free(&out);
	buf_free(&err);
}

static void golden(struct chart_fonts *f, int regen)
{
	struct buf png = BUF_INIT, again = BUF_INIT, want = BUF_INIT, err = BUF_INIT;
	struct buf path = BUF_INIT;
	int k, z, same;

	if (regen)
		mkdir_p(GOLDEN, &err);
	for (k = 0; k < CHART_KINDS; k++)
		for (z = 0; z < CHART_SIZES; z++) {
			buf_reset(&path);
			buf_printf(&path, GOLDEN "/%s-%s.png", kind_names[k],
				   chart_size_name((enum chart_size)z));
			CHECK(chart_render(f, &charts[k], (enum chart_size)z, &png, &err) == 0,
			      "%s renders: %s", path.ptr, err.ptr);
			chart_render(f, &charts[k], (enum chart_size)z, &again, &err);
			CHECK(png.len == again.len && !memcmp(png.ptr, again.ptr, png.len),
			      "%s: same data, same bytes", path.ptr);
			if (regen)
				file_write_atomic(path.ptr, png.ptr, png.len, &err);
			same = file_read(path.ptr, &want, 0, &err) == 0 && want.len == png.len &&
			       !memcmp(want.ptr, png.ptr, png.len);
			CHECK(same, "%s matches the golden image", path.ptr);
			if (!same)
				keep_actual(&path, &png);
		}
	buf_free(&png);
	buf_free(&again);
	buf_free(&want);
	buf_free(&err);
	buf_free(&path);
}

static void sizes(struct chart_fonts *f)
{
	static const int want[CHART_SIZES][2] = {
		{400, 0}, {800, 0}, {1200, 630}, {1080, 1080}, {1920, 1080}};
	struct buf png = BUF_INIT, err = BUF_INIT;
	int z, w = 0, h = 0, w1 = 0, h1 = 0;

	for (z = 0; z < CHART_SIZES; z++) {
		chart_render(f, &charts[CHART_RANKING], (enum chart_size)z, &png, &err);
		CHECK(chart_png_size(&png, &w, &h) == 0 && w == want[z][0] &&
		      (want[z][1] == 0 || h == want[z][1]), "%s is %dx%d", chart_size_name(z), w, h);
		if (z == CHART_WEB) {
			w1 = w;
			h1 = h;
		}
		if (z == CHART_WEB_2X)
			CHECK(w == 2 * w1 && h == 2 * h1, "web@2x doubles web (%dx%d, %dx%d)",
			      w1, h1, w, h);
	}
	buf_free(&png);
	buf_free(&err);
}

/* Every Vietnamese letter with every tone, upper and lower case, composed to NFC. */
static void repertoire(struct buf *out)
{
	static const char *const vowels[] = {"a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u",
		"ư", "y", "A", "Ă", "Â", "E", "Ê", "I", "O", "Ô", "Ơ", "U", "Ư", "Y"};
	static const char *const tones[] = {"", "\xcc\x80", "\xcc\x81", "\xcc\x89", "\xcc\x83",
		"\xcc\xa3"};  /* none, huyền, sắc, hỏi, ngã, nặng (combining) */
	struct buf nfd = BUF_INIT;
	char *nfc;
	size_t v, t;

	for (v = 0; v < ARRAY_LEN(vowels); v++)
		for (t = 0; t < ARRAY_LEN(tones); t++)
			buf_printf(&nfd, "%s%s ", vowels[v], tones[t]);
	buf_adds(&nfd, "bcdđghklmnpqrstvx BCDĐGHKLMNPQRSTVX 0123456789 ,.:;()%/–·…");
	nfc = (char *)utf8proc_NFC((const utf8proc_uint8_t *)nfd.ptr);
	buf_sets(out, nfc);
	free(nfc);
	buf_free(&nfd);
}

static void glyphs(struct chart_fonts *f)
{
	struct buf all = BUF_INIT, missing = BUF_INIT, err = BUF_INIT, png = BUF_INIT;
	struct chart_row row = {NULL, 9000, 0, 0, 1, CHART_LEVEL_XANH, {0}};
	struct chart c = charts[CHART_RANKING];
	int k;

	repertoire(&all);
	CHECK(strstr(all.ptr, "ệ") && strstr(all.ptr, "Ỗ") && strstr(all.ptr, "ẫ") &&
	      strstr(all.ptr, "ặ"), "the repertoire holds the stacked letters ệ Ỗ ẫ ặ");
	/* The strings the renderer writes itself, and every test chart's text. */
	buf_adds(&all, "Xanh Vàng Cam Đỏ Nguồn: Giấy phép: Chưa có dữ liệu Đạt Chưa đạt "
		 "mục tiêu đơn vị khác mục khác Điểm Hạng (trên)");
	for (k = 0; k < CHART_KINDS; k++)
		buf_printf(&all, " %s %s %s", charts[k].title, charts[k].unit, charts[k].period);
	CHECK(chart_fonts_missing(f, all.ptr, &missing, &err) == 0 && missing.len == 0,
	      "Noto Sans Regular and Bold have every glyph (missing: %s)", missing.ptr);
	/* Rendering itself refuses a glyph the font lacks instead of drawing a box. */
	row.label = "Xã 東京";
	c.rows = &row;
	c.nrows = 1;
	CHECK(chart_render(f, &c, CHART_WEB, &png, &err) == -1 && strstr(err.ptr, "U+6771"),
	      "a missing glyph fails the render and names it: %s", err.ptr);
	/* And the whole repertoire renders, at the largest type. */
	row.label = all.ptr;
	CHECK(chart_render(f, &c, CHART_BROADCAST, &png, &err) == 0,
	      "the full repertoire renders: %s", err.ptr);
	buf_free(&all);
	buf_free(&missing);
	buf_free(&err);
	buf_free(&png);
}

static void nfd_input(struct chart_fonts *f)
{
	struct buf a = BUF_INIT, b = BUF_INIT, err = BUF_INIT;
	struct chart c = charts[CHART_LATE_BY];
	/* "Đất đai" with decomposed marks: the same picture as the composed text. */
	struct chart_row rows[ARRAY_LEN(late_rows)];

	memcpy(rows, late_rows, sizeof rows);
	rows[0].label = "\xc4\x90" "a\xcc\x82\xcc\x81t \xc4\x91" "ai";
	c.rows = rows;
	chart_render(f, &charts[CHART_LATE_BY], CHART_SOCIAL, &a, &err);
	chart_render(f, &c, CHART_SOCIAL, &b, &err);
	CHECK(a.len == b.len && !memcmp(a.ptr, b.ptr, a.len), "NFD text draws as NFC");
	rows[0].label = "bad \xff utf-8";
	CHECK(chart_render(f, &c, CHART_SOCIAL, &b, &err) == -1 && strstr(err.ptr, "UTF-8"),
	      "invalid UTF-8 fails: %s", err.ptr);
	c.nrows = 0;
	CHECK(chart_render(f, &c, CHART_WEB, &b, &err) == 0, "an empty chart renders");
	c.license = "";
	CHECK(chart_render(f, &c, CHART_WEB, &b, &err) == -1 && strstr(err.ptr, "no license"),
	      "a chart without licence is refused: %s", err.ptr);
	buf_free(&a);
	buf_free(&b);
	buf_free(&err);
}

/* EBU R 95 (2008): graphics inside 90% of width and height, centred; on 1920x1080 that
 * is x 96..1823, y 54..1025. Every other size: text inside the image. */
static void safe_area(struct chart_fonts *f)
{
	static const int margin[CHART_SIZES][2] = {{12, 12}, {24, 24}, {48, 34}, {54, 54},
						   {144, 81}};
	struct buf png = BUF_INIT, err = BUF_INIT;
	struct chart_box *boxes = NULL;
	size_t n = 0, i, bad;
	int k, z, w, h, x0, y0, x1, y1;

	for (k = 0; k < CHART_KINDS; k++)
		for (z = 0; z < CHART_SIZES; z++) {
			chart_render_boxes(f, &charts[k], (enum chart_size)z, &png, &boxes, &n, &err);
			chart_png_size(&png, &w, &h);
			/* The frame's own margins, less 2 px for glyphs overhanging their pen. */
			x0 = margin[z][0] - 2, y0 = margin[z][1] - 2;
			x1 = w - 1 - x0, y1 = h - 1 - y0;
			if (z == CHART_BROADCAST)
				x0 = 96, y0 = 54, x1 = 1823, y1 = 1025;
			for (i = 0, bad = 0; i < n; i++)
				bad += boxes[i].x0 < x0 || boxes[i].y0 < y0 || boxes[i].x1 > x1 ||
				       boxes[i].y1 > y1;
			CHECK(n > 5 && bad == 0, "%s %s: %zu texts, %zu outside %s", kind_names[k],
			      chart_size_name(z), n, bad,
			      z == CHART_BROADCAST ? "the EBU R 95 graphics-safe area" : "the margins");
			free(boxes);
			boxes = NULL;
		}
	buf_free(&png);
	buf_free(&err);
}

static void broadcast_type(struct chart_fonts *f)
{
	struct buf png = BUF_INIT, err = BUF_INIT;
	struct chart_box *boxes = NULL;
	size_t n = 0, i;
	int small = 1080;

	/* The ink height of the smallest text with an ascender/digit: at least 24 px
	 * (cap height of 32 px type), readable on television. */
	chart_render_boxes(f, &charts[CHART_HISTORY], CHART_BROADCAST, &png, &boxes, &n, &err);
	for (i = 0; i < n; i++)
		if (boxes[i].y1 - boxes[i].y0 + 1 < small)
			small = boxes[i].y1 - boxes[i].y0 + 1;
	CHECK(small >= 22, "smallest broadcast text is %d px tall", small);
	free(boxes);
	buf_free(&png);
	buf_free(&err);
}

/* Odd but valid input: one month, three years of months, missing strings and ranks, a
 * label longer than any line, zero values. Every size renders and keeps text in bounds. */
static void odd_inputs(struct chart_fonts *f)
{
	static char names[36][16];
	struct chart_row rows[36];
	struct chart c;
	struct buf png = BUF_INIT, err = BUF_INIT;
	struct chart_box *boxes = NULL;
	size_t n = 0, i, bad;
	int z, k, w, h;

	for (k = 0; k < CHART_KINDS; k++) {
		memset(rows, 0, sizeof rows);
		for (i = 0; i < 36; i++) {
			snprintf(names[i], sizeof names[i], "%02zu/%d", i % 12 + 1, 2024 + (int)i / 12);
			rows[i].label = i == 3 ? "Ủy ban nhân dân xã Đồng Lương, Thượng Long, Yên Lập, "
				"Phú Thọ, một tên rất dài không vừa một dòng" : names[i];
			rows[i].value = (long)(i * 283 % 10000);
			rows[i].max = 1000;
			rows[i].target = 5000;
			rows[i].rank = i % 5 ? (int)i : 0;
			rows[i].level = (enum chart_level)(i % 5);
			rows[i].counts[i % 4] = (long)i;
		}
		c = charts[k];
		c.rows = rows;
		c.value_max = 0;
		c.rank_of = 0;
		for (z = 0; z < CHART_SIZES; z++) {
			c.nrows = z == CHART_SOCIAL ? 1 : 36;
			bad = (size_t)chart_render_boxes(f, &c, (enum chart_size)z, &png, &boxes, &n,
							 &err);
			chart_png_size(&png, &w, &h);
			for (i = 0; i < n && bad == 0; i++)
				bad += boxes[i].x0 < 0 || boxes[i].y0 < 0 || boxes[i].x1 >= w ||
				       boxes[i].y1 >= h;
			CHECK(bad == 0, "odd %s input at %s renders in bounds (%s)", kind_names[k],
			      chart_size_name(z), err.ptr);
			free(boxes);
			boxes = NULL;
		}
	}
	buf_free(&png);
	buf_free(&err);
}

static void alt_text(void)
{
	struct buf b = BUF_INIT;

	chart_alt(&charts[CHART_RANKING], &b);
	CHECK(strstr(b.ptr, "Dẫn đầu là Sở Tư pháp với 93,75 điểm, mức Xanh") &&
	      strstr(b.ptr, "thấp nhất là Phường Thanh Miếu với 64,20 điểm, mức Đỏ") &&
	      strstr(b.ptr, "Xanh 1, Vàng 1, Cam 1, Đỏ 1"), "ranking alt: %s", b.ptr);
	buf_reset(&b);
	chart_alt(&charts[CHART_GROUPS], &b);
	CHECK(strstr(b.ptr, "cao nhất: Mức độ hài lòng") &&
	      strstr(b.ptr, "thấp nhất: Thanh toán trực tuyến (3,10/10 điểm, 31,00%)"),
	      "groups alt: %s", b.ptr);
	buf_reset(&b);
	chart_alt(&charts[CHART_HISTORY], &b);
	CHECK(strstr(b.ptr, "điểm tăng từ 78,12 (10/2025) đến 84,75 (03/2026)") &&
	      strstr(b.ptr, "Hạng cải thiện từ 21 lên 12 trên 34"), "history alt: %s", b.ptr);
	buf_reset(&b);
	chart_alt(&charts[CHART_LEVELS_OVER_TIME], &b);
	CHECK(strstr(b.ptr, "tháng 01/2026 có 30 đơn vị mức Xanh") &&
	      strstr(b.ptr, "mức Xanh tăng 12, mức Đỏ giảm 9"), "levels alt: %s", b.ptr);
	buf_reset(&b);
	chart_alt(&charts[CHART_LATE_BY], &b);
	CHECK(strstr(b.ptr, "tổng 576 hồ sơ trễ hạn; nhiều nhất là Đất đai với 293 hồ sơ (50,87%)"),
	      "late alt: %s", b.ptr);
	buf_reset(&b);
	chart_alt(&charts[CHART_TARGETS], &b);
	CHECK(strstr(b.ptr, "đạt 1 trên 4 mục tiêu. Xa mục tiêu nhất: Số hóa hồ sơ, kết quả, "
		     "67,50% so với mục tiêu 100%"), "targets alt: %s", b.ptr);
	CHECK(strncmp(b.ptr, "Kết quả so với mục tiêu, Tỉnh Phú Thọ, Tháng 10/2025: ", 60) == 0,
	      "alt names title, unit and period");
	buf_free(&b);
}

static void csv(void)
{
	struct buf b = BUF_INIT;
	struct chart c = charts[CHART_RANKING];
	struct chart_row r = {"Sở \"Văn hóa\", Thể thao", 9000, 0, 0, 1, CHART_LEVEL_XANH, {0}};

	chart_csv(&charts[CHART_RANKING], &b);
	CHECK_STR(b.ptr, "Hạng,Đơn vị,Điểm,Mức\n1,Sở Tư pháp,93.75,Xanh\n"
		  "2,Sở Nông nghiệp và Môi trường,88.10,Vàng\n3,Xã Đan Thượng,77.05,Cam\n"
		  "4,Phường Thanh Miếu,64.20,Đỏ\n", "ranking CSV");
	buf_reset(&b);
	chart_csv(&charts[CHART_TARGETS], &b);
	CHECK_STR(b.ptr, "Chỉ tiêu,Thực hiện (%),Mục tiêu (%),Đánh giá\n"
		  "Hồ sơ nộp trực tuyến,35.90,50.00,Chưa đạt\n"
		  "Thanh toán trực tuyến,8.47,30.00,Chưa đạt\n"
		  "\"Số hóa hồ sơ, kết quả\",67.50,100.00,Chưa đạt\n"
		  "Giải quyết đúng hạn,100.00,100.00,Đạt\n", "targets CSV, comma quoted");
	buf_reset(&b);
	chart_csv(&charts[CHART_LEVELS_OVER_TIME], &b);
	CHECK(strncmp(b.ptr, "Tháng,Xanh,Vàng,Cam,Đỏ,Tổng\n10/2025,18,30,35,37,120\n", 51) == 0,
	      "levels CSV");
	buf_reset(&b);
	chart_csv(&charts[CHART_HISTORY], &b);
	CHECK(strncmp(b.ptr, "Tháng,Điểm,Hạng,Số đơn vị xếp hạng\n10/2025,78.12,21,34\n", 40) == 0,
	      "history CSV");
	buf_reset(&b);
	c.rows = &r;
	c.nrows = 1;
	chart_csv(&c, &b);
	CHECK_STR(b.ptr, "Hạng,Đơn vị,Điểm,Mức\n1,\"Sở \"\"Văn hóa\"\", Thể thao\",90.00,Xanh\n",
		  "quotes doubled");
	buf_free(&b);
}

static void keys(struct chart_fonts *f)
{
	struct chart c = charts[CHART_GROUPS];
	struct chart_row rows[ARRAY_LEN(group_rows)];
	char a[65], b[65];

	memcpy(rows, group_rows, sizeof rows);
	c.rows = rows;
	chart_key(f, &charts[CHART_GROUPS], CHART_SOCIAL, a);
	chart_key(f, &c, CHART_SOCIAL, b);
	CHECK(strcmp(a, b) == 0 && strlen(a) == 64, "same data, same key");
	rows[3].value++;
	chart_key(f, &c, CHART_SOCIAL, b);
	CHECK(strcmp(a, b) != 0, "a changed value changes the key");
	rows[3].value--;
	rows[3].level = CHART_LEVEL_CAM;
	chart_key(f, &c, CHART_SOCIAL, b);
	CHECK(strcmp(a, b) != 0, "a changed level changes the key");
	rows[3].level = group_rows[3].level;
	c.period = "Tháng 11/2025";
	chart_key(f, &c, CHART_SOCIAL, b);
	CHECK(strcmp(a, b) != 0, "a changed period changes the key");
	c.period = charts[CHART_GROUPS].period;
	chart_key(f, &c, CHART_SQUARE, b);
	CHECK(strcmp(a, b) != 0, "another size, another key");
	chart_key(f, &c, CHART_SOCIAL, b);
	CHECK(strcmp(a, b) == 0, "restored data, the first key again");
}

/* The build's skip: the same data is not drawn again; changed data is. */
static void write_skip(struct chart_fonts *f)
{
	struct chart c = charts[CHART_LATE_BY];
	struct chart_row rows[ARRAY_LEN(late_rows)];
	struct buf err = BUF_INIT, a = BUF_INIT, b = BUF_INIT;
	const char *png = "tests/out/chart-write/a/late.png", *key = "tests/out/chart-write/k/late";

	memcpy(rows, late_rows, sizeof rows);
	c.rows = rows;
	remove(png);
	remove(key);
	CHECK(chart_write(f, &c, CHART_WEB, png, key, &err) == 1, "first write draws: %s",
	      err.ptr);
	file_read(png, &a, 0, &err);
	CHECK(chart_write(f, &c, CHART_WEB, png, key, &err) == 0, "same data: not redrawn");
	rows[1].value++;
	CHECK(chart_write(f, &c, CHART_WEB, png, key, &err) == 1, "changed data: redrawn");
	file_read(png, &b, 0, &err);
	CHECK(a.len && (a.len != b.len || memcmp(a.ptr, b.ptr, a.len)), "with the new picture");
	remove(png);
	CHECK(chart_write(f, &c, CHART_WEB, png, key, &err) == 1, "a deleted image is redrawn");
	buf_free(&err);
	buf_free(&a);
	buf_free(&b);
}

/* ---- The palette under colour-vision deficiencies ---- */

static double lin(unsigned char c)
{
	double v = c / 255.0;

	return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

static double lab_f(double t)
{
	return t > 0.008856 ? cbrt(t) : 7.787 * t + 16.0 / 116;
}

static void to_lab(const double rgb[3], double lab[3])
{
	double x = 0.4124 * rgb[0] + 0.3576 * rgb[1] + 0.1805 * rgb[2];
	double y = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
	double z = 0.0193 * rgb[0] + 0.1192 * rgb[1] + 0.9505 * rgb[2];

	lab[0] = 116 * lab_f(y) - 16;
	lab[1] = 500 * (lab_f(x / 0.95047) - lab_f(y));
	lab[2] = 200 * (lab_f(y) - lab_f(z / 1.08883));
}

/* Machado, Oliveira and Fernandes (2009), severity 1.0, on linear RGB. */
static const double cvd[4][3][3] = {
	{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}},
	{{0.152286, 1.052583, -0.204868}, {0.114503, 0.786281, 0.099216},
	 {-0.003882, -0.048116, 1.051998}},
	{{0.367322, 0.860646, -0.227968}, {0.280085, 0.672501, 0.047413},
	 {-0.011820, 0.042940, 0.968881}},
	{{1.255528, -0.076749, -0.178779}, {-0.078411, 0.930809, 0.147602},
	 {0.004733, 0.691367, 0.303900}},
};
static const char *const cvd_names[4] = {"normal vision", "protanopia", "deuteranopia",
	"tritanopia"};

static void simulate(int m, enum chart_level lv, double lab[3])
{
	unsigned char rgb[3];
	double l[3], s[3];
	int i;

	chart_level_rgb(lv, rgb);
	for (i = 0; i < 3; i++)
		l[i] = lin(rgb[i]);
	for (i = 0; i < 3; i++) {
		s[i] = cvd[m][i][0] * l[0] + cvd[m][i][1] * l[1] + cvd[m][i][2] * l[2];
		s[i] = s[i] < 0 ? 0 : s[i] > 1 ? 1 : s[i];
	}
	to_lab(s, lab);
}

static void palette(void)
{
	double a[3], b[3], d, worst;
	int m, i, j;

	for (m = 0; m < 4; m++) {
		worst = 1e9;
		for (i = CHART_LEVEL_XANH; i <= CHART_LEVEL_DO; i++)
			for (j = i + 1; j <= CHART_LEVEL_DO; j++) {
				simulate(m, (enum chart_level)i, a);
				simulate(m, (enum chart_level)j, b);
				d = sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) +
					 (a[2] - b[2]) * (a[2] - b[2]));
				if (d < worst)
					worst = d;
			}
		CHECK(worst >= 20, "levels stay apart under %s (closest pair ΔE76 %.1f)",
		      cvd_names[m], worst);
	}
	CHECK(!strcmp(chart_level_word(CHART_LEVEL_XANH), "Xanh") &&
	      !strcmp(chart_level_word(CHART_LEVEL_VANG), "Vàng") &&
	      !strcmp(chart_level_word(CHART_LEVEL_CAM), "Cam") &&
	      !strcmp(chart_level_word(CHART_LEVEL_DO), "Đỏ"), "levels have their words");
}

/* A ranking of 4,000 units draws CHART_BARS_MAX rows at most, the middle elided, at every
 * size: the national scale's commune ranking had made an image 312,590 pixels tall. */
static void long_list(struct chart_fonts *f)
{
	enum { N = 4000 };
	static char names[N][40];
	struct chart_row *rows = calloc(N, sizeof *rows);
	struct chart c = charts[0];
	struct buf png = BUF_INIT, err = BUF_INIT;
	struct chart_box *boxes = NULL;
	size_t i, n = 0;
	int z, w, h, w1, h1;

	for (i = 0; i < N; i++) {
		snprintf(names[i], sizeof names[i], "Ủy ban nhân dân xã Số %zu", i + 1);
		rows[i].label = names[i];
		rows[i].value = (long)(10000 - i * 2);
		rows[i].rank = (int)i + 1;
		rows[i].level = (enum chart_level)(1 + i % 4);
	}
	c.rows = rows;
	for (z = 0; z < CHART_SIZES; z++) {
		c.nrows = N;
		CHECK(chart_render_boxes(f, &c, (enum chart_size)z, &png, &boxes, &n, &err) == 0 &&
		      chart_png_size(&png, &w, &h) == 0, "%s: 4,000 rows render",
		      chart_size_name((enum chart_size)z));
		free(boxes);
		boxes = NULL;
		c.nrows = CHART_BARS_MAX;
		CHECK(chart_render(f, &c, (enum chart_size)z, &png, &err) == 0 &&
		      chart_png_size(&png, &w1, &h1) == 0 && w1 == w && h1 == h,
		      "%s: 4,000 rows take the room of %d (%dx%d)",
		      chart_size_name((enum chart_size)z), CHART_BARS_MAX, w, h);
		CHECK((long)w * h <= 16777216L, "%s: %dx%d, under 16.7 million pixels",
		      chart_size_name((enum chart_size)z), w, h);
	}
	buf_free(&png);
	buf_free(&err);
	free(rows);
}

int main(void)
{
	struct chart_fonts f;
	struct buf err = BUF_INIT;
	const char *regen = getenv("REGEN");

	if (chart_fonts_init(&f, NULL, &err)) {
		CHECK(0, "fonts: %s", err.ptr);
		return UNIT_DONE();
	}
	CHECK(1, "Noto Sans found");
	golden(&f, regen && *regen == '1');
	sizes(&f);
	glyphs(&f);
	nfd_input(&f);
	safe_area(&f);
	broadcast_type(&f);
	odd_inputs(&f);
	long_list(&f);
	alt_text();
	csv();
	keys(&f);
	write_skip(&f);
	palette();
	chart_fonts_free(&f);
	chart_fonts_free(NULL);
	buf_free(&err);
	return UNIT_DONE();
}
