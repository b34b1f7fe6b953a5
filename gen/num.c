#include "num.h"

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>

int num_parse_centi(const char *s, long *out)
{
	long ip = 0, fp = 0;
	int neg = 0, digits = 0, fdigits = 0;

	while (*s == ' ')
		s++;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	for (; isdigit((unsigned char)*s); s++, digits++) {
		if (ip > (LONG_MAX / 100 - 9) / 10)
			return -1;
		ip = ip * 10 + (*s - '0');
	}
	if (*s == '.' || *s == ',') {
		for (s++; isdigit((unsigned char)*s); s++, fdigits++) {
			if (fdigits >= 2)
				return -1;
			fp = fp * 10 + (*s - '0');
		}
		if (!fdigits)
			return -1;
		if (fdigits == 1)
			fp *= 10;
	}
	while (*s == ' ')
		s++;
	if (*s || !digits)
		return -1;
	*out = (ip * 100 + fp) * (neg ? -1 : 1);
	return 0;
}

int num_double_centi(double d, long *out)
{
	double c = d * 100.0, r;

	if (!isfinite(d) || fabs(c) > 1e15)
		return -1;
	r = round(c);
	if (fabs(c - r) > 1e-6 * (fabs(c) > 1 ? fabs(c) : 1))
		return -1;
	*out = (long)r;
	return 0;
}

int num_parse_long(const char *s, long *out)
{
	char *end;
	long v;

	while (*s == ' ')
		s++;
	if (!*s || !(isdigit((unsigned char)*s) || *s == '-' || *s == '+'))
		return -1;
	v = strtol(s, &end, 10);
	while (*end == ' ')
		end++;
	if (*end)
		return -1;
	*out = v;
	return 0;
}

/* Digits of a, most significant first, into the end of tmp; returns where they start. */
static char *digits(unsigned long long a, char *end)
{
	do
		*--end = (char)('0' + a % 10);
	while ((a /= 10));
	return end;
}

static unsigned long long magnitude(long long v)
{
	return v < 0 ? (unsigned long long)-(v + 1) + 1 : (unsigned long long)v;
}

void num_add_int(struct buf *b, long long v)
{
	char tmp[24], *end = tmp + sizeof tmp, *p = digits(magnitude(v), end);

	if (v < 0)
		*--p = '-';
	buf_add(b, p, (size_t)(end - p));
}

static void add_centi(struct buf *b, long v, char sep)
{
	unsigned long long a = magnitude(v);
	char tmp[32], *end = tmp + sizeof tmp, *p;

	*--end = (char)('0' + a % 10);
	*--end = (char)('0' + a / 10 % 10);
	*--end = sep;
	p = digits(a / 100, end);
	if (v < 0)
		*--p = '-';
	buf_add(b, p, (size_t)(tmp + sizeof tmp - p));
}

void num_add_centi(struct buf *b, long v)
{
	add_centi(b, v, '.');
}

void num_add_centi_vi(struct buf *b, long v)
{
	add_centi(b, v, ',');
}
