#include "ini.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"

static char *trim(char *s, char *end)
{
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
		end--;
	*end = '\0';
	return s;
}

static void add(struct ini *ini, const char *sec, const char *key, const char *val, int line)
{
	struct ini_entry *e;

	if (ini->n == ini->cap) {
		ini->cap = ini->cap ? ini->cap * 2 : 32;
		ini->v = xrealloc(ini->v, ini->cap * sizeof *ini->v);
	}
	e = &ini->v[ini->n++];
	e->section = xstrdup(sec);
	e->key = xstrdup(key);
	e->value = xstrdup(val);
	e->line = line;
}

static int parse_line(struct ini *ini, char *s, struct buf *sec, int line, struct buf *err)
{
	char *eq, *key, *val, *close;
	size_t n;

	s = trim(s, s + strlen(s));
	if (!*s || *s == ';' || *s == '#')
		return 0;
	if (*s == '[') {
		close = strchr(s, ']');
		if (!close || close[1] != '\0')
			return err_set(err, "%s:%d: section header: expected \"[name]\"", ini->path, line);
		buf_sets(sec, trim(s + 1, close));
		return 0;
	}
	eq = strchr(s, '=');
	if (!eq)
		return err_set(err, "%s:%d: expected \"key = value\", got \"%s\"", ini->path, line, s);
	key = trim(s, eq);
	val = trim(eq + 1, eq + 1 + strlen(eq + 1));
	if (!*key)
		return err_set(err, "%s:%d: a value without a key", ini->path, line);
	n = strlen(val);
	if (n >= 2 && val[0] == '"' && val[n - 1] == '"') {
		val[n - 1] = '\0';
		val++;
	}
	add(ini, sec->ptr, key, val, line);
	return 0;
}

int ini_parse(struct ini *ini, const char *path, const char *text, struct buf *err)
{
	struct buf sec = BUF_INIT, line = BUF_INIT, nfc = BUF_INIT;
	const char *p = text, *nl;
	int lineno = 0, rc = 0;

	memset(ini, 0, sizeof *ini);
	ini->path = xstrdup(path);
	if (!strncmp(p, "\xEF\xBB\xBF", 3))
		p += 3;
	while (*p && rc == 0) {
		nl = strchr(p, '\n');
		if (!nl)
			nl = p + strlen(p);
		lineno++;
		buf_reset(&line);
		buf_add(&line, p, (size_t)(nl - p));
		/* NFC, so that a key typed on a system that writes NFD ("vàng") still matches */
		buf_reset(&nfc);
		if (text_nfc(line.ptr, line.len, &nfc) < 0)
			rc = err_set(err, "%s:%d: not valid UTF-8 text (save the file as UTF-8)", path,
				     lineno);
		else
			rc = parse_line(ini, nfc.ptr, &sec, lineno, err);
		p = *nl ? nl + 1 : nl;
	}
	buf_free(&sec);
	buf_free(&line);
	buf_free(&nfc);
	return rc;
}

void ini_free(struct ini *ini)
{
	size_t i;

	if (!ini)
		return;
	for (i = 0; i < ini->n; i++) {
		free(ini->v[i].section);
		free(ini->v[i].key);
		free(ini->v[i].value);
	}
	free(ini->v);
	free(ini->path);
	memset(ini, 0, sizeof *ini);
}
