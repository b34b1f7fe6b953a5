/* sftpwire: SFTP v3 packets as bytes. Big-endian integers, strings as a 32-bit length and
 * the bytes, every packet prefixed by its length. */
#include "sftpwire.h"

#include <string.h>

#include "util.h"

static void put32(struct buf *out, uint32_t v)
{
	unsigned char b[4] = { (unsigned char)(v >> 24), (unsigned char)(v >> 16),
			       (unsigned char)(v >> 8), (unsigned char)v };

	buf_add(out, b, 4);
}

static void put_str(struct buf *out, const char *s)
{
	size_t n = strlen(s);

	put32(out, (uint32_t)n);
	buf_add(out, s, n);
}

/* Starts a packet: a length placeholder and the type; returns where the length goes. */
static size_t begin(struct buf *out, int type)
{
	size_t at = out->len;

	put32(out, 0);
	buf_addc(out, type);
	return at;
}

static void end(struct buf *out, size_t at)
{
	uint32_t n = (uint32_t)(out->len - at - 4);
	unsigned char *p = (unsigned char *)out->ptr + at;

	p[0] = (unsigned char)(n >> 24);
	p[1] = (unsigned char)(n >> 16);
	p[2] = (unsigned char)(n >> 8);
	p[3] = (unsigned char)n;
}

void sftpwire_init(struct buf *out)
{
	size_t at = begin(out, SFTPWIRE_INIT);

	put32(out, 3);
	end(out, at);
}

static void two_paths(struct buf *out, int type, uint32_t id, const char *ext,
		      const char *from, const char *to)
{
	size_t at = begin(out, type);

	put32(out, id);
	if (ext)
		put_str(out, ext);
	put_str(out, from);
	put_str(out, to);
	end(out, at);
}

void sftpwire_rename(struct buf *out, uint32_t id, const char *from, const char *to)
{
	two_paths(out, SFTPWIRE_RENAME, id, NULL, from, to);
}

void sftpwire_posix_rename(struct buf *out, uint32_t id, const char *from, const char *to)
{
	two_paths(out, SFTPWIRE_EXTENDED, id, SFTPWIRE_POSIX_RENAME, from, to);
}

static void one_path(struct buf *out, int type, uint32_t id, const char *path)
{
	size_t at = begin(out, type);

	put32(out, id);
	put_str(out, path);
	end(out, at);
}

void sftpwire_remove(struct buf *out, uint32_t id, const char *path)
{
	one_path(out, SFTPWIRE_REMOVE, id, path);
}

void sftpwire_lstat(struct buf *out, uint32_t id, const char *path)
{
	one_path(out, SFTPWIRE_LSTAT, id, path);
}

static uint32_t get32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

int sftpwire_frame(const unsigned char *p, size_t n, size_t *len, struct buf *err)
{
	uint32_t body;

	if (n < 4)
		return 0;
	body = get32(p);
	if (body == 0 || body > SFTPWIRE_MAX_PACKET)
		return err_set(err, "SFTP reply of %lu bytes, expected 1 to %u",
			       (unsigned long)body, SFTPWIRE_MAX_PACKET);
	*len = (size_t)body + 4;
	return n >= *len;
}

/* A read cursor over one packet: every read checks what is left. */
struct cursor {
	const unsigned char *p;
	size_t left;
};

static int take32(struct cursor *c, uint32_t *v)
{
	if (c->left < 4)
		return -1;
	*v = get32(c->p);
	c->p += 4;
	c->left -= 4;
	return 0;
}

static int take_str(struct cursor *c, const unsigned char **s, uint32_t *n)
{
	if (take32(c, n) < 0 || *n > c->left)
		return -1;
	*s = c->p;
	c->p += *n;
	c->left -= *n;
	return 0;
}

static int is_str(const unsigned char *s, uint32_t n, const char *want)
{
	return n == strlen(want) && !memcmp(s, want, n);
}

static int parse_version(struct cursor *c, struct sftpwire_reply *r)
{
	const unsigned char *name, *data;
	uint32_t nn, dn;

	if (take32(c, &r->version) < 0)
		return -1;
	while (c->left) {
		if (take_str(c, &name, &nn) < 0 || take_str(c, &data, &dn) < 0)
			return -1;
		if (is_str(name, nn, SFTPWIRE_POSIX_RENAME) && is_str(data, dn, "1"))
			r->posix_rename = 1;
	}
	return 0;
}

/* The message and language tag are missing from some servers' v3 replies: optional. */
static int parse_status(struct cursor *c, struct sftpwire_reply *r)
{
	const unsigned char *s;
	uint32_t n, i, k = 0;

	if (take32(c, &r->status) < 0)
		return -1;
	if (!c->left)
		return 0;
	if (take_str(c, &s, &n) < 0)
		return -1;
	for (i = 0; i < n && k + 1 < sizeof r->msg; i++)
		if (s[i] >= 0x20 && s[i] < 0x7f)
			r->msg[k++] = (char)s[i];
	r->msg[k] = '\0';
	return 0;
}

static int parse_attrs(struct cursor *c, struct sftpwire_reply *r)
{
	uint32_t flags, hi, lo;

	if (take32(c, &flags) < 0)
		return -1;
	if (!(flags & 1))  /* SSH_FILEXFER_ATTR_SIZE */
		return 0;
	if (take32(c, &hi) < 0 || take32(c, &lo) < 0 || hi >= 0x80000000u)
		return -1;
	r->size = (long long)hi << 32 | lo;
	return 0;
}

int sftpwire_parse(const unsigned char *p, size_t n, struct sftpwire_reply *r,
		   struct buf *err)
{
	struct cursor c = { p + 4, n >= 4 ? n - 4 : 0 };
	int rc = 0;

	memset(r, 0, sizeof *r);
	r->size = -1;
	if (n < 5 || get32(p) != n - 4)
		return err_set(err, "SFTP reply: %zu bytes do not make a packet", n);
	r->type = *c.p++;
	c.left--;
	if (r->type == SFTPWIRE_VERSION)
		rc = parse_version(&c, r);
	else if (take32(&c, &r->id) < 0)
		rc = -1;
	else if (r->type == SFTPWIRE_STATUS)
		rc = parse_status(&c, r);
	else if (r->type == SFTPWIRE_ATTRS)
		rc = parse_attrs(&c, r);
	if (rc < 0)
		return err_set(err, "SFTP reply of type %d: a field runs past the packet's end",
			       r->type);
	return 0;
}

const char *sftpwire_status_text(uint32_t status)
{
	static const char *const text[] = {
		"success", "end of file", "no such file", "permission denied", "failure",
		"bad message", "no connection", "connection lost", "operation unsupported",
	};

	return status < sizeof text / sizeof *text ? text[status] : "unknown status";
}
