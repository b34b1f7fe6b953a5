/* check: gen check validates the store (and, once built, the site) and reports every
 * problem found, not just the first. */
#ifndef GEN_CHECK_H
#define GEN_CHECK_H

#include "run.h"

struct store;

/* Runs the store's checks; prints each problem to stderr; returns how many were found. */
long check_store(struct run *r, struct store *st);

#endif
