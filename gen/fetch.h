/* fetch: one request with libcurl, for file:, http: and https: sources. TLS is always
 * verified; redirects go only to http(s); connection failures, timeouts and 5xx answers are
 * retried a bounded number of times with exponential backoff; the body is capped. */
#ifndef GEN_FETCH_H
#define GEN_FETCH_H

#include "buf.h"

struct fetch_req {
	const char *url;            /* absolute: file:///…, http://…, https://… */
	const char *method;         /* "GET" or "POST" */
	const char *body;           /* POST body or NULL */
	const char *const *headers;
	size_t nheaders;
	long connect_timeout, timeout;  /* seconds */
	long retries;
	long retry_wait_ms;         /* first backoff; doubles each time */
	long max_bytes;
};

struct fetch_res {
	struct buf body;
	long status;                /* HTTP status; 0 for file: */
	char fetched_at[32];        /* UTC, ISO 8601 */
	int attempts;
};

/* Performs req; on failure err says what, where and what to do. res->body is replaced. */
int fetch_url(const struct fetch_req *req, struct fetch_res *res, struct buf *err);
void fetch_res_free(struct fetch_res *res);

#endif
