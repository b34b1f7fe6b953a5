/* target_sftp: sftp:// in two channels. Listing, fetching the manifest, uploads and
 * deletions go through libcurl (libssh2), uploads in parallel, each to ".gen-tmp.NAME" in
 * the file's directory. Making an upload live is a rename onto the old file, and there
 * libcurl falls short: SFTP v3's RENAME refuses to replace a file on OpenSSH, and libcurl
 * cannot send OpenSSH's posix-rename@openssh.com extension, which replaces atomically (it
 * is rename(2)). So gen opens its own SSH connection (sshconn.c) to the same host, port and
 * user, with the same host key check and login, and sends the renames itself: the engine
 * hands over a batch of finished uploads (at the latest when their wave ends, see
 * transfer.c) and they all go out pipelined, one round trip for the batch, and appear at
 * nearly the same instant. A visitor sees the old file or the new one, never neither, never
 * a partial one. A server without posix-rename (not OpenSSH) gets what gen did before:
 * remove the old file, then RENAME; the old file is then absent for one round trip, and
 * gen says so once. A dropped connection during renames is reconnected up to three times;
 * a rename sent before the drop and unanswered may have happened, so "no such file" on its
 * resend is checked against the destination's size. An interrupted deploy leaves at most
 * ".gen-tmp." files, which the next deploy uploads again or cleans up (deploy.c).
 * The host key is checked against known_hosts ([deploy] known_hosts, else
 * ~/.ssh/known_hosts): an unknown or changed key stops the deploy. Key authentication
 * ([deploy] ssh_key, else ~/.ssh/id_ed25519, id_ecdsa, id_rsa) or a password (~/.netrc,
 * GEN_DEPLOY_PASSWORD). */
#include "target.h"

#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sftpwire.h"
#include "sshconn.h"
#include "util.h"

#define RENAME_ATTEMPTS 3

struct sftp_state {
	struct sshconn *conn;    /* NULL until the first commit, or after a drop */
	struct sshconn_cfg cfg;
	struct buf host, user, password, key, known_hosts;
	int told_fallback;
};

static int url_port(const char *url)
{
	const char *a = strstr(url, "://"), *end, *at, *p;

	a = a ? a + 3 : url;
	end = a + strcspn(a, "/");
	at = memchr(a, '@', (size_t)(end - a));
	p = at ? at + 1 : a;
	if (*p == '[' && memchr(p, ']', (size_t)(end - p)))
		p = memchr(p, ']', (size_t)(end - p));
	p = memchr(p, ':', (size_t)(end - p));
	return p && p + 1 < end ? atoi(p + 1) : 22;
}

/* The login and password for host in ~/.netrc, as libcurl reads them: the first "machine"
 * entry for host (with that login when user is set), else "default". */
static void netrc_lookup(const char *host, const char *user, struct buf *login,
			 struct buf *password)
{
	const char *home = getenv("HOME");
	struct buf path = BUF_INIT, text = BUF_INIT;
	char *tok, *save = NULL, *key = NULL;
	int in = 0, done = 0, is_default = 0;

	buf_printf(&path, "%s/.netrc", home ? home : "");
	if (!home || file_read(path.ptr, &text, 1 << 20, NULL) < 0)
		goto out;
	for (tok = strtok_r(text.ptr, " \t\r\n", &save); tok && !done;
	     tok = strtok_r(NULL, " \t\r\n", &save)) {
		if (key) {
			if (!strcmp(key, "machine")) {
				in = !strcmp(tok, host);
			} else if (in && !strcmp(key, "login")) {
				in = !user || !strcmp(tok, user) || is_default;
				if (in)
					buf_sets(login, tok);
			} else if (in && !strcmp(key, "password")) {
				buf_sets(password, tok);
				done = 1;
			}
			key = NULL;
		} else if (!strcmp(tok, "default")) {
			if (password->len)
				break;
			in = is_default = 1;
			buf_reset(login);
		} else if (!strcmp(tok, "machine")) {
			buf_reset(login);
			is_default = 0;
			key = tok;
		} else if (!strcmp(tok, "login") || !strcmp(tok, "password") ||
			   !strcmp(tok, "account")) {
			key = tok;
		}
	}
out:
	if (text.len)
		memset(text.ptr, 0, text.len);
	buf_free(&text);
	buf_free(&path);
}

static void pick_login(struct target *t, struct sftp_state *st)
{
	struct buf login = BUF_INIT;
	const struct passwd *pw;
	const char *u;

	if (t->password)
		buf_sets(&st->password, t->password);
	else
		netrc_lookup(t->host, t->user, &login, &st->password);
	if (t->user)
		buf_sets(&st->user, t->user);
	else if (login.len)
		buf_sets(&st->user, login.ptr);
	else if ((u = getenv("USER")) && *u)
		buf_sets(&st->user, u);
	else if ((pw = getpwuid(getuid())))
		buf_sets(&st->user, pw->pw_name);
	buf_free(&login);
}

static int sftp_open(struct target *t, struct buf *err)
{
	struct sftp_state *st = xcalloc(1, sizeof *st);
	const char *pass = getenv("GEN_DEPLOY_KEY_PASSPHRASE");

	buf_init(&st->host);
	buf_init(&st->user);
	buf_init(&st->password);
	buf_init(&st->key);
	buf_init(&st->known_hosts);
	t->priv = st;
	t->easy = curl_easy_init();
	target_ssh_files(t, &st->known_hosts, &st->key);
	if (!file_exists(st->known_hosts.ptr))
		return err_set(err, "%s: known_hosts file %s does not exist; gen checks the server's "
			       "host key: add it (ssh-keyscan -p PORT HOST, after checking the "
			       "fingerprint with the host) or set [deploy] known_hosts", t->url,
			       st->known_hosts.ptr);
	buf_sets(&st->host, t->host);
	pick_login(t, st);
	st->cfg = (struct sshconn_cfg){
		.url = t->url, .host = st->host.ptr, .port = url_port(t->url),
		.user = st->user.ptr, .password = st->password.len ? st->password.ptr : NULL,
		.key = st->key.len && file_exists(st->key.ptr) ? st->key.ptr : NULL,
		.passphrase = pass && *pass ? pass : NULL, .known_hosts = st->known_hosts.ptr,
	};
	return 0;
}

static void sftp_close(struct target *t)
{
	struct sftp_state *st = t->priv;

	if (!st)
		return;
	sshconn_free(st->conn);
	if (st->password.len)
		memset(st->password.ptr, 0, st->password.len);
	buf_free(&st->password);
	buf_free(&st->host);
	buf_free(&st->user);
	buf_free(&st->key);
	buf_free(&st->known_hosts);
	free(st);
	t->priv = NULL;
}

/* A path for a quote command: absolute, double-quoted, with " and \ escaped. */
static void quoted(const struct target *t, const char *rel, struct buf *out)
{
	const char *p;

	buf_addc(out, '"');
	for (p = t->root; *p; p++) {
		if (*p == '"' || *p == '\\')
			buf_addc(out, '\\');
		buf_addc(out, *p);
	}
	for (p = rel; *p; p++) {
		if (*p == '"' || *p == '\\')
			buf_addc(out, '\\');
		buf_addc(out, *p);
	}
	buf_addc(out, '"');
}

static void tmp_name(const char *path, struct buf *out)
{
	const char *slash = strrchr(path, '/');

	buf_reset(out);
	buf_printf(out, "%.*s%s%s", slash ? (int)(slash - path + 1) : 0, path,
		   MANIFEST_TMP_PREFIX, slash ? slash + 1 : path);
}

/* The remote path of rel for an SFTP request: the root plus rel; a root under "/~/" (the
 * home directory in a libcurl URL) becomes relative, which the server takes from home. */
static char *remote_path(const struct target *t, const char *rel)
{
	const char *root = t->root;
	struct buf b = BUF_INIT;

	if (!strncmp(root, "/~/", 3))
		root += 3;
	buf_printf(&b, "%s%s", root, rel);
	return buf_detach(&b, NULL);
}

static int sftp_list(struct target *t, struct manifest *files, struct manifest *dirs,
		     struct buf *err)
{
	return target_ls_walk(t, "", NULL, files, dirs, err);
}

static int sftp_fetch(struct target *t, const char *path, struct buf *out, int *missing,
		      struct buf *err)
{
	return target_curl_fetch(t, path, 0, out, missing, err);
}

/* Uploads to the temporary name; sftp_commit renames. */
static int sftp_put_setup(struct target *t, struct put_job *j, CURL *easy, struct buf *err)
{
	struct buf tmp = BUF_INIT;

	tmp_name(j->path, &tmp);
	target_url(t, tmp.ptr, &j->url);
	curl_easy_setopt(easy, CURLOPT_URL, j->url.ptr);
	curl_easy_setopt(easy, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(easy, CURLOPT_READDATA, j->in);
	curl_easy_setopt(easy, CURLOPT_INFILESIZE_LARGE, (curl_off_t)j->size);
	curl_easy_setopt(easy, CURLOPT_NEW_FILE_PERMS, 0644L);
	curl_easy_setopt(easy, CURLOPT_NEW_DIRECTORY_PERMS, 0755L);
	buf_free(&tmp);
	(void)err;
	return 0;
}

/* libcurl turns the server's "failure" on a write (OpenSSH's answer to ENOSPC and
 * EDQUOT alike) into a bare SSH error; say what it usually means. */
static int sftp_put_done(struct target *t, struct put_job *j, CURL *easy, CURLcode rc,
			 struct buf *err)
{
	if (rc != CURLE_SSH && rc != CURLE_UPLOAD_FAILED && rc != CURLE_WRITE_ERROR)
		return target_put_done(t, j, easy, rc, err);
	j->retry = 0;
	return err_set(err, "%s: %s: the SFTP server refused the upload (%s); usually the "
		       "server's disk or quota is full: free space on the host, then run gen "
		       "deploy again", t->url, j->path, j->errbuf[0] ? j->errbuf :
		       curl_easy_strerror(rc));
}

/* Runs ops on the connection, reconnecting when it drops, RENAME_ATTEMPTS tries in all. */
static int run_ops(struct target *t, struct sshconn_op *ops, size_t n, struct buf *err)
{
	struct sftp_state *st = t->priv;
	int attempt, transient;

	for (attempt = 1; ; attempt++) {
		transient = 1;
		buf_reset(err);
		if (!st->conn && sshconn_open(&st->conn, &st->cfg, &transient, err) < 0)
			st->conn = NULL;
		else if (sshconn_run(st->conn, ops, n, err) == 0)
			return 0;
		sshconn_free(st->conn);
		st->conn = NULL;
		if (!transient || attempt == RENAME_ATTEMPTS)
			return -1;
		sleep((unsigned)attempt);  /* backoff: 1 s, then 2 s */
	}
}

static const char *status_advice(uint32_t status)
{
	switch (status) {
	case SFTPWIRE_PERMISSION_DENIED:
		return "permission refused by the server; check that the account may write there";
	case SFTPWIRE_NO_SUCH_FILE:
		return "the uploaded file or its directory is gone (removed meanwhile?)";
	case SFTPWIRE_FAILURE:
		return "the server could not do it; check free space and permissions on the host";
	default:
		return "the server refused it";
	}
}

static int op_error(const struct target *t, const struct sshconn_op *op, const char *path,
		    struct buf *err)
{
	return err_set(err, "%s: %s: %s (SFTP status %lu, %s%s%s); %s, then run gen deploy "
		       "again", t->url, path, op->kind == SSHCONN_REMOVE ? "removing the old "
		       "file before the rename" : "renaming the upload into place",
		       (unsigned long)op->status, sftpwire_status_text(op->status),
		       op->msg[0] ? ": " : "", op->msg, status_advice(op->status));
}

/* A rename resent after a dropped connection that finds no source may have happened
 * before the drop: the destination then has the upload's size. */
static int confirm_renamed(struct target *t, struct put_job **jobs, struct sshconn_op *ops,
			   size_t n, struct buf *err)
{
	struct sshconn_op *look = xcalloc(n + 1, sizeof *look);
	size_t i, doubt = 0;
	int rc = -1;

	for (i = 0; i < n; i++) {
		int check = ops[i].status == SFTPWIRE_NO_SUCH_FILE && ops[i].sends > 1;

		look[i] = (struct sshconn_op){ .kind = SSHCONN_LSTAT, .path = ops[i].to,
					     .answered = !check };
		doubt += check;
	}
	if (doubt && run_ops(t, look, n, err) < 0)
		goto out;
	for (i = 0; i < n; i++)
		if (look[i].sends && look[i].status == SFTPWIRE_OK && look[i].size == jobs[i]->size)
			ops[i].status = SFTPWIRE_OK;
	rc = 0;
out:
	free(look);
	return rc;
}

static int check_ops(const struct target *t, struct put_job **jobs, const struct sshconn_op *ops,
		     size_t n, int missing_ok, struct buf *err)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (ops[i].status != SFTPWIRE_OK &&
		    !(missing_ok && ops[i].status == SFTPWIRE_NO_SUCH_FILE))
			return op_error(t, &ops[i], jobs[i]->path, err);
	return 0;
}

/* Without posix-rename: remove every old file, then rename every upload. */
static int commit_fallback(struct target *t, struct put_job **jobs, struct sshconn_op *ops,
			   char **from, char **to, size_t n, struct buf *note, struct buf *err)
{
	struct sftp_state *st = t->priv;
	size_t i;

	if (!st->told_fallback)
		buf_printf(note, "deploy: %s: the SFTP server does not offer posix-rename "
			   "(OpenSSH does); replaced files are removed just before their rename, "
			   "so each is absent for a moment", t->url);
	st->told_fallback = 1;
	for (i = 0; i < n; i++)
		ops[i] = (struct sshconn_op){ .kind = SSHCONN_REMOVE, .path = to[i],
					      .answered = !jobs[i]->exists };
	if (run_ops(t, ops, n, err) < 0 || check_ops(t, jobs, ops, n, 1, err) < 0)
		return -1;
	for (i = 0; i < n; i++)
		ops[i] = (struct sshconn_op){ .kind = SSHCONN_RENAME, .path = from[i],
					      .to = to[i] };
	return run_ops(t, ops, n, err);
}

static int sftp_commit(struct target *t, struct put_job **jobs, size_t n, struct buf *note,
		       struct buf *err)
{
	struct sftp_state *st = t->priv;
	struct sshconn_op *ops = xcalloc(n + 1, sizeof *ops);
	char **from = xcalloc(n + 1, sizeof *from), **to = xcalloc(n + 1, sizeof *to);
	struct buf tmp = BUF_INIT;
	size_t i;
	int rc = -1;

	for (i = 0; i < n; i++) {
		tmp_name(jobs[i]->path, &tmp);
		from[i] = remote_path(t, tmp.ptr);
		to[i] = remote_path(t, jobs[i]->path);
		ops[i] = (struct sshconn_op){ .kind = SSHCONN_POSIX_RENAME, .path = from[i],
					      .to = to[i] };
	}
	if (!st->conn && run_ops(t, NULL, 0, err) < 0)  /* connects */
		goto out;
	if (sshconn_has_posix_rename(st->conn) ? run_ops(t, ops, n, err) < 0 :
	    commit_fallback(t, jobs, ops, from, to, n, note, err) < 0)
		goto out;
	if (confirm_renamed(t, jobs, ops, n, err) < 0 || check_ops(t, jobs, ops, n, 0, err) < 0)
		goto out;
	rc = 0;
out:
	for (i = 0; i < n; i++) {
		free(from[i]);
		free(to[i]);
	}
	free(from);
	free(to);
	free(ops);
	buf_free(&tmp);
	return rc;
}

static int sftp_remove(struct target *t, const char *path, int is_dir, struct buf *err)
{
	struct buf cmd = BUF_INIT;
	struct curl_slist *q = NULL;
	char errbuf[CURL_ERROR_SIZE];
	CURLcode rc;
	int ret = 0;

	buf_adds(&cmd, is_dir ? "rmdir " : "rm ");
	quoted(t, path, &cmd);
	q = curl_slist_append(q, cmd.ptr);
	curl_easy_reset(t->easy);
	target_curl_common(t, t->easy, errbuf);
	curl_easy_setopt(t->easy, CURLOPT_URL, t->base);
	curl_easy_setopt(t->easy, CURLOPT_NOBODY, 1L);
	curl_easy_setopt(t->easy, CURLOPT_QUOTE, q);
	rc = target_easy_perform(t->easy, NULL);
	/* already gone is what was wanted */
	if (rc != CURLE_OK && !(rc == CURLE_QUOTE_ERROR && strstr(errbuf, "No such file")))
		ret = target_curl_error(t, t->easy, rc, errbuf, path, err);
	curl_slist_free_all(q);
	buf_free(&cmd);
	return ret;
}

const struct target_ops target_sftp_ops = {
	.scheme = "sftp",
	.open = sftp_open,
	.list = sftp_list,
	.fetch = sftp_fetch,
	.put_setup = sftp_put_setup,
	.put_done = sftp_put_done,
	.commit = sftp_commit,
	.remove = sftp_remove,
	.close = sftp_close,
};
