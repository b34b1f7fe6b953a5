/* derive: the figures computed once in the store for the site to read: per-tier ranks
 * (ties share a rank, "1, 2, 2, 4"; order among equals by unit code), change since the
 * previous month, colour level from [bands], national ranks, late-dossier counts and
 * apology rates per unit, field and official, and the province's rates against [targets]. */
#ifndef GEN_DERIVE_H
#define GEN_DERIVE_H

#include "buf.h"
#include "config.h"

struct store;

/* Recomputes the given months and each month after them that is in the store (their
 * change-since-last-month depends on these). Runs inside the caller's transaction. */
int derive_months(struct store *st, const struct config *cfg, const char *const *months,
		  size_t n, struct buf *err);

/* The colour level of total out of max under cfg's bands: "xanh", "vàng", "cam", "đỏ". */
const char *derive_level(const struct config *cfg, long total, long max);

#endif
