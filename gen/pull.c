/* gen pull: fetch every configured source for the month(s), validate, and import into the
 * store, all or nothing. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "date.h"
#include "fetch.h"
#include "import.h"
#include "run.h"
#include "store.h"
#include "util.h"

#define MAX_MONTHS 240

struct pull {
	struct run *r;
	const struct config *cfg;
	char months[MAX_MONTHS][8];
	size_t nmonths;
	const char **only;          /* --source names, NULL-terminated; NULL = all */
	char *db;                   /* the store's path */
	char *fresh;                /* a first pull's store, DB.new until committed, or NULL */
	char *bdir;                 /* where backups go */
	struct store *st;           /* NULL until the first month is checked */
	struct store_tx *tx;        /* the import, from the first month checked */
	struct store_result res;
	int backed_up;              /* the store as it was is saved, or needs no copy */
	struct buf backup;          /* the backup's path */
};

static void usage(FILE *f)
{
	fputs("usage: gen pull [--month YYYY-MM]... [--source NAME]...\n"
	      "\n"
	      "Fetches every configured source for the month (default: the previous calendar\n"
	      "month in the site's time zone), validates it and imports it into the store.\n"
	      "All or nothing: if any source fails, nothing of this run is imported.\n"
	      "\n"
	      "  --month YYYY-MM    the month to pull; repeat, or give a range FROM:TO\n"
	      "  --source NAME      only this [source.NAME]; repeat for several\n"
	      "  -h, --help         this help\n", f);
}

/* The previous calendar month in the site's time zone. */
static void default_month(const char *tz, char out[8])
{
	const char *old = getenv("TZ");
	char *saved = old ? xstrdup(old) : NULL;
	time_t now = time(NULL);
	struct tm tm;
	char cur[8];

	setenv("TZ", tz, 1);
	tzset();
	localtime_r(&now, &tm);
	month_of(date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, 1), cur);
	if (saved)
		setenv("TZ", saved, 1);
	else
		unsetenv("TZ");
	tzset();
	free(saved);
	month_add(cur, -1, out);
}

static int add_months(struct pull *p, const char *arg, struct buf *err)
{
	char from[8], to[8], m[8];
	const char *colon = strchr(arg, ':');
	char *a = colon ? xstrndup(arg, (size_t)(colon - arg)) : xstrdup(arg);
	int bad = month_parse(a, from) < 0 || month_parse(colon ? colon + 1 : a, to) < 0;

	free(a);
	if (bad || strcmp(from, to) > 0)
		return err_set(err, "pull: --month \"%s\": expected YYYY-MM or FROM:TO such as "
			       "2025-01:2025-12", arg);
	for (memcpy(m, from, 8); strcmp(m, to) <= 0; month_add(m, 1, m)) {
		if (p->nmonths == MAX_MONTHS)
			return err_set(err, "pull: more than %d months at once", MAX_MONTHS);
		memcpy(p->months[p->nmonths++], m, 8);
	}
	return 0;
}

static int wanted(const struct pull *p, const char *name)
{
	const char **o;

	if (!p->only)
		return 1;
	for (o = p->only; *o; o++)
		if (!strcmp(*o, name))
			return 1;
	return 0;
}

/* Replaces {year} {month} {mm} {yyyy-mm} {from} {to} with the month's values. In a URL an
 * unknown {name} is an error; in a body (strict 0) it is text, since JSON bodies are full of
 * braces. */
static int expand(const char *tmpl, const char *m, int strict, const char *what,
		  struct buf *out, struct buf *err)
{
	char from[11], to[11];
	const char *p, *close;

	date_format(month_first_day(m), from);
	date_format(month_last_day(m), to);
	buf_reset(out);
	for (p = tmpl; *p; p++) {
		if (*p != '{' || (p > tmpl && p[-1] == '$')) {  /* ${NAME} is the environment's */
			buf_addc(out, *p);
			continue;
		}
		close = strchr(p, '}');
		if (!close && !strict) {
			buf_adds(out, p);
			break;
		}
		if (!close)
			return err_set(err, "%s: \"{\" without \"}\"", what);
#define IS(name) ((size_t)(close - p - 1) == strlen(name) && !strncmp(p + 1, name, strlen(name)))
		if (IS("year"))
			buf_add(out, m, 4);
		else if (IS("month"))
			buf_printf(out, "%d", atoi(m + 5));
		else if (IS("mm"))
			buf_add(out, m + 5, 2);
		else if (IS("yyyy-mm"))
			buf_adds(out, m);
		else if (IS("from"))
			buf_adds(out, from);
		else if (IS("to"))
			buf_adds(out, to);
		else if (!strict)
			buf_addc(out, *p), close = p;
		else
			return err_set(err, "%s: unknown placeholder \"%.*s\" (known: {year}, {month}, "
				       "{mm}, {yyyy-mm}, {from}, {to})", what, (int)(close - p + 1), p);
#undef IS
		p = close;
	}
	return 0;
}

/* Replaces ${NAME} with the environment variable NAME: credentials and tokens stay out of
 * site.ini and out of the store (which keeps the text before this step). */
static int expand_env(const char *in, const char *what, struct buf *out, struct buf *err)
{
	const char *p, *close;
	char *name;

	buf_reset(out);
	for (p = in; *p; p++) {
		if (p[0] != '$' || p[1] != '{' || !(close = strchr(p, '}'))) {
			buf_addc(out, *p);
			continue;
		}
		name = xstrndup(p + 2, (size_t)(close - p - 2));
		if (!getenv(name)) {
			err_set(err, "%s: the environment variable %s is not set (export it before "
				"running gen)", what, name);
			free(name);
			return -1;
		}
		buf_adds(out, getenv(name));
		free(name);
		p = close;
	}
	return 0;
}

/* "file:relative/path" is resolved against the config file's directory, as a URL. */
static int resolve_url(const struct config *cfg, const char *url, struct buf *out,
		       struct buf *err)
{
	char dir[PATH_MAX];
	const char *path;
	struct buf full = BUF_INIT;
	size_t i;

	if (strncmp(url, "file:", 5) || !strncmp(url, "file://", 7)) {
		buf_sets(out, url);
		return 0;
	}
	path = url + 5;
	if (*path != '/') {
		if (!realpath(cfg->dir, dir))
			return err_set(err, "%s: cannot resolve the directory of %s", url, cfg->path);
		buf_printf(&full, "%s/", dir);
	}
	buf_adds(&full, path);
	buf_sets(out, "file://");
	for (i = 0; i < full.len; i++) {
		unsigned char c = (unsigned char)full.ptr[i];

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    strchr("/-._~", c))
			buf_addc(out, c);
		else
			buf_printf(out, "%%%02X", c);
	}
	buf_free(&full);
	return 0;
}

/* One source's request for one month: the URL as the store keeps it (month placeholders
 * expanded, ${ENV} not), and what is really sent (environment and file: paths resolved). */
struct request {
	struct buf url, real_url, body, where;
	char **headers;
	size_t nheaders;
};

static void request_free(struct request *rq)
{
	size_t i;

	for (i = 0; i < rq->nheaders; i++)
		free(rq->headers[i]);
	free(rq->headers);
	buf_free(&rq->url);
	buf_free(&rq->real_url);
	buf_free(&rq->body);
	buf_free(&rq->where);
}

static int request_headers(struct request *rq, const struct cfg_source *src, struct buf *err)
{
	struct buf h = BUF_INIT;
	size_t i;
	int rc = 0;

	rq->headers = xcalloc(src->nheaders + 1, sizeof *rq->headers);
	for (i = 0; i < src->nheaders && rc == 0; i++) {
		buf_reset(&rq->where);
		buf_printf(&rq->where, "[source.%s] header", src->name);
		if ((rc = expand_env(src->headers[i], rq->where.ptr, &h, err)) == 0)
			rq->headers[rq->nheaders++] = buf_detach(&h, NULL);
	}
	buf_free(&h);
	return rc;
}

static int request_build(struct pull *p, const struct cfg_source *src, const char *month,
			 struct request *rq, struct fetch_req *req, struct buf *err)
{
	struct buf tmp = BUF_INIT;
	int line, rc = -1;

	buf_printf(&rq->where, "source.%s", src->name);
	line = config_line(p->cfg, rq->where.ptr, "url");
	buf_reset(&rq->where);
	buf_printf(&rq->where, "%s:%d: [source.%s] url", p->cfg->path, line, src->name);
	if (expand(src->url, month, 1, rq->where.ptr, &rq->url, err) < 0 ||
	    expand_env(rq->url.ptr, rq->where.ptr, &tmp, err) < 0 ||
	    resolve_url(p->cfg, tmp.ptr, &rq->real_url, err) < 0)
		goto out;
	buf_reset(&rq->where);
	buf_printf(&rq->where, "[source.%s] body", src->name);
	if (src->body && (expand(src->body, month, 0, rq->where.ptr, &tmp, err) < 0 ||
			  expand_env(tmp.ptr, rq->where.ptr, &rq->body, err) < 0))
		goto out;
	if (request_headers(rq, src, err) < 0)
		goto out;
	req->url = rq->real_url.ptr;
	req->body = src->body ? rq->body.ptr : NULL;
	req->headers = (const char *const *)rq->headers;
	req->nheaders = rq->nheaders;
	rc = 0;
out:
	buf_free(&tmp);
	return rc;
}

/* Fetches one source for one month and hands it to its format's adapter. */
static int pull_source(struct pull *p, struct import *im, const struct cfg_source *src,
		       struct buf *err)
{
	struct request rq = { BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT, NULL, 0 };
	struct fetch_res res = { .body = BUF_INIT };
	struct fetch_req req = { .method = src->method, .connect_timeout = src->connect_timeout,
		.timeout = src->timeout, .retries = src->retries,
		.retry_wait_ms = src->retry_wait_ms, .max_bytes = src->max_bytes };
	struct imp_fetch *f;
	struct imp_input in = { .src = src };
	int rc = -1;

	if (request_build(p, src, im->month, &rq, &req, err) < 0)
		goto out;
	run_progress(p->r, "pull %s: %s…", im->month, src->name);
	if (fetch_url(&req, &res, err) < 0)
		goto out;
	f = imp_add_fetch(im);
	f->source = src->name;
	f->kind = src->kind;
	f->format = src->format;
	f->url = imp_strdup(im, rq.url.ptr);
	f->fetched_at = imp_strdup(im, res.fetched_at);
	f->status = res.status;
	f->size = res.body.len;
	sha256_hex(res.body.ptr, res.body.len, f->sha256);
	memcpy(f->stored_sha256, f->sha256, 65);
	buf_add(&f->body, res.body.ptr, res.body.len);
	in.name = !strncmp(rq.url.ptr, "file:", 5) ? rq.url.ptr + 5 : rq.url.ptr;
	in.data = res.body.ptr;
	in.len = res.body.len;
	in.fetch = f;
	rc = import_parse(im, &in, err);
	run_debug(p->r, "pull %s: %s: %zu bytes, sha256 %s", im->month, src->name, f->size,
		  f->sha256);
out:
	fetch_res_free(&res);
	request_free(&rq);
	return rc;
}

static int known_unit(void *ctx, const char *code)
{
	struct pull *p = ctx;

	return p->st && store_has_unit(p->st, code);
}

/* Fetches and validates one month from every wanted source. */
static int pull_month(struct pull *p, struct import *im, struct buf *err)
{
	size_t i, n = 0;

	for (i = 0; i < p->cfg->nsources; i++) {
		const struct cfg_source *src = &p->cfg->sources[i];

		if (!wanted(p, src->name))
			continue;
		n++;
		if (pull_source(p, im, src, err) < 0)
			return err_prefix(err, "pull %s", im->month);
	}
	if (!n)
		return err_set(err, "%s: no [source.NAME] sections to pull from (see README, "
			       "\"Configuration\")", p->cfg->path);
	if (import_finish(im, known_unit, p, err) < 0)
		return err_prefix(err, "pull %s", im->month);
	return 0;
}

static void report(struct run *r, const struct store_result *res, const char *backup)
{
	static const char *const state[] = { "imported", "unchanged, nothing written",
		"corrected" };
	size_t i;

	for (i = 0; i < res->n; i++) {
		const struct store_change *c = &res->v[i];

		run_info(r, "%s %-10s %5ld rows  %s", c->month, c->kind, c->rows, state[c->state]);
		if (c->state == 2)
			run_info(r, "  correction:\n  %.*s", (int)c->summary.len - 1, c->summary.ptr);
	}
	if (backup && *backup)
		run_debug(r, "backup before import: %s", backup);
}

static int check_sources(struct pull *p, struct buf *err)
{
	const char **o;

	for (o = p->only; o && *o; o++)
		if (!config_source(p->cfg, *o))
			return err_set(err, "pull: --source %s: no [source.%s] in %s", *o, *o,
				       p->cfg->path);
	return 0;
}

/* A first pull that fails in the store leaves none behind, nor the directory it made. */
static void forget_store(const char *db, int dir_existed)
{
	const char *slash = strrchr(db, '/');
	struct buf journal = BUF_INIT;
	char *dir;

	buf_printf(&journal, "%s-journal", db);
	unlink(db);
	unlink(journal.ptr);
	buf_free(&journal);
	if (dir_existed || !slash || slash == db)
		return;
	dir = xstrndup(db, (size_t)(slash - db));
	rmdir(dir);
	free(dir);
}

static int dir_of_exists(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	int yes;

	if (!slash || slash == path)
		return 1;
	dir = xstrndup(path, (size_t)(slash - path));
	yes = file_exists(dir);
	free(dir);
	return yes;
}

/* The store opens at the first month checked, and a first pull makes its store aside, as
 * DB.new, renamed into place once committed: until then there is no store to build from. */
static int open_store(struct pull *p, struct buf *err)
{
	if (!p->st && store_open(&p->st, p->fresh ? p->fresh : p->db, err) < 0)
		return -1;
	return store_import_begin(p->st, p->cfg, (const char (*)[8])p->months, p->nmonths,
				  "pull", &p->tx, err);
}

/* Writes one checked month into the pull's transaction, after the backup if this month is
 * the first to change anything. */
static int write_month(struct pull *p, struct import *im, struct buf *err)
{
	if (!p->tx && open_store(p, err) < 0)
		return -1;
	/* unchanged data needs no backup: identical copies would push out the useful ones */
	if (!p->backed_up && !store_unchanged(p->st, im)) {
		if (store_backup(p->st, p->bdir, p->cfg->backups, &p->backup, err) < 0)
			return err_prefix(err, "pull: backup before import failed, nothing imported");
		p->backed_up = 1;
	}
	return store_import_month(p->tx, im, &p->res);
}

/* Commits, and puts a first pull's new store in place. */
static int finish(struct pull *p, struct buf *err)
{
	if (store_import_commit(p->tx, &p->res) < 0)
		return -1;
	if (!p->fresh)
		return 0;
	store_close(p->st);
	p->st = NULL;
	if (rename(p->fresh, p->db) < 0)
		return err_set(err, "%s: cannot put the new store in place: %s; nothing was "
			       "imported", p->db, strerror(errno));
	return 0;
}

/* Month by month: one month's records in memory at a time, all months in one
 * transaction, so that a failure anywhere imports nothing. */
static int pull_all(struct pull *p, struct buf *err)
{
	struct import im;
	int dir_existed, bdir_existed, rc = -1;
	size_t i;

	p->db = config_path(p->cfg, p->cfg->db_path);
	p->bdir = config_path(p->cfg, p->cfg->backup_dir);
	bdir_existed = file_exists(p->bdir);
	dir_existed = dir_of_exists(p->db);
	if (file_exists(p->db) && store_open(&p->st, p->db, err) < 0)
		goto out;
	if (!p->st) {
		p->fresh = xmalloc(strlen(p->db) + 5);
		sprintf(p->fresh, "%s.new", p->db);
		forget_store(p->fresh, 1);      /* left by a pull killed before its rename */
	}
	p->backed_up = !p->st;              /* no store yet: nothing to back up */
	for (i = 0; i < p->nmonths; i++) {
		int bad;

		import_init(&im, p->cfg, p->months[i]);
		bad = pull_month(p, &im, err) < 0 || write_month(p, &im, err) < 0;
		import_free(&im);
		if (bad)
			goto out;
	}
	run_progress_done(p->r);
	if (finish(p, err) < 0)
		goto out;
	if (p->backup.len)
		store_backup_prune(p->bdir, p->cfg->backups);
	report(p->r, &p->res, p->backup.ptr);
	rc = 0;
out:
	run_progress_done(p->r);
	store_import_end(p->tx);
	store_result_free(&p->res);
	store_close(p->st);
	if (rc < 0 && p->fresh)
		forget_store(p->fresh, dir_existed);
	if (rc < 0 && p->backup.len) {     /* the store as it still is */
		unlink(p->backup.ptr);
		if (!bdir_existed)
			rmdir(p->bdir);
	}
	buf_free(&p->backup);
	free(p->fresh);
	free(p->bdir);
	free(p->db);
	return rc;
}

int cmd_pull(struct run *r, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "month", required_argument, NULL, 'm' },
		{ "source", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct pull p = { .r = r, .backup = BUF_INIT };
	const char **only = xcalloc((size_t)argc + 1, sizeof *only);
	size_t nonly = 0;
	int c, rc = 1;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (c == 'h') {
			usage(stdout);
			rc = 0;
			goto out;
		} else if (c == 'm' && add_months(&p, optarg, &r->err) < 0) {
			rc = 2;
			goto out;
		} else if (c == 's') {
			only[nonly++] = optarg;
		} else if (c == '?') {
			err_set(&r->err, "pull: unknown option \"%s\" (try 'gen pull --help')",
				argv[optind - 1]);
			rc = 2;
			goto out;
		}
	}
	if (optind < argc) {
		err_set(&r->err, "pull: unexpected argument \"%s\"", argv[optind]);
		rc = 2;
		goto out;
	}
	if (run_config(r) < 0)
		goto out;
	p.cfg = &r->cfg;
	p.only = nonly ? only : NULL;
	if (!p.nmonths)
		default_month(p.cfg->timezone, p.months[p.nmonths++]);
	if (check_sources(&p, &r->err) == 0 && pull_all(&p, &r->err) == 0)
		rc = 0;
out:
	free(only);
	return rc;
}
