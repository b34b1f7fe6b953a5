/* gen status: what the store holds, for an administrator before publishing. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "run.h"
#include "store.h"
#include "util.h"

static void print_rows(sqlite3 *db, const char *sql, const char *header)
{
	sqlite3_stmt *s;
	int i, n, first = 1;

	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
		return;
	n = sqlite3_column_count(s);
	while (sqlite3_step(s) == SQLITE_ROW) {
		if (first && header)
			printf("%s\n", header);
		first = 0;
		for (i = 0; i < n; i++) {
			const unsigned char *v = sqlite3_column_text(s, i);

			printf("%s%s", i ? "  " : "  ", v ? (const char *)v : "-");
		}
		putchar('\n');
	}
	if (first && header)
		printf("%s\n  (none)\n", header);
	sqlite3_finalize(s);
}

static void print_backups(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct buf p = BUF_INIT;
	char **names = NULL;
	size_t n = 0, i;
	struct stat st;

	printf("Backups in %s (newest last):\n", dir);
	while (d && (e = readdir(d)))
		if (!strncmp(e->d_name, "gen-", 4) && strstr(e->d_name, ".db") &&
		    !strstr(e->d_name, ".tmp")) {
			names = xrealloc(names, (n + 1) * sizeof *names);
			names[n++] = xstrdup(e->d_name);
		}
	if (d)
		closedir(d);
	if (n)
		qsort(names, n, sizeof *names, store_backup_cmp);
	for (i = 0; i < n; i++) {
		buf_reset(&p);
		buf_printf(&p, "%s/%s", dir, names[i]);
		printf("  %s  %lld bytes\n", names[i],
		       stat(p.ptr, &st) == 0 ? (long long)st.st_size : -1LL);
		free(names[i]);
	}
	if (!n)
		printf("  (none)\n");
	free(names);
	buf_free(&p);
}

int cmd_status(struct run *r, int argc, char **argv)
{
	struct store *st = NULL;
	char *db, *bdir;
	struct stat sb;
	sqlite3 *h;

	if (argc > 1) {
		if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
			puts("usage: gen status\n\nShows what the store holds: months and their "
			     "versions, the sources fetched\n(time, size, SHA-256), row counts and "
			     "the backups kept.");
			return 0;
		}
		err_set(&r->err, "status: unexpected argument \"%s\"", argv[1]);
		return 2;
	}
	if (run_config(r) < 0)
		return 1;
	db = config_path(&r->cfg, r->cfg.db_path);
	bdir = config_path(&r->cfg, r->cfg.backup_dir);
	if (store_open_ro(&st, db, &r->err) < 0) {
		free(db);
		free(bdir);
		return 1;
	}
	h = store_db(st);
	printf("Store %s, %lld bytes\n", db, stat(db, &sb) == 0 ? (long long)sb.st_size : -1LL);
	print_rows(h, "SELECT month, group_concat(kind || ' v' || version, ', '), "
		   "max(imported_at) FROM (SELECT * FROM month_kind ORDER BY kind) "
		   "GROUP BY month ORDER BY month", "Months (kinds and versions, last import):");
	print_rows(h, "SELECT f.month, f.source, f.fetched_at, f.size || ' bytes', f.sha256, "
		   "CASE f.redacted WHEN 1 THEN 'redacted' ELSE '' END, f.url FROM fetch f "
		   "WHERE f.id IN (SELECT max(id) FROM fetch GROUP BY month, source) "
		   "ORDER BY f.month, f.source", "Sources (latest fetch of each month):");
	print_rows(h, "SELECT 'units', count(*) FROM unit UNION ALL SELECT 'scores', count(*) "
		   "FROM score UNION ALL SELECT 'metrics', count(*) FROM metric UNION ALL "
		   "SELECT 'national', count(*) FROM national UNION ALL SELECT 'procedures', "
		   "count(*) FROM procedure UNION ALL SELECT 'late dossiers', count(*) FROM delay "
		   "UNION ALL SELECT 'fetches', count(*) FROM fetch UNION ALL SELECT 'corrections', "
		   "count(*) FROM correction", "Rows:");
	print_rows(h, "SELECT month, kind, 'v' || version, at, replace(summary, char(10), '; ') "
		   "FROM correction ORDER BY month, kind, version", "Corrections:");
	print_backups(bdir);
	store_close(st);
	free(db);
	free(bdir);
	return 0;
}
