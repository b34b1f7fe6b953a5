/* import: one month's records from every source, in the same shape whatever the format.
 * A format adapter (fmt_*.c) turns one fetched response into records here; import_finish
 * joins and validates the whole month; only then does the store see it. Strings live in the
 * import's pool and die with it. */
#ifndef GEN_IMPORT_H
#define GEN_IMPORT_H

#include <stddef.h>

#include "buf.h"
#include "config.h"

struct imp_score {
	const char *code, *name, *tier;
	const char *ext_id;         /* the portal's departmentId, for joining v1 endpoints */
	long *groups;               /* cfg->ngroups values, hundredths */
	unsigned char *have;        /* which groups arrived (v1 arrives per endpoint) */
	long total;
	int has_total;
	long portal_rank;           /* the source's own rank (ROW_STT), 0 if none */
	const char *where;          /* "file:line" of the record, for messages */
};

struct imp_metric {
	const char *unit;           /* unit code, or departmentId until joined */
	const char *grp, *code, *name, *quality, *quality_msg;
	long long numerator, denominator;
	long ratio, score, max;     /* hundredths */
	int has_numerator, has_denominator, has_ratio, has_score;  /* null is not 0 */
};

struct imp_count {
	const char *unit;           /* unit code, or departmentId until joined */
	const char *grp, *key;
	long value;                 /* hundredths */
};

struct imp_national {
	const char *code, *name, *where;
	long *groups;
	long total;
};

struct imp_procedure {
	const char *code, *name, *field, *audience, *agency, *tier, *status, *decision;
	const char *online_level, *processing_time, *fee, *documents, *steps, *legal_basis;
	const char *place, *online_url, *where;
	long dossiers;              /* -1 when not given */
};

struct imp_delay {
	const char *dossier, *unit, *procedure, *field, *responsible, *reason, *where;
	int received, due, returned;    /* day numbers; returned -1 while open */
	int apology, apology_date, new_due;  /* dates -1 when empty */
};

struct imp_fetch {
	const char *source, *kind, *format, *url, *fetched_at;
	long status;                /* HTTP status, 0 for file: */
	size_t size;                /* bytes received */
	char sha256[65];            /* of the bytes received */
	char stored_sha256[65];     /* of the body kept (differs when redacted) */
	int redacted;               /* columns or keys gen does not read were dropped */
	struct buf body;            /* what the archive keeps */
};

#define IMP_VEC(type, name) type *name; size_t n_##name, cap_##name

struct import {
	const struct config *cfg;
	char month[8];
	IMP_VEC(struct imp_score, scores);
	IMP_VEC(struct imp_metric, metrics);
	IMP_VEC(struct imp_count, counts);
	IMP_VEC(struct imp_national, nationals);
	IMP_VEC(struct imp_procedure, procedures);
	IMP_VEC(struct imp_delay, delays);
	IMP_VEC(struct imp_fetch, fetches);
	unsigned kinds;             /* IMP_KIND_* bits present in this import */
	unsigned v1_groups;         /* dvcqg-v1: bit per group index seen */
	void *pool;
};

enum { IMP_SCORES = 1, IMP_NATIONAL = 2, IMP_PROCEDURES = 4, IMP_DELAYS = 8 };

/* A response as fetched, handed to a format adapter. */
struct imp_input {
	const struct cfg_source *src;
	const char *name;           /* the URL, for messages */
	const char *data;
	size_t len;
	struct imp_fetch *fetch;    /* the archive entry; the adapter may redact its body */
};

struct imp_format {
	const char *kind, *name;
	int (*parse)(struct import *im, const struct imp_input *in, struct buf *err);
};

void import_init(struct import *im, const struct config *cfg, const char *month);
void import_free(struct import *im);
const char *imp_strdup(struct import *im, const char *s);
const char *imp_strndup(struct import *im, const char *s, size_t n);
const char *imp_printf(struct import *im, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
struct imp_score *imp_add_score(struct import *im);
struct imp_metric *imp_add_metric(struct import *im);
struct imp_count *imp_add_count(struct import *im);
struct imp_national *imp_add_national(struct import *im);
struct imp_procedure *imp_add_procedure(struct import *im);
struct imp_delay *imp_add_delay(struct import *im);
struct imp_fetch *imp_add_fetch(struct import *im);
/* The unit with this code or portal id among the scores, or NULL. */
struct imp_score *imp_find_score(struct import *im, const char *code, const char *ext_id);

/* The adapter for kind/format, or NULL. */
const struct imp_format *import_format(const char *kind, const char *format);
/* Names the formats of a kind ("csv, dvcqg-legacy, dvcqg-v1") for messages. */
void import_format_names(const char *kind, struct buf *out);
/* Runs the adapter on one response. */
int import_parse(struct import *im, const struct imp_input *in, struct buf *err);
/* Joins and validates the month: groups complete and within their maxima, totals equal to
 * the sum of the groups within 0.01, no duplicate units or dossiers. known_unit (may be
 * NULL) says whether a unit code is in the store already, for delays of units not in this
 * pull's scores. */
int import_finish(struct import *im, int (*known_unit)(void *ctx, const char *code),
		  void *ctx, struct buf *err);

/* Shared by the adapters: group g's score from a decimal string, checked against the
 * group's maximum; where names the record in the message. */
int imp_group_value(const struct config *cfg, size_t g, const char *s, long *out,
		    const char *where, struct buf *err);

#endif
