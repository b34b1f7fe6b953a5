#include "sitecheck.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "util.h"

struct walk {
	const char *dir, *root;
	long bad, pages, js;
};

static void problem(struct walk *w, const char *file, const char *text, const char *at,
		    const char *fmt, const char *arg)
{
	int line = 1;

	for (; text < at; text++)
		line += *text == '\n';
	fprintf(stderr, "gen: check: %s/%s:%d: ", w->dir, file, line);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	w->bad++;
}

/* The value of attribute name inside the tag [tag, end), or NULL; *len its length. */
static const char *attr(const char *tag, const char *end, const char *name, size_t *len)
{
	size_t n = strlen(name);
	const char *p = tag, *q;

	while ((p = strstr(p, name)) && p < end) {
		if ((p[-1] == ' ' || p[-1] == '\n') && p[n] == '=' && p[n + 1] == '"') {
			q = strchr(p + n + 2, '"');
			if (!q || q > end)
				return NULL;
			*len = (size_t)(q - (p + n + 2));
			return p + n + 2;
		}
		p += n;
	}
	return NULL;
}

/* Resolves an internal URL to a file of the site; 1 if it exists. */
static int resolves(struct walk *w, const char *page, const char *url, size_t len)
{
	struct buf path = BUF_INIT;
	struct stat st;
	size_t cut = strcspn(url, "?#");
	const char *slash;
	int ok;

	if (cut > len)
		cut = len;
	if (url[0] == '/') {
		size_t rl = strlen(w->root);

		if (strncmp(url, w->root, rl))
			return 0;  /* outside the site's path */
		buf_printf(&path, "%s/%.*s", w->dir, (int)(cut - rl), url + rl);
	} else {
		slash = strrchr(page, '/');
		buf_printf(&path, "%s/%.*s%.*s", w->dir, slash ? (int)(slash - page + 1) : 0, page,
			   (int)cut, url);
	}
	if (path.ptr[path.len - 1] == '/')
		buf_adds(&path, "index.html");
	ok = stat(path.ptr, &st) == 0 && S_ISREG(st.st_mode);
	if (!ok && stat(path.ptr, &st) == 0 && S_ISDIR(st.st_mode)) {
		buf_adds(&path, "/index.html");
		ok = stat(path.ptr, &st) == 0;
	}
	buf_free(&path);
	return ok;
}

static int external(const char *u)
{
	return !strncmp(u, "http://", 7) || !strncmp(u, "https://", 8) ||
	       !strncmp(u, "mailto:", 7) || !strncmp(u, "tel:", 4) || u[0] == '#' ||
	       !strncmp(u, "data:", 5) || !strncmp(u, "//", 2);
}

static void check_tag(struct walk *w, const char *file, const char *text, const char *tag,
		      const char *end)
{
	static const char *const names[] = { "href", "src" };
	struct buf u = BUF_INIT;
	size_t i, len;
	const char *v;

	if (!strncasecmp(tag, "<img", 4) && !attr(tag, end, "alt", &len))
		problem(w, file, text, tag, "%s", "an image without alt text");
	for (i = 0; i < ARRAY_LEN(names); i++) {
		v = attr(tag, end, names[i], &len);
		if (!v || !len)
			continue;
		buf_reset(&u);
		buf_add(&u, v, len);
		if (!external(u.ptr) && !resolves(w, file, u.ptr, len))
			problem(w, file, text, tag, "broken link to \"%s\"", u.ptr);
	}
	buf_free(&u);
}

static void check_html(struct walk *w, const char *file, const struct buf *t)
{
	const char *p = t->ptr, *end;

	w->pages++;
	if (t->len > SITECHECK_MAX_HTML)
		problem(w, file, p, p, "%s", t->len > SITECHECK_MAX_HTML ?
			"page larger than the 60 KB budget" : "");
	while ((p = strchr(p, '<'))) {
		if (strncasecmp(p, "<a ", 3) && strncasecmp(p, "<img", 4) &&
		    strncasecmp(p, "<link", 5) && strncasecmp(p, "<script", 7)) {
			p++;
			continue;
		}
		end = strchr(p, '>');
		if (!end)
			break;
		check_tag(w, file, t->ptr, p, end);
		p = end;
	}
}

static void walk_dir(struct walk *w, const char *rel)
{
	struct buf full = BUF_INIT, sub = BUF_INIT, text = BUF_INIT;
	struct dirent *e;
	struct stat st;
	DIR *d;

	buf_printf(&full, "%s%s%s", w->dir, *rel ? "/" : "", rel);
	d = opendir(full.ptr);
	while (d && (e = readdir(d))) {
		size_t n = strlen(e->d_name);

		if (e->d_name[0] == '.')
			continue;
		buf_reset(&sub);
		buf_printf(&sub, "%s%s%s", rel, *rel ? "/" : "", e->d_name);
		buf_reset(&full);
		buf_printf(&full, "%s/%s", w->dir, sub.ptr);
		if (stat(full.ptr, &st) < 0)
			continue;
		if (S_ISDIR(st.st_mode))
			walk_dir(w, sub.ptr);
		else if (n > 3 && !strcmp(e->d_name + n - 3, ".js"))
			w->js += st.st_size;
		else if (n > 5 && !strcmp(e->d_name + n - 5, ".html") &&
			 file_read(full.ptr, &text, 0, NULL) == 0)
			check_html(w, sub.ptr, &text);
	}
	if (d)
		closedir(d);
	buf_free(&full);
	buf_free(&sub);
	buf_free(&text);
}

long sitecheck_run(const char *dir, const char *root, long *pages)
{
	struct walk w = { dir, root, 0, 0, 0 };
	char n[32];

	walk_dir(&w, "");
	if (w.js > SITECHECK_MAX_JS) {
		snprintf(n, sizeof n, "%ld", w.js);
		fprintf(stderr, "gen: check: %s: JavaScript totals %s bytes, over the 15 KB budget\n",
			dir, n);
		w.bad++;
	}
	if (pages)
		*pages = w.pages;
	return w.bad;
}
