#include "qr.h"

#include <errno.h>
#include <jansson.h>
#include <pthread.h>
#include <qrencode.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "num.h"
#include "util.h"

/* text → [modules per side, dark modules as hex, row by row, 4 per digit, check], as JSON:
 * {"encoder": ..., "codes": {...}}. The check, a SHA-256 of the text, side and hex, keeps a
 * damaged or edited entry from printing a wrong code: it is encoded again instead. */
struct qr_memo {
	char *path;
	char encoder[64];           /* a memo from another libqrencode is not trusted */
	json_t *codes, *used;
	int dirty, loaded;
	pthread_mutex_t mu;
};

struct qr_memo *qr_memo_open(const char *path)
{
	struct qr_memo *m = xcalloc(1, sizeof *m);

	m->path = xstrdup(path);
	snprintf(m->encoder, sizeof m->encoder, "libqrencode %s", QRcode_APIVersionString());
	pthread_mutex_init(&m->mu, NULL);
	m->codes = json_object();
	m->used = json_object();
	return m;
}

/* Reads the memo at its first use, with m->mu held: a build that finds nothing changed
 * needs no QR code, and the memo of a province's 2,000 procedures is 1.4 MB of JSON (a
 * fifth of such a build when read in qr_memo_open, and by jansson's getc). */
static void load(struct qr_memo *m)
{
	struct buf text = BUF_INIT;
	json_t *root = NULL, *codes, *v;
	const char *key;

	m->loaded = 1;
	if (file_read(m->path, &text, (size_t)1 << 28, NULL) == 0)
		root = json_loadb(text.ptr, text.len, 0, NULL);
	buf_free(&text);
	codes = json_object_get(root, "codes");
	if (json_is_object(codes) &&
	    !strcmp(json_string_value(json_object_get(root, "encoder")) ?: "", m->encoder))
		json_object_foreach(codes, key, v)
			if (json_is_integer(json_array_get(v, 0)) &&
			    json_is_string(json_array_get(v, 1)) &&
			    json_is_string(json_array_get(v, 2)))
				json_object_set(m->codes, key, v);
	json_decref(root);
}

int qr_memo_save(struct qr_memo *m, struct buf *err)
{
	json_t *root;
	char *text;
	int rc;

	if (!m || !m->dirty)
		return 0;
	root = json_pack("{s:s,s:O}", "encoder", m->encoder, "codes", m->used);
	text = json_dumps(root, JSON_SORT_KEYS | JSON_COMPACT);
	rc = mkdir_parents(m->path, err) < 0 ? -1 :
	     file_write_atomic(m->path, text, strlen(text), err);
	free(text);
	json_decref(root);
	return rc;
}

void qr_memo_free(struct qr_memo *m)
{
	if (!m)
		return;
	json_decref(m->codes);
	json_decref(m->used);
	pthread_mutex_destroy(&m->mu);
	free(m->path);
	free(m);
}

/* v, 0 <= v < 1000, in decimal at p; the end. */
static char *put_small(char *p, int v)
{
	if (v >= 100)
		*p++ = (char)('0' + v / 100);
	if (v >= 10)
		*p++ = (char)('0' + v / 10 % 10);
	*p++ = (char)('0' + v % 10);
	return p;
}

/* The dark modules as one stroked path, row by row: each run of dark modules is a line one
 * module wide along the middle of its row ("M5 4.5h7", then "m2 0h3" to the next run), half
 * the bytes of a rectangle a run, and every procedure page carries one. dark holds
 * width * width flags. Written into place: hundreds of runs a code, thousands of codes. */
static void path_rows(const unsigned char *dark, int width, struct buf *out)
{
	char *p;
	int x, y, run, end;

	buf_grow(out, (size_t)width * ((size_t)width / 2 + 1) * 10 + (size_t)width * 16);
	p = out->ptr + out->len;
	for (y = 0; y < width; y++)
		for (x = 0, end = -1; x < width; x += run ? run : 1) {
			for (run = 0; x + run < width && dark[y * width + x + run]; run++)
				;
			if (!run)
				continue;
			if (end < 0) {
				*p++ = 'M';
				p = put_small(p, x + 4);
				*p++ = ' ';
				p = put_small(p, y + 4);
				*p++ = '.', *p++ = '5';
			} else {
				*p++ = 'm';
				p = put_small(p, x - end);
				*p++ = ' ', *p++ = '0';
			}
			*p++ = 'h';
			p = put_small(p, run);
			end = x + run;
		}
	out->len = (size_t)(p - out->ptr);
	out->ptr[out->len] = '\0';
}

static void to_hex(const unsigned char *dark, int width, struct buf *out)
{
	static const char digits[] = "0123456789abcdef";
	int i, n = width * width;

	for (i = 0; i < n; i += 4)
		buf_addc(out, digits[(dark[i] << 3) | (i + 1 < n ? dark[i + 1] << 2 : 0) |
				     (i + 2 < n ? dark[i + 2] << 1 : 0) | (i + 3 < n ? dark[i + 3] : 0)]);
}

/* The memo's hex back to flags; 0 when it does not fit width (a damaged memo). */
static int from_hex(const char *hex, int width, unsigned char *dark)
{
	int i, n = width * width;

	if (width < 21 || width > 177 || strlen(hex) != (size_t)(n + 3) / 4)
		return 0;
	for (i = 0; i < n; i++) {
		int c = hex[i / 4], v = c >= 'a' && c <= 'f' ? c - 'a' + 10 : c - '0';

		if (v < 0 || v > 15)
			return 0;
		dark[i] = (v >> (3 - i % 4)) & 1;
	}
	return 1;
}

static void check_of(const char *text, int width, const char *hex, char out[65])
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "%s\n%d\n%s", text, width, hex);
	sha256_hex(b.ptr, b.len, out);
	buf_free(&b);
}

/* A memo entry's modules, when its check holds. */
static int remembered(json_t *v, const char *text, int *width, unsigned char *dark)
{
	const char *hex = json_string_value(json_array_get(v, 1));
	char check[65];

	*width = (int)json_integer_value(json_array_get(v, 0));
	if (!hex)
		return 0;
	check_of(text, *width, hex, check);
	return !strcmp(check, json_string_value(json_array_get(v, 2))) &&
	       from_hex(hex, *width, dark);
}

/* The code's side in modules and its path, from the memo or the encoder. */
static int encode(struct qr_memo *m, const char *text, int *width, struct buf *path,
		  struct buf *err)
{
	unsigned char dark[177 * 177];
	json_t *v = NULL;
	struct buf hex = BUF_INIT;
	QRcode *q;
	int i;

	if (m) {
		pthread_mutex_lock(&m->mu);
		if (!m->loaded)
			load(m);
		if ((v = json_object_get(m->codes, text)))
			json_object_set(m->used, text, v);
		pthread_mutex_unlock(&m->mu);
	}
	if (v && remembered(v, text, width, dark)) {
		path_rows(dark, *width, path);
		return 0;
	}
	if (!(q = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M)))
		return err_set(err, "QR code for \"%s\": %s", text, strerror(errno));
	*width = q->width;
	for (i = 0; i < q->width * q->width; i++)
		dark[i] = q->data[i] & 1;
	QRcode_free(q);
	path_rows(dark, *width, path);
	if (m) {
		char check[65];

		to_hex(dark, *width, &hex);
		check_of(text, *width, hex.ptr, check);
		v = json_pack("[i,s,s]", *width, hex.ptr, check);
		pthread_mutex_lock(&m->mu);
		json_object_set(m->codes, text, v);
		json_object_set(m->used, text, v);
		m->dirty = 1;
		pthread_mutex_unlock(&m->mu);
		json_decref(v);
		buf_free(&hex);
	}
	return 0;
}

int qr_svg(struct qr_memo *memo, const char *text, int px, const char *title,
	   struct buf *out, struct buf *err)
{
	struct buf path = BUF_INIT;
	int n, width = 0;

	if (encode(memo, text, &width, &path, err) < 0) {
		buf_free(&path);
		return -1;
	}
	n = width + 8;  /* a four-module quiet zone */
	buf_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" role=\"img\" "
		   "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\"><title>", px, px, n, n);
	escape_html(out, title, strlen(title));
	buf_printf(out, "</title><rect width=\"%d\" height=\"%d\" fill=\"#fff\"/><path d=\"", n, n);
	buf_add(out, path.ptr, path.len);
	buf_adds(out, "\" fill=\"none\" stroke=\"#000\"/></svg>");
	buf_free(&path);
	return 0;
}
