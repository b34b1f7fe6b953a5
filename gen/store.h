/* store: the SQLite database every published figure comes from. It keeps every pulled
 * response (URL, time, size, SHA-256, body), the imported records, the figures derived from
 * them, and each month's corrections. Schema changes are numbered migrations. */
#ifndef GEN_STORE_H
#define GEN_STORE_H

#include <sqlite3.h>

#include "buf.h"
#include "config.h"
#include "import.h"

struct store;

/* Opens (creating and migrating as needed) the store at path. */
int store_open(struct store **st, const char *path, struct buf *err);
/* Opens an existing store read-only; fails when there is none. */
int store_open_ro(struct store **st, const char *path, struct buf *err);
void store_close(struct store *st);
sqlite3 *store_db(struct store *st);

/* Copies the store as committed with SQLite's online backup API into dir as
 * gen-YYYYMMDD-HHMMSS.db; none when keep is 0. */
int store_backup(struct store *st, const char *dir, long keep, struct buf *out_path,
		 struct buf *err);
/* Removes the oldest backups in dir beyond keep: once the import they were made for has
 * committed, so that a failed one pushes out no useful copy. */
void store_backup_prune(const char *dir, long keep);
/* qsort order of backup file names (char *), oldest first. */
int store_backup_cmp(const void *a, const void *b);

/* What store_import did for one month and kind. */
struct store_change {
	char month[8];
	const char *kind;
	int state;              /* 0 new, 1 unchanged (nothing written), 2 corrected */
	long rows;
	struct buf summary;     /* for a correction: what changed */
};

struct store_result {
	struct store_change *v;
	size_t n;
	long run;
};
void store_result_free(struct store_result *r);

/* An import in one transaction, a month at a time, so that a pull of many months holds
 * one month's records at once: begin, store_import_month for each month, commit. A failure
 * anywhere rolls back the whole import and says so in err; store_import_end frees the
 * import, rolling back what was not committed. The store is locked for writing from begin
 * to the end; readers go on reading the data as it was until the changes outgrow SQLite's
 * page cache, and from then on wait. */
struct store_tx;
int store_import_begin(struct store *st, const struct config *cfg, const char (*months)[8],
		       size_t n, const char *command, struct store_tx **tx, struct buf *err);
/* Writes one validated month: each kind whose sources differ from its last import. */
int store_import_month(struct store_tx *tx, struct import *im, struct store_result *res);
/* Recomputes the derived figures of the months touched and the months after them, then
 * commits. */
int store_import_commit(struct store_tx *tx, struct store_result *res);
void store_import_end(struct store_tx *tx);

/* 1 if every kind of im was last imported from the same bytes: a month that changes no
 * data, which needs no backup before it. */
int store_unchanged(struct store *st, const struct import *im);

/* 1 if a unit with this code is in the store. */
int store_has_unit(struct store *st, const char *code);

/* Helpers for the other modules' queries: prepare, failing with the SQL error. */
int store_prepare(struct store *st, const char *sql, sqlite3_stmt **stmt, struct buf *err);
int store_exec(struct store *st, const char *sql, struct buf *err);

#endif
