/* manifest: what a deployed site holds, one line per file: SHA-256, size, path. Kept in the
 * built tree and on the remote as one dot-file at the top, so the next deploy compares two
 * small files instead of reading the whole remote. Entries are sorted by path (bytewise), so
 * the text is deterministic for the same tree. */
#ifndef GEN_MANIFEST_H
#define GEN_MANIFEST_H

#include <stddef.h>

#include "buf.h"

#define MANIFEST_NAME ".gen-manifest"
#define MANIFEST_TMP_PREFIX ".gen-tmp."  /* basename prefix of uploads not yet renamed */

struct manifest_entry {
	char *path;             /* relative, "/"-separated, no leading "/" */
	long long size;
	char sha256[65];        /* lower-case hex; "" when unknown (a remote listing) */
	/* Listings only, never in the text form: the MD5 that S3 gives as the ETag of a
	 * single-part upload, lower-case hex; "-" when the ETag is of another kind (multipart),
	 * "" when the target gives none. */
	char md5[33];
};

struct manifest {
	struct manifest_entry *v;
	size_t n, cap;
};

void manifest_init(struct manifest *m);
void manifest_free(struct manifest *m);  /* NULL is a no-op; m becomes empty */
/* Appends a copy of path; call manifest_sort before lookups. */
void manifest_add(struct manifest *m, const char *path, long long size, const char *sha256);
void manifest_sort(struct manifest *m);
/* The entry for path in a sorted manifest, or NULL. */
const struct manifest_entry *manifest_find(const struct manifest *m, const char *path);
/* Walks dir and hashes every regular file, skipping the manifest itself and temporary
 * uploads; fails on a symbolic link that leaves nothing to upload, or an unreadable file. */
int manifest_scan(struct manifest *m, const char *dir, struct buf *err);
/* Parses the text form; name says where it came from in errors. */
int manifest_parse(struct manifest *m, const char *text, size_t len, const char *name,
		   struct buf *err);
/* Appends the text form of a sorted manifest to out. */
void manifest_format(const struct manifest *m, struct buf *out);
/* 1 when both sorted manifests hold the same paths, sizes and hashes. */
int manifest_equal(const struct manifest *a, const struct manifest *b);
/* 1 when the path's basename marks a file gen deploy owns internally (manifest, temp). */
int manifest_is_internal(const char *path);

#endif
