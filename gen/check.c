#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitecheck.h"
#include "store.h"
#include "util.h"

/* Each query returns one row per problem: a place and a message. */
static const struct { const char *what, *sql; } store_checks[] = {
	{ "integrity", "SELECT 'store', integrity_check FROM pragma_integrity_check "
	  "WHERE integrity_check <> 'ok'" },
	{ "totals", "SELECT s.month || ' ' || s.unit, 'total ' || s.total || ' (hundredths) "
	  "differs from the sum of its groups, ' || sum(g.score) FROM score s JOIN score_group g "
	  "ON g.month = s.month AND g.unit = s.unit GROUP BY s.month, s.unit "
	  "HAVING abs(s.total - sum(g.score)) > 1" },
	{ "groups", "SELECT s.month || ' ' || s.unit, 'has ' || count(g.grp) || ' group scores, "
	  "expected ' || ?1 FROM score s LEFT JOIN score_group g ON g.month = s.month AND "
	  "g.unit = s.unit GROUP BY s.month, s.unit HAVING count(g.grp) <> ?1" },
	{ "ranks", "SELECT month || ' ' || unit, 'no rank: the derived figures are missing "
	  "(run gen pull again)' FROM score WHERE rank IS NULL OR level IS NULL" },
	{ "units", "SELECT d.month || ' ' || d.dossier, 'late dossier of unknown unit ' || d.unit "
	  "FROM delay d LEFT JOIN unit u ON u.code = d.unit WHERE u.code IS NULL" },
	{ "sources", "SELECT m.month || ' ' || m.kind, 'imported, but no archived response' "
	  "FROM month_kind m WHERE NOT EXISTS (SELECT 1 FROM fetch f WHERE f.month = m.month "
	  "AND f.kind = m.kind AND f.run = m.run)" },
	{ "days", "SELECT month || ' ' || dossier, 'days late is ' || days_late FROM delay "
	  "WHERE days_late <= 0" },
};

/* The archive must hold exactly the bytes its hash names. */
static long check_archive(struct store *st)
{
	sqlite3_stmt *s;
	char hex[65];
	long bad = 0;

	if (sqlite3_prepare_v2(store_db(st), "SELECT id, month, source, stored_sha256, body "
			       "FROM fetch", -1, &s, NULL) != SQLITE_OK)
		return 1;
	while (sqlite3_step(s) == SQLITE_ROW) {
		sha256_hex(sqlite3_column_blob(s, 4), (size_t)sqlite3_column_bytes(s, 4), hex);
		if (strcmp(hex, (const char *)sqlite3_column_text(s, 3))) {
			fprintf(stderr, "gen: check: archive: fetch %lld (%s %s): the stored body does "
				"not match its SHA-256\n", (long long)sqlite3_column_int64(s, 0),
				sqlite3_column_text(s, 1), sqlite3_column_text(s, 2));
			bad++;
		}
	}
	sqlite3_finalize(s);
	return bad;
}

long check_store(struct run *r, struct store *st)
{
	sqlite3_stmt *s;
	size_t i;
	long bad = 0;

	for (i = 0; i < ARRAY_LEN(store_checks); i++) {
		if (sqlite3_prepare_v2(store_db(st), store_checks[i].sql, -1, &s, NULL) != SQLITE_OK) {
			fprintf(stderr, "gen: check: %s: %s\n", store_checks[i].what,
				sqlite3_errmsg(store_db(st)));
			bad++;
			continue;
		}
		if (sqlite3_bind_parameter_count(s))
			sqlite3_bind_int64(s, 1, (sqlite3_int64)r->cfg.ngroups);
		while (sqlite3_step(s) == SQLITE_ROW) {
			fprintf(stderr, "gen: check: %s: %s: %s\n", store_checks[i].what,
				sqlite3_column_text(s, 0), sqlite3_column_text(s, 1));
			bad++;
		}
		sqlite3_finalize(s);
	}
	return bad + check_archive(st);
}

/* The built site, when there is one. */
static long check_built_site(struct run *r)
{
	char *out = config_path(&r->cfg, r->cfg.out_dir);
	struct buf idx = BUF_INIT;
	long bad = 0, pages = 0;

	buf_printf(&idx, "%s/index.html", out);
	if (file_exists(idx.ptr)) {
		bad = sitecheck_run(out, r->cfg.root, &pages);
		run_info(r, "check: %s: %ld pages checked", out, pages);
	} else {
		run_info(r, "check: %s: no built site to check (run gen build)", out);
	}
	buf_free(&idx);
	free(out);
	return bad;
}

int cmd_check(struct run *r, int argc, char **argv)
{
	struct store *st = NULL;
	char *db;
	long bad;

	if (argc > 1) {
		if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
			puts("usage: gen check\n\nValidates the store (integrity, totals, ranks, the "
			     "archive's hashes) and the\nbuilt site, and reports every problem found. "
			     "Exit status 1 if any.");
			return 0;
		}
		err_set(&r->err, "check: unexpected argument \"%s\"", argv[1]);
		return 2;
	}
	if (run_config(r) < 0)
		return 1;
	db = config_path(&r->cfg, r->cfg.db_path);
	if (store_open_ro(&st, db, &r->err) < 0) {
		free(db);
		return 1;
	}
	bad = check_store(r, st);
	store_close(st);
	free(db);
	bad += check_built_site(r);
	if (bad) {
		err_set(&r->err, "check: %ld problem%s found", bad, bad == 1 ? "" : "s");
		return 1;
	}
	run_info(r, "check: the store and the site are consistent");
	return 0;
}
