#include "viwords.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char *const digit[] = { "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy",
	"tám", "chín" };

static void word(struct buf *out, const char *w)
{
	if (out->len && out->ptr[out->len - 1] != ' ')
		buf_addc(out, ' ');
	buf_adds(out, w);
}

/* Units after a tens word: 1 is "mốt" after "mươi", 5 is "lăm" after "mười"/"mươi",
 * 4 is "tư" after "mươi". */
static void units(struct buf *out, int tens, int u)
{
	if (u == 1 && tens >= 2)
		word(out, "mốt");
	else if (u == 5 && tens >= 1)
		word(out, "lăm");
	else if (u == 4 && tens >= 2)
		word(out, "tư");
	else
		word(out, digit[u]);
}

/* Three digits; full says the hundreds must be read even when zero ("không trăm"), as
 * inside a larger number. */
static void group(struct buf *out, int n, int full)
{
	int h = n / 100, t = n / 10 % 10, u = n % 10;

	if (h || full) {
		word(out, digit[h]);
		word(out, "trăm");
	}
	if (t == 0) {
		if (u && (h || full))
			word(out, "lẻ");
		if (u)
			word(out, digit[u]);
		return;
	}
	if (t == 1) {
		word(out, "mười");
	} else {
		word(out, digit[t]);
		word(out, "mươi");
	}
	if (u)
		units(out, t, u);
}

void viwords_int(struct buf *out, long long n)
{
	static const char *const scale[] = { "", "nghìn", "triệu", "tỷ", "nghìn tỷ" };
	int g[5], k, top;

	if (n <= 0) {
		word(out, "không");
		return;
	}
	for (k = 0; k < 5; k++, n /= 1000)
		g[k] = (int)(n % 1000);
	for (top = 4; top > 0 && !g[top]; top--)
		;
	for (k = top; k >= 0; k--) {
		if (!g[k] && k != top)
			continue;  /* "một triệu không trăm …" skips empty groups */
		group(out, g[k], k != top);
		if (k)
			word(out, scale[k]);
	}
}

void viwords_centi(struct buf *out, long v)
{
	long a = labs(v), frac = a % 100;

	if (v < 0)
		word(out, "âm");
	viwords_int(out, a / 100);
	if (!frac)
		return;
	word(out, "phẩy");
	if (frac % 10 == 0) {
		word(out, digit[frac / 10]);
	} else if (frac < 10) {
		word(out, "không");
		word(out, digit[frac]);
	} else {
		viwords_int(out, frac);
	}
}

void viwords_percent(struct buf *out, long v)
{
	viwords_centi(out, v);
	word(out, "phần trăm");
}

int viwords_date(struct buf *out, const char *iso)
{
	if (strlen(iso) != 10 || iso[4] != '-' || iso[7] != '-')
		return -1;
	word(out, "ngày");
	viwords_int(out, atoi(iso + 8));
	return viwords_month(out, iso) < 0 ? -1 : 0;
}

int viwords_month(struct buf *out, const char *ym)
{
	int m = atoi(ym + 5);

	if (strlen(ym) < 7 || ym[4] != '-' || m < 1 || m > 12)
		return -1;
	word(out, "tháng");
	if (m == 4)
		word(out, "tư");  /* April is "tháng tư", never "tháng bốn" */
	else
		viwords_int(out, m);
	word(out, "năm");
	viwords_int(out, atoi(ym));
	return 0;
}

/* Letters as Vietnamese spell them aloud. */
static const char *letter(int c)
{
	static const char *const names[] = { "a", "bê", "xê", "đê", "e", "ép", "giê", "hát", "i",
		"gi", "ca", "e-lờ", "em", "en", "o", "pê", "cu", "e-rờ", "ét", "tê", "u", "vê",
		"vê kép", "ích", "i dài", "dét" };

	return names[tolower(c) - 'a'];
}

void viwords_code(struct buf *out, const char *code)
{
	for (; *code; code++) {
		unsigned char c = (unsigned char)*code;

		if (isdigit(c))
			word(out, digit[c - '0']);
		else if (c == '.')
			word(out, "chấm");
		else if (c == '-')
			word(out, "gạch");
		else if (isalpha(c))
			word(out, letter(c));
	}
}
