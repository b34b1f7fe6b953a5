/* deploy: `gen deploy`. Plans from the manifests, then uploads in waves (assets, pages from
 * the deepest up, listings, the home page, the manifest) so that no live page links to a
 * file not yet there; deletions come only after all of that succeeded. */
#define _GNU_SOURCE  /* qsort_r */
#include "deploy.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "run.h"
#include "target.h"
#include "transfer.h"
#include "util.h"
#include "verify.h"

void strlist_add(struct strlist *l, const char *s)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n++] = xstrdup(s);
}

void strlist_free(struct strlist *l)
{
	size_t i;

	if (!l)
		return;
	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

static int depth_of(const char *path)
{
	int d = 0;

	for (; *path; path++)
		d += *path == '/';
	return d;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

static int is_listing(const char *path)
{
	const char *base = strrchr(path, '/');

	base = base ? base + 1 : path;
	return !strcmp(base, "sitemap.xml") || !strcmp(base, "feed.xml") ||
	       !strcmp(base, "SHA256SUMS") || !strcmp(base, "robots.txt") ||
	       ends_with(base, ".atom") || ends_with(base, ".rss");
}

int deploy_wave(const char *path, int maxdepth)
{
	int d = depth_of(path);

	if (!strcmp(path, "index.html"))
		return 2 * maxdepth + 3;
	if (is_listing(path))
		return 2 * maxdepth + 2;
	if (!ends_with(path, ".html") && !ends_with(path, ".htm"))
		return 0;
	if (d > maxdepth)
		d = maxdepth;
	return 1 + 2 * (maxdepth - d) + ends_with(path, "/index.html");
}

static int by_wave(const void *a, const void *b)
{
	const struct deploy_put *x = a, *y = b;

	if (x->wave != y->wave)
		return x->wave < y->wave ? -1 : 1;
	return strcmp(x->e->path, y->e->path);
}

static int by_path_desc(const void *a, const void *b)
{
	return strcmp(*(char *const *)b, *(char *const *)a);
}

static int by_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A listed remote file r that is not the build's e: by size, or by the bytes when they were
 * hashed. */
static int listed_differs(const struct manifest_entry *r, const struct manifest_entry *e)
{
	return r->size != e->size || (r->sha256[0] && strcmp(r->sha256, e->sha256));
}

static void plan_puts(struct deploy_plan *p, const struct manifest *local,
		      const struct manifest *remote, const struct manifest *files, int verify)
{
	int maxdepth = 0;
	size_t i;

	for (i = 0; i < local->n; i++)
		if (depth_of(local->v[i].path) > maxdepth)
			maxdepth = depth_of(local->v[i].path);
	p->puts = xcalloc(local->n ? local->n : 1, sizeof *p->puts);
	for (i = 0; i < local->n; i++) {
		const struct manifest_entry *e = &local->v[i];
		const struct manifest_entry *r = remote ? manifest_find(remote, e->path) : NULL;
		const struct manifest_entry *l = files ? manifest_find(files, e->path) : NULL;
		int same = r && r->size == e->size && !strcmp(r->sha256, e->sha256);

		if (verify && files)
			same = same && l && !listed_differs(l, e);
		if (same) {
			p->unchanged++;
			continue;
		}
		p->puts[p->nputs].e = e;
		p->puts[p->nputs].wave = deploy_wave(e->path, maxdepth);
		p->puts[p->nputs].exists = files ? l != NULL : r != NULL;
		p->put_bytes += e->size;
		p->nputs++;
	}
	qsort(p->puts, p->nputs, sizeof *p->puts, by_wave);
}

/* A leftover temporary upload whose file is uploaded again this time gets reused (and
 * renamed away) by that upload, so it is no longer there to clean up. */
static int tmp_reused(const struct deploy_plan *p, const char *tmp)
{
	const char *base = strrchr(tmp, '/');
	size_t dirlen = base ? (size_t)(base - tmp + 1) : 0, i;

	base = (base ? base + 1 : tmp) + strlen(MANIFEST_TMP_PREFIX);
	for (i = 0; i < p->nputs; i++) {
		const char *path = p->puts[i].e->path;

		if (!strncmp(path, tmp, dirlen) && !strcmp(path + dirlen, base))
			return 1;
	}
	return 0;
}

static void plan_deletes(struct deploy_plan *p, const struct manifest *local,
			 const struct manifest *remote, const struct manifest *files,
			 const struct deploy_opts *o)
{
	size_t i;

	/* Only what gen put there goes: files the remote manifest lists. A file the host
	 * holds that gen never uploaded stays, unless --verify --force repairs the tree. */
	for (i = 0; remote && i < remote->n; i++) {
		const char *path = remote->v[i].path;

		if (manifest_find(local, path) || manifest_is_internal(path))
			continue;
		if (files && !manifest_find(files, path))
			continue;
		strlist_add(&p->deletes, path);
	}
	for (i = 0; files && i < files->n; i++) {
		const char *path = files->v[i].path;

		if (manifest_is_internal(path)) {
			if (strcmp(path, MANIFEST_NAME) && !tmp_reused(p, path))
				strlist_add(&p->cleanup, path);
		} else if (!manifest_find(local, path) &&
			   !(remote && manifest_find(remote, path))) {
			strlist_add(&p->extra, path);
			if (o->verify && o->force)
				strlist_add(&p->deletes, path);
		}
	}
}

/* A directory stays while anything under it stays: a local file, or a remote file that is
 * not being deleted. */
static int dir_needed(const char *dir, const struct manifest *local,
		      const struct manifest *files, const struct deploy_plan *p)
{
	size_t n = strlen(dir), i, k;

	for (i = 0; i < local->n; i++)
		if (!strncmp(local->v[i].path, dir, n) && local->v[i].path[n] == '/')
			return 1;
	for (i = 0; files && i < files->n; i++) {
		const char *f = files->v[i].path;
		int going = 0;

		if (strncmp(f, dir, n) || f[n] != '/')
			continue;
		for (k = 0; k < p->deletes.n && !going; k++)
			going = !strcmp(p->deletes.v[k], f);
		for (k = 0; k < p->cleanup.n && !going; k++)
			going = !strcmp(p->cleanup.v[k], f);
		if (!going)
			return 1;
	}
	return 0;
}

static void plan_dirs(struct deploy_plan *p, const struct manifest *local,
		      const struct manifest *files, const struct manifest *dirs)
{
	struct manifest want;
	size_t i;

	manifest_init(&want);
	for (i = 0; dirs && i < dirs->n; i++)
		if (!dir_needed(dirs->v[i].path, local, files, p))
			strlist_add(&p->rmdirs, dirs->v[i].path);
	if (p->rmdirs.n)
		qsort(p->rmdirs.v, p->rmdirs.n, sizeof *p->rmdirs.v, by_path_desc);
	for (i = 0; i < p->nputs; i++) {
		char *d = xstrdup(p->puts[i].e->path), *s;

		while ((s = strrchr(d, '/'))) {
			*s = '\0';
			if ((dirs && manifest_find(dirs, d)) || manifest_find(&want, d))
				break;
			manifest_add(&want, d, 0, NULL);
			manifest_sort(&want);
		}
		free(d);
	}
	for (i = 0; i < want.n; i++)
		strlist_add(&p->mkdirs, want.v[i].path);
	if (p->mkdirs.n)
		qsort(p->mkdirs.v, p->mkdirs.n, sizeof *p->mkdirs.v, by_path);
	manifest_free(&want);
}

static void plan_verify(struct deploy_plan *p, const struct manifest *local,
			const struct manifest *files)
{
	size_t i;

	for (i = 0; files && i < local->n; i++) {
		const struct manifest_entry *l = manifest_find(files, local->v[i].path);

		if (!l)
			strlist_add(&p->missing, local->v[i].path);
		else if (listed_differs(l, &local->v[i]))
			strlist_add(&p->different, local->v[i].path);
	}
}

int deploy_plan_make(struct deploy_plan *p, const struct manifest *local,
		     const struct manifest *remote, const struct manifest *files,
		     const struct manifest *dirs, const struct deploy_opts *o, struct buf *err)
{
	memset(p, 0, sizeof *p);
	plan_puts(p, local, remote, files, o->verify);
	plan_deletes(p, local, remote, files, o);
	plan_dirs(p, local, files, dirs);
	if (o->verify)
		plan_verify(p, local, files);
	if (!o->force && (long)p->deletes.n > o->max_deletes) {
		err_set(err, "deploy: would delete %zu files from the remote, more than "
			"max_deletes = %ld; check the build is complete, then rerun with "
			"--max-deletes %zu or --force", p->deletes.n, o->max_deletes, p->deletes.n);
		deploy_plan_free(p);
		return -1;
	}
	return 0;
}

void deploy_plan_free(struct deploy_plan *p)
{
	if (!p)
		return;
	free(p->puts);
	strlist_free(&p->deletes);
	strlist_free(&p->cleanup);
	strlist_free(&p->rmdirs);
	strlist_free(&p->mkdirs);
	strlist_free(&p->missing);
	strlist_free(&p->different);
	strlist_free(&p->extra);
	memset(p, 0, sizeof *p);
}

static void resolve(const char *page, const char *ref, size_t n, struct strlist *out)
{
	struct buf dec = BUF_INIT, path = BUF_INIT;
	const char *slash = strrchr(page, '/');
	char *seg, *save = NULL, **stack;
	size_t depth = 0, i;

	target_unescape(ref, n, &dec);
	if (dec.ptr[0] != '/' && slash)
		buf_printf(&path, "%.*s/", (int)(slash - page), page);
	buf_adds(&path, dec.ptr);
	if (!path.len || path.ptr[path.len - 1] == '/')
		buf_adds(&path, "index.html");
	stack = xcalloc(path.len + 1, sizeof *stack);
	for (seg = strtok_r(path.ptr, "/", &save); seg; seg = strtok_r(NULL, "/", &save)) {
		if (!strcmp(seg, ".."))
			depth -= depth > 0;
		else if (strcmp(seg, "."))
			stack[depth++] = seg;
	}
	buf_reset(&dec);
	for (i = 0; i < depth; i++)
		buf_printf(&dec, "%s%s", i ? "/" : "", stack[i]);
	if (dec.len)
		strlist_add(out, dec.ptr);
	free(stack);
	buf_free(&dec);
	buf_free(&path);
}

void deploy_page_links(const char *html, size_t len, const char *path, struct strlist *out)
{
	static const char *const attrs[] = { "href=", "src=" };
	size_t i, a;

	for (i = 0; i < len; i++) {
		for (a = 0; a < 2; a++) {
			size_t al = strlen(attrs[a]), e;
			char q;

			if ((html[i] | 0x20) != attrs[a][0] || i + al + 1 >= len ||
			    strncasecmp(html + i, attrs[a], al) ||
			    (i && !strchr(" \t\r\n", html[i - 1])))
				continue;
			q = html[i + al];
			if (q != '"' && q != '\'')
				continue;
			for (e = i + al + 1; e < len && html[e] != q; e++)
				;
			{
				const char *r = html + i + al + 1;
				size_t n = strcspn(r, "?#\"'");

				n = n < e - (i + al + 1) ? n : e - (i + al + 1);
				/* other sites (scheme: or //host) and bare fragments */
				if (n && !memchr(r, ':', n) && strncmp(r, "//", 2))
					resolve(path, r, n, out);
			}
			i = e;
		}
	}
}

static int by_put_path(const void *a, const void *b, void *arg)
{
	const struct deploy_put *puts = arg;

	return strcmp(puts[*(const int *)a].e->path, puts[*(const int *)b].e->path);
}

/* The put of path, by binary search over order (the puts' indices sorted by path): a
 * national site has millions of links among tens of thousands of files, and a scan of the
 * puts for each link end had planned its first deploy for nine minutes, unfinished, when
 * it was stopped. -1 if none. */
static int put_index(const struct deploy_plan *p, const int *order, const char *path)
{
	size_t lo = 0, hi = p->nputs;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(p->puts[order[mid]].e->path, path);

		if (!c)
			return order[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* Listings and the home page go last whatever links to them. */
static int goes_last(const struct deploy_put *put)
{
	return is_listing(put->e->path) || !strcmp(put->e->path, "index.html");
}

void deploy_plan_links(struct deploy_plan *p, const struct deploy_link *links, size_t n)
{
	int *from = xcalloc(n + 1, sizeof *from), *to = xcalloc(n + 1, sizeof *to);
	int *order = xcalloc(p->nputs + 1, sizeof *order), changed = 1, pass, top = 0;
	unsigned char *last = xcalloc(p->nputs + 1, 1);
	size_t i;

	for (i = 0; i < p->nputs; i++) {
		order[i] = (int)i;
		last[i] = (unsigned char)goes_last(&p->puts[i]);
	}
	qsort_r(order, p->nputs, sizeof *order, by_put_path, p->puts);
	for (i = 0; i < n; i++) {
		from[i] = put_index(p, order, links[i].from);
		to[i] = put_index(p, order, links[i].to);
	}
	/* longest-path relaxation; a cycle stops growing after a bounded number of passes */
	for (pass = 0; changed && pass < 64; pass++) {
		changed = 0;
		for (i = 0; i < n; i++) {
			struct deploy_put *a, *b;

			if (from[i] < 0 || to[i] < 0 || from[i] == to[i] || last[from[i]])
				continue;
			a = &p->puts[from[i]];
			b = &p->puts[to[i]];
			if (!b->exists && a->wave <= b->wave) {
				a->wave = b->wave + 1;
				changed = 1;
			}
		}
	}
	for (i = 0; i < p->nputs; i++)
		if (!last[i] && p->puts[i].wave > top)
			top = p->puts[i].wave;
	for (i = 0; i < p->nputs; i++)
		if (is_listing(p->puts[i].e->path))
			p->puts[i].wave = top + 1;
		else if (!strcmp(p->puts[i].e->path, "index.html"))
			p->puts[i].wave = top + 2;
	qsort(p->puts, p->nputs, sizeof *p->puts, by_wave);
	free(from);
	free(to);
	free(order);
	free(last);
}

/* ---- the command ---- */

struct deploy_cmd {
	struct run *r;
	struct deploy_opts o;
	int dry_run;
	int have_max;                    /* --max-deletes given */
	char *out;                       /* the built site */
	struct target *t;
	struct manifest local, remote, files, dirs;
	int have_remote, listed;
	struct deploy_plan plan;
	struct verify_stats vstats;
	time_t start;
};

static int usage(struct run *r, const char *bad)
{
	FILE *f = bad ? stderr : stdout;

	if (bad)
		fprintf(stderr, "gen: deploy: %s\n", bad);
	fputs("usage: gen deploy [--dry-run] [--verify [--content]] [--max-deletes N] [--force]\n"
	      "\n"
	      "Publishes the built site ([build] out, default public/) to [deploy] url.\n"
	      "  --dry-run        print the plan (uploads, deletions, bytes); change nothing\n"
	      "  --verify         list the remote and report files missing, extra or different:\n"
	      "                   by size, and on S3 by the MD5 each object's ETag gives\n"
	      "  --content        with --verify: download every file and compare its SHA-256\n"
	      "                   with the build's (also --verify=content)\n"
	      "  --force          with --verify, repair; always: lift the deletion cap\n"
	      "  --max-deletes N  allow up to N deletions this time (default [deploy] max_deletes)\n",
	      f);
	(void)r;
	return bad ? 2 : 0;
}

static int parse_opts(struct deploy_cmd *d, int argc, char **argv, int *status)
{
	int i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		char *end;

		if (!strcmp(a, "--dry-run") || !strcmp(a, "-n")) {
			d->dry_run = 1;
		} else if (!strcmp(a, "--verify")) {
			d->o.verify = 1;
		} else if (!strcmp(a, "--verify=content")) {
			d->o.verify = d->o.content = 1;
		} else if (!strcmp(a, "--content")) {
			d->o.content = 1;
		} else if (!strcmp(a, "--force")) {
			d->o.force = 1;
		} else if (!strcmp(a, "--max-deletes") && i + 1 < argc) {
			errno = 0;
			d->o.max_deletes = strtol(argv[++i], &end, 10);
			d->have_max = 1;
			if (errno || *end || end == argv[i] || d->o.max_deletes < 0) {
				*status = usage(d->r, "--max-deletes: expected a whole number >= 0");
				return -1;
			}
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			*status = usage(d->r, NULL);
			return -1;
		} else {
			struct buf msg = BUF_INIT;

			buf_printf(&msg, "unknown option \"%s\" (global options such as -q and -v "
				   "go before the command)", a);
			*status = usage(d->r, msg.ptr);
			buf_free(&msg);
			return -1;
		}
	}
	if (d->o.content && !d->o.verify) {
		*status = usage(d->r, "--content goes with --verify: gen deploy --verify --content");
		return -1;
	}
	return 0;
}

static void human(long long n, char out[32])
{
	if (n >= 10LL << 20)
		snprintf(out, 32, "%.1f MiB", (double)n / (1 << 20));
	else if (n >= 10LL << 10)
		snprintf(out, 32, "%.1f KiB", (double)n / 1024);
	else
		snprintf(out, 32, "%lld bytes", n);
}

static void print_plan(const struct deploy_cmd *d)
{
	const struct deploy_plan *p = &d->plan;
	char bytes[32];
	size_t i;

	for (i = 0; i < p->nputs; i++)
		printf("put     %s (%lld bytes, wave %d)\n", p->puts[i].e->path, p->puts[i].e->size,
		       p->puts[i].wave);
	if (p->nputs)
		printf("put     %s (manifest, last)\n", MANIFEST_NAME);
	for (i = 0; i < p->deletes.n; i++)
		printf("delete  %s\n", p->deletes.v[i]);
	for (i = 0; i < p->cleanup.n; i++)
		printf("delete  %s (left by an interrupted deploy)\n", p->cleanup.v[i]);
	for (i = 0; i < p->rmdirs.n; i++)
		printf("rmdir   %s\n", p->rmdirs.v[i]);
	human(p->put_bytes, bytes);
	printf("plan: %zu uploads (%s), %zu deletions, %zu unchanged\n", p->nputs, bytes,
	       p->deletes.n + p->cleanup.n, p->unchanged);
}

/* Why a remote file is reported different, for the report line. */
static void why_different(const struct deploy_cmd *d, const char *path, struct buf *out)
{
	const struct manifest_entry *l = manifest_find(&d->local, path);
	const struct manifest_entry *r = manifest_find(&d->files, path);

	buf_reset(out);
	if (!l || !r)
		return;
	if (r->size != l->size)
		buf_printf(out, "size: %lld bytes on the remote, %lld built", r->size, l->size);
	else
		buf_printf(out, "content: same size, other bytes; SHA-256 %.12s... on the remote, "
			   "%.12s... built", r->sha256, l->sha256);
}

/* --verify: what the listing says against what should be there. Returns the number of
 * problems found. */
static size_t report_verify(const struct deploy_cmd *d)
{
	const struct deploy_plan *p = &d->plan;
	struct buf why = BUF_INIT;
	size_t i;

	for (i = 0; i < p->missing.n; i++)
		printf("missing    %s\n", p->missing.v[i]);
	for (i = 0; i < p->different.n; i++) {
		why_different(d, p->different.v[i], &why);
		printf("different  %s (%s)\n", p->different.v[i], why.ptr);
	}
	for (i = 0; i < p->extra.n; i++)
		printf("extra      %s\n", p->extra.v[i]);
	printf("verify: %zu files checked: %zu missing, %zu different, %zu extra; ", d->local.n,
	       p->missing.n, p->different.n, p->extra.n);
	if (d->o.content)
		printf("contents compared (%zu files downloaded)\n", d->vstats.downloads);
	else if (d->vstats.etags || d->vstats.downloads)
		printf("by size and S3 ETag (%zu matched, %zu downloaded)\n", d->vstats.etags,
		       d->vstats.downloads);
	else
		printf("by size only (--content compares the bytes)\n");
	buf_free(&why);
	return p->missing.n + p->different.n + p->extra.n;
}

static int fetch_remote_manifest(struct deploy_cmd *d, struct buf *err)
{
	struct buf text = BUF_INIT, perr = BUF_INIT;
	int missing = 0, rc = -1;

	text.max = TARGET_BODY_MAX;
	if (d->t->ops->fetch(d->t, MANIFEST_NAME, &text, &missing, err) < 0)
		goto out;
	if (!missing) {
		if (manifest_parse(&d->remote, text.ptr, text.len, MANIFEST_NAME, &perr) < 0) {
			/* A damaged manifest only costs a full upload; say so and go on. */
			run_info(d->r, "gen: deploy: remote %s unreadable (%s); uploading everything",
				 MANIFEST_NAME, perr.ptr);
			manifest_free(&d->remote);
		} else {
			d->have_remote = 1;
		}
	}
	rc = 0;
out:
	buf_free(&text);
	buf_free(&perr);
	return rc;
}

/* Writes m's text to OUT/.gen-manifest unless it holds that already. */
static int write_local_manifest(struct deploy_cmd *d, const struct manifest *m,
				struct buf *err)
{
	struct buf text = BUF_INIT, path = BUF_INIT, old = BUF_INIT, e2 = BUF_INIT;
	int rc = 0;

	manifest_format(m, &text);
	buf_printf(&path, "%s/%s", d->out, MANIFEST_NAME);
	if (file_read(path.ptr, &old, 0, &e2) < 0 || old.len != text.len ||
	    memcmp(old.ptr, text.ptr, text.len))
		rc = file_write_atomic(path.ptr, text.ptr, text.len, err);
	buf_free(&text);
	buf_free(&path);
	buf_free(&old);
	buf_free(&e2);
	return rc;
}

static int run_puts(struct deploy_cmd *d, struct buf *err)
{
	const struct deploy_plan *p = &d->plan;
	struct put_job *jobs = xcalloc(p->nputs + 1, sizeof *jobs);
	struct buf path = BUF_INIT;
	size_t i;
	int rc = -1;

	for (i = 0; i < p->nputs; i++) {
		buf_init(&jobs[i].url);
		buf_init(&jobs[i].resp);
		jobs[i].path = p->puts[i].e->path;
		jobs[i].sha256 = p->puts[i].e->sha256;
		jobs[i].size = p->puts[i].e->size;
		jobs[i].exists = p->puts[i].exists;
		jobs[i].wave = p->puts[i].wave;
		buf_reset(&path);
		buf_printf(&path, "%s/%s", d->out, jobs[i].path);
		jobs[i].local = xstrdup(path.ptr);
	}
	if (transfer_puts(d->r, d->t, jobs, p->nputs, d->r->cfg.parallel, err) < 0)
		goto out;
	rc = 0;
out:
	for (i = 0; i < p->nputs; i++) {
		transfer_job_release(&jobs[i]);
		free(jobs[i].local);
	}
	free(jobs);
	buf_free(&path);
	return rc;
}

/* The manifest goes last: until it is there, the next deploy still sees the old one and
 * redoes what this one may not have finished. */
static int put_manifest(struct deploy_cmd *d, const struct manifest *m, struct buf *err)
{
	struct put_job j = { .path = MANIFEST_NAME, .url = BUF_INIT, .resp = BUF_INIT };
	char hex[65];
	struct buf text = BUF_INIT;
	int rc = -1;

	manifest_format(m, &text);
	sha256_hex(text.ptr, text.len, hex);
	j.sha256 = hex;
	j.size = (long long)text.len;
	j.exists = 1;  /* for SFTP servers without posix-rename: remove, then rename */
	buf_printf(&j.url, "%s/%s", d->out, MANIFEST_NAME);
	j.local = buf_detach(&j.url, NULL);
	if (write_local_manifest(d, m, err) < 0)
		goto out;
	rc = transfer_puts(d->r, d->t, &j, 1, 1, err);
out:
	transfer_job_release(&j);
	free(j.local);
	buf_free(&text);
	return rc;
}

/* Before deleting, the remote manifest lists the new build plus the files about to go, so a
 * deploy killed among the deletions still finds them to delete when rerun. */
static int put_pending_manifest(struct deploy_cmd *d, struct buf *err)
{
	static const char zero[] = "0000000000000000000000000000000000000000000000000000000000000000";
	struct manifest m;
	size_t i;
	int rc;

	manifest_init(&m);
	for (i = 0; i < d->local.n; i++)
		manifest_add(&m, d->local.v[i].path, d->local.v[i].size, d->local.v[i].sha256);
	for (i = 0; i < d->plan.deletes.n; i++) {
		const char *path = d->plan.deletes.v[i];
		const struct manifest_entry *e = manifest_find(&d->remote, path);
		const struct manifest_entry *f = manifest_find(&d->files, path);

		manifest_add(&m, path, e ? e->size : f ? f->size : 0, e ? e->sha256 : zero);
	}
	manifest_sort(&m);
	rc = put_manifest(d, &m, err);
	manifest_free(&m);
	return rc;
}

static int run_deletes(struct deploy_cmd *d, struct buf *err)
{
	const struct deploy_plan *p = &d->plan;
	size_t i;

	for (i = 0; i < p->deletes.n; i++) {
		run_progress(d->r, "deploy: deleting %zu/%zu", i + 1, p->deletes.n);
		if (d->t->ops->remove(d->t, p->deletes.v[i], 0, err) < 0)
			return -1;
		run_debug(d->r, "delete %s", p->deletes.v[i]);
	}
	for (i = 0; i < p->cleanup.n; i++)
		if (d->t->ops->remove(d->t, p->cleanup.v[i], 0, err) < 0)
			return -1;
	for (i = 0; i < p->rmdirs.n; i++)
		if (d->t->ops->remove(d->t, p->rmdirs.v[i], 1, err) < 0)
			return -1;
	return 0;
}

static int execute(struct deploy_cmd *d, struct buf *err)
{
	const struct deploy_plan *p = &d->plan;
	size_t i;

	if (d->t->ops->prepare && d->t->ops->prepare(d->t, err) < 0)
		return -1;
	for (i = 0; d->t->ops->mkdir && i < p->mkdirs.n; i++)
		if (d->t->ops->mkdir(d->t, p->mkdirs.v[i], err) < 0)
			return -1;
	if (run_puts(d, err) < 0)
		return -1;
	if (p->deletes.n && put_pending_manifest(d, err) < 0)
		return -1;
	if (run_deletes(d, err) < 0)
		return -1;
	if ((p->nputs || !d->have_remote || p->deletes.n) && put_manifest(d, &d->local, err) < 0)
		return -1;
	run_progress_done(d->r);
	return 0;
}

static void summary(struct deploy_cmd *d)
{
	char bytes[32];

	human(d->plan.put_bytes, bytes);
	run_info(d->r, "deploy: %s: %zu uploaded (%s), %zu deleted, %zu unchanged, %lds",
		 d->t->url, d->plan.nputs, bytes, d->plan.deletes.n, d->plan.unchanged,
		 (long)(time(NULL) - d->start));
}

static int prepare(struct deploy_cmd *d, struct buf *err)
{
	struct stat st;

	d->out = config_path(&d->r->cfg, d->r->cfg.out_dir);
	if (stat(d->out, &st) < 0 || !S_ISDIR(st.st_mode))
		return err_set(err, "deploy: %s: no built site there; run gen build first", d->out);
	if (manifest_scan(&d->local, d->out, err) < 0)
		return -1;
	if (!d->local.n)
		return err_set(err, "deploy: %s: empty; run gen build first (deploying an empty "
			       "site would take the live one down)", d->out);
	if (target_open(&d->t, &d->r->cfg, err) < 0)
		return -1;
	return fetch_remote_manifest(d, err);
}

/* Reads the pages about to go up and orders them after the new files they link to. */
static int order_by_links(struct deploy_cmd *d, struct buf *err)
{
	struct deploy_plan *p = &d->plan;
	struct strlist targets = { 0 }, froms = { 0 };
	struct deploy_link *links = NULL;
	struct buf html = BUF_INIT, path = BUF_INIT;
	size_t i, k, before;
	int rc = -1;

	for (i = 0; i < p->nputs; i++) {
		const char *page = p->puts[i].e->path;

		if (!ends_with(page, ".html"))
			continue;
		buf_reset(&path);
		buf_printf(&path, "%s/%s", d->out, page);
		if (file_read(path.ptr, &html, 64 << 20, err) < 0)
			goto out;
		before = targets.n;
		deploy_page_links(html.ptr, html.len, page, &targets);
		for (k = before; k < targets.n; k++)
			strlist_add(&froms, page);
	}
	links = xcalloc(targets.n + 1, sizeof *links);
	for (k = 0; k < targets.n; k++)
		links[k] = (struct deploy_link){ froms.v[k], targets.v[k] };
	deploy_plan_links(p, links, targets.n);
	rc = 0;
out:
	free(links);
	strlist_free(&targets);
	strlist_free(&froms);
	buf_free(&html);
	buf_free(&path);
	return rc;
}

/* After the manifest check: list, plan, and report, verify or carry out. */
static int deploy_changes(struct deploy_cmd *d, struct buf *err)
{
	size_t problems;

	if (d->t->ops->list(d->t, &d->files, &d->dirs, err) < 0)
		return -1;
	manifest_sort(&d->files);
	manifest_sort(&d->dirs);
	if (d->o.verify && verify_contents(d->r, d->t, d->out, &d->local, &d->files, d->o.content,
					   d->r->cfg.parallel, &d->vstats, err) < 0)
		return -1;
	if (deploy_plan_make(&d->plan, &d->local, d->have_remote ? &d->remote : NULL, &d->files,
			     &d->dirs, &d->o, err) < 0 || order_by_links(d, err) < 0)
		return -1;
	if (d->o.verify) {
		problems = report_verify(d);
		if (!d->o.force)
			return problems ? err_set(err, "deploy: %s: %zu problems found; "
						  "--verify %s--force repairs them", d->t->url,
						  problems, d->o.content ? "--content " : "") : 0;
	}
	if (d->dry_run) {
		print_plan(d);
		return 0;
	}
	if (execute(d, err) < 0)
		return -1;
	summary(d);
	return 0;
}

int cmd_deploy(struct run *r, int argc, char **argv)
{
	struct deploy_cmd d = { .r = r };
	int status = 1;

	d.start = time(NULL);
	if (parse_opts(&d, argc, argv, &status) < 0)
		return status;
	if (run_config(r) < 0)
		return 1;
	if (!d.have_max)
		d.o.max_deletes = r->cfg.max_deletes;
	manifest_init(&d.local);
	manifest_init(&d.remote);
	manifest_init(&d.files);
	manifest_init(&d.dirs);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (prepare(&d, &r->err) < 0)
		goto out;
	if (!d.o.verify && d.have_remote && manifest_equal(&d.local, &d.remote)) {
		if (!d.dry_run && write_local_manifest(&d, &d.local, &r->err) < 0)
			goto out;
		if (d.dry_run)
			printf("plan: nothing to do, %zu files up to date\n", d.local.n);
		run_info(r, "deploy: %s: up to date (%zu files)", d.t->url, d.local.n);
		status = 0;
		goto out;
	}
	if (deploy_changes(&d, &r->err) < 0)
		goto out;
	status = 0;
out:
	run_progress_done(r);
	deploy_plan_free(&d.plan);
	manifest_free(&d.local);
	manifest_free(&d.remote);
	manifest_free(&d.files);
	manifest_free(&d.dirs);
	target_free(d.t);
	free(d.out);
	curl_global_cleanup();
	return status;
}
