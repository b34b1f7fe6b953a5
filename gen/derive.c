#include "derive.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "store.h"
#include "util.h"

const char *derive_level(const struct config *cfg, long total, long max)
{
	/* total/max ≥ band% ⇔ total·10000 ≥ band·max, all integers: no rounding at the edges */
	long long t = (long long)total * 10000;

	if (max <= 0)
		return "đỏ";
	if (t >= (long long)cfg->band_xanh * max)
		return "xanh";
	if (t >= (long long)cfg->band_vang * max)
		return "vàng";
	if (t >= (long long)cfg->band_cam * max)
		return "cam";
	return "đỏ";
}

/* Runs sql with ?1 = month and ?2 = the month before. */
static int run_month(struct store *st, const char *sql, const char *m, struct buf *err)
{
	sqlite3_stmt *s;
	char prev[8];
	int rc;

	if (store_prepare(st, sql, &s, err) < 0)
		return -1;
	month_add(m, -1, prev);
	sqlite3_bind_text(s, 1, m, -1, SQLITE_TRANSIENT);
	if (sqlite3_bind_parameter_count(s) >= 2)
		sqlite3_bind_text(s, 2, prev, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return err_set(err, "store: deriving %s: %s", m, sqlite3_errmsg(store_db(st)));
	return 0;
}

static const char *const score_sql[] = {
	"UPDATE score SET rank = r.rk, tier_count = r.cnt FROM (SELECT unit, "
	"  RANK() OVER (PARTITION BY tier ORDER BY total DESC) AS rk,"
	"  COUNT(*) OVER (PARTITION BY tier) AS cnt FROM score WHERE month = ?1) AS r "
	"WHERE score.month = ?1 AND score.unit = r.unit",
	"UPDATE score SET prev_total = NULL, prev_rank = NULL, delta = NULL WHERE month = ?1",
	"UPDATE score SET prev_total = p.total, prev_rank = p.rank, delta = score.total - p.total "
	"FROM (SELECT unit, tier, total, rank FROM score WHERE month = ?2) AS p "
	"WHERE score.month = ?1 AND score.unit = p.unit AND score.tier = p.tier",
	"UPDATE national SET rank = r.rk FROM (SELECT code, RANK() OVER (ORDER BY total DESC) "
	"  AS rk FROM national WHERE month = ?1) AS r "
	"WHERE national.month = ?1 AND national.code = r.code",
	"DELETE FROM delay_stat WHERE month = ?1",
	/* rate: hundredths of a percent, rounded half up, NULL when nothing was late */
	"INSERT INTO delay_stat SELECT month, 'province', '', count(*),"
	"  sum(returned IS NULL), sum(apology), sum(days_late),"
	"  (sum(apology) * 20000 + count(*)) / (2 * count(*)) FROM delay WHERE month = ?1 "
	"  GROUP BY month",
	"INSERT INTO delay_stat SELECT month, 'unit', unit, count(*), sum(returned IS NULL),"
	"  sum(apology), sum(days_late), (sum(apology) * 20000 + count(*)) / (2 * count(*)) "
	"  FROM delay WHERE month = ?1 GROUP BY unit",
	"INSERT INTO delay_stat SELECT month, 'field', field, count(*), sum(returned IS NULL),"
	"  sum(apology), sum(days_late), (sum(apology) * 20000 + count(*)) / (2 * count(*)) "
	"  FROM delay WHERE month = ?1 GROUP BY field",
	"INSERT INTO delay_stat SELECT month, 'responsible', responsible, count(*),"
	"  sum(returned IS NULL), sum(apology), sum(days_late),"
	"  (sum(apology) * 20000 + count(*)) / (2 * count(*)) "
	"  FROM delay WHERE month = ?1 AND responsible <> '' GROUP BY responsible",
};

static int levels(struct store *st, const struct config *cfg, const char *m, struct buf *err)
{
	sqlite3_stmt *s;
	int rc;

	if (store_prepare(st, "UPDATE score SET level = CASE "
			  "WHEN total * 10000 >= ?2 * max_total THEN 'xanh' "
			  "WHEN total * 10000 >= ?3 * max_total THEN 'vàng' "
			  "WHEN total * 10000 >= ?4 * max_total THEN 'cam' ELSE 'đỏ' END "
			  "WHERE month = ?1", &s, err) < 0)
		return -1;
	sqlite3_bind_text(s, 1, m, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, cfg->band_xanh);
	sqlite3_bind_int64(s, 3, cfg->band_vang);
	sqlite3_bind_int64(s, 4, cfg->band_cam);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : err_set(err, "store: levels of %s: %s", m,
					       sqlite3_errmsg(store_db(st)));
}

/* A count for the whole province: the province's own row when it has one, else the sum over
 * its units. key is gen's name (CSV), alias the v1 API's. 1 if found. */
static int province_count(struct store *st, const char *m, const char *key, const char *alias,
			  long long *out)
{
	static const char *const sql[] = {
		"SELECT sum(u.value) FROM unit_count u JOIN score s ON s.month = u.month AND "
		"s.unit = u.unit WHERE u.month = ?1 AND u.key IN (?2, ?3) AND s.tier = 'tinh'",
		"SELECT sum(u.value) FROM unit_count u JOIN score s ON s.month = u.month AND "
		"s.unit = u.unit WHERE u.month = ?1 AND u.key IN (?2, ?3) AND s.tier <> 'tinh'",
	};
	sqlite3_stmt *s;
	size_t i;
	int found = 0;

	for (i = 0; i < ARRAY_LEN(sql) && !found; i++) {
		if (sqlite3_prepare_v2(store_db(st), sql[i], -1, &s, NULL) != SQLITE_OK)
			return 0;
		sqlite3_bind_text(s, 1, m, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, key, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, alias ? alias : key, -1, SQLITE_STATIC);
		if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL) {
			*out = sqlite3_column_int64(s, 0) / 100;
			found = 1;
		}
		sqlite3_finalize(s);
	}
	return found;
}

/* Two integers from a one-row query with ?1 = month. */
static int pair(struct store *st, const char *sql, const char *m, long long *a, long long *b)
{
	sqlite3_stmt *s;
	int found = 0;

	if (sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(s, 1, m, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_type(s, 1) != SQLITE_NULL) {
		*a = sqlite3_column_int64(s, 0);
		*b = sqlite3_column_int64(s, 1);
		found = *b > 0;
	}
	sqlite3_finalize(s);
	return found;
}

static int ratio(struct store *st, const char *m, const char *nk, const char *na,
		 const char *dk, const char *da, long long *num, long long *den)
{
	return province_count(st, m, nk, na, num) && province_count(st, m, dk, da, den) &&
	       *den > 0;
}

static int rate_of(struct store *st, const char *m, int target, long long *num, long long *den)
{
	switch (target) {
	case TARGET_ONLINE_SERVICES:
		return pair(st, "SELECT sum(online_level = 'toàn trình'), count(*) FROM procedure "
			    "WHERE month = (SELECT max(month) FROM procedure WHERE month <= ?1)",
			    m, num, den);
	case TARGET_ONLINE_DOSSIERS:
		return ratio(st, m, "online", "channelOnlineSum", "online_total", "channelTotalSum",
			     num, den) ||
		       ratio(st, m, "online", NULL, "received", "totalReceived", num, den);
	case TARGET_ONLINE_PAYMENT:
		return ratio(st, m, "paid_online", "totalDossierOnlinePaymentSuccess", "fee_due",
			     "totalDossierFinancialObligation", num, den);
	case TARGET_DIGITISATION:
		return ratio(st, m, "digitised", NULL, "received", "totalReceived", num, den) ||
		       pair(st, "SELECT x.numerator, x.denominator FROM metric x JOIN score s ON "
			    "s.month = x.month AND s.unit = x.unit WHERE x.month = ?1 AND "
			    "s.tier = 'tinh' AND x.code = 'SO_HOA_GIAY_TO_GIAI_QUYET'", m, num, den);
	case TARGET_ON_TIME:
		return ratio(st, m, "on_time", "totalOnTime", "received", "totalReceived", num, den);
	default:
		return pair(st, "SELECT apologised, late FROM delay_stat WHERE month = ?1 AND "
			    "scope = 'province'", m, num, den);
	}
}

static int rates(struct store *st, const struct config *cfg, const char *m, struct buf *err)
{
	sqlite3_stmt *s;
	long long num, den;
	int t, rc = 0;

	if (run_month(st, "DELETE FROM rate WHERE month = ?1", m, err) < 0 ||
	    store_prepare(st, "INSERT INTO rate VALUES (?,?,?,?,?,?)", &s, err) < 0)
		return -1;
	for (t = 0; t < TARGET_COUNT && rc == 0; t++) {
		if (!rate_of(st, m, t, &num, &den))
			continue;
		sqlite3_reset(s);
		sqlite3_bind_text(s, 1, m, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, cfg->targets[t].code, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 3, num);
		sqlite3_bind_int64(s, 4, den);
		sqlite3_bind_int64(s, 5, (num * 20000 + den) / (2 * den));
		sqlite3_bind_int64(s, 6, cfg->targets[t].percent);
		if (sqlite3_step(s) != SQLITE_DONE)
			rc = err_set(err, "store: rates of %s: %s", m, sqlite3_errmsg(store_db(st)));
	}
	sqlite3_finalize(s);
	return rc;
}

static int derive_one(struct store *st, const struct config *cfg, const char *m,
		      struct buf *err)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(score_sql); i++)
		if (run_month(st, score_sql[i], m, err) < 0)
			return -1;
	return levels(st, cfg, m, err) < 0 ? -1 : rates(st, cfg, m, err);
}

static int cmp_month(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int derive_months(struct store *st, const struct config *cfg, const char *const *months,
		  size_t n, struct buf *err)
{
	sqlite3_stmt *s;
	const char *first;
	size_t i;
	int rc = 0;

	if (!n)
		return 0;
	for (first = months[0], i = 1; i < n; i++)
		if (cmp_month(&months[i], &first) < 0)
			first = months[i];
	/* every month from the earliest touched on, in order: ranks before the next month's
	 * change since last month */
	if (store_prepare(st, "SELECT month FROM month_kind WHERE month >= ? "
			  "GROUP BY month ORDER BY month", &s, err) < 0)
		return -1;
	sqlite3_bind_text(s, 1, first, -1, SQLITE_TRANSIENT);
	while (rc == 0 && sqlite3_step(s) == SQLITE_ROW) {
		char m[8];

		snprintf(m, sizeof m, "%s", (const char *)sqlite3_column_text(s, 0));
		rc = derive_one(st, cfg, m, err);
	}
	sqlite3_finalize(s);
	return rc;
}
