/* sftpwire: the few SFTP version 3 packets gen speaks itself (draft-ietf-secsh-filexfer-02
 * and OpenSSH's PROTOCOL file), encoded into and decoded from byte strings, with no I/O.
 * libssh2 1.10 cannot send OpenSSH's posix-rename@openssh.com extension, the only way to
 * replace a file atomically over SFTP, so gen opens the "sftp" subsystem itself and talks
 * through these functions (sshconn.c). Replies are network input: every length is checked. */
#ifndef GEN_SFTPWIRE_H
#define GEN_SFTPWIRE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* Packet types. */
#define SFTPWIRE_INIT 1
#define SFTPWIRE_VERSION 2
#define SFTPWIRE_LSTAT 7
#define SFTPWIRE_REMOVE 13
#define SFTPWIRE_RENAME 18
#define SFTPWIRE_STATUS 101
#define SFTPWIRE_ATTRS 105
#define SFTPWIRE_EXTENDED 200

/* Status codes. */
#define SFTPWIRE_OK 0
#define SFTPWIRE_EOF 1
#define SFTPWIRE_NO_SUCH_FILE 2
#define SFTPWIRE_PERMISSION_DENIED 3
#define SFTPWIRE_FAILURE 4
#define SFTPWIRE_OP_UNSUPPORTED 8

/* The largest reply accepted, length field excluded. OpenSSH's own limit is 256 KiB; gen's
 * replies (a version, a status, a file's attributes) are far smaller. */
#define SFTPWIRE_MAX_PACKET (256u * 1024)

#define SFTPWIRE_POSIX_RENAME "posix-rename@openssh.com"

/* Each appends one whole packet (length, type, id, fields) to out. */
void sftpwire_init(struct buf *out);
void sftpwire_rename(struct buf *out, uint32_t id, const char *from, const char *to);
void sftpwire_posix_rename(struct buf *out, uint32_t id, const char *from, const char *to);
void sftpwire_remove(struct buf *out, uint32_t id, const char *path);
void sftpwire_lstat(struct buf *out, uint32_t id, const char *path);

/* The length of the first whole packet in p[0..n) (length field included) into *len: 1 when
 * it is all there, 0 when more bytes are needed, -1 (err filled) for a length of 0 or above
 * SFTPWIRE_MAX_PACKET. */
int sftpwire_frame(const unsigned char *p, size_t n, size_t *len, struct buf *err);

struct sftpwire_reply {
	int type;
	uint32_t id;            /* 0 for VERSION */
	uint32_t version;       /* VERSION */
	int posix_rename;       /* VERSION: the server offers posix-rename@openssh.com "1" */
	uint32_t status;        /* STATUS */
	char msg[128];          /* STATUS: the server's message, printable ASCII, cut */
	long long size;         /* ATTRS: -1 when the server gave none */
};

/* Decodes one packet p[0..n) as framed by sftpwire_frame (length field included). Types
 * other than VERSION, STATUS and ATTRS only get type and id. Returns -1 (err filled) when a
 * field runs past the packet. */
int sftpwire_parse(const unsigned char *p, size_t n, struct sftpwire_reply *r,
		   struct buf *err);
/* "permission denied", "no such file", ... for a status code. */
const char *sftpwire_status_text(uint32_t status);

#endif
