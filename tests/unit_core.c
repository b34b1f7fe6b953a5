/* Unit tests of the pure functions under the store: decimals, dates, text, INI, CSV. */
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

#include <qrencode.h>
#include <utf8proc.h>

#include "buf.h"
#include "config.h"
#include "csvin.h"
#include "date.h"
#include "derive.h"
#include "ini.h"
#include "md.h"
#include "num.h"
#include "qr.h"
#include "text.h"
#include "unit.h"
#include "util.h"

static void test_num(void)
{
	static const struct { const char *in; int ok; long v; } cases[] = {
		{ "93.75", 1, 9375 }, { "93,75", 1, 9375 }, { "7", 1, 700 }, { "0.5", 1, 50 },
		{ " 18 ", 1, 1800 }, { "-1.25", 1, -125 }, { "17.755", 0, 0 }, { "", 0, 0 },
		{ "1,234", 0, 0 }, { "abc", 0, 0 }, { "1.", 0, 0 }, { ".5", 0, 0 }, { "1e3", 0, 0 },
	};
	struct buf b = BUF_INIT;
	size_t i;
	long v = 0;

	for (i = 0; i < ARRAY_LEN(cases); i++) {
		int ok = num_parse_centi(cases[i].in, &v) == 0;

		CHECK(ok == cases[i].ok && (!ok || v == cases[i].v), "num_parse_centi(\"%s\")",
		      cases[i].in);
	}
	CHECK(num_double_centi(4.32, &v) == 0 && v == 432, "4.32 as a double is 432 hundredths");

	CHECK(num_double_centi(0.1 + 0.2, &v) == 0 && v == 30, "0.1+0.2 is 30 hundredths");
	CHECK(num_double_centi(1.234, &v) < 0, "three decimals are refused, not rounded");
	num_add_centi(&b, 9350);
	CHECK_STR(b.ptr, "93.50", "num_add_centi keeps two decimals");
	buf_reset(&b);
	num_add_centi_vi(&b, -5);
	CHECK_STR(b.ptr, "-0,05", "num_add_centi_vi writes a decimal comma");
	buf_free(&b);
}

/* The fast decimal writers against printf. */
static void test_num_write(void)
{
	static const long long ints[] = { 0, 7, -7, 10, 99, -100, 123456789,
					  9223372036854775807LL, -9223372036854775807LL - 1 };
	static const long centis[] = { 0, 5, -5, 100, 9375, -9375, 1234567, LONG_MAX,
				       LONG_MIN };
	struct buf b = BUF_INIT;
	char want[64];
	size_t i, bad = 0;

	for (i = 0; i < sizeof ints / sizeof *ints; i++) {
		buf_reset(&b);
		num_add_int(&b, ints[i]);
		snprintf(want, sizeof want, "%lld", ints[i]);
		bad += strcmp(b.ptr, want) != 0;
	}
	CHECK(bad == 0, "num_add_int writes what %%lld writes, to both extremes");
	for (i = bad = 0; i < sizeof centis / sizeof *centis; i++) {
		unsigned long a = centis[i] < 0 ? (unsigned long)-(centis[i] + 1) + 1 :
				  (unsigned long)centis[i];

		buf_reset(&b);
		num_add_centi(&b, centis[i]);
		snprintf(want, sizeof want, "%s%lu.%02lu", centis[i] < 0 ? "-" : "", a / 100,
			 a % 100);
		bad += strcmp(b.ptr, want) != 0;
	}
	CHECK(bad == 0, "num_add_centi writes hundredths exactly, to both extremes");
	buf_free(&b);
}

static void test_dates(void)
{
	char out[11], m[8];
	int d = 0, d2 = 0;

	CHECK(date_parse("2025-10-03", &d) == 0 && date_parse("03/10/2025", &d2) == 0 && d == d2,
	      "ISO and Vietnamese dates agree");
	date_format(d, out);
	CHECK_STR(out, "2025-10-03", "date_format");
	CHECK(date_parse("2024-02-29", &d) == 0, "a leap day");
	CHECK(date_parse("2025-02-29", &d) < 0, "no 29 February 2025");
	CHECK(date_parse("31/04/2025", &d) < 0, "no 31 April");
	CHECK(date_parse("2025-10-03x", &d) < 0, "trailing text refused");
	CHECK(date_from_ymd(1970, 1, 1) == 0, "day 0 is 1970-01-01");
	CHECK(month_parse("10/2025", m) == 0 && !strcmp(m, "2025-10"), "MM/YYYY month");
	CHECK(month_parse("2025-13", m) < 0, "month 13 refused");
	month_add("2025-01", -1, m);
	CHECK_STR(m, "2024-12", "month before January");
	month_add("2025-12", 1, m);
	CHECK_STR(m, "2026-01", "month after December");
	date_format(month_last_day("2024-02"), out);
	CHECK_STR(out, "2024-02-29", "last day of a leap February");
}

static void test_text(void)
{
	struct buf b = BUF_INIT;
	/* "Đăng ký kết hôn" decomposed (NFD): the marks as combining characters */
	const char *nfd = "\xC4\x90" "a\xCC\x86\xCC\x80ng ky\xCC\x81 ke\xCC\x82\xCC\x81t ho\xCC\x82n";

	CHECK(text_nfc(nfd, strlen(nfd), &b) == 0, "NFD text normalises");
	CHECK_STR(b.ptr, "Đằng ký kết hôn", "NFC composes the stacked marks");
	buf_reset(&b);
	text_fold("Đăng ký  KẾT-hôn", &b);
	CHECK_STR(b.ptr, "dang ky ket hon", "folding drops marks, maps đ to d, joins spaces");
	buf_reset(&b);
	text_fold("Mã TTHC", &b);
	CHECK_STR(b.ptr, "ma tthc", "header folding");
	buf_reset(&b);
	text_fold("hòa", &b);
	CHECK_STR(b.ptr, "hoa", "old tone placement folds the same");
	buf_reset(&b);
	text_slug("H44.01", &b);
	CHECK_STR(b.ptr, "h44-01", "unit slug");
	CHECK(!text_valid_utf8("\xC3\x28", 2), "invalid UTF-8 detected");
	{
		/* text_valid_utf8 has its own decoder: it must agree with utf8proc's rules
		 * (RFC 3629) on each kind of bad sequence, and refuse NUL */
		static const struct { const char *s; size_t n; int ok; } u[] = {
			{ "Đăng ký kết hôn", 0, 1 }, { "\xF0\x9F\x98\x80 4 bytes", 0, 1 },
			{ "\xEF\xBF\xBF", 0, 1 }, { "\xF4\x8F\xBF\xBF", 0, 1 }, { "", 0, 1 },
			{ "\xC0\x80", 0, 0 }, { "\xC1\xBF", 0, 0 },      /* overlong */
			{ "\xE0\x9F\xBF", 0, 0 }, { "\xF0\x8F\xBF\xBF", 0, 0 },
			{ "\xED\xA0\x80", 0, 0 },                          /* surrogate */
			{ "\xF4\x90\x80\x80", 0, 0 }, { "\xF5\x80\x80\x80", 0, 0 },
			{ "k\xE1\xBB", 0, 0 }, { "\x80", 0, 0 }, { "a\xFF", 0, 0 },
			{ "a\0b", 3, 0 },                                     /* NUL */
		};
		size_t i;

		for (i = 0; i < sizeof u / sizeof u[0]; i++)
			CHECK(text_valid_utf8(u[i].s, u[i].n ? u[i].n : strlen(u[i].s)) == u[i].ok,
			      "text_valid_utf8 case %zu", i);
	}
	CHECK(text_nfc("a\xFF", 2, &b) < 0, "text_nfc refuses invalid UTF-8");
	buf_free(&b);
}

static void test_ini(void)
{
	struct ini ini;
	struct buf err = BUF_INIT, big = BUF_INIT;
	size_t i;

	buf_adds(&big, "\xEF\xBB\xBF; comment\r\n[site]\r\ntitle = \"Chỉ số\"\r\n[source.a]\nbody = ");
	for (i = 0; i < 500; i++)
		buf_addc(&big, 'x');
	buf_adds(&big, "\nheader = A: 1\nheader = B: 2\n");
	CHECK(ini_parse(&ini, "t.ini", big.ptr, &err) == 0 && ini.n == 4, "INI parses");
	CHECK(ini.n == 4 && !strcmp(ini.v[0].value, "Chỉ số") && ini.v[0].line == 3,
	      "quotes removed, line counted past a BOM and CRLF");
	CHECK(ini.n == 4 && strlen(ini.v[1].value) == 500, "a 500-byte value is kept whole");
	ini_free(&ini);
	CHECK(ini_parse(&ini, "t.ini", "[a]\nnovalue\n", &err) < 0 && strstr(err.ptr, "t.ini:2"),
	      "a line without '=' names file and line");
	ini_free(&ini);
	CHECK(ini_parse(&ini, "t.ini", "[a\n", &err) < 0 && strstr(err.ptr, "t.ini:1"),
	      "a broken section header names the line");
	ini_free(&ini);
	buf_free(&err);
	buf_free(&big);
}

static void test_csv(void)
{
	struct csvin_table t;
	struct buf err = BUF_INIT;
	const char *data = "\xEF\xBB\xBFM\xC3\xA3 \xC4\x91\xC6\xA1n v\xE1\xBB\x8B;T\xC3\xAAn;X\r\n"
			   "H1;\"A;\"\"q\"\"\";1\r\n\r\nH2;\"line\r\nbreak\";2\r\nH3;C;3\r\n";
	struct csvin_col cols[] = { { "ma don vi", 1 }, { "ten", 1 }, { "missing", 0 } };
	int idx[3];

	CHECK(csvin_parse(&t, "x.csv", data, strlen(data), &err) == 0, "CSV with BOM, CRLF, ';'");
	CHECK(t.delim == ';' && t.nrows == 4, "semicolon guessed, blank line skipped");
	CHECK(t.nrows == 4 && !strcmp(t.rows[1].f[1], "A;\"q\""), "quotes and separators in a field");
	CHECK(t.nrows == 4 && !strcmp(t.rows[2].f[1], "line\nbreak") && t.rows[2].line == 4,
	      "a quoted line break, row line numbers");
	CHECK(t.nrows == 4 && t.rows[3].line == 6, "the line after a multi-line row");
	CHECK(csvin_map(&t, cols, 3, idx, NULL, &err) == 0 && idx[0] == 0 && idx[1] == 1 &&
	      idx[2] == -1, "header matched by folded name");
	csvin_table_free(&t);
	CHECK(csvin_parse(&t, "y.csv", "a,b\n\"open,1\n", 11, &err) < 0 &&
	      strstr(err.ptr, "y.csv"), "an unclosed quote is an error naming the file");
	csvin_table_free(&t);
	CHECK(csvin_parse(&t, "z.csv", "a,b\n\xFF,1\n", 8, &err) < 0 && strstr(err.ptr, "z.csv:2"),
	      "invalid UTF-8 names its line");
	csvin_table_free(&t);
	buf_free(&err);
}

static void test_levels(void)
{
	struct config cfg = { .band_xanh = 9000, .band_vang = 8000, .band_cam = 7000 };

	CHECK_STR(derive_level(&cfg, 9000, 10000), "xanh", "exactly 90% is xanh");
	CHECK_STR(derive_level(&cfg, 8999, 10000), "vàng", "89.99% is vàng");
	CHECK_STR(derive_level(&cfg, 7000, 10000), "cam", "70% is cam");
	CHECK_STR(derive_level(&cfg, 6999, 10000), "đỏ", "below 70% is đỏ");
	CHECK_STR(derive_level(&cfg, 1800, 2000), "xanh", "levels are relative to the maximum");
}

/* text_nfc's fast path: every code point it trusts must be NFC alone, a starter whose
 * decomposition starts with a starter, and compose with no other it trusts, by utf8proc's
 * own tables. Then any string of them is NFC, and copying it is normalising it. */
static void test_nfc_stable(void)
{
	int32_t set[2048], c;
	size_t n = 0, i, j, bad_alone = 0, bad_pairs = 0;
	utf8proc_uint8_t in[16], *r;
	utf8proc_int32_t dec[8];
	utf8proc_ssize_t k, len;
	int last;

	for (c = 0x80; c < 0x2100; c++)
		if (text_nfc_stable(c))
			set[n++] = c;
	CHECK(n > 700 && n < 2048, "%zu non-ASCII code points are trusted", n);
	for (i = 0; i < n; i++) {
		k = utf8proc_encode_char(set[i], in);
		in[k] = 0;
		len = utf8proc_map(in, k, &r, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
		if (len != k || memcmp(r, in, (size_t)k) ||
		    utf8proc_get_property(set[i])->combining_class != 0 ||
		    utf8proc_decompose_char(set[i], dec, 8, UTF8PROC_DECOMPOSE, &last) < 1 ||
		    utf8proc_get_property(dec[0])->combining_class != 0) {
			if (!bad_alone++)
				printf("# U+%04X is not its own NFC starter\n", (unsigned)set[i]);
		}
		free(r);
	}
	CHECK(bad_alone == 0, "each is its own NFC, a starter, decomposing to a starter first");
	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++) {
			k = utf8proc_encode_char(set[i], in);
			k += utf8proc_encode_char(set[j], in + k);
			len = utf8proc_map(in, k, &r, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
			if (len != k || memcmp(r, in, (size_t)k)) {
				if (!bad_pairs++)
					printf("# U+%04X U+%04X compose\n", (unsigned)set[i],
					       (unsigned)set[j]);
			}
			free(r);
		}
	CHECK(bad_pairs == 0, "no two of them compose (%zu pairs)", n * n);
	CHECK(!text_nfc_stable(0x0301) && !text_nfc_stable(0x2000) && !text_nfc_stable(0x1100),
	      "combining marks, the quad spaces and Hangul jamo are not trusted");
}

/* The modules an SVG of qr_svg draws, read back from its path ("Mx y.5hn", "mdx 0hn":
 * lines one module wide along the middle of a row), into dark (n * n, n the side with
 * the quiet zone). 0 when the path says anything else. */
static int qr_modules(const char *svg, int n, unsigned char *dark)
{
	const char *p = strstr(svg, "<path d=\"");
	int x = 0, y = 0, k, len;

	if (!p)
		return 0;
	memset(dark, 0, (size_t)n * (size_t)n);
	for (p += 9; *p != '"'; p += len) {
		int a, b, run;

		if (sscanf(p, "M%d %d.5h%d%n", &a, &b, &run, &len) == 3)
			x = a, y = b;
		else if (sscanf(p, "m%d 0h%d%n", &a, &run, &len) == 2)
			x += a;
		else
			return 0;
		if (y < 0 || y >= n || x < 0 || run < 1 || x + run > n)
			return 0;
		for (k = 0; k < run; k++)
			dark[y * n + x + k] = 1;
		x += run;
	}
	return 1;
}

/* The path of qr_svg covers exactly the dark modules libqrencode gives, four modules in. */
static void test_qr_drawing(void)
{
	const char *texts[] = { "https://dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc.html?ma=1.0001",
				"x", "https://example.gov.vn/thu-tuc/1.000894/" };
	size_t t;

	for (t = 0; t < ARRAY_LEN(texts); t++) {
		QRcode *q = QRcode_encodeString8bit(texts[t], 0, QR_ECLEVEL_M);
		struct buf svg = BUF_INIT, err = BUF_INIT;
		int n = q->width + 8, x, y, wrong = 0;
		unsigned char *dark = malloc((size_t)n * (size_t)n);

		CHECK(qr_svg(NULL, texts[t], 132, "Mã QR", &svg, &err) == 0 &&
		      qr_modules(svg.ptr, n, dark), "the QR path of \"%s\" reads back", texts[t]);
		for (y = 0; y < n; y++)
			for (x = 0; x < n; x++) {
				int in = x >= 4 && y >= 4 && x < n - 4 && y < n - 4;
				int want = in && (q->data[(y - 4) * q->width + x - 4] & 1);

				wrong += dark[y * n + x] != want;
			}
		CHECK(wrong == 0, "the QR path of \"%s\" draws the encoder's %d x %d modules "
		      "(%d wrong)", texts[t], q->width, q->width, wrong);
		CHECK(strstr(svg.ptr, "stroke=\"#000\"") && strstr(svg.ptr, "fill=\"none\""),
		      "the QR path is stroked, not filled");
		free(dark);
		QRcode_free(q);
		buf_free(&svg);
		buf_free(&err);
	}
}

/* The QR memo must give the very drawing the encoder gives, survive a reload, and never
 * trust a damaged entry. */
static void test_qr_memo(void)
{
	const char *url = "https://dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc.html?ma=1.0001";
	char dir[] = "/tmp/gen-unit-qr-XXXXXX", path[64];
	struct buf plain = BUF_INIT, first = BUF_INIT, again = BUF_INIT, err = BUF_INIT;
	struct buf text = BUF_INIT;
	struct qr_memo *m;
	char *p;

	CHECK(mkdtemp(dir) != NULL, "a scratch directory");
	snprintf(path, sizeof path, "%s/qr.json", dir);
	CHECK(qr_svg(NULL, url, 132, "Mã QR", &plain, &err) == 0 &&
	      strstr(plain.ptr, "<path d=\"M4 4.5h7m"), "a QR code without a memo, finder first");
	m = qr_memo_open(path);
	CHECK(qr_svg(m, url, 132, "Mã QR", &first, &err) == 0, "a QR code through an empty memo");
	CHECK_STR(first.ptr, plain.ptr, "the memo's first drawing is the encoder's");
	CHECK(qr_memo_save(m, &err) == 0 && file_read(path, &text, 0, &err) == 0 &&
	      strstr(text.ptr, "libqrencode"), "the memo is saved, naming its encoder");
	qr_memo_free(m);
	m = qr_memo_open(path);
	CHECK(qr_svg(m, url, 132, "Mã QR", &again, &err) == 0, "a QR code from the saved memo");
	CHECK_STR(again.ptr, plain.ptr, "the remembered drawing is the encoder's");
	qr_memo_free(m);
	/* One module flipped and the length cut: either way the entry is not trusted. */
	p = strstr(strchr(text.ptr, '['), ",\"") + 2;
	*p = *p == '0' ? '1' : '0';
	file_write_atomic(path, text.ptr, text.len, &err);
	m = qr_memo_open(path);
	buf_reset(&again);
	qr_svg(m, url, 132, "Mã QR", &again, &err);
	CHECK(!strcmp(again.ptr, plain.ptr), "a flipped module fails the entry's check: encoded "
	      "again");
	qr_memo_free(m);
	p = strstr(strchr(text.ptr, '['), ",\"") + 2;
	memmove(p, p + 2, strlen(p + 2) + 1);
	file_write_atomic(path, text.ptr, strlen(text.ptr), &err);
	m = qr_memo_open(path);
	buf_reset(&again);
	CHECK(qr_svg(m, url, 132, "Mã QR", &again, &err) == 0 && !strcmp(again.ptr, plain.ptr),
	      "an entry of the wrong length is encoded again");
	qr_memo_free(m);
	file_write_atomic(path, "{not json", 9, &err);
	m = qr_memo_open(path);
	buf_reset(&again);
	CHECK(qr_svg(m, url, 132, "Mã QR", &again, &err) == 0 && !strcmp(again.ptr, plain.ptr),
	      "a memo that is not JSON is an empty memo");
	qr_memo_free(m);
	unlink(path);
	rmdir(dir);
	buf_free(&plain);
	buf_free(&first);
	buf_free(&again);
	buf_free(&text);
	buf_free(&err);
}

/* text_fold as it was, one utf8proc_map call a string: what the table of text_fold must
 * equal. */
static void fold_ref(const char *s, struct buf *out)
{
	utf8proc_uint8_t *r = NULL;
	utf8proc_ssize_t len, i;
	int space = 0;
	size_t start = out->len;

	len = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)strlen(s), &r,
			   UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
			   UTF8PROC_CASEFOLD);
	for (i = 0; i < len; i++) {
		unsigned char c = r[i];

		if (c == 0xC4 && i + 1 < len && (r[i + 1] == 0x91 || r[i + 1] == 0x90)) {
			c = 'd';
			i++;
		}
		if (isalnum(c) || c >= 0x80) {
			if (space && out->len > start)
				buf_addc(out, ' ');
			space = 0;
			buf_addc(out, c);
		} else {
			space = 1;
		}
	}
	free(r);
}

/* Every code point below U+2100 alone, after a word, and before marks, đ and a dash; then
 * strings that mix letters with marks and code points outside the table. */
static void test_fold_table(void)
{
	static const int32_t odd[] = { 0x301, 0x323, 0x345, 0x3C2, 0x1F80, 0xAC00, 0x4E00, 0x212B,
				       0xFB01, 0x1D400, 0x110, 0xDF, 0x130 };
	struct buf s = BUF_INIT, a = BUF_INIT, b = BUF_INIT;
	utf8proc_uint8_t u[4];
	long bad = 0, n = 0;
	int32_t c;
	int v, i;

	for (c = 1; c < 0x2100; c++)
		for (v = 0; v < 4 && utf8proc_codepoint_valid(c); v++) {
			buf_reset(&s);
			buf_reset(&a);
			buf_reset(&b);
			if (v & 1)
				buf_adds(&s, "Ab ");
			buf_add(&s, u, (size_t)utf8proc_encode_char(c, u));
			if (v & 2)
				buf_adds(&s, "\xCC\x81\xCC\xA3đĐ-x");
			fold_ref(s.ptr, &a);
			text_fold(s.ptr, &b);
			bad += strcmp(a.ptr, b.ptr) != 0;
			n++;
		}
	for (i = 0; i < 20000; i++) {
		buf_reset(&s);
		buf_reset(&a);
		buf_reset(&b);
		for (v = 0; v < 6; v++) {
			unsigned r = (unsigned)(i * 7 + v * 13) * 2654435761u >> 7;

			c = r % 4 == 0 ? (int32_t)(0x20 + r / 4 % 0x60) : r % 4 == 1 ?
			    (int32_t)(0xC0 + r / 4 % 0x190) : r % 4 == 2 ? (int32_t)(0x1E00 + r / 4 % 0x100) :
			    odd[r / 4 % (sizeof odd / sizeof *odd)];
			buf_add(&s, u, (size_t)utf8proc_encode_char(c, u));
		}
		fold_ref(s.ptr, &a);
		text_fold(s.ptr, &b);
		bad += strcmp(a.ptr, b.ptr) != 0;
		n++;
	}
	CHECK(bad == 0, "text_fold's table folds as utf8proc_map does (%ld of %ld differ)", bad, n);
	buf_reset(&b);
	text_fold("a\xC3", &b);
	CHECK_STR(b.ptr, "", "text_fold of invalid UTF-8 is empty, as before");
	buf_free(&s);
	buf_free(&a);
	buf_free(&b);
}

/* A guide through md_load and md_render: its own file in a scratch directory. later, when
 * not NULL, is the file's text between the two. */
static int md_try(const char *src, const char *later, const char *root, struct md_doc *d,
		  struct buf *html, struct buf *err)
{
	char dir[] = "/tmp/gen-unit-md-XXXXXX", path[64];
	int rc = -1;

	buf_reset(html);
	buf_reset(err);
	memset(d, 0, sizeof *d);
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof path, "%s/g.md", dir);
	if (file_write_atomic(path, src, strlen(src), err) == 0 && md_load(path, "g", d, err) == 0 &&
	    (!later || file_write_atomic(path, later, strlen(later), err) == 0))
		rc = md_render(d, root, 0, html, err);
	unlink(path);
	rmdir(dir);
	return rc;
}

static void test_md(void)
{
	struct buf err = BUF_INIT, h = BUF_INIT;
	struct md_doc d;
	const char *fm = "---\ntitle: T\nsummary: \"S\"\nweight: 3\n---\n# H\n\ntitle: no\n";

	CHECK(md_try("# Ti *tle* &amp; x\n\nSee [a](/thu-tuc/), ![i](/a.png), [b](//x.vn/),"
		     " [c](https://x.vn/).\n", NULL, "/sub/", &d, &h, &err) == 0,
	      "guide loads: %s", err.ptr);
	CHECK_STR(d.title, "Ti tle & x", "title from the first heading, as plain text");
	CHECK(strstr(h.ptr, "href=\"/sub/thu-tuc/\"") && strstr(h.ptr, "src=\"/sub/a.png\""),
	      "site-absolute links and images get the path prefix, once");
	CHECK(strstr(h.ptr, "href=\"//x.vn/\"") && strstr(h.ptr, "href=\"https://x.vn/\""),
	      "other links are left alone");
	md_doc_free(&d);
	CHECK(md_try(fm, NULL, "/", &d, &h, &err) == 0 && !strcmp(d.title, "T") &&
	      !strcmp(d.summary, "S") && d.weight == 3 &&
	      !strcmp(h.ptr, "<h1>H</h1>\n<p>title: no</p>\n"),
	      "the front matter gives title, summary and weight; the body renders without it");
	md_doc_free(&d);
	CHECK(md_try("intro\n\n> ## Quoted *title*\n", NULL, "/", &d, &h, &err) == 0 &&
	      !strcmp(d.title, "Quoted title"), "the first heading at any depth is the title");
	md_doc_free(&d);
	CHECK(md_try("---\ntitle: T\n---\na &#xFFFF; b &#xFFFE; c\n", NULL, "/", &d, &h, &err) == 0 &&
	      text_valid_utf8(h.ptr, h.len) && strstr(h.ptr, "a \xEF\xBF\xBF b \xEF\xBF\xBE c"),
	      "the references to U+FFFF and U+FFFE come out as valid UTF-8");
	md_doc_free(&d);
	CHECK(md_try("# T\n\na\xC3\x28\n", NULL, "/", &d, &h, &err) < 0 && strstr(err.ptr, "UTF-8"),
	      "a guide that is not UTF-8 is refused: %s", err.ptr);
	md_doc_free(&d);
	CHECK(md_try(fm, "---\ntitle: T\nsummary: \"S\"\nweight: 3\n---\n# H\n\nnew\n", "/", &d, &h,
		     &err) < 0 && strstr(err.ptr, "g.md: changed while the site was being built") &&
	      h.len == 0, "a guide changed between reading and rendering is refused: %s", err.ptr);
	md_doc_free(&d);
	CHECK(md_try(fm, fm, "/", &d, &h, &err) == 0 && strstr(h.ptr, "<h1>H</h1>"),
	      "a guide written again with the same text renders");
	md_doc_free(&d);
	buf_free(&err);
	buf_free(&h);
}

int main(void)
{
	test_num();
	test_num_write();
	test_dates();
	test_text();
	test_fold_table();
	test_nfc_stable();
	test_ini();
	test_csv();
	test_levels();
	test_qr_drawing();
	test_qr_memo();
	test_md();
	return UNIT_DONE();
}
