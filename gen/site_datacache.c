/* Open data kept from build to build. A month's tables change only when that month or an
 * earlier one is imported or corrected (derived figures look back one month), yet writing
 * them was most of a province's build (make bench): every month's procedure catalogue
 * alone is megabytes. So each month's files are kept under cache/data/ with the digest of
 * what they were made from, and a build whose digest matches links them into place.
 *
 * cache/data/NAME.key.json: {"key": hex, "files": [the index page's entries],
 * "made": [[path under du-lieu/, SHA-256, size, inode, mtime s, mtime ns], ...]}. The
 * cached files are shared with the output by hard links, so a file whose size, inode or
 * time is no longer the one recorded (changed in place) is never used. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "site.h"
#include "util.h"

/* Every row of sql (?1 = month, when given) into b. */
static void add_rows(struct site *s, struct buf *b, const char *sql, const char *month)
{
	json_t *rows = site_query(s, sql, month ? "s" : "", month), *r, *v;
	const char *k;
	size_t i;

	json_array_foreach(rows, i, r) {
		json_object_foreach(r, k, v) {
			char *t = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);

			buf_printf(b, "%s=%s\t", k, t ? t : "?");
			free(t);
		}
		buf_addc(b, '\n');
	}
	json_decref(rows);
}

void site_datacache_base(struct site *s, char hex[65])
{
	struct buf b = BUF_INIT, cfg = BUF_INIT;

	buf_printf(&b, "gen-opendata 1 %s\n", GEN_VERSION);
	if (file_read(s->cfg->path, &cfg, (size_t)1 << 24, NULL) < 0)
		buf_printf(&cfg, "unreadable %p", (void *)&b);  /* never equal to a key */
	buf_printf(&b, "%zu\n", cfg.len);
	buf_add(&b, cfg.ptr, cfg.len);
	buf_free(&cfg);
	add_rows(s, &b, "PRAGMA user_version", NULL);
	add_rows(s, &b, "SELECT code, name FROM unit ORDER BY code", NULL);
	sha256_hex(b.ptr, b.len, hex);
	buf_free(&b);
}

void site_datacache_key(struct site *s, const char *base, const char *month, char hex[65])
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "%s\n", base);
	add_rows(s, &b, "SELECT month, kind, digest, version, imported_at FROM month_kind"
		 " WHERE month <= ?1 ORDER BY month, kind", month);
	add_rows(s, &b, "SELECT month, kind, version, at FROM correction WHERE month <= ?1"
		 " ORDER BY month, kind, version", month);
	sha256_hex(b.ptr, b.len, hex);
	buf_free(&b);
}

static char *key_path(struct site *s, const char *name)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "%s/data/%s.key.json", s->cache, name);
	return buf_detach(&b, NULL);
}

static char *cached_path(struct site *s, const char *rel)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "%s/data/%s", s->cache, rel);
	return buf_detach(&b, NULL);
}

/* 1 if rel is a path the tables of name make: NAME/FILE for a month, FILE for every month,
 * with no way out of the folder. The key file is read from disk: a damaged or edited one
 * must not reach a path. */
static int rel_ok(const char *name, const char *rel)
{
	size_t n = strlen(name);
	const char *file = rel;

	if (!rel)
		return 0;
	if (strcmp(name, "tat-ca")) {
		if (strncmp(rel, name, n) || rel[n] != '/')
			return 0;
		file = rel + n + 1;
	}
	return *file && *file != '.' && !strchr(file, '/');
}

static int hex64(const char *h)
{
	return h && strlen(h) == 64 && strspn(h, "0123456789abcdef") == 64;
}

/* 1 if every file made is in the cache as it was recorded. */
static int all_there(struct site *s, const char *name, json_t *made)
{
	struct stat st;
	json_t *m;
	size_t i;
	int ok = json_is_array(made) && json_array_size(made) > 0;

	json_array_foreach(made, i, m) {
		const char *rel = json_string_value(json_array_get(m, 0));
		char *p;

		ok = ok && rel_ok(name, rel) && hex64(json_string_value(json_array_get(m, 1)));
		if (!ok)
			break;
		p = cached_path(s, rel);
		ok = stat(p, &st) == 0 && S_ISREG(st.st_mode) &&
		     (json_int_t)st.st_size == json_integer_value(json_array_get(m, 2)) &&
		     (json_int_t)st.st_ino == json_integer_value(json_array_get(m, 3)) &&
		     (json_int_t)st.st_mtim.tv_sec == json_integer_value(json_array_get(m, 4)) &&
		     (json_int_t)st.st_mtim.tv_nsec == json_integer_value(json_array_get(m, 5));
		free(p);
		if (!ok)
			break;
	}
	return ok;
}

/* 1 if every entry for the index page names a table of made, with a title and a row
 * count: the page shows them, and they too come from the key file on disk. */
static int files_ok(const char *name, json_t *files, json_t *made)
{
	struct buf want = BUF_INIT;
	json_t *f, *m;
	size_t i, j;
	int ok = json_is_array(files);

	json_array_foreach(files, i, f) {
		const char *file = json_string_value(json_object_get(f, "file"));

		ok = ok && file && json_is_string(json_object_get(f, "title")) &&
		     json_is_integer(json_object_get(f, "rows"));
		if (!ok)
			break;
		buf_reset(&want);
		buf_printf(&want, "%s/%s.csv", name, file);
		ok = 0;
		json_array_foreach(made, j, m)
			if (!strcmp(json_string_value(json_array_get(m, 0)), want.ptr))
				ok = 1;
	}
	buf_free(&want);
	return ok;
}

int site_datacache_use(struct site *s, const char *name, const char *key, json_t *files,
		       struct buf *err)
{
	char *kp = key_path(s, name);
	json_t *k = json_load_file(kp, 0, NULL), *made = json_object_get(k, "made"), *m;
	const char *was = json_string_value(json_object_get(k, "key"));
	struct buf path = BUF_INIT;
	size_t i;
	int rc = 0;

	free(kp);
	if (!was || strcmp(was, key) || !all_there(s, name, made) ||
	    !files_ok(name, json_object_get(k, "files"), made))
		goto out;
	json_array_foreach(made, i, m) {
		const char *rel = json_string_value(json_array_get(m, 0));
		char *src = cached_path(s, rel);

		buf_reset(&path);
		buf_printf(&path, "du-lieu/%s", rel);
		rc = outdir_put_file(s->out, 2 * s->order + 1, path.ptr, src, err);
		free(src);
		if (rc < 0)
			goto out;
		buf_printf(&s->sums, "%s  %s\n", json_string_value(json_array_get(m, 1)), rel);
	}
	json_array_extend(files, json_object_get(k, "files"));
	rc = 1;
out:
	json_decref(k);
	buf_free(&path);
	return rc;
}

void site_datacache_note(struct site *s, const char *name, const char *key, json_t *files,
			 json_t *made)
{
	json_array_append_new(s->data_keys, json_pack("{s:s,s:s,s:O,s:O}", "name", name, "key",
						      key, "files", files, "made", made));
}

/* Links the built file into the cache (a copy where links are refused), replacing any
 * older one whole; its size, inode and time go to m. */
static int cache_one(struct site *s, json_t *m, struct buf *err)
{
	const char *rel = json_string_value(json_array_get(m, 0));
	struct buf from = BUF_INIT, tmp = BUF_INIT;
	char *to = cached_path(s, rel);
	struct stat st;
	int rc = 0;

	buf_printf(&from, "%s/du-lieu/%s", s->out_dir, rel);
	buf_printf(&tmp, "%s.tmp", to);
	unlink(tmp.ptr);
	if (mkdir_parents(to, err) < 0 ||
	    file_link_or_copy(from.ptr, tmp.ptr, 1, &st, err) < 0)
		rc = -1;
	else if (rename(tmp.ptr, to) < 0)  /* the same file: st holds */
		rc = err_set(err, "%s: cannot keep in the build cache: %s", to, strerror(errno));
	if (rc == 0) {
		json_array_append_new(m, json_integer((json_int_t)st.st_size));
		json_array_append_new(m, json_integer((json_int_t)st.st_ino));
		json_array_append_new(m, json_integer((json_int_t)st.st_mtim.tv_sec));
		json_array_append_new(m, json_integer((json_int_t)st.st_mtim.tv_nsec));
	}
	free(to);
	buf_free(&from);
	buf_free(&tmp);
	return rc;
}

static int save_one(struct site *s, json_t *e, struct buf *err)
{
	char *kp = key_path(s, json_string_value(json_object_get(e, "name"))), *text = NULL;
	json_t *made = json_object_get(e, "made"), *m;
	size_t i;
	int rc = 0;

	unlink(kp);  /* no key names files half replaced */
	json_array_foreach(made, i, m)
		if ((rc = cache_one(s, m, err)) < 0)
			goto out;
	json_object_del(e, "name");
	text = json_dumps(e, JSON_COMPACT | JSON_PRESERVE_ORDER);
	rc = file_write_atomic(kp, text, strlen(text), err);
out:
	free(kp);
	free(text);
	return rc;
}

int site_datacache_save(struct site *s, struct buf *err)
{
	json_t *e;
	size_t i;

	json_array_foreach(s->data_keys, i, e)
		if (save_one(s, e, err) < 0)
			return -1;
	return 0;
}
