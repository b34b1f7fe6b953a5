/* sitecheck: the built site's quality budgets, checked by gen check: every internal link and
 * image resolves to a file of the site, every image has alt text, each HTML page stays under
 * 60 KB and all JavaScript under 15 KB. */
#ifndef GEN_SITECHECK_H
#define GEN_SITECHECK_H

#include "buf.h"

#define SITECHECK_MAX_HTML (60 * 1024)
#define SITECHECK_MAX_JS (15 * 1024)

/* Checks the site in dir, served at root ("/" or "/sub/"); prints each problem as
 * "gen: check: FILE:LINE: WHAT" to stderr and returns how many there were. */
long sitecheck_run(const char *dir, const char *root, long *pages);

#endif
