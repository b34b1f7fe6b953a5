/* stamp: what the last build of an output directory was made from, kept beside it in
 * DIR.gen-stamp, so that a rebuild with nothing changed can skip rendering altogether. The
 * stamp holds the SHA-256 of every input of the build and the size and modification time of
 * every file the build left; it counts only if both still match. */
#ifndef GEN_STAMP_H
#define GEN_STAMP_H

#include <sqlite3.h>

#include "buf.h"
#include "md.h"

struct stamp_in {
	const char *version;        /* gen's version */
	const char *config_path;    /* the configuration file, read whole */
	const char *templates_dir;  /* every file under it, assets included */
	const struct md_doc *guides;
	size_t nguides;
	sqlite3 *db;                /* the store: its imports, fetches and corrections */
	const char *tools;          /* what else shapes the output: the chart fonts' digest, whether
				       audio can be made */
};

/* The inputs' digest, in hex. Unreadable inputs make the digest unique, never stale. */
void stamp_digest(const struct stamp_in *in, char hex[65]);
/* 1 if DIR.gen-stamp names digest and every file it lists is still there with the same size
 * and time; *pages is the page count it recorded. 0 otherwise (no stamp is not an error). */
int stamp_fresh(const char *dir, const char *digest, long *pages, long *files);
/* Records digest, pages and the build's files (lines "SIZE MTIME_SEC MTIME_NSEC PATH", as
 * outdir_commit gives them) into DIR.gen-stamp, written atomically. */
int stamp_write(const char *dir, const char *digest, long pages, const struct buf *files,
		struct buf *err);
/* Removes DIR.gen-stamp, before a build changes dir. */
void stamp_remove(const char *dir);

#endif
