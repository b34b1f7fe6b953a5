/* The site's charts: data from the store into struct chart (chart.h draws them), files
 * through the build's output so a failed build publishes none, and a key per chart in the
 * build cache so a chart whose data did not change is not redrawn. */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "derive.h"
#include "site.h"
#include "util.h"

/* Charts and their CSV go into place first of all (outdir rank 0): they link to nothing. */
#define CHART_RANK 0

static const char *source_of(struct site *s)
{
	(void)s;
	return "Cổng Dịch vụ công quốc gia; Hệ thống giải quyết TTHC của tỉnh";
}

/* The key file says "KEY WIDTH HEIGHT PNG-SHA256 SIZE INODE MTIME_S MTIME_NS": the chart's
 * inputs, its size for <img>, the bytes published, and the cached PNG as the build left it
 * (a hard link to the published file where the file system allows). A chart is kept only
 * when its inputs are the same and the file at hand is still those bytes: the very file the
 * build linked (same inode, size and time), or one whose bytes match the SHA-256. A lost
 * write or a hand edit is thus redrawn, never trusted. A build into an empty directory takes
 * the PNG from the cache instead of drawing it again. */
static void note_key(struct site_chart_pool *p, const char *keyfile, const char *line,
		     const char *png);

static int same_stat(const char *path, const long long rec[4])
{
	struct stat st;

	return rec[0] >= 0 && stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	       (long long)st.st_size == rec[0] && (long long)st.st_ino == rec[1] &&
	       (long long)st.st_mtim.tv_sec == rec[2] && (long long)st.st_mtim.tv_nsec == rec[3];
}

/* The old way, for a file that is not the one recorded: its bytes against the SHA-256. */
static int kept_by_hash(struct site *s, const char *png, const char *sha, const char *out,
			const char *cached)
{
	struct buf pub = BUF_INIT;
	char now[65];
	int ok, in_place = file_read(out, &pub, 0, NULL) == 0;

	if (!in_place && file_read(cached, &pub, 0, NULL) < 0)
		buf_reset(&pub);
	sha256_hex(pub.ptr, pub.len, now);
	ok = pub.len && !strcmp(now, sha) &&
	     (in_place ? outdir_keep(s->out, CHART_RANK, png, NULL) :
			 outdir_put(s->out, CHART_RANK, png, pub.ptr, pub.len, NULL)) == 0;
	buf_free(&pub);
	return ok;
}

/* The next word of *p (at most n - 1 bytes) into w: 0, or -1 when there is none. */
static int next_word(const char **p, char *w, size_t n)
{
	size_t len;

	*p += strspn(*p, " \n");
	len = strcspn(*p, " \n");
	if (!len || len >= n)
		return -1;
	memcpy(w, *p, len);
	w[len] = '\0';
	*p += len;
	return 0;
}

/* The next number of *p, between 0 (1 if positive) and max, into v: 0, or -1. */
static int next_num(const char **p, long long max, int positive, long long *v)
{
	char *end;

	errno = 0;
	*v = strtoll(*p, &end, 10);
	if (end == *p || errno || *v < positive || *v > max)
		return -1;
	*p = end;
	return 0;
}

/* A key file's line (above): 0 with at least the key, size and SHA-256, the record of the
 * cached file as far as it is there (-1 after). Not sscanf: 8,300 instructions a chart,
 * 1.2 % of a build of 34 provinces (callgrind). */
static int parse_key_line(const char *p, char k[65], int *w, int *h, char sha[65],
			  long long rec[4])
{
	long long v[2];
	int i;

	if (next_word(&p, k, 65) < 0 || next_num(&p, INT_MAX, 1, &v[0]) < 0 ||
	    next_num(&p, INT_MAX, 1, &v[1]) < 0 || next_word(&p, sha, 65) < 0)
		return -1;
	*w = (int)v[0];
	*h = (int)v[1];
	for (i = 0; i < 4 && next_num(&p, LLONG_MAX, 0, &rec[i]) == 0; i++)
		;
	for (; i < 4; i++)
		rec[i] = -1;
	return 0;
}

static int kept(struct site *s, const char *png, const char *keyfile, const char *key,
		int *w, int *h)
{
	struct buf old = BUF_INIT, out = BUF_INIT, cached = BUF_INIT;
	long long rec[4] = { -1, -1, -1, -1 };
	char k[65], sha[65];
	int ok = 0;

	buf_printf(&out, "%s/%s", s->out_dir, png);
	buf_printf(&cached, "%s/charts/%s", s->cache, png);
	if (file_read(keyfile, &old, 512, NULL) == 0 &&
	    parse_key_line(old.ptr, k, w, h, sha, rec) == 0 && !strcmp(k, key)) {
		if (same_stat(out.ptr, rec))
			ok = outdir_keep(s->out, CHART_RANK, png, NULL) == 0;
		else if (same_stat(cached.ptr, rec))
			ok = outdir_put_file(s->out, CHART_RANK, png, cached.ptr, NULL) == 0;
		else if ((ok = kept_by_hash(s, png, sha, out.ptr, cached.ptr)) && s->pool) {
			/* saved again with the cached file as it will be, to skip the hash next time */
			buf_reset(&old);
			buf_printf(&old, "%s %d %d %s\n", k, *w, *h, sha);
			note_key(s->pool, keyfile, old.ptr, png);
		}
	}
	buf_free(&old);
	buf_free(&out);
	buf_free(&cached);
	return ok;
}

/* Charts are drawn by a pool of threads, one per processor, each with its own fonts (the
 * glyph cache is not shared): the page showing a chart needs only its size, which the
 * layout gives without drawing (chart_measure). A job owns a deep copy of its chart, as
 * the page's rows are freed as soon as the page is rendered. The queue is short, so the
 * pages wait for the drawing rather than memory filling with charts. */
struct chart_job {
	struct chart c;
	struct chart_row *rows;
	enum chart_size z;
	int w, h, rank;
	char *path, *keyfile, *key;
};

#define POOL_QUEUE 16
#define POOL_MAX 8

struct site_chart_pool {
	struct site *s;
	pthread_t th[POOL_MAX];
	struct chart_fonts fonts[POOL_MAX];
	int n;
	pthread_mutex_t mu;
	pthread_cond_t work, space;
	struct chart_job *q[POOL_QUEUE];
	size_t head, len;
	int quit, failed;
	struct buf err;             /* the first failure */
	json_t *keys;               /* [key file, line, png] of every chart drawn */
};

/* A key to save once the build is in place, with its PNG linked into the cache. */
static void note_key(struct site_chart_pool *p, const char *keyfile, const char *line,
		     const char *png)
{
	pthread_mutex_lock(&p->mu);
	json_array_append_new(p->keys, json_pack("[s,s,s]", keyfile, line, png));
	pthread_mutex_unlock(&p->mu);
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static struct chart_job *job_new(const struct chart *c, enum chart_size z)
{
	struct chart_job *j = xcalloc(1, sizeof *j);
	size_t i;

	j->c = *c;
	j->c.title = dup_or_null(c->title);
	j->c.unit = dup_or_null(c->unit);
	j->c.period = dup_or_null(c->period);
	j->c.source = dup_or_null(c->source);
	j->c.license = dup_or_null(c->license);
	j->c.label_head = dup_or_null(c->label_head);
	j->rows = xcalloc(c->nrows + 1, sizeof *j->rows);
	for (i = 0; i < c->nrows; i++) {
		j->rows[i] = c->rows[i];
		j->rows[i].label = dup_or_null(c->rows[i].label);
	}
	j->c.rows = j->rows;
	j->z = z;
	return j;
}

static void job_free(struct chart_job *j)
{
	size_t i;

	for (i = 0; i < j->c.nrows; i++)
		free((char *)j->rows[i].label);
	free(j->rows);
	free((char *)j->c.title);
	free((char *)j->c.unit);
	free((char *)j->c.period);
	free((char *)j->c.source);
	free((char *)j->c.license);
	free((char *)j->c.label_head);
	free(j->path);
	free(j->keyfile);
	free(j->key);
	free(j);
}

/* Draws one chart and puts it into the build's output. */
static int job_draw(struct site_chart_pool *p, struct chart_fonts *f, struct chart_job *j,
		    struct buf *err)
{
	struct buf png = BUF_INIT, line = BUF_INIT;
	char sha[65];
	int w = 0, h = 0, rc;

	rc = chart_render(f, &j->c, j->z, &png, err);
	if (rc == 0 && (chart_png_size(&png, &w, &h) < 0 || w != j->w || h != j->h))
		rc = err_set(err, "chart: drawn %dx%d, measured %dx%d", w, h, j->w, j->h);
	if (rc == 0)
		rc = outdir_put(p->s->out, j->rank, j->path, png.ptr, png.len, err);
	if (rc == 0) {
		sha256_hex(png.ptr, png.len, sha);
		buf_printf(&line, "%s %d %d %s\n", j->key, w, h, sha);
		note_key(p, j->keyfile, line.ptr, j->path);
	}
	if (rc < 0)
		err_prefix(err, "build: chart %s", j->path);
	buf_free(&png);
	buf_free(&line);
	return rc;
}

static void *pool_worker(void *arg)
{
	struct site_chart_pool *p = ((void **)arg)[0];
	struct chart_fonts *f = ((void **)arg)[1];
	struct buf err = BUF_INIT;
	struct chart_job *j;

	free(arg);
	for (;;) {
		pthread_mutex_lock(&p->mu);
		while (!p->len && !p->quit)
			pthread_cond_wait(&p->work, &p->mu);
		if (!p->len) {
			pthread_mutex_unlock(&p->mu);
			break;
		}
		j = p->q[p->head];
		p->head = (p->head + 1) % POOL_QUEUE;
		p->len--;
		pthread_cond_signal(&p->space);
		pthread_mutex_unlock(&p->mu);
		buf_reset(&err);
		if (!p->failed && job_draw(p, f, j, &err) < 0) {
			pthread_mutex_lock(&p->mu);
			if (!p->failed++)
				buf_adds(&p->err, err.ptr);
			pthread_mutex_unlock(&p->mu);
		}
		job_free(j);
	}
	buf_free(&err);
	return NULL;
}

int site_chart_pool_start(struct site *s, struct buf *err)
{
	struct site_chart_pool *p = xcalloc(1, sizeof *p);
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	int i, want = cpus < 1 ? 1 : cpus > POOL_MAX ? POOL_MAX : (int)cpus;

	p->s = s;
	p->err = (struct buf)BUF_INIT;
	p->keys = json_array();
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->work, NULL);
	pthread_cond_init(&p->space, NULL);
	s->pool = p;
	for (i = 0; i < want; i++) {
		void **arg = xmalloc(2 * sizeof *arg);

		if (chart_fonts_init(&p->fonts[i], NULL, err) < 0) {
			free(arg);
			return -1;
		}
		arg[0] = p, arg[1] = &p->fonts[p->n];
		if (pthread_create(&p->th[p->n], NULL, pool_worker, arg) != 0) {
			free(arg);
			chart_fonts_free(&p->fonts[i]);
			return err_set(err, "build: cannot start a chart-drawing thread");
		}
		p->n++;
	}
	return 0;
}

/* Waits for every chart queued; the first drawing error, if any. Frees the pool. */
int site_chart_pool_finish(struct site *s, struct buf *err)
{
	struct site_chart_pool *p = s->pool;
	json_t *k;
	size_t i;
	int rc = 0;

	if (!p)
		return 0;
	pthread_mutex_lock(&p->mu);
	p->quit = 1;
	pthread_cond_broadcast(&p->work);
	pthread_cond_broadcast(&p->space);
	pthread_mutex_unlock(&p->mu);
	for (i = 0; i < (size_t)p->n; i++) {
		pthread_join(p->th[i], NULL);
		chart_fonts_free(&p->fonts[i]);
	}
	if (p->failed)
		rc = err_set(err, "%s", p->err.ptr);
	json_array_foreach(p->keys, i, k)
		json_array_append(s->chart_keys, k);
	json_decref(p->keys);
	buf_free(&p->err);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->work);
	pthread_cond_destroy(&p->space);
	free(p);
	s->pool = NULL;
	return rc;
}

/* Queues a chart for the pool, waiting while the queue is full; the error of an earlier
 * chart stops the page that asks for the next one. */
static int pool_submit(struct site *s, struct chart_job *j, struct buf *err)
{
	struct site_chart_pool *p = s->pool;

	pthread_mutex_lock(&p->mu);
	while (p->len == POOL_QUEUE && !p->failed && !p->quit)
		pthread_cond_wait(&p->space, &p->mu);
	if (p->failed || p->quit) {  /* quit: a bug (the pool finished before every lane) */
		pthread_mutex_unlock(&p->mu);
		job_free(j);
		return err_set(err, "%s", p->failed ? p->err.ptr :
			       "build: a chart was queued after the drawing threads stopped");
	}
	p->q[(p->head + p->len++) % POOL_QUEUE] = j;
	pthread_cond_signal(&p->work);
	pthread_mutex_unlock(&p->mu);
	return 0;
}

/* The chart memo, shared by every lane: PNG path → [w, h] once the chart is placed, null
 * while one lane checks or queues it (another lane asking then waits), [-1, -1] if that
 * failed. A chart shown by several pages is thus placed once, whichever lane comes first,
 * and never twice at the same time. */
struct site_chart_memo {
	json_t *map;
	pthread_mutex_t mu;
	pthread_cond_t settled;
};

struct site_chart_memo *site_chart_memo_new(void)
{
	struct site_chart_memo *m = xcalloc(1, sizeof *m);

	m->map = json_object();
	pthread_mutex_init(&m->mu, NULL);
	pthread_cond_init(&m->settled, NULL);
	return m;
}

void site_chart_memo_free(struct site_chart_memo *m)
{
	if (!m)
		return;
	json_decref(m->map);
	pthread_mutex_destroy(&m->mu);
	pthread_cond_destroy(&m->settled);
	free(m);
}

/* 0: the caller places the chart and must settle it; 1: placed, size in w, h; -1: placing
 * it failed in another lane. */
static int memo_claim(struct site_chart_memo *m, const char *path, int *w, int *h)
{
	json_t *v;

	pthread_mutex_lock(&m->mu);
	if (!(v = json_object_get(m->map, path))) {
		json_object_set_new(m->map, path, json_null());
		pthread_mutex_unlock(&m->mu);
		return 0;
	}
	while (json_is_null(v = json_object_get(m->map, path)))
		pthread_cond_wait(&m->settled, &m->mu);
	*w = (int)json_integer_value(json_array_get(v, 0));
	*h = (int)json_integer_value(json_array_get(v, 1));
	pthread_mutex_unlock(&m->mu);
	return *w < 0 ? -1 : 1;
}

static void memo_settle(struct site_chart_memo *m, const char *path, int w, int h)
{
	pthread_mutex_lock(&m->mu);
	json_object_set_new(m->map, path, json_pack("[i,i]", w, h));
	pthread_cond_broadcast(&m->settled);
	pthread_mutex_unlock(&m->mu);
}

static int one_size(struct site *s, const char *base, const struct chart *c,
		    enum chart_size z, json_t *desc, struct buf *err)
{
	struct buf path = BUF_INIT, keyfile = BUF_INIT;
	struct chart_job *j;
	char key[65];
	int w = 0, h = 0, rc = 0, claim;

	buf_printf(&path, "%s-%s.png", base, chart_size_name(z));
	buf_printf(&keyfile, "%s/charts/%s.key", s->cache, path.ptr);
	claim = memo_claim(s->chart_memo, path.ptr, &w, &h);
	if (claim < 0) {
		rc = err_set(err, "%s: failed for another page", path.ptr);
	} else if (claim == 0) {
		chart_key(&s->fonts, c, z, key);
		if (kept(s, path.ptr, keyfile.ptr, key, &w, &h)) {
			s->charts_kept++;
		} else if ((rc = chart_measure(&s->fonts, c, z, &w, &h, err)) == 0) {
			j = job_new(c, z);
			j->w = w, j->h = h;
			j->rank = CHART_RANK;
			j->path = xstrdup(path.ptr);
			j->keyfile = xstrdup(keyfile.ptr);
			j->key = xstrdup(key);
			rc = pool_submit(s, j, err);
			s->charts_drawn++;
		}
		memo_settle(s->chart_memo, path.ptr, rc == 0 ? w : -1, rc == 0 ? h : -1);
	}
	if (rc == 0) {
		static const char *const names[] = { "web", "web2x", "social", "square", "broadcast" };

		json_object_set_new(desc, names[z], json_string(path.ptr));
		if (z == CHART_WEB) {
			json_object_set_new(desc, "w", json_integer(w));
			json_object_set_new(desc, "h", json_integer(h));
		}
	}
	buf_free(&path);
	buf_free(&keyfile);
	return rc;
}

json_t *site_chart(struct site *s, const char *base, const struct chart *c, unsigned sizes,
		   struct buf *err)
{
	json_t *desc = json_object();
	struct buf b = BUF_INIT, path = BUF_INIT;
	int z, rc = 0;

	for (z = 0; z < CHART_SIZES && rc == 0; z++)
		if (sizes & (1u << z))
			rc = one_size(s, base, c, (enum chart_size)z, desc, err);
	chart_csv(c, &b);
	buf_printf(&path, "%s.csv", base);
	if (rc == 0)
		rc = outdir_put_once(s->out, CHART_RANK, path.ptr, b.ptr, b.len, err);
	json_object_set_new(desc, "csv", json_string(path.ptr));
	buf_reset(&b);
	chart_alt(c, &b);
	json_object_set_new(desc, "alt", json_string(b.ptr));
	json_object_set_new(desc, "title", json_string(c->title));
	buf_free(&b);
	buf_free(&path);
	if (rc < 0) {
		err_prefix(err, "build: chart %s", base);
		json_decref(desc);
		return NULL;
	}
	return desc;
}

/* Links the published PNG into the cache: a hard link costs no space; a copy where the
 * cache lives on another file system. Its size, inode and time as the cache now holds it go
 * to the end of the key line. */
static int cache_png(struct site *s, const char *png, struct buf *line, struct buf *err)
{
	struct buf from = BUF_INIT, to = BUF_INIT;
	struct stat st;
	int rc;

	buf_printf(&from, "%s/%s", s->out_dir, png);
	buf_printf(&to, "%s/charts/%s", s->cache, png);
	unlink(to.ptr);
	rc = file_link_or_copy(from.ptr, to.ptr, 1, &st, err);
	if (rc == 0) {
		while (line->len && line->ptr[line->len - 1] == '\n')
			line->ptr[--line->len] = '\0';
		buf_printf(line, " %lld %lld %lld %ld\n", (long long)st.st_size,
			   (long long)st.st_ino, (long long)st.st_mtim.tv_sec,
			   (long)st.st_mtim.tv_nsec);
	}
	buf_free(&from);
	buf_free(&to);
	return rc;
}

int site_chart_keys_save(struct site *s, struct buf *err)
{
	struct buf line = BUF_INIT, tmp = BUF_INIT;
	json_t *k;
	size_t i;
	int rc = 0;

	json_array_foreach(s->chart_keys, i, k) {
		const char *path = json_string_value(json_array_get(k, 0));

		buf_sets(&line, json_string_value(json_array_get(k, 1)));
		buf_reset(&tmp);
		buf_printf(&tmp, "%s.tmp", path);
		/* Replaced, never rewritten in place: a copy of the cache made with links (cp -al)
		 * stays as it was. Not synced: a key lost in a crash only costs a redraw. */
		if ((rc = mkdir_parents(path, err)) < 0 ||
		    (rc = cache_png(s, json_string_value(json_array_get(k, 2)), &line, err)) < 0 ||
		    (rc = file_write(tmp.ptr, line.ptr, line.len, err)) < 0)
			break;
		if (rename(tmp.ptr, path) < 0) {
			rc = err_set(err, "%s: cannot replace: %s", path, strerror(errno));
			break;
		}
	}
	buf_free(&line);
	buf_free(&tmp);
	return rc;
}

static enum chart_level level_of(const char *l)
{
	return !l ? CHART_LEVEL_NONE : !strcmp(l, "xanh") ? CHART_LEVEL_XANH :
	       !strcmp(l, "vàng") ? CHART_LEVEL_VANG : !strcmp(l, "cam") ? CHART_LEVEL_CAM :
	       !strcmp(l, "đỏ") ? CHART_LEVEL_DO : CHART_LEVEL_NONE;
}

/* Chart rows from query rows with columns named label, value, max, target, rank, level and
 * xanh, vang, cam, do (counts). The strings stay owned by rows. */
static struct chart_row *chart_rows(json_t *rows)
{
	static const char *const counts[] = { "xanh", "vang", "cam", "do" };
	struct chart_row *v = xcalloc(json_array_size(rows) + 1, sizeof *v);
	json_t *r;
	size_t i, k;

	json_array_foreach(rows, i, r) {
		v[i].label = json_string_value(json_object_get(r, "label"));
		v[i].value = (long)json_integer_value(json_object_get(r, "value"));
		v[i].max = (long)json_integer_value(json_object_get(r, "max"));
		v[i].target = (long)json_integer_value(json_object_get(r, "target"));
		v[i].rank = (int)json_integer_value(json_object_get(r, "rank"));
		v[i].level = level_of(json_string_value(json_object_get(r, "level")));
		for (k = 0; k < CHART_NLEVELS; k++)
			v[i].counts[k] = (long)json_integer_value(json_object_get(r, counts[k]));
	}
	return v;
}

/* Draws a chart of kind from sql's rows; json null when there are no rows. */
static json_t *draw(struct site *s, struct chart *c, const char *base, json_t *rows,
		    unsigned sizes, struct buf *err)
{
	struct chart_row *v;
	json_t *desc;

	if (!json_array_size(rows)) {
		json_decref(rows);
		return json_null();
	}
	v = chart_rows(rows);
	c->rows = v;
	c->nrows = json_array_size(rows);
	c->source = source_of(s);
	c->license = s->cfg->license;
	desc = site_chart(s, base, c, sizes, err);
	free(v);
	json_decref(rows);
	return desc;
}

static void period(const char *m, char out[16])
{
	snprintf(out, 16, "Tháng %.2s/%.4s", m + 5, m);
}

json_t *site_chart_ranking(struct site *s, const char *m, json_t *tier, unsigned sizes,
			   struct buf *err)
{
	const char *code = json_string_value(json_object_get(tier, "code"));
	struct buf title = BUF_INIT, base = BUF_INIT;
	char per[16];
	struct chart c = { .kind = CHART_RANKING, .value_max = s->cfg->max_total };
	json_t *d;

	period(m, per);
	buf_printf(&title, "Xếp hạng %s", json_string_value(json_object_get(tier, "label")));
	buf_printf(&base, "bieu-do/%s/xep-hang-%s", m, code);
	c.title = title.ptr;
	c.unit = s->cfg->province;
	c.period = per;
	d = draw(s, &c, base.ptr, site_query(s, "SELECT name AS label, total AS value, rank, level"
		 " FROM score WHERE month = ? AND tier = ? ORDER BY rank, portal_rank, unit",
		 "ss", m, code), sizes, err);
	buf_free(&title);
	buf_free(&base);
	return d;
}

/* Chart rows from a unit page's rows: label from key label, value and max from the given
 * keys, the level from level (each NULL for none). The rows are the page's own, queried
 * once for both. */
static json_t *rows_from(json_t *page_rows, const char *label, const char *value,
			 const char *max, const char *level, int reverse)
{
	json_t *out = json_array(), *r, *o;
	size_t i, n = json_array_size(page_rows);

	for (i = 0; i < n; i++) {
		r = json_array_get(page_rows, reverse ? n - 1 - i : i);
		o = json_object();
		json_object_set(o, "label", json_object_get(r, label));
		json_object_set(o, "value", json_object_get(r, value));
		if (max)
			json_object_set(o, "max", json_object_get(r, max));
		if (level)
			json_object_set(o, "level", json_object_get(r, level));
		json_object_set(o, "rank", json_object_get(r, "rank"));
		json_array_append_new(out, o);
	}
	return out;
}

json_t *site_chart_unit(struct site *s, json_t *unit, json_t *page, int groups,
			unsigned sizes, struct buf *err)
{
	const char *slug = json_string_value(json_object_get(unit, "slug"));
	const char *last = json_string_value(json_object_get(unit, "last_month"));
	json_t *hist = json_object_get(page, "history"), *rows;
	size_t n = json_array_size(hist);
	struct buf base = BUF_INIT, per = BUF_INIT;
	struct chart c = { .unit = json_string_value(json_object_get(unit, "name")),
			   .value_max = s->cfg->max_total };
	json_t *d;

	buf_printf(&base, "bieu-do/co-quan/%s/%s", slug, groups ? "nhom-chi-so" : "lich-su");
	if (groups) {
		c.kind = CHART_GROUPS;
		c.title = "Điểm từng nhóm chỉ số";
		buf_printf(&per, "Tháng %.2s/%.4s", last + 5, last);
		rows = rows_from(json_object_get(page, "groups"), "code", "chart_value",
				 "chart_max", "chart_level", 0);
	} else {
		c.kind = CHART_HISTORY;
		c.title = "Tổng điểm và hạng qua các tháng";
		if (n) {  /* newest first */
			const char *a = json_string_value(json_object_get(json_array_get(hist,
									 n - 1), "month"));
			const char *b = json_string_value(json_object_get(json_array_get(hist, 0),
									 "month"));

			c.rank_of = (int)json_integer_value(json_object_get(json_array_get(hist, 0),
									    "tier_count"));
			buf_printf(&per, "%.2s/%.4s–%.2s/%.4s", a + 5, a, b + 5, b);
		}
		rows = rows_from(hist, "label", "total_raw", NULL, NULL, 1);
	}
	c.period = per.ptr;
	d = draw(s, &c, base.ptr, rows, sizes, err);
	buf_free(&base);
	buf_free(&per);
	return d;
}

/* The level counts of every month up to m for tier. Each month's chart shows every month
 * before it, so the counts of all months are queried once a build, not once a chart: at 36
 * months that query had been most of the press kit's time (make bench). */
static json_t *levels_upto(struct site *s, const char *m, const char *tier)
{
	json_t *out = json_array(), *r;
	size_t i;

	if (!s->levels)
		s->levels = site_query(s, "SELECT tier, month, substr(month, 6, 2) || '/' ||"
				       " substr(month, 1, 4) AS label, sum(level = 'xanh') AS xanh,"
				       " sum(level = 'vàng') AS vang, sum(level = 'cam') AS cam,"
				       " sum(level = 'đỏ') AS do FROM score GROUP BY tier, month"
				       " ORDER BY tier, month", NULL);
	json_array_foreach(s->levels, i, r)
		if (!strcmp(json_string_value(json_object_get(r, "tier")), tier) &&
		    strcmp(json_string_value(json_object_get(r, "month")), m) <= 0)
			json_array_append(out, r);
	return out;
}

json_t *site_chart_levels(struct site *s, const char *m, json_t *tier, unsigned sizes,
			  struct buf *err)
{
	const char *code = json_string_value(json_object_get(tier, "code"));
	struct buf title = BUF_INIT, base = BUF_INIT, per = BUF_INIT;
	struct chart c = { .kind = CHART_LEVELS_OVER_TIME, .unit = s->cfg->province };
	json_t *d, *span = site_query_one(s, "SELECT min(month) AS a FROM score WHERE month <= ?"
					  " AND month > ?", "ss", m, "0000");
	const char *a = json_string_value(json_object_get(span, "a"));

	buf_printf(&title, "Số đơn vị theo mức, %s",
		   json_string_value(json_object_get(tier, "label")));
	buf_printf(&base, "bieu-do/%s/muc-%s", m, code);
	buf_printf(&per, "%.2s/%.4s–%.2s/%.4s", a + 5, a, m + 5, m);
	c.title = title.ptr;
	c.period = per.ptr;
	d = draw(s, &c, base.ptr, levels_upto(s, m, code), sizes, err);
	json_decref(span);
	buf_free(&title);
	buf_free(&base);
	buf_free(&per);
	return d;
}

json_t *site_chart_late(struct site *s, const char *m, int by_unit, unsigned sizes,
			struct buf *err)
{
	struct buf base = BUF_INIT;
	char per[16];
	struct chart c = { .kind = CHART_LATE_BY, .unit = s->cfg->province };
	json_t *d;

	period(m, per);
	c.period = per;
	buf_printf(&base, "bieu-do/%s/tre-han-%s", m, by_unit ? "don-vi" : "linh-vuc");
	c.title = by_unit ? "Hồ sơ trễ hạn theo đơn vị (15 đơn vị nhiều nhất)" :
			    "Hồ sơ trễ hạn theo lĩnh vực";
	c.label_head = by_unit ? "Đơn vị" : "Lĩnh vực";
	d = draw(s, &c, base.ptr, by_unit ?
		 site_query(s, "SELECT u.name AS label, d.late AS value FROM delay_stat d JOIN unit u"
			    " ON u.code = d.key WHERE d.month = ? AND d.scope = 'unit'"
			    " ORDER BY d.late DESC, d.key LIMIT 15", "s", m) :
		 site_query(s, "SELECT key AS label, late AS value FROM delay_stat WHERE month = ?"
			    " AND scope = 'field' ORDER BY late DESC, key", "s", m), sizes, err);
	buf_free(&base);
	return d;
}

json_t *site_chart_targets(struct site *s, const char *m, unsigned sizes, struct buf *err)
{
	struct buf base = BUF_INIT, sql = BUF_INIT;
	char per[16];
	struct chart c = { .kind = CHART_TARGETS, .title = "Tỷ lệ so với chỉ tiêu của tỉnh",
			   .unit = s->cfg->province };
	json_t *d;
	int t;

	period(m, per);
	c.period = per;
	buf_printf(&base, "bieu-do/%s/chi-tieu", m);
	/* labels come from the configuration: one CASE over the target codes */
	buf_adds(&sql, "SELECT CASE code");
	for (t = 0; t < TARGET_COUNT; t++) {
		char *w = sqlite3_mprintf(" WHEN %Q THEN %Q", s->cfg->targets[t].code,
					  s->cfg->targets[t].label);

		buf_adds(&sql, w);
		sqlite3_free(w);
	}
	buf_adds(&sql, " END AS label, value, target FROM rate WHERE month = ? ORDER BY rowid");
	d = draw(s, &c, base.ptr, site_query(s, sql.ptr, "s", m), sizes, err);
	buf_free(&base);
	buf_free(&sql);
	return d;
}

json_t *site_chart_province(struct site *s, const char *m, unsigned sizes, struct buf *err)
{
	struct buf base = BUF_INIT, per = BUF_INIT;
	struct chart c = { .kind = CHART_HISTORY, .title = "Tổng điểm và hạng toàn quốc",
			   .unit = s->cfg->province, .value_max = s->cfg->max_total };
	json_t *d, *span = site_query_one(s, "SELECT min(s.month) AS a, (SELECT count(*) FROM"
		" national WHERE month = ?1) AS n FROM score s WHERE s.month <= ?1 AND"
		" s.tier = 'tinh'", "s", m);
	const char *a = json_string_value(json_object_get(span, "a"));

	if (!a) {
		json_decref(span);
		return json_null();
	}
	c.rank_of = (int)json_integer_value(json_object_get(span, "n"));
	buf_printf(&base, "bieu-do/%s/tinh", m);
	buf_printf(&per, "%.2s/%.4s–%.2s/%.4s", a + 5, a, m + 5, m);
	c.period = per.ptr;
	d = draw(s, &c, base.ptr, site_query(s, "SELECT substr(s.month, 6, 2) || '/' ||"
		 " substr(s.month, 1, 4) AS label, s.total AS value, n.rank FROM score s LEFT JOIN"
		 " national n ON n.month = s.month AND n.code = s.unit WHERE s.month <= ? AND"
		 " s.tier = 'tinh' ORDER BY s.month", "s", m), sizes, err);
	json_decref(span);
	buf_free(&base);
	buf_free(&per);
	return d;
}
