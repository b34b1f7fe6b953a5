#include "transfer.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

#define MAX_ATTEMPTS 3
/* A target with a commit step gets finished uploads in batches: at the end of each wave, or
 * sooner once 64 per parallel transfer wait, or once the first of them has waited a second.
 * A batch costs about one round trip, so big batches are cheap; the limits keep the files
 * of a long wave (many, or big ones on a slow link) from staying invisible until its very
 * end, and bound what a kill loses. */
#define COMMIT_PER_SLOT 64
#define COMMIT_DELAY_MS 1000

struct engine {
	struct run *r;
	struct target *t;
	CURLM *multi;
	CURL **pool;            /* one easy handle per slot, reused across jobs */
	struct put_job **slot;  /* the job a slot runs, or NULL */
	long nslots;
	size_t done, total;
	long long bytes_done, bytes_total;
	struct put_job **pending;  /* transfers ended, not committed yet */
	size_t npending;
	long long pending_since;   /* ms, monotonic */
};

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void transfer_job_release(struct put_job *j)
{
	if (j->in)
		fclose(j->in);
	j->in = NULL;
	curl_slist_free_all(j->headers);
	curl_slist_free_all(j->quote);
	curl_slist_free_all(j->postquote);
	j->headers = j->quote = j->postquote = NULL;
	buf_free(&j->url);
	buf_free(&j->resp);
}

static void step_lists_free(struct put_job *j)
{
	curl_slist_free_all(j->headers);
	curl_slist_free_all(j->quote);
	curl_slist_free_all(j->postquote);
	j->headers = j->quote = j->postquote = NULL;
	buf_reset(&j->resp);
}

/* Configures easy for the job's current step and adds it to the multi handle. */
static int step_start(struct engine *g, struct put_job *j, CURL *easy, struct buf *err)
{
	step_lists_free(j);
	curl_easy_reset(easy);
	target_curl_common(g->t, easy, j->errbuf);
	curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, target_capture);
	curl_easy_setopt(easy, CURLOPT_WRITEDATA, &j->resp);
	curl_easy_setopt(easy, CURLOPT_PRIVATE, j);
	if (j->in)
		rewind(j->in);
	if (g->t->ops->put_setup(g->t, j, easy, err) < 0)
		return -1;
	if (curl_multi_add_handle(g->multi, easy) != CURLM_OK)
		return err_set(err, "%s: cannot start the transfer", j->path);
	return 0;
}

static int job_start(struct engine *g, struct put_job *j, long s, struct buf *err)
{
	if (j->attempts)
		sleep((unsigned)j->attempts);  /* backoff: 1 s, then 2 s */
	j->step = 0;
	j->retry = 0;
	if (!j->in) {
		j->in = fopen(j->local, "rb");
		if (!j->in)
			return err_set(err, "%s: cannot open: %s", j->local, strerror(errno));
	}
	g->slot[s] = j;
	return step_start(g, j, g->pool[s], err);
}

static void progress(struct engine *g)
{
	run_progress(g->r, "deploy: %zu/%zu files, %lld/%lld KiB", g->done, g->total,
		     g->bytes_done >> 10, g->bytes_total >> 10);
}

/* One finished step: next step, done, retry later (returns 1), or failure. */
static int step_end(struct engine *g, long s, CURLcode rc, struct buf *err)
{
	struct put_job *j = g->slot[s];
	int more;

	curl_multi_remove_handle(g->multi, g->pool[s]);
	more = g->t->ops->put_done(g->t, j, g->pool[s], rc, err);
	if (more > 0) {
		j->step++;
		return step_start(g, j, g->pool[s], err);
	}
	g->slot[s] = NULL;
	if (more == 0) {
		g->done++;
		g->bytes_done += j->size;
		progress(g);
		if (g->t->ops->commit) {
			if (!g->npending)
				g->pending_since = now_ms();
			g->pending[g->npending++] = j;
		} else {
			run_debug(g->r, "put %s (%lld bytes)", j->path, j->size);
		}
		if (j->in)
			fclose(j->in);
		j->in = NULL;
		return 0;
	}
	if ((j->retry || target_transient(rc)) && j->attempts + 1 < MAX_ATTEMPTS) {
		j->attempts++;
		run_debug(g->r, "retrying %s: %s", j->path, err->ptr);
		return 1;
	}
	return -1;
}

/* Commits the pending uploads when the wave ended (all), or when enough wait. */
static int commit(struct engine *g, int all, struct buf *err)
{
	struct buf note = BUF_INIT;
	size_t i;
	int rc;

	if (!g->npending || (!all && g->npending < (size_t)g->nslots * COMMIT_PER_SLOT &&
			     now_ms() - g->pending_since < COMMIT_DELAY_MS))
		return 0;
	rc = g->t->ops->commit(g->t, g->pending, g->npending, &note, err);
	if (note.len)
		run_info(g->r, "%s", note.ptr);
	buf_free(&note);
	if (rc < 0)
		return -1;
	for (i = 0; i < g->npending; i++)
		run_debug(g->r, "put %s (%lld bytes)", g->pending[i]->path, g->pending[i]->size);
	g->npending = 0;
	return 0;
}

static void stop_all(struct engine *g)
{
	long s;

	for (s = 0; s < g->nslots; s++)
		if (g->slot[s]) {
			curl_multi_remove_handle(g->multi, g->pool[s]);
			g->slot[s] = NULL;
		}
}

static long free_slot(const struct engine *g)
{
	long s;

	for (s = 0; s < g->nslots; s++)
		if (!g->slot[s])
			return s;
	return -1;
}

/* Runs jobs[a..b), one wave, to the end. Retries go to the back of the queue. */
static int run_wave(struct engine *g, struct put_job **queue, size_t n, struct buf *err)
{
	size_t next = 0;
	int running = 1, active = 0;

	while (next < n || active) {
		long s;
		struct CURLMsg *m;
		int left;

		while (next < n && (s = free_slot(g)) >= 0) {
			if (job_start(g, queue[next++], s, err) < 0)
				return -1;
			active++;
		}
		curl_multi_perform(g->multi, &running);
		while ((m = curl_multi_info_read(g->multi, &left))) {
			struct put_job *j = NULL;
			int r;

			if (m->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&j);
			for (s = 0; s < g->nslots && g->slot[s] != j; s++)
				;
			r = step_end(g, s, m->data.result, err);
			if (r < 0)
				return -1;
			if (!g->slot[s])
				active--;
			if (r > 0)
				queue[n++] = j;  /* the queue has room: see transfer_puts */
		}
		if (commit(g, 0, err) < 0)
			return -1;
		if (active)
			curl_multi_poll(g->multi, NULL, 0, g->npending ? 100 : 1000, NULL);
	}
	return commit(g, 1, err);
}

int transfer_puts(struct run *r, struct target *t, struct put_job *jobs, size_t n,
		  long parallel, struct buf *err)
{
	struct engine g = { .r = r, .t = t, .total = n };
	struct put_job **queue = NULL;
	size_t a = 0, b, i;
	long s;
	int rc = -1;

	for (i = 0; i < n; i++)
		g.bytes_total += jobs[i].size;
	if (!t->ops->put_setup) {  /* synchronous target: local disk needs no parallelism */
		for (i = 0; i < n; i++, g.done++) {
			progress(&g);
			if (t->ops->put_sync(t, &jobs[i], err) < 0)
				return -1;
			run_debug(r, "put %s (%lld bytes)", jobs[i].path, jobs[i].size);
			g.bytes_done += jobs[i].size;
		}
		return 0;
	}
	g.nslots = parallel < 1 ? 1 : parallel;
	g.multi = curl_multi_init();
	g.pool = xcalloc((size_t)g.nslots, sizeof *g.pool);
	g.slot = xcalloc((size_t)g.nslots, sizeof *g.slot);
	for (s = 0; s < g.nslots; s++)
		g.pool[s] = curl_easy_init();
	/* every job may be queued MAX_ATTEMPTS times */
	queue = xcalloc(n * MAX_ATTEMPTS + 1, sizeof *queue);
	g.pending = xcalloc(n + 1, sizeof *g.pending);
	curl_multi_setopt(g.multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long)g.nslots);
	for (; a < n; a = b) {
		for (b = a; b < n && jobs[b].wave == jobs[a].wave; b++)
			queue[b - a] = &jobs[b];
		if (run_wave(&g, queue, b - a, err) < 0)
			goto out;
	}
	rc = 0;
out:
	stop_all(&g);
	for (s = 0; s < g.nslots; s++)
		curl_easy_cleanup(g.pool[s]);
	curl_multi_cleanup(g.multi);
	free(g.pool);
	free(g.slot);
	free(g.pending);
	free(queue);
	return rc;
}
