/* qr: QR codes (libqrencode) as small inline SVG, for printed guides and posters.
 * Encoding is most of the cost of a procedure page (libqrencode scores eight masks), and
 * the same addresses come back every month, so a build keeps each code's drawing in a
 * memo in its cache directory. */
#ifndef GEN_QR_H
#define GEN_QR_H

#include "buf.h"

struct qr_memo;

/* Loads the memo kept at path; a missing, unreadable or foreign file is an empty memo
 * (it only saves time). Safe to share between threads. */
struct qr_memo *qr_memo_open(const char *path);
/* Writes the codes this run used, when one of them was new; the rest are dropped. */
int qr_memo_save(struct qr_memo *m, struct buf *err);
void qr_memo_free(struct qr_memo *m);  /* NULL is a no-op */

/* Appends an SVG of text's QR code (error correction M), size px square, with a title for
 * screen readers. memo may be NULL. */
int qr_svg(struct qr_memo *memo, const char *text, int px, const char *title,
	   struct buf *out, struct buf *err);

#endif
