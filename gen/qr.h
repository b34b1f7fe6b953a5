/* qr: QR codes (libqrencode) as small inline SVG, for printed guides and posters. */
#ifndef GEN_QR_H
#define GEN_QR_H

#include "buf.h"

/* Appends an SVG of text's QR code (error correction M), size px square, with a title for
 * screen readers. */
int qr_svg(const char *text, int px, const char *title, struct buf *out, struct buf *err);

#endif
