/* transfer: runs a list of uploads through a target, in waves (every upload of a wave ends
 * before the next wave starts), up to `parallel` at a time with one libcurl multi handle,
 * with bounded retries and backoff for dropped connections. A target with a commit step
 * (SFTP) gets finished uploads in batches to make live, every batch of a wave before the
 * next wave starts. */
#ifndef GEN_TRANSFER_H
#define GEN_TRANSFER_H

#include "run.h"
#include "target.h"

/* jobs must be sorted by wave. On failure the transfers still running are stopped, err says
 * which file failed and why, and every file already renamed into place stays whole. */
int transfer_puts(struct run *r, struct target *t, struct put_job *jobs, size_t n,
		  long parallel, struct buf *err);
/* Frees what a job holds after its transfer (the job itself belongs to the caller). */
void transfer_job_release(struct put_job *j);

#endif
