/* target_sftp: sftp:// through libcurl (libssh2). The host key is checked against
 * known_hosts ([deploy] known_hosts, else ~/.ssh/known_hosts): an unknown or changed key
 * stops the deploy. Key authentication ([deploy] ssh_key, else ~/.ssh/id_ed25519, id_ecdsa,
 * id_rsa) or a password (~/.netrc, GEN_DEPLOY_PASSWORD). An upload goes to ".gen-tmp.NAME"
 * and is renamed after the transfer. OpenSSH's SFTP v3 rename refuses to replace a file and
 * libssh2 cannot ask for posix-rename, so a replaced file is removed just before the rename:
 * for that one round trip the old file is absent, but no visitor ever gets a partial file. */
#include "target.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

static int sftp_open(struct target *t, struct buf *err)
{
	const char *kh = t->cfg->deploy_known_hosts, *home = getenv("HOME");
	struct buf path = BUF_INIT;
	int rc = 0;

	if (kh && *kh) {
		char *p = config_path(t->cfg, kh);

		buf_sets(&path, p);
		free(p);
	} else {
		buf_printf(&path, "%s/.ssh/known_hosts", home ? home : "");
	}
	if (!file_exists(path.ptr))
		rc = err_set(err, "%s: known_hosts file %s does not exist; gen checks the server's "
			     "host key: add it (ssh-keyscan -p PORT HOST, after checking the "
			     "fingerprint with the host) or set [deploy] known_hosts", t->url,
			     path.ptr);
	buf_free(&path);
	t->easy = curl_easy_init();
	return rc;
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

static int sftp_put_setup(struct target *t, struct put_job *j, CURL *easy, struct buf *err)
{
	struct buf tmp = BUF_INIT, cmd = BUF_INIT;

	tmp_name(j->path, &tmp);
	target_url(t, tmp.ptr, &j->url);
	curl_easy_setopt(easy, CURLOPT_URL, j->url.ptr);
	curl_easy_setopt(easy, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(easy, CURLOPT_READDATA, j->in);
	curl_easy_setopt(easy, CURLOPT_INFILESIZE_LARGE, (curl_off_t)j->size);
	curl_easy_setopt(easy, CURLOPT_NEW_FILE_PERMS, 0644L);
	curl_easy_setopt(easy, CURLOPT_NEW_DIRECTORY_PERMS, 0755L);
	if (j->exists) {
		buf_adds(&cmd, "*rm ");  /* "*": already gone is fine */
		quoted(t, j->path, &cmd);
		j->postquote = curl_slist_append(j->postquote, cmd.ptr);
	}
	buf_reset(&cmd);
	buf_adds(&cmd, "rename ");
	quoted(t, tmp.ptr, &cmd);
	buf_addc(&cmd, ' ');
	quoted(t, j->path, &cmd);
	j->postquote = curl_slist_append(j->postquote, cmd.ptr);
	curl_easy_setopt(easy, CURLOPT_POSTQUOTE, j->postquote);
	buf_free(&tmp);
	buf_free(&cmd);
	(void)err;
	return 0;
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
	.put_done = target_put_done,
	.remove = sftp_remove,
};
