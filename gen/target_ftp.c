/* target_ftp: ftp:// (plain, or explicit TLS with [deploy] tls = required) and ftps://
 * (implicit TLS) through libcurl. An upload goes to ".gen-tmp.NAME" in the file's directory
 * and is renamed with RNFR/RNTO after the transfer, in the same session, so visitors never
 * get a truncated file (where a server refuses to rename onto an existing name, the old
 * file is deleted first: see ftp_put_done). Listing parses the unix "ls -l" LIST output
 * every common server (vsftpd, ProFTPD, Pure-FTPd) gives, since vsftpd has no MLSD. */
#include "target.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

static int ftp_open(struct target *t, struct buf *err)
{
	const char *tls = t->cfg->deploy_tls;

	if (tls && *tls && strcmp(tls, "required") && strcmp(tls, "yes") && strcmp(tls, "no"))
		return err_set(err, "%s: [deploy] tls: expected required or no, got \"%s\"",
			       t->cfg->path, tls);
	t->easy = curl_easy_init();
	return 0;
}

static void split(const char *path, struct buf *dir, struct buf *base)
{
	const char *slash = strrchr(path, '/');

	buf_reset(dir);
	buf_reset(base);
	if (slash) {
		buf_add(dir, path, (size_t)(slash - path + 1));
		buf_adds(base, slash + 1);
	} else {
		buf_adds(base, path);
	}
}

static int ftp_list(struct target *t, struct manifest *files, struct manifest *dirs,
		    struct buf *err)
{
	/* -a: the manifest and temporary uploads are dot-files, which LIST hides */
	return target_ls_walk(t, "", "LIST -a", files, dirs, err);
}

/* FTP servers answer 550 both for a missing file and a refused one: either way the remote
 * has no manifest gen can read, as on a first deploy. */
static int ftp_fetch(struct target *t, const char *path, struct buf *out, int *missing,
		     struct buf *err)
{
	return target_curl_fetch(t, path, 1, out, missing, err);
}

static int ftp_put_setup(struct target *t, struct put_job *j, CURL *easy, struct buf *err)
{
	struct buf dir = BUF_INIT, base = BUF_INIT, tmp = BUF_INIT;

	split(j->path, &dir, &base);
	if (j->step == 0) {
		buf_printf(&tmp, "%s%s%s", dir.ptr, MANIFEST_TMP_PREFIX, base.ptr);
		target_url(t, tmp.ptr, &j->url);
		curl_easy_setopt(easy, CURLOPT_UPLOAD, 1L);
		curl_easy_setopt(easy, CURLOPT_READDATA, j->in);
		curl_easy_setopt(easy, CURLOPT_INFILESIZE_LARGE, (curl_off_t)j->size);
	} else {
		/* the directory, no transfer: only the commands below */
		target_url(t, dir.ptr, &j->url);
		curl_easy_setopt(easy, CURLOPT_NOBODY, 1L);
		curl_easy_setopt(easy, CURLOPT_FTP_CREATE_MISSING_DIRS, 0L);
		/* Only once the upload is known to be there may the old file go; SIZE wants
		 * binary mode on some servers. */
		j->postquote = curl_slist_append(j->postquote, "TYPE I");
		buf_reset(&tmp);
		buf_printf(&tmp, "SIZE %s%s", MANIFEST_TMP_PREFIX, base.ptr);
		j->postquote = curl_slist_append(j->postquote, tmp.ptr);
		buf_reset(&tmp);
		buf_printf(&tmp, "*DELE %s", base.ptr);  /* "*": already gone is fine */
		j->postquote = curl_slist_append(j->postquote, tmp.ptr);
	}
	curl_easy_setopt(easy, CURLOPT_URL, j->url.ptr);
	/* After the transfer the session sits in the file's directory (libcurl's default
	 * CWD per component), so the rename takes bare names. */
	buf_reset(&tmp);
	buf_printf(&tmp, "RNFR %s%s", MANIFEST_TMP_PREFIX, base.ptr);
	j->postquote = curl_slist_append(j->postquote, tmp.ptr);
	buf_reset(&tmp);
	buf_printf(&tmp, "RNTO %s", base.ptr);
	j->postquote = curl_slist_append(j->postquote, tmp.ptr);
	curl_easy_setopt(easy, CURLOPT_POSTQUOTE, j->postquote);
	buf_free(&dir);
	buf_free(&base);
	buf_free(&tmp);
	(void)err;
	return 0;
}

/* Some servers (IIS, pyftpdlib-based hosts, some ProFTPD setups) refuse RNTO onto an
 * existing name with 550 or 553, where vsftpd and Pure-FTPd replace it. Then a second step
 * deletes the old file and renames again. For that one round trip the path is absent
 * (visitors get a 404, never a partial file); FTP has no atomic replace, so this is the
 * best it allows, and it is only taken on the servers that need it. */
static int ftp_put_done(struct target *t, struct put_job *j, CURL *easy, CURLcode rc,
			struct buf *err)
{
	long code = 0;

	if (rc == CURLE_QUOTE_ERROR && j->step == 0) {
		curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &code);
		if (code == 550 || code == 553)
			return 1;
	}
	return target_put_done(t, j, easy, rc, err);
}

/* DELE or RMD by bare name from inside the parent directory. */
static int ftp_remove(struct target *t, const char *path, int is_dir, struct buf *err)
{
	struct buf dir = BUF_INIT, base = BUF_INIT, url = BUF_INIT, cmd = BUF_INIT;
	struct curl_slist *q = NULL;
	char errbuf[CURL_ERROR_SIZE];
	CURLcode rc;
	int ret = 0;

	split(path, &dir, &base);
	target_url(t, dir.ptr, &url);
	buf_printf(&cmd, "%s %s", is_dir ? "RMD" : "DELE", base.ptr);
	q = curl_slist_append(q, cmd.ptr);
	curl_easy_reset(t->easy);
	target_curl_common(t, t->easy, errbuf);
	curl_easy_setopt(t->easy, CURLOPT_URL, url.ptr);
	curl_easy_setopt(t->easy, CURLOPT_NOBODY, 1L);
	curl_easy_setopt(t->easy, CURLOPT_POSTQUOTE, q);
	curl_easy_setopt(t->easy, CURLOPT_FTP_CREATE_MISSING_DIRS, 0L);
	rc = target_easy_perform(t->easy, NULL);
	if (rc != CURLE_OK)
		ret = target_curl_error(t, t->easy, rc, errbuf, path, err);
	curl_slist_free_all(q);
	buf_free(&dir);
	buf_free(&base);
	buf_free(&url);
	buf_free(&cmd);
	return ret;
}

const struct target_ops target_ftp_ops = {
	.scheme = "ftp",
	.open = ftp_open,
	.list = ftp_list,
	.fetch = ftp_fetch,
	.put_setup = ftp_put_setup,
	.put_done = ftp_put_done,
	.remove = ftp_remove,
};
