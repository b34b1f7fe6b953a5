/* num: exact decimal figures. Scores and rates are kept as integers in hundredths, so a
 * published 93.75 is stored, compared and ranked exactly, never as a binary float. */
#ifndef GEN_NUM_H
#define GEN_NUM_H

#include "buf.h"

/* Parses "93.75", "93,75" (decimal comma), "-1.5", "7": at most two decimals, optional
 * surrounding spaces. Returns 0 and the value in hundredths, or -1. */
int num_parse_centi(const char *s, long *out);
/* A JSON number (double) to hundredths; -1 when it has more than two decimals or is huge. */
int num_double_centi(double d, long *out);
/* A whole number, optional spaces; -1 unless the entire string is one. */
int num_parse_long(const char *s, long *out);
/* Appends v (hundredths) as "93.75"; trailing zeros kept ("93.50"). */
void num_add_centi(struct buf *b, long v);
/* Appends v in decimal, as printf's %lld would, without printf's cost. */
void num_add_int(struct buf *b, long long v);
/* Appends v (hundredths) the Vietnamese way: "93,75". */
void num_add_centi_vi(struct buf *b, long v);

#endif
