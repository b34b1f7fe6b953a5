#include "md.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "num.h"
#include "text.h"
#include "util.h"

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

static void node_text(cmark_node *n, struct buf *out)
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
		else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK ||
			 t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING || t == CMARK_NODE_ITEM)
			buf_addc(out, ' ');
	}
	cmark_iter_free(it);
}

/* Prefixes site-absolute links with root, and finds the first heading. */
static cmark_node *fix_links(cmark_node *doc, const char *root)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_node *heading = NULL;
	struct buf u = BUF_INIT;

	while (cmark_iter_next(it) != CMARK_EVENT_DONE) {
		cmark_node *c = cmark_iter_get_node(it);
		const char *url;

		if (!heading && cmark_node_get_type(c) == CMARK_NODE_HEADING)
			heading = c;
		if (cmark_node_get_type(c) != CMARK_NODE_LINK &&
		    cmark_node_get_type(c) != CMARK_NODE_IMAGE)
			continue;
		url = cmark_node_get_url(c);
		if (url && url[0] == '/' && url[1] != '/' && strcmp(root, "/")) {
			buf_reset(&u);
			buf_printf(&u, "%s%s", root, url + 1);
			cmark_node_set_url(c, u.ptr);
		}
	}
	cmark_iter_free(it);
	buf_free(&u);
	return heading;
}

int md_load(const char *path, const char *slug, const char *root, int unsafe,
	    struct md_doc *d, struct buf *err)
{
	struct buf src = BUF_INIT, nfc = BUF_INIT, t = BUF_INIT;
	cmark_node *doc = NULL, *heading;
	char *body;
	int rc = -1;

	memset(d, 0, sizeof *d);
	d->slug = xstrdup(slug);
	if (file_read(path, &src, 4 << 20, err) < 0)
		goto out;
	if (text_nfc(src.ptr, src.len, &nfc) < 0) {
		err_set(err, "%s: not valid UTF-8 text", path);
		goto out;
	}
	if (front_matter(d, path, nfc.ptr + (strncmp(nfc.ptr, "\xEF\xBB\xBF", 3) ? 0 : 3), &body,
			 err) < 0)
		goto out;
	doc = cmark_parse_document(body, strlen(body), CMARK_OPT_VALIDATE_UTF8);
	heading = fix_links(doc, root);
	if (!d->title && heading) {
		node_text(heading, &t);
		d->title = xstrdup(text_trim(t.ptr));
	}
	if (!d->title || !*d->title) {
		err_set(err, "%s: no title: add \"title: …\" to the front matter or start with a "
			"heading", path);
		goto out;
	}
	d->html = cmark_render_html(doc, CMARK_OPT_DEFAULT | (unsafe ? CMARK_OPT_UNSAFE : 0));
	buf_reset(&t);
	node_text(doc, &t);
	d->text = buf_detach(&t, NULL);
	if (!d->summary)
		d->summary = xstrdup("");
	if (!d->updated)
		d->updated = xstrdup("");
	rc = 0;
out:
	if (doc)
		cmark_node_free(doc);
	buf_free(&src);
	buf_free(&nfc);
	buf_free(&t);
	return rc;
}

void md_doc_free(struct md_doc *d)
{
	if (!d)
		return;
	free(d->slug);
	free(d->title);
	free(d->summary);
	free(d->updated);
	free(d->html);
	free(d->text);
	memset(d, 0, sizeof *d);
}
