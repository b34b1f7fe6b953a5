#include "qr.h"

#include <errno.h>
#include <qrencode.h>
#include <string.h>

#include "escape.h"
#include "util.h"

/* One path of unit squares, row by row: runs of dark modules become one rectangle. */
static void path_rows(const QRcode *q, struct buf *out)
{
	int x, y, run;

	for (y = 0; y < q->width; y++)
		for (x = 0; x < q->width; x += run ? run : 1) {
			for (run = 0; x + run < q->width && (q->data[y * q->width + x + run] & 1); run++)
				;
			if (run)
				buf_printf(out, "M%d %dh%dv1h-%dz", x + 4, y + 4, run, run);
		}
}

int qr_svg(const char *text, int px, const char *title, struct buf *out, struct buf *err)
{
	QRcode *q = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
	int n;

	if (!q)
		return err_set(err, "QR code for \"%s\": %s", text, strerror(errno));
	n = q->width + 8;  /* a four-module quiet zone */
	buf_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" role=\"img\" "
		   "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\"><title>", px, px, n, n);
	escape_html(out, title, strlen(title));
	buf_printf(out, "</title><rect width=\"%d\" height=\"%d\" fill=\"#fff\"/><path d=\"", n, n);
	path_rows(q, out);
	buf_adds(out, "\" fill=\"#000\"/></svg>");
	QRcode_free(q);
	return 0;
}
