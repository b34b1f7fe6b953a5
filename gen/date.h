/* date: calendar dates as day numbers (days since 1970-01-01) and months as "YYYY-MM". */
#ifndef GEN_DATE_H
#define GEN_DATE_H

/* "2025-10-03" or "03/10/2025" (also "3/10/2025"); -1 unless a real date. */
int date_parse(const char *s, int *days);
/* Writes "YYYY-MM-DD" (11 bytes with the NUL). */
void date_format(int days, char out[11]);
int date_from_ymd(int y, int m, int d);
void date_to_ymd(int days, int *y, int *m, int *d);
/* "2025-10" or "10/2025" into "2025-10" (8 bytes); -1 unless a real month. */
int month_parse(const char *s, char out[8]);
/* The month before / after m, both "YYYY-MM". */
void month_add(const char *m, int delta, char out[8]);
/* First and last day of month m. */
int month_first_day(const char *m);
int month_last_day(const char *m);
/* The month containing day number d. */
void month_of(int days, char out[8]);

#endif
