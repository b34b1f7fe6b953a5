#include "md.h"

#include <cmark.h>
#include <assert.h>
#include <stdalign.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "num.h"
#include "text.h"
#include "util.h"

/* cmark allocates each node, string and buffer of a document by itself and frees them one
 * by one: a third of loading a guide went to malloc, realloc and free. All of them live
 * exactly as long as one md_load or md_render call, so they come from a bump arena freed in
 * one go. cmark_mem's functions take no context pointer, hence a thread-local pointer to
 * the arena of the call running on this thread (guides load and render on several threads
 * at once); it is set only for the length of that call. */
struct arena_chunk {
	struct arena_chunk *prev;
	size_t used, cap;                     /* bytes of data */
	unsigned char *data;
};

struct arena {
	struct arena_chunk *top, *first;      /* first: the call's own, on its stack */
};

#define ARENA_ALIGN alignof(max_align_t)
#define ARENA_HEAD ARENA_ALIGN             /* each block's size, kept before it */
/* A guide of 3.5 kB takes 60 kB: the first chunk holds most guides whole. It lives on the
 * stack of md_load or md_render, where it is reused warm; a heap chunk malloc'd and freed
 * for each guide made the thread's heap shrink and grow again, a page fault a page. */
#define ARENA_CHUNK ((size_t)96 << 10)

static_assert(sizeof(struct arena_chunk) % ARENA_ALIGN == 0, "chunk data must stay aligned");

static _Thread_local struct arena *arena_cur;

static void *arena_alloc(size_t n)
{
	struct arena *a = arena_cur;
	struct arena_chunk *c = a->top;
	unsigned char *p;

	if (n > ((size_t)-1 >> 2))
		die("md: a block of %zu bytes is too large", n);
	n = (n + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
	if (c->cap - c->used < ARENA_HEAD + n) {
		size_t cap = ARENA_HEAD + n > ARENA_CHUNK ? ARENA_HEAD + n : ARENA_CHUNK;

		c = xmalloc(sizeof *c + cap);
		c->data = (unsigned char *)(c + 1);
		c->prev = a->top;
		c->used = 0;
		c->cap = cap;
		a->top = c;
	}
	p = c->data + c->used;
	memcpy(p, &n, sizeof n);  /* memcpy: the first chunk is a char array */
	c->used += ARENA_HEAD + n;
	return p + ARENA_HEAD;
}

static size_t arena_size(void *p)
{
	size_t n;

	memcpy(&n, (unsigned char *)p - ARENA_HEAD, sizeof n);
	return n;
}

/* 1 if p is the last block of the newest chunk, the one that can grow or shrink in place. */
static int arena_last(void *p)
{
	struct arena_chunk *c = arena_cur->top;

	return (unsigned char *)p + arena_size(p) == c->data + c->used;
}

static void *arena_calloc(size_t nmemb, size_t size)
{
	void *p;

	if (size && nmemb > ((size_t)-1 >> 2) / size)
		die("md: %zu blocks of %zu bytes are too large", nmemb, size);
	p = arena_alloc(nmemb * size);
	memset(p, 0, nmemb * size);
	return p;
}

static void *arena_realloc(void *p, size_t n)
{
	struct arena_chunk *c = arena_cur->top;
	size_t old, want;
	void *q;

	if (!p)
		return arena_alloc(n);
	old = arena_size(p);
	want = (n + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
	if (want <= old)
		return p;
	if (arena_last(p) && c->cap - c->used >= want - old) {  /* a growing buffer, mostly */
		c->used += want - old;
		memcpy((unsigned char *)p - ARENA_HEAD, &want, sizeof want);
		return p;
	}
	q = arena_alloc(n);
	memcpy(q, p, old);
	return q;
}

static void arena_free_block(void *p)
{
	if (p && arena_last(p))  /* give a scratch buffer back; others wait for arena_free */
		arena_cur->top->used -= ARENA_HEAD + arena_size(p);
}

static void arena_free(struct arena *a)
{
	struct arena_chunk *c, *prev;

	for (c = a->top; c != a->first; c = prev) {
		prev = c->prev;
		free(c);
	}
	a->top = a->first;
	a->first->used = 0;
}

static cmark_mem arena_mem = { arena_calloc, arena_realloc, arena_free_block };

static char *unquote(char *v)
{
	size_t n = strlen(v);

	if (n >= 2 && ((v[0] == '"' && v[n - 1] == '"') || (v[0] == '\'' && v[n - 1] == '\''))) {
		v[n - 1] = '\0';
		return v + 1;
	}
	return v;
}

static int front_key(struct md_doc *d, const char *path, int line, char *k, char *v,
		     struct buf *err)
{
	int day;

	v = unquote(text_trim(v));
	if (!strcmp(k, "title")) {
		free(d->title);
		d->title = xstrdup(v);
	} else if (!strcmp(k, "summary") || !strcmp(k, "description")) {
		free(d->summary);
		d->summary = xstrdup(v);
	} else if (!strcmp(k, "weight")) {
		if (num_parse_long(v, &d->weight) < 0)
			return err_set(err, "%s:%d: weight: expected a whole number, got \"%s\"", path,
				       line, v);
	} else if (!strcmp(k, "updated") || !strcmp(k, "date")) {
		if (date_parse(v, &day) < 0)
			return err_set(err, "%s:%d: %s: expected a date YYYY-MM-DD, got \"%s\"", path,
				       line, k, v);
		free(d->updated);
		d->updated = xstrdup(v);
	}
	return 0;
}

/* Parses the front matter in place; *body is set past it. */
static int front_matter(struct md_doc *d, const char *path, char *s, char **body,
			struct buf *err)
{
	char *line = s, *nl, *colon;
	int n = 1;

	*body = s;
	if (strncmp(s, "---\n", 4) && strncmp(s, "---\r\n", 5))
		return 0;
	for (line = strchr(s, '\n') + 1, n = 2; *line; line = nl + 1, n++) {
		nl = strchr(line, '\n');
		if (!nl)
			return err_set(err, "%s: the front matter opened on line 1 is never closed by "
				       "\"---\"", path);
		*nl = '\0';
		if (nl > line && nl[-1] == '\r')
			nl[-1] = '\0';
		if (!strcmp(line, "---")) {
			*body = nl + 1;
			return 0;
		}
		if (!*text_trim(line) || line[0] == '#')
			continue;
		colon = strchr(line, ':');
		if (!colon)
			return err_set(err, "%s:%d: front matter: expected \"key: value\"", path, n);
		*colon = '\0';
		if (front_key(d, path, n, text_trim(line), colon + 1, err) < 0)
			return -1;
	}
	return err_set(err, "%s: the front matter is never closed by \"---\"", path);
}

/* The plain text of n and what is under it. */
static void tree_text(cmark_node *n, struct buf *out)
{
	cmark_iter *it = cmark_iter_new(n);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *c = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(c);

		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE)
			buf_adds(out, cmark_node_get_literal(c));
		else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)
			buf_addc(out, ' ');
	}
	cmark_iter_free(it);
}

/* The first heading, at any depth (a quoted or listed one too). */
static cmark_node *first_heading(cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_node *h = NULL;
	cmark_event_type ev;

	while (!h && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
		if (ev == CMARK_EVENT_ENTER &&
		    cmark_node_get_type(cmark_iter_get_node(it)) == CMARK_NODE_HEADING)
			h = cmark_iter_get_node(it);
	cmark_iter_free(it);
	return h;
}

/* Prefixes site-absolute links with root, once each: a link is entered and exited, and
 * was prefixed twice. */
static void prefix_links(cmark_node *doc, const char *root)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	struct buf u = BUF_INIT;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *c = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(c);
		const char *url;

		if (ev != CMARK_EVENT_ENTER || (t != CMARK_NODE_LINK && t != CMARK_NODE_IMAGE))
			continue;
		url = cmark_node_get_url(c);
		if (url && url[0] == '/' && url[1] != '/') {
			buf_reset(&u);
			buf_printf(&u, "%s%s", root, url + 1);
			cmark_node_set_url(c, u.ptr);
		}
	}
	cmark_iter_free(it);
	buf_free(&u);
}

/* cmark 0.30 writes the character references &#xFFFE; and &#xFFFF; as the single bytes 0xFE
 * and 0xFF, which are not UTF-8; no other byte of its output can be one of them, the input
 * being valid UTF-8. Adds the html with each written as it should be (EF BF BE, EF BF BF),
 * so that the html is valid UTF-8 whatever the guide says. */
static void html_add(struct buf *out, const char *h)
{
	size_t n = strlen(h), i;

	if (!memchr(h, 0xFE, n) && !memchr(h, 0xFF, n)) {
		buf_add(out, h, n);
		return;
	}
	for (i = 0; i < n; i++)
		if ((unsigned char)h[i] >= 0xFE)
			buf_add(out, (unsigned char)h[i] == 0xFE ? "\xEF\xBF\xBE" : "\xEF\xBF\xBF", 3);
		else
			buf_addc(out, h[i]);
}

/* The file's text, checked as UTF-8 and in NFC, and its SHA-256. */
static int read_text(const char *path, struct buf *nfc, char digest[65], struct buf *err)
{
	struct buf src = BUF_INIT;
	int rc = file_read(path, &src, 4 << 20, err);

	if (rc == 0 && text_nfc(src.ptr, src.len, nfc) < 0)
		rc = err_set(err, "%s: not valid UTF-8 text", path);
	if (rc == 0)
		sha256_hex(nfc->ptr, nfc->len, digest);
	buf_free(&src);
	return rc;
}

/* The body's document, in the arena of this thread's running md_load or md_render. */
static cmark_node *parse(const char *body)
{
	/* no CMARK_OPT_VALIDATE_UTF8: read_text has just checked the whole text */
	cmark_parser *parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, &arena_mem);
	cmark_node *doc;

	cmark_parser_feed(parser, body, strlen(body));
	doc = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	return doc;
}

int md_load(const char *path, const char *slug, struct md_doc *d, struct buf *err)
{
	struct buf nfc = BUF_INIT, t = BUF_INIT;
	alignas(max_align_t) unsigned char room[ARENA_CHUNK];
	struct arena_chunk first = { NULL, 0, sizeof room, room };
	struct arena arena = { &first, &first };
	cmark_node *heading;
	char *body;
	int rc = -1;

	memset(d, 0, sizeof *d);
	d->path = xstrdup(path);
	d->slug = xstrdup(slug);
	arena_cur = &arena;
	if (read_text(path, &nfc, d->digest, err) < 0 ||
	    front_matter(d, path, nfc.ptr + (strncmp(nfc.ptr, "\xEF\xBB\xBF", 3) ? 0 : 3), &body,
			 err) < 0)
		goto out;
	d->body = (size_t)(body - nfc.ptr);
	if (!d->title && (heading = first_heading(parse(body)))) {
		tree_text(heading, &t);
		d->title = xstrdup(text_trim(t.ptr));
	}
	if (!d->title || !*d->title) {
		err_set(err, "%s: no title: add \"title: …\" to the front matter or start with a "
			"heading", path);
		goto out;
	}
	if (!d->summary)
		d->summary = xstrdup("");
	if (!d->updated)
		d->updated = xstrdup("");
	rc = 0;
out:
	arena_free(&arena);  /* the document and everything cmark allocated for it */
	arena_cur = NULL;
	buf_free(&nfc);
	buf_free(&t);
	return rc;
}

int md_render(const struct md_doc *d, const char *root, int unsafe, struct buf *html,
	      struct buf *err)
{
	struct buf nfc = BUF_INIT;
	char digest[65];
	alignas(max_align_t) unsigned char room[ARENA_CHUNK];
	struct arena_chunk first = { NULL, 0, sizeof room, room };
	struct arena arena = { &first, &first };
	cmark_node *doc;
	int rc = -1;

	arena_cur = &arena;
	if (read_text(d->path, &nfc, digest, err) < 0)
		goto out;
	if (strcmp(digest, d->digest)) {
		err_set(err, "%s: changed while the site was being built: build again", d->path);
		goto out;
	}
	doc = parse(nfc.ptr + d->body);
	if (strcmp(root, "/"))
		prefix_links(doc, root);
	html_add(html, cmark_render_html(doc, CMARK_OPT_DEFAULT | (unsafe ? CMARK_OPT_UNSAFE : 0)));
	rc = 0;
out:
	arena_free(&arena);
	arena_cur = NULL;
	buf_free(&nfc);
	return rc;
}

void md_doc_free(struct md_doc *d)
{
	if (!d)
		return;
	free(d->path);
	free(d->slug);
	free(d->title);
	free(d->summary);
	free(d->updated);
	memset(d, 0, sizeof *d);
}
