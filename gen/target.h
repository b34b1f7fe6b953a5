/* target: the one interface every deploy protocol implements. A target knows how to list
 * the files under its root, fetch one small file, put a file so that it appears whole (a
 * temporary name and a rename where the protocol has one), delete, and make directories.
 * Puts are described as libcurl easy handles so that deploy.c can run them in parallel
 * with one multi handle; the local-disk target puts synchronously instead. */
#ifndef GEN_TARGET_H
#define GEN_TARGET_H

#include <stdio.h>

#include <curl/curl.h>

#include "buf.h"
#include "config.h"
#include "manifest.h"

/* One upload, from the plan to the end of its last protocol step. */
struct put_job {
	const char *path;           /* relative remote path, "a/b.html" */
	char *local;                /* the file to send */
	const char *sha256;         /* hex, for S3's signed payload hash */
	long long size;
	int exists;                 /* the remote holds a file of that name already */
	int wave;                   /* ordering class: every wave ends before the next starts */
	/* engine state */
	int step;                   /* the target's step within a multi-step put (PUT, MOVE) */
	int attempts;
	int retry;                  /* set by the target: failure worth another attempt */
	FILE *in;
	struct curl_slist *headers, *quote, *postquote;
	struct buf url, resp;       /* request URL, captured response body (capped) */
	char errbuf[CURL_ERROR_SIZE];
};

struct target;

struct target_ops {
	const char *scheme;
	int (*open)(struct target *t, struct buf *err);
	/* Every file and directory under the root, relative paths, with file sizes. */
	int (*list)(struct target *t, struct manifest *files, struct manifest *dirs,
		    struct buf *err);
	/* A small file into out; *missing = 1 (and 0 returned) when it does not exist. */
	int (*fetch)(struct target *t, const char *path, struct buf *out, int *missing,
		     struct buf *err);
	/* Sets up easy for the job's current step (NULL: the target uses put_sync). */
	int (*put_setup)(struct target *t, struct put_job *j, CURL *easy, struct buf *err);
	/* After a step ended with rc: 1 = set up the next step on easy, 0 = done, -1 = failed
	 * (err filled, j->retry set when another attempt may succeed). */
	int (*put_done)(struct target *t, struct put_job *j, CURL *easy, CURLcode rc,
			struct buf *err);
	int (*put_sync)(struct target *t, struct put_job *j, struct buf *err);
	/* Sets up easy to download path (the caller sets the write callback); url and headers
	 * must live until the transfer ends. NULL: a plain GET of target_url (FTP, SFTP,
	 * file: through libcurl). */
	int (*get_setup)(struct target *t, const char *path, CURL *easy, struct buf *url,
			 struct curl_slist **headers, struct buf *err);
	/* Makes uploads whose transfers ended live, all in one go (NULL: put_done did). The
	 * engine calls it at the latest when a wave's transfers have all ended, so a wave is
	 * live before the next one starts. note (empty on entry) may get a remark for the
	 * user; the engine prints it. */
	int (*commit)(struct target *t, struct put_job **jobs, size_t n, struct buf *note,
		      struct buf *err);
	int (*remove)(struct target *t, const char *path, int is_dir, struct buf *err);
	int (*mkdir)(struct target *t, const char *path, struct buf *err);  /* NULL: not needed */
	/* Before the first change: make the root exist (NULL: puts create it). */
	int (*prepare)(struct target *t, struct buf *err);
	void (*close)(struct target *t);
};

struct target {
	const struct target_ops *ops;
	const struct config *cfg;
	char *url;              /* as configured, with a trailing "/" */
	char *scheme, *host;    /* host without port or user */
	char *base;             /* scheme://[user@]host[:port]/path/ for requests */
	char *root;             /* decoded remote root path for quote commands, ends in "/" */
	char *ca_file;          /* ca_file, CURL_CA_BUNDLE or SSL_CERT_FILE, or NULL */
	char *ca_dir;           /* SSL_CERT_DIR, or NULL */
	char *user;             /* user key, GEN_DEPLOY_USER or the URL's; NULL: ~/.netrc */
	char *password;         /* GEN_DEPLOY_PASSWORD; never printed */
	CURL *easy;             /* for sequential requests, reusing one connection */
	void *priv;
};

/* Opens the target named by cfg's [deploy] url. */
int target_open(struct target **out, const struct config *cfg, struct buf *err);
void target_free(struct target *t);  /* NULL is a no-op */

/* Shared by the protocol files. */
void target_curl_common(struct target *t, CURL *easy, char *errbuf);
/* The SSH files for an sftp:// target: known_hosts ([deploy] known_hosts, else
 * ~/.ssh/known_hosts) and the private key ([deploy] ssh_key, else the first of ~/.ssh/
 * id_ed25519, id_ecdsa, id_rsa that exists; empty when none). */
void target_ssh_files(const struct target *t, struct buf *known_hosts, struct buf *key);
/* base + percent-encoded rel ("/" kept). */
void target_url(const struct target *t, const char *rel, struct buf *out);
/* Explains a failed libcurl call as "URL: what happened, what to do". */
int target_curl_error(const struct target *t, CURL *easy, CURLcode rc, const char *errbuf,
		      const char *what, struct buf *err);
/* Explains an HTTP status that is not 2xx, with the server's message from body. */
int target_http_error(const struct target *t, long code, const char *body, const char *what,
		      struct buf *err);
/* 1 for libcurl failures a new attempt may cure (dropped connection, timeout). */
int target_transient(CURLcode rc);
/* Downloads path (relative to the target) into out with the target's easy handle. A file
 * that is not there sets *missing and empties out; so does a refused one when
 * denied_is_missing. Other failures fill err. */
int target_curl_fetch(struct target *t, const char *path, int denied_is_missing,
		      struct buf *out, int *missing, struct buf *err);
/* A put whose outcome is libcurl's alone (FTP, SFTP; HTTP targets check their status after
 * it): 0 when rc is CURLE_OK, else -1 with the error, marked for retry when transient. */
int target_put_done(struct target *t, struct put_job *j, CURL *easy, CURLcode rc,
		    struct buf *err);
/* The most a listing page or the manifest may weigh (about 600 000 files). */
#define TARGET_BODY_MAX (64UL << 20)
/* Appends a response to the struct buf passed as userdata: whole up to its max (the transfer
 * fails past it), or, when max is 0, the first 64 KiB (enough of an error message). */
size_t target_capture(char *p, size_t size, size_t n, void *userdata);
/* curl_easy_perform with up to three attempts, 1 s and 2 s apart, for the failures
 * target_transient names; body (may be NULL) is emptied before each attempt. */
CURLcode target_easy_perform(CURL *easy, struct buf *body);
/* Lists rel and below on an FTP or SFTP server through libcurl's directory listing
 * (request: the FTP command, NULL for SFTP), parsing "ls -l" lines; a missing root is an
 * empty listing. */
int target_ls_walk(struct target *t, const char *rel, const char *request,
		   struct manifest *files, struct manifest *dirs, struct buf *err);
/* Parses a unix "ls -l" line as FTP LIST and SFTP print it: name, size, directory flag.
 * Returns 0, or -1 for a line to skip (total, links, . and ..). */
int target_parse_ls(const char *line, struct buf *name, long long *size, int *is_dir);
/* The text of the first element named (any namespace prefix) local in xml[0..len), after
 * entity decoding, into out; returns the offset just past it, or 0 when absent. */
size_t target_xml_text(const char *xml, size_t len, const char *local, struct buf *out);
/* The offsets of the next element local's content: *start..*end; 0 when absent. */
int target_xml_next(const char *xml, size_t len, size_t from, const char *local,
		    size_t *start, size_t *end);
/* Percent-decodes s into out. */
void target_unescape(const char *s, size_t n, struct buf *out);
/* Content-Type for a path, by extension. */
const char *target_content_type(const char *path);
/* Cache-Control for a path: the first matching "GLOB VALUE" cache_control rule, else the
 * default (short for pages and the manifest, a day for the rest). */
void target_cache_control(const struct config *cfg, const char *path, struct buf *out);

/* AWS Signature Version 4 (target_s3.c). Headers are signed as given (lower-case names,
 * any order); uri and query must already be in canonical form. Sets out to the value of the
 * Authorization header. */
struct s3_header {
	const char *name, *value;
};
void target_s3_sign(const char *method, const char *uri, const char *query,
		    const struct s3_header *h, size_t nh, const char *payload_sha256,
		    const char *amz_date, const char *region, const char *service,
		    const char *key_id, const char *secret, struct buf *out);
/* RFC 3986 encoding as SigV4 wants it: unreserved kept, "/" kept when keep_slash. */
void target_s3_encode(const char *s, int keep_slash, struct buf *out);

extern const struct target_ops target_file_ops, target_ftp_ops, target_sftp_ops,
	target_dav_ops, target_s3_ops;

#endif
