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

/* Copies the store with SQLite's online backup API into dir as gen-YYYYMMDD-HHMMSS.db and
 * keeps the newest keep copies. A store that does not exist yet needs no backup. */
int store_backup(struct store *st, const char *dir, long keep, struct buf *out_path,
		 struct buf *err);
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

/* Imports every month of ims in one transaction, records the run, and recomputes the
 * derived figures of the months touched and the months after them. All or nothing. */
int store_import(struct store *st, const struct config *cfg, struct import *ims, size_t n,
		 const char *command, struct store_result *res, struct buf *err);

/* 1 if every month and kind of ims was last imported from the same bytes: an import
 * that changes no data, which needs no backup before it. */
int store_unchanged(struct store *st, struct import *ims, size_t n);

/* 1 if a unit with this code is in the store. */
int store_has_unit(struct store *st, const char *code);

/* Helpers for the other modules' queries: prepare, failing with the SQL error. */
int store_prepare(struct store *st, const char *sql, sqlite3_stmt **stmt, struct buf *err);
int store_exec(struct store *st, const char *sql, struct buf *err);

#endif
