/* outdir: writes a build into its directory so that a failed build leaves it as it was, and
 * a rebuild with nothing changed rewrites no file. New contents go to a staging directory
 * beside it; outdir_commit renames them into place and removes files the build no longer
 * makes; outdir_abort throws the staging away. Files whose bytes are unchanged are not
 * touched, so their times stay and a deploy sees nothing to do. Names starting with '.'
 * at the top (a deploy manifest) are left alone. */
#ifndef GEN_OUTDIR_H
#define GEN_OUTDIR_H

#include <stddef.h>

#include "buf.h"

struct outdir;

struct outdir_stats {
	long written, unchanged, deleted;
	long long bytes;
};

int outdir_open(struct outdir **o, const char *dir, struct buf *err);
/* Puts one file (path relative to the directory, '/'-separated, no ".."). Files move into
 * place by rank, then in the order they were put, so that threads building parts of the
 * site side by side still publish files before the pages that link to them. Safe to call
 * from several threads, as is outdir_keep. */
int outdir_put(struct outdir *o, int rank, const char *path, const void *data, size_t len,
	       struct buf *err);
/* outdir_put, or nothing when path was put already (a file several threads may make). */
int outdir_put_once(struct outdir *o, int rank, const char *path, const void *data,
		    size_t len, struct buf *err);
/* outdir_put with the bytes of the file src, linked into place rather than copied where the
 * file system allows: a file of the build cache, which is only ever replaced, never changed
 * in place, so that the output and the cache may share it. */
int outdir_put_file(struct outdir *o, int rank, const char *path, const char *src,
		    struct buf *err);
/* A new path in the staging area for a file the caller writes piece by piece and then
 * puts with outdir_put_file (the open data of every month, too large to hold whole); the
 * staging and all in it are removed by outdir_commit and outdir_abort. Thread-safe. */
int outdir_tmp(struct outdir *o, struct buf *path, struct buf *err);
/* Keeps the file already at path as part of this build, unchanged, without its bytes (a
 * chart whose data did not change); -1 if there is no such file. */
int outdir_keep(struct outdir *o, int rank, const char *path, struct buf *err);
/* Moves the build into place and removes what it no longer makes. files, unless NULL, gets
 * a line "SIZE MTIME_SEC MTIME_NSEC PATH" for every file of the build (stamp_write). */
int outdir_commit(struct outdir *o, struct outdir_stats *stats, struct buf *files,
		  struct buf *err);
/* Discards the staging directory; the directory stays as it was. Frees o. */
void outdir_abort(struct outdir *o);

#endif
