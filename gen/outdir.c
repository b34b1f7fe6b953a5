#include "outdir.h"

#define _GNU_SOURCE  /* syncfs */
#include <dirent.h>
#include <fcntl.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "num.h"
#include "util.h"

/* A file waiting for the writer thread. */
struct job {
	size_t idx;
	const char *path;           /* paths[idx], whose string never moves */
	char *data;
	size_t len;
	char *src;                  /* or the file holding the bytes (outdir_put_file) */
};

/* An open-addressing set of relative directory paths. */
struct dirset {
	char **v;
	size_t n, slots;
};

/* A file's size and time as the build leaves it, for the stamp (stamp_write). */
struct fstamp {
	long long size, sec;
	long nsec;
};

/* Files are compared and written by writer threads while the callers render the next
 * pages: creating thousands of files and directories is mostly kernel time, which other
 * cores can take, and one writer was the bottleneck of a build into an empty directory
 * (make bench). Everything below the mutex is shared with them. */
#define WRITERS 2
#define QUEUE_BYTES (8u << 20)

struct outdir {
	char *dir, *stage;
	char **paths;               /* every path put, in order */
	int *ranks;                 /* the caller's order for each path (outdir_put) */
	unsigned char *changed;     /* set by the writer */
	struct fstamp *fst;         /* set by the writer, or by outdir_keep */
	size_t n, cap;
	size_t *slots;              /* open-addressing set of indices + 1 into paths */
	size_t nslots;
	struct dirset made;         /* the directories made in staging */
	struct dirset moved;        /* those moved whole into the output (outdir_commit) */
	int was_empty;              /* the directory held nothing of ours: nothing to prune */
	long tmps;                  /* outdir_tmp's files so far */
	struct outdir_stats st;
	pthread_t writer[WRITERS];
	int running;                /* writer threads started */
	pthread_mutex_t api;        /* outdir_put, _keep and _has may come from several threads */
	pthread_mutex_t mu;
	pthread_cond_t work, space;
	struct job *q;              /* ring of queued files */
	size_t qhead, qlen, qcap, qbytes;
	int quit, failed;
	struct buf werr;            /* the writer's first error */
};

/* FNV-1a of the first n bytes of s. */
static size_t hash(const char *s, size_t n)
{
	size_t h = 14695981039346656037u;

	while (n--)
		h = (h ^ (unsigned char)*s++) * 1099511628211u;
	return h;
}

static size_t *slot_of(const struct outdir *o, const char *path)
{
	size_t i = hash(path, strlen(path)) & (o->nslots - 1);

	while (o->slots[i] && strcmp(o->paths[o->slots[i] - 1], path))
		i = (i + 1) & (o->nslots - 1);
	return &o->slots[i];
}

static void set_grow(struct outdir *o)
{
	size_t i;

	free(o->slots);
	o->nslots = o->nslots ? o->nslots * 2 : 1024;
	o->slots = xcalloc(o->nslots, sizeof *o->slots);
	for (i = 0; i < o->n; i++)
		*slot_of(o, o->paths[i]) = i + 1;
}

/* Recursively removes path; errors are ignored (used on our own staging). */
static void rm_rf(const char *path)
{
	struct buf p = BUF_INIT;
	struct dirent *e;
	DIR *d = opendir(path);

	if (!d) {
		unlink(path);
		return;
	}
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		buf_reset(&p);
		buf_printf(&p, "%s/%s", path, e->d_name);
		rm_rf(p.ptr);
	}
	closedir(d);
	rmdir(path);
	buf_free(&p);
}

static void fstamp_of(const struct stat *st, struct fstamp *f)
{
	f->size = (long long)st->st_size;
	f->sec = (long long)st->st_mtim.tv_sec;
	f->nsec = (long)st->st_mtim.tv_nsec;
}

/* 1 if the file at path holds exactly data; its size and time then go to *f. */
static int same_file(const char *path, const void *data, size_t len, struct fstamp *f)
{
	struct buf old = BUF_INIT;
	struct stat st;
	int same;

	if (stat(path, &st) < 0 || (size_t)st.st_size != len)
		return 0;
	same = file_read(path, &old, len + 1, NULL) == 0 && old.len == len &&
	       !memcmp(old.ptr, data, len);
	buf_free(&old);
	fstamp_of(&st, f);
	return same;
}

/* 1 if the files at a and b, of len bytes each, hold the same bytes: read a piece at a
 * time, as they may be the open data of every month, tens of megabytes. */
static int same_bytes(const char *a, const char *b, long long len)
{
	enum { PIECE = 1 << 16 };
	char *x = xmalloc(2 * PIECE), *y = x + PIECE;
	int fa = open(a, O_RDONLY | O_CLOEXEC), fb = open(b, O_RDONLY | O_CLOEXEC), same = 1;
	ssize_t n, m;

	while (same && len > 0) {
		n = fa < 0 ? -1 : read(fa, x, PIECE);
		m = n <= 0 || fb < 0 ? -1 : read(fb, y, (size_t)n);
		same = n > 0 && m == n && !memcmp(x, y, (size_t)n);
		len -= n;
	}
	if (fa >= 0)
		close(fa);
	if (fb >= 0)
		close(fb);
	free(x);
	return same;
}

/* 1 if the file at path holds the bytes of src: the same file (a link), or equal bytes. */
static int same_src(const char *path, const char *src, struct fstamp *f)
{
	struct stat st, sst;
	int same;

	if (stat(path, &st) < 0 || stat(src, &sst) < 0 || st.st_size != sst.st_size)
		return 0;
	same = (st.st_dev == sst.st_dev && st.st_ino == sst.st_ino) ||
	       same_bytes(path, src, (long long)st.st_size);
	fstamp_of(&st, f);
	return same;
}

/* Stages src at path as a link where the file system allows it, else as a copy. */
static int stage_src(const char *path, const char *src, struct fstamp *f, struct buf *err)
{
	struct stat st;

	if (file_link_or_copy(src, path, 0, &st, err) < 0)  /* synced with the stage */
		return -1;
	fstamp_of(&st, f);
	return 0;
}

static int stage_write(const char *path, const void *data, size_t len, struct fstamp *f,
		       struct buf *err)
{
	struct stat st;

	if (file_write_stat(path, data, len, &st, err) < 0)
		return -1;
	fstamp_of(&st, f);
	return 0;
}

/* The slot of dir (len bytes) in the set, or the empty slot where it would go. */
static char **dir_slot(const struct dirset *d, const char *dir, size_t len)
{
	size_t i;

	for (i = hash(dir, len) & (d->slots - 1); d->v[i]; i = (i + 1) & (d->slots - 1))
		if (!strncmp(d->v[i], dir, len) && !d->v[i][len])
			break;
	return &d->v[i];
}

static int dir_has(const struct dirset *d, const char *dir, size_t len)
{
	return d->slots && *dir_slot(d, dir, len);
}

static void dir_add(struct dirset *d, const char *dir, size_t len)
{
	char **slot;
	size_t i;

	if (2 * (d->n + 1) > d->slots) {
		char **old = d->v;
		size_t n = d->slots;

		d->slots = n ? 2 * n : 256;
		d->v = xcalloc(d->slots, sizeof *d->v);
		for (i = 0; i < n; i++)
			if (old[i])
				*dir_slot(d, old[i], strlen(old[i])) = old[i];
		free(old);
	}
	slot = dir_slot(d, dir, len);
	if (!*slot) {
		*slot = xstrndup(dir, len);
		d->n++;
	}
}

static void dir_free(struct dirset *d)
{
	size_t i;

	for (i = 0; i < d->slots; i++)
		free(d->v[i]);
	free(d->v);
}

/* Makes the staging directories path needs, each once: a mkdir of a directory that exists
 * still locks its parent, on which the writers then wait for each other. A directory
 * counts as made only once it is, so both writers may make it (mkdir_p accepts EEXIST). */
static int stage_dirs(struct outdir *o, const char *path, const char *full, struct buf *err)
{
	const char *slash = strrchr(path, '/');
	size_t len = slash ? (size_t)(slash - path) : 0;
	int made;

	if (!slash)
		return 0;
	pthread_mutex_lock(&o->mu);
	made = dir_has(&o->made, path, len);
	pthread_mutex_unlock(&o->mu);
	if (made)
		return 0;
	if (mkdir_parents(full, err) < 0)
		return -1;
	pthread_mutex_lock(&o->mu);
	dir_add(&o->made, path, len);
	pthread_mutex_unlock(&o->mu);
	return 0;
}

static int safe_path(const char *p)
{
	return *p && *p != '/' && !strstr(p, "..") && !strstr(p, "//");
}

/* Compares one file with the output's and stages it if it changed. */
static void write_job(struct outdir *o, const struct job *j)
{
	struct buf full = BUF_INIT, err = BUF_INIT;
	struct fstamp f = { 0, 0, 0 };
	int rc = 0, changed;

	buf_printf(&full, "%s/%s", o->dir, j->path);
	changed = j->src ? !same_src(full.ptr, j->src, &f) :
		  !same_file(full.ptr, j->data, j->len, &f);
	if (changed) {
		buf_reset(&full);
		buf_printf(&full, "%s/%s", o->stage, j->path);
		rc = stage_dirs(o, j->path, full.ptr, &err) < 0 ? -1 :
		     j->src ? stage_src(full.ptr, j->src, &f, &err) :
		     stage_write(full.ptr, j->data, j->len, &f, &err);
	}
	pthread_mutex_lock(&o->mu);
	o->changed[j->idx] = (unsigned char)changed;
	o->fst[j->idx] = f;
	o->qbytes -= j->len;
	if (rc < 0 && !o->failed) {
		o->failed = 1;
		buf_adds(&o->werr, err.ptr);
	}
	pthread_cond_signal(&o->space);
	pthread_mutex_unlock(&o->mu);
	buf_free(&full);
	buf_free(&err);
}

static void *writer(void *arg)
{
	struct outdir *o = arg;
	struct job j;

	for (;;) {
		pthread_mutex_lock(&o->mu);
		while (!o->qlen && !o->quit)
			pthread_cond_wait(&o->work, &o->mu);
		if (!o->qlen) {
			pthread_mutex_unlock(&o->mu);
			return NULL;
		}
		j = o->q[o->qhead];
		o->qhead = (o->qhead + 1) % o->qcap;
		o->qlen--;
		pthread_mutex_unlock(&o->mu);
		write_job(o, &j);
		free(j.data);
		free(j.src);
	}
}

/* Waits for the writer to finish every queued file; its first error, if any. */
static int drain(struct outdir *o, struct buf *err)
{
	if (o->running) {
		pthread_mutex_lock(&o->mu);
		o->quit = 1;
		pthread_cond_broadcast(&o->work);
		pthread_mutex_unlock(&o->mu);
		while (o->running)
			pthread_join(o->writer[--o->running], NULL);
	}
	return o->failed ? err_set(err, "%s", o->werr.ptr) : 0;
}

/* 1 if dir holds nothing but top-level dot files (or does not exist yet). */
static int holds_nothing(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int empty = 1;

	while (d && empty && (e = readdir(d)))
		empty = e->d_name[0] == '.';
	if (d)
		closedir(d);
	return empty;
}

int outdir_open(struct outdir **out, const char *dir, struct buf *err)
{
	struct outdir *o = xcalloc(1, sizeof *o);
	struct buf b = BUF_INIT;

	o->dir = xstrdup(dir);
	o->werr = (struct buf)BUF_INIT;
	pthread_mutex_init(&o->api, NULL);
	pthread_mutex_init(&o->mu, NULL);
	pthread_cond_init(&o->work, NULL);
	pthread_cond_init(&o->space, NULL);
	buf_printf(&b, "%s.gen-stage", dir);
	o->stage = buf_detach(&b, NULL);
	rm_rf(o->stage);  /* left by a killed build */
	o->was_empty = holds_nothing(dir);
	if (mkdir_p(o->dir, err) < 0 || mkdir_p(o->stage, err) < 0) {
		outdir_abort(o);
		return -1;
	}
	for (; o->running < WRITERS; o->running++)
		if (pthread_create(&o->writer[o->running], NULL, writer, o) != 0)
			break;
	if (!o->running) {
		outdir_abort(o);
		return err_set(err, "build: cannot start the writer thread");
	}
	*out = o;
	return 0;
}

/* Hands the file to the writer, which then owns data (a copy) or src, waiting while too
 * much is queued. */
static int enqueue(struct outdir *o, size_t idx, char *data, size_t len, char *src,
		   struct buf *err)
{
	struct job j = { idx, o->paths[idx], data, len, src };

	pthread_mutex_lock(&o->mu);
	while (o->qbytes > QUEUE_BYTES && !o->failed)
		pthread_cond_wait(&o->space, &o->mu);
	if (o->failed) {
		pthread_mutex_unlock(&o->mu);
		free(j.data);
		free(j.src);
		return err_set(err, "%s", o->werr.ptr);
	}
	if (o->qlen == o->qcap) {
		size_t i, cap = o->qcap ? 2 * o->qcap : 64;
		struct job *q = xmalloc(cap * sizeof *q);

		for (i = 0; i < o->qlen; i++)
			q[i] = o->q[(o->qhead + i) % o->qcap];
		free(o->q);
		o->q = q, o->qcap = cap, o->qhead = 0;
	}
	o->q[(o->qhead + o->qlen++) % o->qcap] = j;
	o->qbytes += len;
	pthread_cond_signal(&o->work);
	pthread_mutex_unlock(&o->mu);
	return 0;
}

/* Records path as part of the build, not (yet) changed. */
static void add_path(struct outdir *o, int rank, const char *path)
{
	if (o->n == o->cap) {
		pthread_mutex_lock(&o->mu);  /* the writer sets changed[] */
		o->cap = o->cap ? o->cap * 2 : 256;
		o->paths = xrealloc(o->paths, o->cap * sizeof *o->paths);
		o->ranks = xrealloc(o->ranks, o->cap * sizeof *o->ranks);
		o->changed = xrealloc(o->changed, o->cap);
		o->fst = xrealloc(o->fst, o->cap * sizeof *o->fst);
		pthread_mutex_unlock(&o->mu);
	}
	if (2 * (o->n + 1) > o->nslots)
		set_grow(o);
	o->paths[o->n] = xstrdup(path);
	o->ranks[o->n] = rank;
	o->fst[o->n] = (struct fstamp){ 0, 0, 0 };
	o->changed[o->n++] = 0;
	*slot_of(o, path) = o->n;
}

static int has(const struct outdir *o, const char *path)
{
	return o->nslots && *slot_of(o, path) != 0;
}

/* Stages path unless it was put already: then an error, or nothing when once. */
static int put(struct outdir *o, int rank, const char *path, const void *data, size_t len,
	       const char *src, int once, struct buf *err)
{
	char *copy = NULL, *from = src ? xstrdup(src) : NULL;
	int rc = 0;

	if (!safe_path(path)) {
		free(from);
		return err_set(err, "build: refusing output path \"%s\"", path);
	}
	if (!src) {  /* copied before the lock: the other lanes wait on it, not on memcpy */
		copy = xmalloc(len ? len : 1);
		memcpy(copy, data, len);
	}
	pthread_mutex_lock(&o->api);
	if (!has(o, path)) {
		add_path(o, rank, path);
		o->st.bytes += (long long)len;
		rc = enqueue(o, o->n - 1, copy, src ? 0 : len, from, err);  /* src: no bytes held */
		copy = from = NULL;
	} else if (!once) {
		rc = err_set(err, "build: two pages want the same path \"%s\"", path);
	}
	pthread_mutex_unlock(&o->api);
	free(copy);
	free(from);
	return rc;
}

int outdir_put(struct outdir *o, int rank, const char *path, const void *data, size_t len,
	       struct buf *err)
{
	return put(o, rank, path, data, len, NULL, 0, err);
}

int outdir_put_once(struct outdir *o, int rank, const char *path, const void *data,
		    size_t len, struct buf *err)
{
	return put(o, rank, path, data, len, NULL, 1, err);
}

int outdir_put_file(struct outdir *o, int rank, const char *path, const char *src,
		    struct buf *err)
{
	struct stat st;

	if (stat(src, &st) < 0 || !S_ISREG(st.st_mode))
		return err_set(err, "%s: cannot read: %s", src, strerror(errno));
	return put(o, rank, path, NULL, (size_t)st.st_size, src, 0, err);
}

int outdir_tmp(struct outdir *o, struct buf *path, struct buf *err)
{
	long n;

	pthread_mutex_lock(&o->mu);
	n = o->tmps++;
	pthread_mutex_unlock(&o->mu);
	buf_reset(path);
	buf_printf(path, "%s/.tmp/%ld", o->stage, n);
	return mkdir_parents(path->ptr, err);
}

int outdir_keep(struct outdir *o, int rank, const char *path, struct buf *err)
{
	struct buf full = BUF_INIT;
	struct stat st;
	int rc = 0;

	if (!safe_path(path))
		return err_set(err, "build: cannot keep \"%s\"", path);
	buf_printf(&full, "%s/%s", o->dir, path);
	pthread_mutex_lock(&o->api);
	if (has(o, path))
		rc = err_set(err, "build: cannot keep \"%s\"", path);
	else if (stat(full.ptr, &st) < 0 || !S_ISREG(st.st_mode))
		rc = -1;
	else
		add_path(o, rank, path);  /* changed stays 0: nothing to stage or rename */
	if (rc == 0)
		fstamp_of(&st, &o->fst[o->n - 1]);
	pthread_mutex_unlock(&o->api);
	buf_free(&full);
	return rc;
}

/* Removes files under dir/rel that the build did not put; returns 1 if the directory is
 * left empty. Top-level dot files belong to others (a deploy manifest). */
static int prune(struct outdir *o, const char *rel)
{
	struct buf full = BUF_INIT, sub = BUF_INIT;
	struct dirent *e;
	struct stat st;
	DIR *d;
	int empty = 1;

	buf_printf(&full, "%s%s%s", o->dir, *rel ? "/" : "", rel);
	d = opendir(full.ptr);
	while (d && (e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		buf_reset(&sub);
		buf_printf(&sub, "%s%s%s", rel, *rel ? "/" : "", e->d_name);
		buf_reset(&full);
		buf_printf(&full, "%s/%s", o->dir, sub.ptr);
		if (!*rel && e->d_name[0] == '.') {
			empty = 0;
		} else if (e->d_type == DT_DIR ||
			   (e->d_type == DT_UNKNOWN && lstat(full.ptr, &st) == 0 &&
			    S_ISDIR(st.st_mode))) {
			if (prune(o, sub.ptr))
				rmdir(full.ptr);
			else
				empty = 0;
		} else if (!has(o, sub.ptr)) {
			if (unlink(full.ptr) == 0)
				o->st.deleted++;
		} else {
			empty = 0;
		}
	}
	if (d)
		closedir(d);
	buf_free(&full);
	buf_free(&sub);
	return empty;
}

/* One syncfs for the whole staging directory instead of an fsync per file: a crash before
 * the renames leaves only staging to throw away, and after them only complete files. */
static int sync_stage(const struct outdir *o, struct buf *err)
{
	int fd = open(o->stage, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc;

	if (fd < 0)
		return err_set(err, "%s: %s", o->stage, strerror(errno));
	rc = syncfs(fd);
	close(fd);
	return rc < 0 ? err_set(err, "%s: cannot sync: %s", o->stage, strerror(errno)) : 0;
}

/* Moves from staging the first directory on path's way that the output lacks, whole: all
 * it holds is new, since staging holds only changed files and an unchanged file would need
 * the directory. A first build thus renames a few directories instead of creating every
 * directory twice. Returns 1 if it moved one, 0 if none is missing, -1 on error. */
static int move_missing_dir(struct outdir *o, const char *path, struct buf *err)
{
	struct buf to = BUF_INIT, from = BUF_INIT;
	const char *slash;
	struct stat st;
	int rc = 0;

	for (slash = strchr(path, '/'); slash && rc == 0; slash = strchr(slash + 1, '/')) {
		buf_reset(&to);
		buf_printf(&to, "%s/%.*s", o->dir, (int)(slash - path), path);
		if (lstat(to.ptr, &st) == 0)
			continue;
		buf_printf(&from, "%s/%.*s", o->stage, (int)(slash - path), path);
		rc = rename(from.ptr, to.ptr) == 0 ? 1 :
		     err_set(err, "%s: cannot move into place: %s", to.ptr, strerror(errno));
		if (rc == 1)
			dir_add(&o->moved, path, (size_t)(slash - path));
	}
	buf_free(&to);
	buf_free(&from);
	return rc;
}

/* 1 if a directory on path's way was moved whole, and the file with it. */
static int moved_with_dir(const struct outdir *o, const char *path)
{
	const char *slash;

	for (slash = strchr(path, '/'); slash && o->moved.n; slash = strchr(slash + 1, '/'))
		if (dir_has(&o->moved, path, (size_t)(slash - path)))
			return 1;
	return 0;
}

/* Puts one staged file into place; it may have moved already with its directory. Those
 * are known without asking the file system: a first build of 10,000 guides made 40,000
 * calls to find that out. */
static int move_file(struct outdir *o, const char *path, struct buf *err)
{
	struct buf from = BUF_INIT, to = BUF_INIT;
	struct stat st;
	int rc = 0;

	if (moved_with_dir(o, path))
		return 0;
	buf_printf(&from, "%s/%s", o->stage, path);
	buf_printf(&to, "%s/%s", o->dir, path);
	if (rename(from.ptr, to.ptr) < 0) {
		if (errno != ENOENT)
			rc = err_set(err, "%s: cannot move into place: %s", to.ptr, strerror(errno));
		else if ((rc = move_missing_dir(o, path, err)) == 0 &&
			 (lstat(from.ptr, &st) == 0 || lstat(to.ptr, &st) < 0))
			rc = err_set(err, "%s: cannot move into place: %s", to.ptr, strerror(ENOENT));
	}
	buf_free(&from);
	buf_free(&to);
	return rc < 0 ? -1 : 0;
}

static int by_rank(const void *a, const void *b, void *arg)
{
	const struct outdir *o = arg;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	if (o->ranks[x] != o->ranks[y])
		return o->ranks[x] < o->ranks[y] ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* "SIZE MTIME_SEC MTIME_NSEC PATH" for every file of the build, as stamp_write wants them:
 * the build knows its files, so the stamp needs no walk of the tree. */
static void list_files(const struct outdir *o, struct buf *out)
{
	size_t i;

	for (i = 0; i < o->n; i++) {
		num_add_int(out, o->fst[i].size);
		buf_addc(out, ' ');
		num_add_int(out, o->fst[i].sec);
		buf_addc(out, ' ');
		num_add_int(out, o->fst[i].nsec);
		buf_addc(out, ' ');
		buf_adds(out, o->paths[i]);
		buf_addc(out, '\n');
	}
}

int outdir_commit(struct outdir *o, struct outdir_stats *stats, struct buf *files,
		  struct buf *err)
{
	size_t i, *order = xmalloc((o->n + 1) * sizeof *order);
	int rc = drain(o, err);

	for (i = 0; rc == 0 && i < o->n && !o->changed[i]; i++)
		;
	if (rc == 0 && i < o->n)  /* syncfs waits for every writer of the file system: only when needed */
		rc = sync_stage(o, err);
	/* In rank order, then put order: files before the pages that link to them, whichever
	 * thread made them. */
	for (i = 0; i < o->n; i++)
		order[i] = i;
	qsort_r(order, o->n, sizeof *order, by_rank, o);
	for (i = 0; i < o->n && rc == 0; i++) {
		if (!o->changed[order[i]])
			o->st.unchanged++;
		else if ((rc = move_file(o, o->paths[order[i]], err)) == 0)
			o->st.written++;
	}
	free(order);
	if (rc == 0 && !o->was_empty)
		prune(o, "");
	if (rc == 0 && files)
		list_files(o, files);
	if (stats)
		*stats = o->st;
	outdir_abort(o);
	return rc;
}

void outdir_abort(struct outdir *o)
{
	size_t i;

	if (!o)
		return;
	drain(o, NULL);
	rm_rf(o->stage);
	for (i = 0; i < o->qlen; i++) {
		free(o->q[(o->qhead + i) % o->qcap].data);
		free(o->q[(o->qhead + i) % o->qcap].src);
	}
	free(o->q);
	pthread_mutex_destroy(&o->api);
	pthread_mutex_destroy(&o->mu);
	pthread_cond_destroy(&o->work);
	pthread_cond_destroy(&o->space);
	buf_free(&o->werr);
	for (i = 0; i < o->n; i++)
		free(o->paths[i]);
	free(o->paths);
	free(o->ranks);
	free(o->changed);
	free(o->fst);
	free(o->slots);
	dir_free(&o->made);
	dir_free(&o->moved);
	free(o->dir);
	free(o->stage);
	free(o);
}
