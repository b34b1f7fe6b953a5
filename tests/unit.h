/* A tiny harness for unit tests of pure functions: each check prints a TAP-like
 * "ok"/"not ok" line; tests/run.sh counts them across every test program. */
#ifndef GEN_TEST_UNIT_H
#define GEN_TEST_UNIT_H

#include <stdio.h>
#include <string.h>

static int unit_failed;

#define CHECK(cond, ...) do { \
	if (cond) { printf("ok - "); } \
	else { printf("not ok - %s:%d: ", __FILE__, __LINE__); unit_failed++; } \
	printf(__VA_ARGS__); putchar('\n'); \
} while (0)

#define CHECK_STR(got, want, what) do { \
	const char *g_ = (got), *w_ = (want); \
	int same_ = g_ && w_ && strcmp(g_, w_) == 0; \
	CHECK(same_, "%s", what); \
	if (!same_) printf("#   got:  \"%s\"\n#   want: \"%s\"\n", g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
} while (0)

#define UNIT_DONE() (unit_failed ? 1 : 0)

#endif
