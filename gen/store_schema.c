/* The store's schema, as numbered migrations: migration i brings user_version from i to i+1.
 * Never edit a migration that has shipped; add the next one. Figures are INTEGER hundredths
 * (points, percent) so they are compared and published exactly. */
#include "store_schema.h"

const char *const store_migrations[] = {
	/* 1: the first schema */
	"CREATE TABLE run (id INTEGER PRIMARY KEY, started_at TEXT NOT NULL,"
	"  finished_at TEXT, command TEXT NOT NULL, months TEXT NOT NULL);"
	"CREATE TABLE fetch (id INTEGER PRIMARY KEY, run INTEGER NOT NULL REFERENCES run(id),"
	"  month TEXT NOT NULL, source TEXT NOT NULL, kind TEXT NOT NULL, format TEXT NOT NULL,"
	"  url TEXT NOT NULL, fetched_at TEXT NOT NULL, http_status INTEGER NOT NULL,"
	"  size INTEGER NOT NULL, sha256 TEXT NOT NULL, stored_sha256 TEXT NOT NULL,"
	"  redacted INTEGER NOT NULL, body BLOB NOT NULL);"
	"CREATE INDEX fetch_month ON fetch(month, kind);"
	/* the digest of the latest import of each month and kind, and its version */
	"CREATE TABLE month_kind (month TEXT NOT NULL, kind TEXT NOT NULL, digest TEXT NOT NULL,"
	"  version INTEGER NOT NULL, run INTEGER NOT NULL, imported_at TEXT NOT NULL,"
	"  PRIMARY KEY (month, kind));"
	"CREATE TABLE correction (month TEXT NOT NULL, kind TEXT NOT NULL, version INTEGER NOT NULL,"
	"  run INTEGER NOT NULL, at TEXT NOT NULL, summary TEXT NOT NULL,"
	"  PRIMARY KEY (month, kind, version));"
	"CREATE TABLE unit (code TEXT PRIMARY KEY, name TEXT NOT NULL, tier TEXT NOT NULL,"
	"  slug TEXT NOT NULL UNIQUE, first_month TEXT NOT NULL, last_month TEXT NOT NULL);"
	"CREATE TABLE score (month TEXT NOT NULL, unit TEXT NOT NULL, name TEXT NOT NULL,"
	"  tier TEXT NOT NULL, total INTEGER NOT NULL, max_total INTEGER NOT NULL,"
	"  portal_rank INTEGER, fetch INTEGER NOT NULL,"
	"  rank INTEGER, tier_count INTEGER, prev_total INTEGER, prev_rank INTEGER,"
	"  delta INTEGER, level TEXT, PRIMARY KEY (month, unit));"
	"CREATE INDEX score_unit ON score(unit, month);"
	"CREATE TABLE score_group (month TEXT NOT NULL, unit TEXT NOT NULL, grp TEXT NOT NULL,"
	"  score INTEGER NOT NULL, max INTEGER NOT NULL, PRIMARY KEY (month, unit, grp));"
	"CREATE TABLE metric (month TEXT NOT NULL, unit TEXT NOT NULL, grp TEXT NOT NULL,"
	"  code TEXT NOT NULL, name TEXT NOT NULL, numerator INTEGER, denominator INTEGER,"
	"  ratio INTEGER, score INTEGER, max INTEGER, quality TEXT, quality_message TEXT,"
	"  PRIMARY KEY (month, unit, code));"
	"CREATE TABLE unit_count (month TEXT NOT NULL, unit TEXT NOT NULL, grp TEXT NOT NULL,"
	"  key TEXT NOT NULL, value INTEGER NOT NULL, PRIMARY KEY (month, unit, grp, key));"
	"CREATE TABLE national (month TEXT NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL,"
	"  total INTEGER NOT NULL, rank INTEGER, fetch INTEGER NOT NULL, PRIMARY KEY (month, code));"
	"CREATE TABLE national_group (month TEXT NOT NULL, code TEXT NOT NULL, grp TEXT NOT NULL,"
	"  score INTEGER NOT NULL, PRIMARY KEY (month, code, grp));"
	"CREATE TABLE procedure (month TEXT NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL,"
	"  field TEXT NOT NULL, audience TEXT NOT NULL, agency TEXT NOT NULL, tier TEXT NOT NULL,"
	"  status TEXT NOT NULL, decision TEXT NOT NULL, online_level TEXT NOT NULL,"
	"  processing_time TEXT NOT NULL, fee TEXT NOT NULL, documents TEXT NOT NULL,"
	"  steps TEXT NOT NULL, legal_basis TEXT NOT NULL, place TEXT NOT NULL,"
	"  online_url TEXT NOT NULL, dossiers INTEGER, fetch INTEGER NOT NULL,"
	"  PRIMARY KEY (month, code));"
	"CREATE TABLE delay (month TEXT NOT NULL, dossier TEXT NOT NULL, unit TEXT NOT NULL,"
	"  procedure TEXT NOT NULL, field TEXT NOT NULL, responsible TEXT NOT NULL,"
	"  received TEXT NOT NULL, due TEXT NOT NULL, returned TEXT, days_late INTEGER NOT NULL,"
	"  reason TEXT NOT NULL, apology INTEGER NOT NULL, apology_date TEXT, new_due TEXT,"
	"  fetch INTEGER NOT NULL, PRIMARY KEY (month, dossier));"
	"CREATE INDEX delay_unit ON delay(unit, month);"
	/* derived: late dossiers and apologies per month by scope (province, unit, field,
	 * responsible); rate in hundredths of a percent, NULL when nothing was late */
	"CREATE TABLE delay_stat (month TEXT NOT NULL, scope TEXT NOT NULL, key TEXT NOT NULL,"
	"  late INTEGER NOT NULL, open INTEGER NOT NULL, apologised INTEGER NOT NULL,"
	"  days_late INTEGER NOT NULL, rate INTEGER, PRIMARY KEY (month, scope, key));"
	/* derived: the province's rates against [targets], hundredths of a percent */
	"CREATE TABLE rate (month TEXT NOT NULL, code TEXT NOT NULL, numerator INTEGER NOT NULL,"
	"  denominator INTEGER NOT NULL, value INTEGER, target INTEGER NOT NULL,"
	"  PRIMARY KEY (month, code));",
	/* 2: indexes for the site's per-unit and per-field queries, which otherwise scan
	 * delay_stat and delay for every page (found by make bench at 4,500 units) */
	"CREATE INDEX delay_stat_key ON delay_stat(scope, key, month);"
	"CREATE INDEX delay_field ON delay(month, field);",
	/* 3: a month's procedures by online level, most used first: counts, the newly
	 * full-online and the most used ones read this, not every procedure's whole row (a
	 * tenth of a province's build, found by make bench) */
	"CREATE INDEX procedure_online ON procedure(month, online_level, dossiers DESC, code);",
	/* 4: a field's late dossiers in page order with every column the page shows, read
	 * from the index alone: through delay_field, each row cost a seek into the table and
	 * each field a sort, two fifths of the late-dossier pages' time at national scale
	 * (make bench). It serves delay_field's queries too, so that one goes. */
	"DROP INDEX IF EXISTS delay_field;"
	"CREATE INDEX delay_page ON delay(month, field, days_late DESC, dossier, unit, procedure,"
	"  responsible, received, due, returned, apology, apology_date, new_due, reason);",
};

const int store_nmigrations = sizeof store_migrations / sizeof store_migrations[0];

/* Migrations after 2 add only indexes: a store of version 2 reads as well, slower, so a
 * build after an upgrade of gen does not wait for the next pull. */
const int store_nreadable = 2;
