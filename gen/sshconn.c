/* sshconn: libssh2 for the transport (key exchange, host key, login, one channel), the
 * SFTP packets of sftpwire.c on top. Blocking calls with a one-minute timeout, like the
 * stalled-transfer limit libcurl gets (target.c). */
#include "sshconn.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <libssh2.h>

#include "sftpwire.h"
#include "util.h"

#define CONNECT_TIMEOUT_MS 20000
#define IO_TIMEOUT_MS 60000

struct sshconn {
	const struct sshconn_cfg *cfg;
	int fd;
	int lib;                   /* libssh2_init succeeded */
	int up;                    /* the handshake succeeded: a disconnect is worth sending */
	LIBSSH2_SESSION *s;
	LIBSSH2_CHANNEL *ch;
	int posix_rename;
	struct buf in;             /* received bytes not yet parsed */
	size_t in_off;
};

/* The host as getaddrinfo and known_hosts want it: without IPv6 brackets. */
static char *bare_host(const char *host)
{
	size_t n = strlen(host);

	if (n >= 2 && host[0] == '[' && host[n - 1] == ']')
		return xstrndup(host + 1, n - 2);
	return xstrdup(host);
}

/* A non-blocking connect bounded by CONNECT_TIMEOUT_MS; returns the error number or 0. */
static int connect_bounded(int fd, const struct sockaddr *sa, socklen_t len)
{
	struct pollfd p = { .fd = fd, .events = POLLOUT };
	int flags = fcntl(fd, F_GETFL), e = 0;
	socklen_t elen = sizeof e;

	fcntl(fd, F_SETFL, flags | O_NONBLOCK);
	if (connect(fd, sa, len) < 0) {
		if (errno != EINPROGRESS)
			return errno;
		if (poll(&p, 1, CONNECT_TIMEOUT_MS) <= 0)
			return ETIMEDOUT;
		if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &e, &elen) < 0)
			return errno;
		if (e)
			return e;
	}
	fcntl(fd, F_SETFL, flags);
	return 0;
}

static int dial(struct sshconn *c, const char *host, int *transient, struct buf *err)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM }, *res = NULL, *a;
	char port[16];
	int rc, e = 0;

	snprintf(port, sizeof port, "%d", c->cfg->port);
	rc = getaddrinfo(host, port, &hints, &res);
	if (rc) {
		*transient = rc == EAI_AGAIN;
		return err_set(err, "%s: unknown host \"%s\" (%s); check [deploy] url", c->cfg->url,
			       host, gai_strerror(rc));
	}
	for (a = res; a; a = a->ai_next) {
		c->fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
		if (c->fd < 0) {
			e = errno;
			continue;
		}
		e = connect_bounded(c->fd, a->ai_addr, a->ai_addrlen);
		if (!e)
			break;
		close(c->fd);
		c->fd = -1;
	}
	freeaddrinfo(res);
	if (c->fd >= 0)
		return 0;
	*transient = 1;
	return err_set(err, "%s: cannot connect (%s); is the server up and the port right?",
		       c->cfg->url, strerror(e));
}

static const char *last_error(LIBSSH2_SESSION *s)
{
	char *msg = NULL;

	libssh2_session_last_error(s, &msg, NULL, 0);
	return msg && *msg ? msg : "no detail";
}

/* The key types known_hosts holds for this host, as a preference for the key exchange, so
 * that a server with several host keys shows the one known_hosts can vouch for. NULL when
 * the entries are hashed or absent: libssh2's default order then. */
static void hostkey_pref(struct sshconn *c, LIBSSH2_KNOWNHOSTS *kh, const char *host)
{
	static const struct { int type; const char *methods; } types[] = {
		{ LIBSSH2_KNOWNHOST_KEY_ED25519, "ssh-ed25519" },
		{ LIBSSH2_KNOWNHOST_KEY_ECDSA_256, "ecdsa-sha2-nistp256" },
		{ LIBSSH2_KNOWNHOST_KEY_ECDSA_384, "ecdsa-sha2-nistp384" },
		{ LIBSSH2_KNOWNHOST_KEY_ECDSA_521, "ecdsa-sha2-nistp521" },
		{ LIBSSH2_KNOWNHOST_KEY_SSHRSA, "rsa-sha2-512,rsa-sha2-256,ssh-rsa" },
	};
	struct libssh2_knownhost *e;
	struct buf name = BUF_INIT, pref = BUF_INIT;
	size_t i;

	if (c->cfg->port == 22)
		buf_sets(&name, host);
	else
		buf_printf(&name, "[%s]:%d", host, c->cfg->port);
	for (i = 0; i < sizeof types / sizeof *types; i++) {
		struct libssh2_knownhost *prev = NULL;

		while (libssh2_knownhost_get(kh, &e, prev) == 0) {
			prev = e;
			if (e->name && !strcmp(e->name, name.ptr) &&
			    (e->typemask & LIBSSH2_KNOWNHOST_KEY_MASK) == types[i].type) {
				buf_printf(&pref, "%s%s", pref.len ? "," : "", types[i].methods);
				break;
			}
		}
	}
	if (pref.len)
		libssh2_session_method_pref(c->s, LIBSSH2_METHOD_HOSTKEY, pref.ptr);
	buf_free(&name);
	buf_free(&pref);
}

static int check_host_key(struct sshconn *c, LIBSSH2_KNOWNHOSTS *kh, const char *host,
			  struct buf *err)
{
	struct libssh2_knownhost *found = NULL;
	const char *key;
	size_t len = 0;
	int type = 0, rc;

	key = libssh2_session_hostkey(c->s, &len, &type);
	if (!key)
		return err_set(err, "%s: the server sent no host key", c->cfg->url);
	rc = libssh2_knownhost_checkp(kh, host, c->cfg->port, key, len,
				      LIBSSH2_KNOWNHOST_TYPE_PLAIN | LIBSSH2_KNOWNHOST_KEYENC_RAW,
				      &found);
	if (rc == LIBSSH2_KNOWNHOST_CHECK_MATCH)
		return 0;
	return err_set(err, "%s: the server's host key is %s known_hosts (%s); check the key's "
		       "fingerprint with the host, then add it (ssh-keyscan) to "
		       "~/.ssh/known_hosts or [deploy] known_hosts", c->cfg->url,
		       rc == LIBSSH2_KNOWNHOST_CHECK_MISMATCH ? "different from the one in" :
		       "not in", c->cfg->known_hosts);
}

static void kbd_answer(const char *name, int name_len, const char *instruction,
		       int instruction_len, int n, const LIBSSH2_USERAUTH_KBDINT_PROMPT *prompts,
		       LIBSSH2_USERAUTH_KBDINT_RESPONSE *responses, void **abstract)
{
	const struct sshconn *c = *abstract;
	int i;

	(void)name; (void)name_len; (void)instruction; (void)instruction_len; (void)prompts;
	for (i = 0; i < n; i++) {
		/* libssh2 frees the answers with free() */
		responses[i].text = strdup(c->cfg->password);
		responses[i].length = responses[i].text ? (unsigned)strlen(c->cfg->password) : 0;
	}
}

/* The key first when there is one, then the password: what libcurl does (target.c). */
static int login(struct sshconn *c, struct buf *err)
{
	const struct sshconn_cfg *g = c->cfg;
	unsigned ulen = (unsigned)strlen(g->user);
	const char *list = libssh2_userauth_list(c->s, g->user, ulen);

	if (!list && libssh2_userauth_authenticated(c->s))
		return 0;
	if (list && g->key && strstr(list, "publickey") &&
	    !libssh2_userauth_publickey_fromfile_ex(c->s, g->user, ulen, NULL, g->key,
						   g->passphrase))
		return 0;
	if (list && g->password && strstr(list, "password") &&
	    !libssh2_userauth_password_ex(c->s, g->user, ulen, g->password,
					  (unsigned)strlen(g->password), NULL))
		return 0;
	if (list && g->password && strstr(list, "keyboard-interactive") &&
	    !libssh2_userauth_keyboard_interactive_ex(c->s, g->user, ulen, kbd_answer))
		return 0;
	return err_set(err, "%s: login refused: wrong user name, password or key (user \"%s\", "
		       "the server offers %s); give them in ~/.netrc or "
		       "GEN_DEPLOY_USER/GEN_DEPLOY_PASSWORD or [deploy] ssh_key", g->url, g->user,
		       list ? list : "nothing");
}

/* Key exchange, host key, login. */
static int session_start(struct sshconn *c, const char *host, int *transient, struct buf *err)
{
	LIBSSH2_KNOWNHOSTS *kh = NULL;
	int rc = -1;

	c->s = libssh2_session_init_ex(NULL, NULL, NULL, c);
	kh = c->s ? libssh2_knownhost_init(c->s) : NULL;
	if (!kh)
		return err_set(err, "%s: cannot start an SSH session", c->cfg->url);
	if (libssh2_knownhost_readfile(kh, c->cfg->known_hosts,
				       LIBSSH2_KNOWNHOST_FILE_OPENSSH) < 0) {
		err_set(err, "%s: cannot read known_hosts %s (%s); gen checks the server's host key",
			c->cfg->url, c->cfg->known_hosts, last_error(c->s));
		goto out;
	}
	hostkey_pref(c, kh, host);
	libssh2_session_set_blocking(c->s, 1);
	libssh2_session_set_timeout(c->s, IO_TIMEOUT_MS);
	if (libssh2_session_handshake(c->s, c->fd)) {
		*transient = 1;
		err_set(err, "%s: SSH handshake failed (%s)", c->cfg->url, last_error(c->s));
		goto out;
	}
	c->up = 1;
	if (check_host_key(c, kh, host, err) < 0 || login(c, err) < 0)
		goto out;
	rc = 0;
out:
	libssh2_knownhost_free(kh);
	return rc;
}

static int send_all(struct sshconn *c, const char *p, size_t n, struct buf *err)
{
	while (n) {
		ssize_t w = libssh2_channel_write(c->ch, p, n);

		if (w < 0)
			return err_set(err, "%s: sending SFTP requests: %s", c->cfg->url,
				       last_error(c->s));
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* The next whole packet into r (blocking). */
static int read_reply(struct sshconn *c, struct sftpwire_reply *r, struct buf *err)
{
	char chunk[16384];
	size_t len;
	int got;

	for (;;) {
		const unsigned char *p = (const unsigned char *)c->in.ptr + c->in_off;
		ssize_t n;

		got = sftpwire_frame(p, c->in.len - c->in_off, &len, err);
		if (got < 0)
			return err_prefix(err, "%s: ", c->cfg->url);
		if (got) {
			c->in_off += len;
			if (sftpwire_parse(p, len, r, err) < 0)
				return err_prefix(err, "%s: ", c->cfg->url);
			return 0;
		}
		if (c->in_off) {  /* keep only the unparsed tail */
			memmove(c->in.ptr, c->in.ptr + c->in_off, c->in.len - c->in_off);
			buf_trunc(&c->in, c->in.len - c->in_off);
			c->in_off = 0;
		}
		n = libssh2_channel_read(c->ch, chunk, sizeof chunk);
		if (n < 0)
			return err_set(err, "%s: reading SFTP replies: %s", c->cfg->url,
				       last_error(c->s));
		if (n == 0)
			return err_set(err, "%s: the server closed the SFTP channel", c->cfg->url);
		buf_add(&c->in, chunk, (size_t)n);
	}
}

static int sftp_start(struct sshconn *c, int *transient, struct buf *err)
{
	struct buf pkt = BUF_INIT;
	struct sftpwire_reply r;
	int rc = -1;

	c->ch = libssh2_channel_open_session(c->s);
	if (!c->ch || libssh2_channel_subsystem(c->ch, "sftp")) {
		*transient = !c->ch;
		return err_set(err, "%s: the server refuses the SFTP subsystem (%s)", c->cfg->url,
			       last_error(c->s));
	}
	/* An sftp-server run with -e logs each request on stderr; unread, that would fill the
	 * channel's window over a long deploy and stall it. */
	libssh2_channel_handle_extended_data2(c->ch, LIBSSH2_CHANNEL_EXTENDED_DATA_IGNORE);
	*transient = 1;
	sftpwire_init(&pkt);
	if (send_all(c, pkt.ptr, pkt.len, err) < 0 || read_reply(c, &r, err) < 0)
		goto out;
	if (r.type != SFTPWIRE_VERSION) {
		err_set(err, "%s: the SFTP server answered INIT with packet type %d, expected "
			"VERSION", c->cfg->url, r.type);
		goto out;
	}
	c->posix_rename = r.posix_rename;
	rc = 0;
out:
	buf_free(&pkt);
	return rc;
}

int sshconn_open(struct sshconn **out, const struct sshconn_cfg *cfg, int *transient,
		 struct buf *err)
{
	struct sshconn *c = xcalloc(1, sizeof *c);
	char *host = bare_host(cfg->host);
	int rc = -1;

	*transient = 0;
	c->cfg = cfg;
	c->fd = -1;
	buf_init(&c->in);
	if (libssh2_init(0)) {
		err_set(err, "%s: cannot initialise libssh2", cfg->url);
		goto out;
	}
	c->lib = 1;
	if (dial(c, host, transient, err) < 0 || session_start(c, host, transient, err) < 0 ||
	    sftp_start(c, transient, err) < 0)
		goto out;
	rc = 0;
out:
	free(host);
	if (rc) {
		sshconn_free(c);
		c = NULL;
	}
	*out = c;
	return rc;
}

int sshconn_has_posix_rename(const struct sshconn *c)
{
	return c->posix_rename;
}

static void encode(struct buf *out, const struct sshconn_op *op, uint32_t id)
{
	switch (op->kind) {
	case SSHCONN_POSIX_RENAME:
		sftpwire_posix_rename(out, id, op->path, op->to);
		break;
	case SSHCONN_RENAME:
		sftpwire_rename(out, id, op->path, op->to);
		break;
	case SSHCONN_REMOVE:
		sftpwire_remove(out, id, op->path);
		break;
	case SSHCONN_LSTAT:
		sftpwire_lstat(out, id, op->path);
		break;
	}
}

/* Files the answer under the op its id names; an id gen did not send (or sent and already
 * saw answered) means the stream is out of step: the connection is dropped. */
static int take_answer(struct sshconn *c, struct sshconn_op *ops, size_t n,
		       const struct sftpwire_reply *r, struct buf *err)
{
	struct sshconn_op *op;

	if (r->id >= n || !ops[r->id].out)
		return err_set(err, "%s: SFTP reply for request %lu, which is not waiting for one",
			       c->cfg->url, (unsigned long)r->id);
	op = &ops[r->id];
	if (r->type == SFTPWIRE_STATUS) {
		op->status = r->status;
		memcpy(op->msg, r->msg, sizeof op->msg);
	} else if (r->type == SFTPWIRE_ATTRS && op->kind == SSHCONN_LSTAT) {
		op->status = SFTPWIRE_OK;
		op->size = r->size;
	} else {
		return err_set(err, "%s: SFTP reply of type %d to request %lu, expected a status",
			       c->cfg->url, r->type, (unsigned long)r->id);
	}
	op->out = 0;
	op->answered = 1;
	return 0;
}

int sshconn_run(struct sshconn *c, struct sshconn_op *ops, size_t n, struct buf *err)
{
	struct buf pkt = BUF_INIT;
	struct sftpwire_reply r;
	size_t next = 0, waiting = 0, i;
	int rc = -1;

	if (n > UINT32_MAX)
		return err_set(err, "%s: too many SFTP requests in one batch", c->cfg->url);
	for (i = 0; i < n; i++)
		ops[i].out = 0;
	for (;;) {
		buf_reset(&pkt);
		for (; next < n && waiting < SSHCONN_WINDOW; next++) {
			if (ops[next].answered)
				continue;
			encode(&pkt, &ops[next], (uint32_t)next);  /* the id is the op's index */
			ops[next].out = 1;
			ops[next].sends++;
			waiting++;
		}
		if (pkt.len && send_all(c, pkt.ptr, pkt.len, err) < 0)
			goto out;
		if (!waiting)
			break;
		if (read_reply(c, &r, err) < 0 || take_answer(c, ops, n, &r, err) < 0)
			goto out;
		waiting--;
	}
	rc = 0;
out:
	buf_free(&pkt);
	return rc;
}

void sshconn_free(struct sshconn *c)
{
	if (!c)
		return;
	if (c->ch)
		libssh2_channel_free(c->ch);
	if (c->s) {
		if (c->up)
			libssh2_session_disconnect(c->s, "gen deploy done");
		libssh2_session_free(c->s);
	}
	if (c->fd >= 0)
		close(c->fd);
	if (c->lib)
		libssh2_exit();
	buf_free(&c->in);
	free(c);
}
