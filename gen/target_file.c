/* target_file: a directory on this machine (file:///path), e.g. a web server's document root
 * on the same host. Copies go to a temporary name in the same directory, are fsync'd, then
 * renamed, so a reader sees the old file or the new one. */
#include "target.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

static int file_open(struct target *t, struct buf *err)
{
	if (strcmp(t->host, "") && strcmp(t->host, "localhost"))
		return err_set(err, "[deploy] url \"%s\": file:// names this machine; expected "
			       "file:///path", t->cfg->deploy_url);
	return mkdir_p(t->root, err);
}

static int walk(const char *root, const char *rel, struct manifest *files,
		struct manifest *dirs, struct buf *err)
{
	struct buf full = BUF_INIT, sub = BUF_INIT;
	struct dirent *de;
	DIR *d;
	int rc = -1;

	buf_printf(&full, "%s%s", root, rel);
	d = opendir(full.ptr);
	if (!d) {
		err_set(err, "%s: cannot read directory: %s", full.ptr, strerror(errno));
		goto out;
	}
	while ((de = readdir(d))) {
		struct stat st;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		buf_reset(&sub);
		buf_printf(&sub, "%s%s%s", rel, *rel ? "/" : "", de->d_name);
		buf_reset(&full);
		buf_printf(&full, "%s%s", root, sub.ptr);
		if (lstat(full.ptr, &st) < 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			manifest_add(dirs, sub.ptr, 0, NULL);
			if (walk(root, sub.ptr, files, dirs, err) < 0)
				goto out;
		} else if (S_ISREG(st.st_mode)) {
			manifest_add(files, sub.ptr, (long long)st.st_size, NULL);
		}
	}
	rc = 0;
out:
	if (d)
		closedir(d);
	buf_free(&full);
	buf_free(&sub);
	return rc;
}

static int file_list(struct target *t, struct manifest *files, struct manifest *dirs,
		     struct buf *err)
{
	return walk(t->root, "", files, dirs, err);
}

static int file_fetch(struct target *t, const char *path, struct buf *out, int *missing,
		      struct buf *err)
{
	struct buf full = BUF_INIT;
	int rc;

	buf_printf(&full, "%s%s", t->root, path);
	*missing = !file_exists(full.ptr);
	rc = *missing ? 0 : file_read(full.ptr, out, 64 << 20, err);
	buf_free(&full);
	return rc;
}

static int copy_fd(int in, int out)
{
	char chunk[65536];
	ssize_t n;

	while ((n = read(in, chunk, sizeof chunk)) > 0) {
		char *p = chunk;

		while (n > 0) {
			ssize_t w = write(out, p, (size_t)n);

			if (w < 0 && errno == EINTR)
				continue;
			if (w < 0)
				return -1;
			p += w;
			n -= w;
		}
	}
	return n < 0 ? -1 : 0;
}

static int file_put(struct target *t, struct put_job *j, struct buf *err)
{
	struct buf dst = BUF_INIT, tmp = BUF_INIT;
	const char *slash = strrchr(j->path, '/');
	int in = -1, out = -1, rc = -1;

	buf_printf(&dst, "%s%s", t->root, j->path);
	buf_printf(&tmp, "%s%.*s%s%s", t->root, slash ? (int)(slash - j->path + 1) : 0, j->path,
		   MANIFEST_TMP_PREFIX, slash ? slash + 1 : j->path);
	if (mkdir_parents(dst.ptr, err) < 0)
		goto out;
	in = open(j->local, O_RDONLY | O_CLOEXEC);
	if (in < 0) {
		err_set(err, "%s: cannot open: %s", j->local, strerror(errno));
		goto out;
	}
	out = open(tmp.ptr, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (out < 0 || copy_fd(in, out) < 0 || fsync(out) < 0) {
		err_set(err, "%s: cannot write: %s%s", tmp.ptr, strerror(errno),
			errno == ENOSPC || errno == EDQUOT ? " (disk full)" : "");
		goto out;
	}
	if (close(out) < 0) {
		out = -1;
		err_set(err, "%s: cannot write: %s", tmp.ptr, strerror(errno));
		goto out;
	}
	out = -1;
	if (rename(tmp.ptr, dst.ptr) < 0) {
		err_set(err, "%s: cannot rename into place: %s", dst.ptr, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
	if (rc)
		unlink(tmp.ptr);
	buf_free(&dst);
	buf_free(&tmp);
	return rc;
}

static int file_remove(struct target *t, const char *path, int is_dir, struct buf *err)
{
	struct buf full = BUF_INIT;
	int rc = 0;

	buf_printf(&full, "%s%s", t->root, path);
	if ((is_dir ? rmdir(full.ptr) : unlink(full.ptr)) < 0 && errno != ENOENT)
		rc = err_set(err, "%s: cannot delete: %s", full.ptr, strerror(errno));
	buf_free(&full);
	return rc;
}

const struct target_ops target_file_ops = {
	.scheme = "file",
	.open = file_open,
	.list = file_list,
	.fetch = file_fetch,
	.put_sync = file_put,
	.remove = file_remove,
};
