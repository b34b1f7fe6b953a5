#include "date.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar. */
int date_from_ymd(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void date_to_ymd(int z, int *y, int *m, int *d)
{
	int era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

/* Writes YYYY-MM or YYYY-MM-DD (d = 0 leaves the day out) by hand: snprintf's %d cannot
 * be proven by the compiler to fit, and these fields always do. */
static void put(char *out, int y, int m, int d)
{
	int i = 0;

	y = ((y % 10000) + 10000) % 10000;
	out[i++] = (char)('0' + y / 1000);
	out[i++] = (char)('0' + y / 100 % 10);
	out[i++] = (char)('0' + y / 10 % 10);
	out[i++] = (char)('0' + y % 10);
	out[i++] = '-';
	out[i++] = (char)('0' + m / 10 % 10);
	out[i++] = (char)('0' + m % 10);
	if (d) {
		out[i++] = '-';
		out[i++] = (char)('0' + d / 10 % 10);
		out[i++] = (char)('0' + d % 10);
	}
	out[i] = '\0';
}

static int days_in_month(int y, int m)
{
	static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : dm[m - 1];
}

/* Reads 1..maxd digits; returns the number of characters used, 0 on none. */
static int digits(const char *s, int mind, int maxd, int *v)
{
	int n = 0;

	*v = 0;
	while (n < maxd && isdigit((unsigned char)s[n]))
		*v = *v * 10 + (s[n++] - '0');
	return n >= mind ? n : 0;
}

static int valid(int y, int m, int d)
{
	return y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

int date_parse(const char *s, int *days)
{
	int y, m, d, a, b, c;

	if ((a = digits(s, 4, 4, &y)) && s[a] == '-' && (b = digits(s + a + 1, 1, 2, &m)) &&
	    s[a + 1 + b] == '-' && (c = digits(s + a + b + 2, 1, 2, &d)) && !s[a + b + c + 2])
		;
	else if ((a = digits(s, 1, 2, &d)) && s[a] == '/' && (b = digits(s + a + 1, 1, 2, &m)) &&
		 s[a + 1 + b] == '/' && (c = digits(s + a + b + 2, 4, 4, &y)) && !s[a + b + c + 2])
		;
	else
		return -1;
	if (!valid(y, m, d))
		return -1;
	*days = date_from_ymd(y, m, d);
	return 0;
}

void date_format(int days, char out[11])
{
	int y, m, d;

	date_to_ymd(days, &y, &m, &d);
	put(out, y, m, d);
}

int month_parse(const char *s, char out[8])
{
	int y, m, a, b;

	if ((a = digits(s, 4, 4, &y)) && s[a] == '-' && (b = digits(s + a + 1, 2, 2, &m)) &&
	    !s[a + b + 1])
		;
	else if ((a = digits(s, 1, 2, &m)) && s[a] == '/' && (b = digits(s + a + 1, 4, 4, &y)) &&
		 !s[a + b + 1])
		;
	else
		return -1;
	if (!valid(y, m, 1))
		return -1;
	put(out, y, m, 0);
	return 0;
}

void month_add(const char *mo, int delta, char out[8])
{
	int y = atoi(mo), m = atoi(mo + 5), t = y * 12 + (m - 1) + delta;

	put(out, t / 12, t % 12 + 1, 0);
}

int month_first_day(const char *mo)
{
	return date_from_ymd(atoi(mo), atoi(mo + 5), 1);
}

int month_last_day(const char *mo)
{
	int y = atoi(mo), m = atoi(mo + 5);

	return date_from_ymd(y, m, days_in_month(y, m));
}

void month_of(int days, char out[8])
{
	int y, m, d;

	date_to_ymd(days, &y, &m, &d);
	put(out, y, m, 0);
}
