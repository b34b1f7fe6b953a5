/* viwords: numbers, dates and codes written out in Vietnamese words, for a radio script
 * read aloud: 2025 → "hai nghìn không trăm hai mươi lăm", 92,5 → "chín mươi hai phẩy năm". */
#ifndef GEN_VIWORDS_H
#define GEN_VIWORDS_H

#include "buf.h"

/* A whole number, 0 ≤ n < 10^15. */
void viwords_int(struct buf *out, long long n);
/* Hundredths as a decimal: 9250 → "chín mươi hai phẩy năm", 9253 → "… phẩy năm mươi ba",
 * 905 → "chín phẩy không năm", 9200 → "chín mươi hai". Negative values say "âm". */
void viwords_centi(struct buf *out, long v);
/* Hundredths of a percent: 8296 → "tám mươi hai phẩy chín mươi sáu phần trăm". */
void viwords_percent(struct buf *out, long v);
/* A date "YYYY-MM-DD" → "ngày năm tháng mười năm hai nghìn không trăm hai mươi sáu". */
int viwords_date(struct buf *out, const char *iso);
/* A month "YYYY-MM" → "tháng mười năm hai nghìn không trăm hai mươi sáu". */
int viwords_month(struct buf *out, const char *ym);
/* A code read character by character: "1.000894" → "một chấm không không không tám chín
 * bốn", "H44.01" → "hát bốn bốn chấm không một". */
void viwords_code(struct buf *out, const char *code);

#endif
