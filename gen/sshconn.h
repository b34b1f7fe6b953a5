/* sshconn: one SSH connection with an "sftp" subsystem channel gen drives itself, for the
 * requests libcurl cannot send (posix-rename@openssh.com) and to pipeline many of them:
 * requests go out with distinct ids, up to SSHCONN_WINDOW unanswered, so a batch of a
 * thousand renames costs about one round trip. The server's host key is checked against
 * known_hosts before anything else is sent. */
#ifndef GEN_SSHCONN_H
#define GEN_SSHCONN_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#define SSHCONN_WINDOW 1024

struct sshconn_cfg {
	const char *url;          /* for messages */
	const char *host;         /* as in the URL, an IPv6 address in brackets */
	int port;
	const char *user;
	const char *password;     /* NULL: no password login; never printed */
	const char *key;          /* private key file, NULL: none */
	const char *passphrase;   /* the key's, or NULL */
	const char *known_hosts;
};

enum sshconn_kind { SSHCONN_POSIX_RENAME, SSHCONN_RENAME, SSHCONN_REMOVE, SSHCONN_LSTAT };

/* One request and, once answered, its outcome. */
struct sshconn_op {
	enum sshconn_kind kind;
	const char *path, *to;    /* absolute remote paths; to: renames only */
	int answered;
	int sends;                /* how often sent: above 1, an earlier try may have acted */
	uint32_t status;          /* SFTPWIRE_OK, ...; LSTAT answered with attributes: OK */
	char msg[128];            /* the server's status message */
	long long size;           /* LSTAT: the file's size, -1 unknown */
	int out;                  /* sent on the current connection, not answered yet */
};

struct sshconn;

/* Connects, checks the host key, logs in, opens the sftp subsystem and exchanges versions.
 * On failure *transient says whether another attempt may succeed (a dropped or refused
 * connection, not a bad host key or login). */
int sshconn_open(struct sshconn **out, const struct sshconn_cfg *cfg, int *transient,
		 struct buf *err);
/* 1 when the server offers posix-rename@openssh.com version 1. */
int sshconn_has_posix_rename(const struct sshconn *c);
/* Sends every op not answered yet and reads the answers. -1 (err filled) when the
 * connection fails: then c is of no more use, and the ops answered before keep their
 * answers. Failed requests are answers too (status), not a -1. */
int sshconn_run(struct sshconn *c, struct sshconn_op *ops, size_t n, struct buf *err);
void sshconn_free(struct sshconn *c);  /* NULL is a no-op */

#endif
