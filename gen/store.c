#include "store.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store_schema.h"
#include "util.h"

struct store {
	sqlite3 *db;
	char *path;
};

sqlite3 *store_db(struct store *st)
{
	return st->db;
}

/* A store another process held past the busy timeout (a pull writing it, or another pull
 * waiting to): say what to do. */
static int busy_hint(struct store *st, struct buf *err)
{
	if ((sqlite3_extended_errcode(st->db) & 0xff) == SQLITE_BUSY)
		buf_adds(err, " (another gen command is using the store: run this again when it "
			 "has finished)");
	return -1;
}

int store_exec(struct store *st, const char *sql, struct buf *err)
{
	char *msg = NULL;

	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) == SQLITE_OK)
		return 0;
	err_set(err, "%s: %s", st->path, msg ? msg : sqlite3_errmsg(st->db));
	sqlite3_free(msg);
	return busy_hint(st, err);
}

int store_prepare(struct store *st, const char *sql, sqlite3_stmt **stmt, struct buf *err)
{
	if (sqlite3_prepare_v2(st->db, sql, -1, stmt, NULL) == SQLITE_OK)
		return 0;
	*stmt = NULL;
	err_set(err, "%s: %s (in \"%.60s…\")", st->path, sqlite3_errmsg(st->db), sql);
	return busy_hint(st, err);
}

static int user_version(struct store *st, int *v, struct buf *err)
{
	sqlite3_stmt *s;

	if (store_prepare(st, "PRAGMA user_version", &s, err) < 0)
		return -1;
	if (sqlite3_step(s) != SQLITE_ROW) {
		err_set(err, "%s: cannot read the store: %s", st->path, sqlite3_errmsg(st->db));
		busy_hint(st, err);
		sqlite3_finalize(s);
		return -1;
	}
	*v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return 0;
}

static int migrate(struct store *st, struct buf *err)
{
	struct buf sql = BUF_INIT;
	int v, rc = -1;

	if (user_version(st, &v, err) < 0)
		return -1;
	if (v > store_nmigrations)
		return err_set(err, "%s: the store has schema version %d, newer than this gen "
			       "knows (%d): use a newer gen", st->path, v, store_nmigrations);
	if (v == store_nmigrations)
		return 0;
	if (store_exec(st, "BEGIN IMMEDIATE", err) < 0)
		return -1;
	for (; v < store_nmigrations; v++) {
		buf_reset(&sql);
		buf_printf(&sql, "%s; PRAGMA user_version = %d;", store_migrations[v], v + 1);
		if (store_exec(st, sql.ptr, err) < 0)
			goto out;
	}
	rc = store_exec(st, "COMMIT", err);
out:
	if (rc < 0)
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	buf_free(&sql);
	return rc;
}

static int open_db(struct store **out, const char *path, int flags, struct buf *err)
{
	struct store *st = xcalloc(1, sizeof *st);

	st->path = xstrdup(path);
	/* NOMUTEX: each connection is used by one thread only (a build's lanes open their
	 * own), so SQLite's lock around every call, 3 % of a build's instructions, guards
	 * nothing. */
	if (sqlite3_open_v2(path, &st->db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		err_set(err, "%s: cannot open the store: %s", path,
			st->db ? sqlite3_errmsg(st->db) : "out of memory");
		store_close(st);
		return -1;
	}
	sqlite3_busy_timeout(st->db, 10000);
	sqlite3_extended_result_codes(st->db, 1);
	*out = st;
	return 0;
}

static int setup_db(struct store *st, struct buf *err)
{
	if (store_exec(st, "PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL;"
		       "PRAGMA foreign_keys = ON;", err) < 0)
		return -1;
	return migrate(st, err);
}

/* A new store is made aside and renamed into place with its schema, so that a process
 * killed while making it leaves no half-made store for the next command to trip on. */
static int create_db(const char *path, struct buf *err)
{
	struct buf tmp = BUF_INIT, journal = BUF_INIT;
	struct store *st = NULL;
	int rc = -1;

	buf_printf(&tmp, "%s.new", path);
	buf_printf(&journal, "%s-journal", tmp.ptr);
	unlink(tmp.ptr);
	unlink(journal.ptr);    /* a stale journal would be played back into the new file */
	if (open_db(&st, tmp.ptr, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, err) == 0 &&
	    setup_db(st, err) == 0)
		rc = 0;
	store_close(st);
	if (rc == 0 && rename(tmp.ptr, path) < 0)
		rc = err_set(err, "%s: %s", path, strerror(errno));
	if (rc < 0)
		unlink(tmp.ptr);
	buf_free(&tmp);
	buf_free(&journal);
	return rc;
}

int store_open(struct store **out, const char *path, struct buf *err)
{
	*out = NULL;
	if (mkdir_parents(path, err) < 0)
		return -1;
	if (!file_exists(path) && create_db(path, err) < 0)
		return -1;
	if (open_db(out, path, SQLITE_OPEN_READWRITE, err) < 0)
		return -1;
	if (setup_db(*out, err) < 0) {
		store_close(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

int store_open_ro(struct store **out, const char *path, struct buf *err)
{
	struct buf journal = BUF_INIT;
	int v = 0, flags = SQLITE_OPEN_READONLY, rc = -1;

	*out = NULL;
	if (!file_exists(path))
		return err_set(err, "%s: no store yet: run 'gen pull' first", path);
	/* A killed pull leaves a hot journal, which only a read-write connection can roll
	 * back; a read-only one cannot read the store at all until then. */
	buf_printf(&journal, "%s-journal", path);
	if (file_exists(journal.ptr))
		flags = SQLITE_OPEN_READWRITE;
	buf_free(&journal);
	if (open_db(out, path, flags, err) < 0)
		return -1;
	if (user_version(*out, &v, err) == 0) {
		if (v > store_nmigrations)
			err_set(err, "%s: the store has schema version %d, newer than this gen knows "
				"(%d): use a newer gen", path, v, store_nmigrations);
		else if (v < store_nreadable)
			err_set(err, "%s: schema version %d, expected %d: run 'gen pull' with this "
				"gen to migrate it", path, v, store_nmigrations);
		else
			rc = store_exec(*out, "PRAGMA query_only = ON", err);
	}
	if (rc < 0) {
		store_close(*out);
		*out = NULL;
	}
	return rc;
}

void store_close(struct store *st)
{
	if (!st)
		return;
	sqlite3_close(st->db);
	free(st->path);
	free(st);
}

int store_has_unit(struct store *st, const char *code)
{
	sqlite3_stmt *s = NULL;
	int found;

	if (sqlite3_prepare_v2(st->db, "SELECT 1 FROM unit WHERE code = ?", -1, &s, NULL))
		return 0;
	sqlite3_bind_text(s, 1, code, -1, SQLITE_STATIC);
	found = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_finalize(s);
	return found;
}

int store_backup_cmp(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	size_t n = strcspn(x, "."), m = strcspn(y, ".");
	int c = strncmp(x, y, n < m ? n : m);

	/* gen-STAMP.db is older than gen-STAMP-01.db, though '.' sorts after '-' */
	return c ? c : n != m ? (n > m) - (n < m) : strcmp(x, y);
}

void store_backup_prune(const char *dir, long keep)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	struct buf p = BUF_INIT;

	if (!d)
		return;
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);

		if (strncmp(e->d_name, "gen-", 4) || len < 7 || strcmp(e->d_name + len - 3, ".db"))
			continue;
		if (n == cap)
			names = xrealloc(names, (cap = cap ? cap * 2 : 16) * sizeof *names);
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof *names, store_backup_cmp);
	for (i = 0; i < n; i++) {
		if ((long)(n - i) > keep) {
			buf_reset(&p);
			buf_printf(&p, "%s/%s", dir, names[i]);
			unlink(p.ptr);
		}
		free(names[i]);
	}
	free(names);
	buf_free(&p);
}

/* Copies the store as committed, through a connection of its own: the pull's connection
 * may be inside its write transaction, from which SQLite's backup cannot read. */
static int copy_db(const char *from, const char *to, struct buf *err)
{
	sqlite3 *src = NULL, *dst = NULL;
	sqlite3_backup *b;
	int rc = SQLITE_ERROR;

	if (sqlite3_open_v2(from, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		err_set(err, "%s: cannot read the store to back it up: %s", from,
			sqlite3_errmsg(src));
		goto out;
	}
	sqlite3_busy_timeout(src, 10000);
	if (sqlite3_open(to, &dst) != SQLITE_OK) {
		err_set(err, "%s: cannot create backup: %s", to, sqlite3_errmsg(dst));
		goto out;
	}
	b = sqlite3_backup_init(dst, "main", src, "main");
	if (!b) {
		err_set(err, "%s: backup failed: %s", to, sqlite3_errmsg(dst));
		goto out;
	}
	while ((rc = sqlite3_backup_step(b, 256)) == SQLITE_OK)
		;
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		err_set(err, "%s: backup failed: %s", to, sqlite3_errstr(rc));
		goto out;
	}
	rc = sqlite3_close(dst);
	dst = NULL;
	if (rc != SQLITE_OK)
		err_set(err, "%s: backup failed on close", to);
out:
	sqlite3_close(dst);
	sqlite3_close(src);
	return rc == SQLITE_OK ? 0 : -1;
}

int store_backup(struct store *st, const char *dir, long keep, struct buf *out_path,
		 struct buf *err)
{
	struct buf name = BUF_INIT, tmp = BUF_INIT;
	char stamp[32];
	time_t now = time(NULL);
	int i, next, rc = -1;

	if (keep <= 0)
		return 0;
	if (mkdir_p(dir, err) < 0)
		return -1;
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", gmtime(&now));
	/* after the newest copy of this second, not in a gap pruning left: names sort by time */
	for (i = 0, next = 0; i < 100; i++) {
		buf_reset(&name);
		buf_printf(&name, i ? "%s/gen-%s-%02d.db" : "%s/gen-%s.db", dir, stamp, i);
		if (file_exists(name.ptr))
			next = i + 1;
	}
	if (next == 100) {
		err_set(err, "%s: 100 backups in one second already", dir);
		goto out;
	}
	buf_reset(&name);
	buf_printf(&name, next ? "%s/gen-%s-%02d.db" : "%s/gen-%s.db", dir, stamp, next);
	buf_printf(&tmp, "%s.tmp", name.ptr);
	unlink(tmp.ptr);
	if (copy_db(st->path, tmp.ptr, err) < 0)
		goto out;
	if (rename(tmp.ptr, name.ptr) < 0) {
		err_set(err, "%s: %s", name.ptr, strerror(errno));
		goto out;
	}
	if (out_path)
		buf_sets(out_path, name.ptr);
	rc = 0;
out:
	unlink(tmp.ptr);
	buf_free(&name);
	buf_free(&tmp);
	return rc;
}
