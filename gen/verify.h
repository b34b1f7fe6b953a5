/* verify: what `gen deploy --verify` learns about the bytes on the remote beyond the sizes a
 * listing gives. S3 lists each object's MD5 (the ETag of a single-part PUT, which is how gen
 * uploads): equal to the local file's MD5, it proves the content without a download.
 * Anything else to compare is downloaded, up to `parallel` at a time, and hashed; the remote
 * listing's entry then carries the SHA-256 of what the server served, and the plan compares
 * that with the build. */
#ifndef GEN_VERIFY_H
#define GEN_VERIFY_H

#include "manifest.h"
#include "run.h"
#include "target.h"

struct verify_stats {
	size_t etags;           /* proven equal by an S3 ETag */
	size_t downloads;       /* downloaded and hashed */
};

/* For every file of local that files (the remote listing, sorted) holds at the same size:
 * with content, downloads it and sets its entry's sha256; without, compares S3's MD5 and
 * downloads only what that cannot settle (a multipart ETag, or one that differs: with
 * SSE-KMS an ETag is no MD5, so a mismatch is confirmed before it is reported). Files
 * without a listed checksum keep sha256 "" (compared by size only). dir is the built
 * site. */
int verify_contents(struct run *r, struct target *t, const char *dir,
		    const struct manifest *local, struct manifest *files, int content,
		    long parallel, struct verify_stats *st, struct buf *err);

#endif
