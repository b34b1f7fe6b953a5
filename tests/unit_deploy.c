/* The deploy planner and the manifest: ordering, the deletion cap, the diff, parsing, the
 * SFTP packets gen encodes and the replies it decodes. */
#include <stdlib.h>
#include <string.h>

#include "deploy.h"
#include "manifest.h"
#include "sftpwire.h"
#include "target.h"
#include "unit.h"
#include "util.h"

#define H(c) c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c \
	     c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c

static void add(struct manifest *m, const char *path, long long size, const char *sha)
{
	manifest_add(m, path, size, sha);
}

static int index_of(const struct deploy_plan *p, const char *path)
{
	size_t i;

	for (i = 0; i < p->nputs; i++)
		if (!strcmp(p->puts[i].e->path, path))
			return (int)i;
	return -1;
}

static void test_waves(void)
{
	CHECK(deploy_wave("css/site.css", 2) == 0, "assets first");
	CHECK(deploy_wave("du-lieu/2025-10/diem.csv", 2) == 0, "data is an asset");
	CHECK(deploy_wave("co-quan/h01/index.html", 2) < deploy_wave("co-quan/index.html", 2),
	      "a leaf page before its section index");
	CHECK(deploy_wave("tin/bai.html", 2) < deploy_wave("tin/index.html", 2),
	      "a page before the index.html beside it");
	CHECK(deploy_wave("co-quan/index.html", 2) < deploy_wave("sitemap.xml", 2),
	      "pages before the sitemap");
	CHECK(deploy_wave("feed.xml", 2) < deploy_wave("index.html", 2), "feed before home");
	CHECK(deploy_wave("404.html", 2) < deploy_wave("index.html", 2), "home page last");
}

static void test_plan_order(void)
{
	struct manifest local, remote;
	struct deploy_opts o = { .max_deletes = 10 };
	struct deploy_plan p;
	struct buf err = BUF_INIT;
	int ok;

	manifest_init(&local);
	manifest_init(&remote);
	add(&local, "index.html", 10, H("a"));
	add(&local, "xep-hang/index.html", 10, H("a"));
	add(&local, "xep-hang/2025-10/index.html", 10, H("a"));
	add(&local, "charts/2025-10/a.png", 10, H("a"));
	add(&local, "sitemap.xml", 10, H("a"));
	add(&local, "same.css", 5, H("b"));
	add(&remote, "same.css", 5, H("b"));
	add(&remote, "index.html", 10, H("c"));
	add(&remote, "gone.html", 3, H("d"));
	manifest_sort(&local);
	manifest_sort(&remote);
	ok = deploy_plan_make(&p, &local, &remote, NULL, NULL, &o, &err) == 0;
	CHECK(ok, "plan made");
	CHECK(p.nputs == 5 && p.unchanged == 1, "unchanged file skipped, changed ones planned");
	CHECK(index_of(&p, "charts/2025-10/a.png") == 0, "chart first");
	CHECK(index_of(&p, "xep-hang/2025-10/index.html") < index_of(&p, "xep-hang/index.html"),
	      "month page before the section index");
	CHECK(index_of(&p, "xep-hang/index.html") < index_of(&p, "sitemap.xml"),
	      "section index before the sitemap");
	CHECK(index_of(&p, "index.html") == 4, "home page last");
	CHECK(p.deletes.n == 1 && !strcmp(p.deletes.v[0], "gone.html"), "gone file deleted");
	CHECK(p.puts[index_of(&p, "index.html")].exists, "home known to exist remotely");
	CHECK(p.put_bytes == 50, "bytes counted");
	deploy_plan_free(&p);
	manifest_free(&local);
	manifest_free(&remote);
	buf_free(&err);
}

static void test_cap(void)
{
	struct manifest local, remote;
	struct deploy_opts o = { .max_deletes = 2 };
	struct deploy_plan p;
	struct buf err = BUF_INIT;

	manifest_init(&local);
	manifest_init(&remote);
	add(&local, "index.html", 1, H("a"));
	add(&remote, "a.html", 1, H("a"));
	add(&remote, "b.html", 1, H("a"));
	add(&remote, "c.html", 1, H("a"));
	manifest_sort(&remote);
	CHECK(deploy_plan_make(&p, &local, &remote, NULL, NULL, &o, &err) < 0,
	      "three deletions refused with max_deletes = 2");
	CHECK(strstr(err.ptr, "max_deletes = 2") != NULL, "the error names the cap");
	o.max_deletes = 3;
	CHECK(deploy_plan_make(&p, &local, &remote, NULL, NULL, &o, &err) == 0 &&
	      p.deletes.n == 3, "three deletions allowed with max_deletes = 3");
	deploy_plan_free(&p);
	o.max_deletes = 0;
	o.force = 1;
	CHECK(deploy_plan_make(&p, &local, &remote, NULL, NULL, &o, &err) == 0,
	      "--force lifts the cap");
	deploy_plan_free(&p);
	manifest_free(&local);
	manifest_free(&remote);
	buf_free(&err);
}

static void test_listing(void)
{
	struct manifest local, remote, files, dirs;
	struct deploy_opts o = { .max_deletes = 10 };
	struct deploy_plan p;
	struct buf err = BUF_INIT;

	manifest_init(&local); manifest_init(&remote); manifest_init(&files); manifest_init(&dirs);
	add(&local, "new/page.html", 1, H("a"));
	add(&remote, "old/x.html", 1, H("a"));
	add(&files, "old/x.html", 1, NULL);
	add(&files, "old/.gen-tmp.y.html", 1, NULL);
	add(&files, "new/.gen-tmp.page.html", 1, NULL);  /* reused by this run's upload */
	add(&files, "theirs.txt", 1, NULL);
	add(&files, ".gen-manifest", 1, NULL);
	add(&dirs, "old", 0, NULL);
	manifest_sort(&local); manifest_sort(&remote); manifest_sort(&files); manifest_sort(&dirs);
	CHECK(deploy_plan_make(&p, &local, &remote, &files, &dirs, &o, &err) == 0, "plan made");
	CHECK(p.deletes.n == 1, "only files gen put there are deleted");
	CHECK(p.cleanup.n == 1 && !strcmp(p.cleanup.v[0], "old/.gen-tmp.y.html"),
	      "a leftover temporary upload is cleaned up, one this run reuses is not");
	CHECK(p.rmdirs.n == 1 && !strcmp(p.rmdirs.v[0], "old"), "the emptied directory goes");
	CHECK(p.mkdirs.n == 1 && !strcmp(p.mkdirs.v[0], "new"), "the new directory is made");
	CHECK(p.nputs == 1 && !p.puts[0].exists, "a new file is known not to exist remotely");
	CHECK(p.extra.n == 1 && !strcmp(p.extra.v[0], "theirs.txt"), "a foreign file is extra");
	deploy_plan_free(&p);
	manifest_free(&local); manifest_free(&remote); manifest_free(&files); manifest_free(&dirs);
	buf_free(&err);
}

/* --verify --content: a listed file whose downloaded bytes hash differently is different
 * and, with --force, uploaded again, though the remote manifest claims it is current. */
static void test_content(void)
{
	struct manifest local, remote, files;
	struct deploy_opts o = { .max_deletes = 10, .verify = 1, .content = 1 };
	struct deploy_plan p;
	struct buf err = BUF_INIT;

	manifest_init(&local); manifest_init(&remote); manifest_init(&files);
	add(&local, "a.css", 3, H("a"));
	add(&local, "b.css", 3, H("a"));
	add(&local, "c.css", 3, H("a"));
	add(&local, "d.css", 3, H("a"));
	add(&remote, "a.css", 3, H("a"));
	add(&remote, "b.css", 3, H("a"));
	add(&remote, "c.css", 3, H("a"));
	add(&remote, "d.css", 3, H("a"));
	add(&files, "a.css", 3, H("b"));  /* same size, other bytes */
	add(&files, "b.css", 3, H("a"));  /* hashed, equal */
	add(&files, "c.css", 3, NULL);    /* not hashed: the size is all there is */
	add(&files, "d.css", 4, NULL);    /* grown */
	manifest_sort(&local); manifest_sort(&remote); manifest_sort(&files);
	CHECK(deploy_plan_make(&p, &local, &remote, &files, NULL, &o, &err) == 0, "plan made");
	CHECK(p.different.n == 2 && !strcmp(p.different.v[0], "a.css") &&
	      !strcmp(p.different.v[1], "d.css"), "other bytes or another size: different");
	CHECK(p.nputs == 2 && index_of(&p, "a.css") >= 0 && index_of(&p, "d.css") >= 0,
	      "the repair uploads exactly the different files");
	CHECK(p.puts[0].exists && p.puts[1].exists, "they replace files that exist");
	deploy_plan_free(&p);
	manifest_free(&local); manifest_free(&remote); manifest_free(&files);
	buf_free(&err);
}

/* What a user reads for a full disk or quota, whatever the server's dialect. */
static void test_full_errors(void)
{
	struct target t = { .url = (char *)"s3://b/p/", .scheme = (char *)"s3" };
	struct buf err = BUF_INIT;

	target_http_error(&t, 507, "", "a.css", &err);
	CHECK(strstr(err.ptr, "disk is full or the quota is used up") != NULL, "WebDAV 507");
	target_http_error(&t, 507, "<Error><Code>XMinioStorageFull</Code><Message>Storage "
			  "backend has reached its minimum free drive threshold.</Message></Error>",
			  "a.css", &err);
	CHECK(strstr(err.ptr, "disk is full") && strstr(err.ptr, "XMinioStorageFull"),
	      "MinIO's full storage");
	target_http_error(&t, 403, "<Error><Code>QuotaExceeded</Code></Error>", "a.css", &err);
	CHECK(strstr(err.ptr, "quota is used up") != NULL, "Ceph's quota (a 403)");
	target_http_error(&t, 413, "", "a.css", &err);
	CHECK(strstr(err.ptr, "size limit") && !strstr(err.ptr, "disk"),
	      "413 is a size limit, not a full disk");
	buf_free(&err);
}

static void test_manifest_text(void)
{
	struct manifest m, back;
	struct buf text = BUF_INIT, err = BUF_INIT;

	manifest_init(&m);
	manifest_init(&back);
	add(&m, "b/c d.html", 12, H("1"));
	add(&m, "a.css", 0, H("2"));
	manifest_sort(&m);
	manifest_format(&m, &text);
	CHECK(strstr(text.ptr, H("2") " 0 a.css\n" H("1") " 12 b/c d.html\n") != NULL,
	      "sorted lines: hash, size, path (spaces kept)");
	CHECK(manifest_parse(&back, text.ptr, text.len, "t", &err) == 0 &&
	      manifest_equal(&m, &back), "the text form reads back equal");
	manifest_free(&back);
	CHECK(manifest_parse(&back, "zz 1 a\n", 7, "t", &err) < 0 && strstr(err.ptr, "t:1:"),
	      "a bad line is refused with its line number");
	manifest_free(&back);
	CHECK(manifest_is_internal("a/.gen-tmp.x.html") && manifest_is_internal(".gen-manifest") &&
	      !manifest_is_internal("a/gen-manifest"), "internal names recognised");
	manifest_free(&m);
	buf_free(&text);
	buf_free(&err);
}

/* AWS's published SigV4 test suite (aws-sig-v4-test-suite): "get-vanilla" and
 * "get-vanilla-query-order-key-case", credentials AKIDEXAMPLE, 2015-08-30T12:36:00Z. */
static void test_sigv4(void)
{
	static const struct s3_header h[] = {
		{ "x-amz-date", "20150830T123600Z" }, { "host", "example.amazonaws.com" },
	};
	static const char secret[] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
	struct buf auth = BUF_INIT, enc = BUF_INIT;
	char empty[65];

	sha256_hex("", 0, empty);
	target_s3_sign("GET", "/", "", h, 2, empty, "20150830T123600Z", "us-east-1", "service",
		       "AKIDEXAMPLE", secret, &auth);
	CHECK_STR(auth.ptr, "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/"
		  "aws4_request, SignedHeaders=host;x-amz-date, Signature="
		  "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
		  "SigV4 get-vanilla");
	target_s3_sign("GET", "/", "Param1=value1&Param2=value2", h, 2, empty, "20150830T123600Z",
		       "us-east-1", "service", "AKIDEXAMPLE", secret, &auth);
	CHECK(strstr(auth.ptr, "Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219e"
		     "c94cdf2500") != NULL, "SigV4 get-vanilla-query-order-key-case");
	target_s3_encode("du-lieu/ghi chú.txt", 1, &enc);
	CHECK_STR(enc.ptr, "du-lieu/ghi%20ch%C3%BA.txt", "S3 key encoding keeps / and encodes UTF-8");
	buf_free(&auth);
	buf_free(&enc);
}

static void test_links(void)
{
	static const char html[] = "<a href=\"/xep-hang/2025-11/\">x</a> <img src='../a%20b.png'>"
		"<a href=\"https://x.vn/\">y</a><a href=\"#top\">t</a><a href=\"c.html?x=1#y\">"
		"<a href=\"mailto:a@b\">m</a><link href=\"//cdn/x.css\">";
	struct strlist l = { 0 };
	struct manifest local, remote;
	struct deploy_opts o = { .max_deletes = 10 };
	struct deploy_plan p;
	struct buf err = BUF_INIT;
	struct deploy_link links[] = {
		{ "co-quan/h01/index.html", "xep-hang/2025-11/index.html" },  /* new target */
		{ "xep-hang/2025-11/index.html", "co-quan/h02/index.html" },   /* new target */
		{ "co-quan/h02/index.html", "co-quan/h01/index.html" },        /* exists: no wait */
	};

	deploy_page_links(html, strlen(html), "co-quan/h01/index.html", &l);
	CHECK(l.n == 3, "three links to files of the build (other sites, fragments, mail skipped)");
	CHECK(l.n == 3 && !strcmp(l.v[0], "xep-hang/2025-11/index.html"), "dir/ is dir/index.html");
	CHECK(l.n == 3 && !strcmp(l.v[1], "co-quan/a b.png"), "../ resolved, %%20 decoded");
	CHECK(l.n == 3 && !strcmp(l.v[2], "co-quan/h01/c.html"), "query and fragment dropped");
	strlist_free(&l);

	manifest_init(&local);
	manifest_init(&remote);
	add(&local, "co-quan/h01/index.html", 1, H("1"));
	add(&local, "co-quan/h02/index.html", 1, H("1"));
	add(&local, "xep-hang/2025-11/index.html", 1, H("1"));
	add(&local, "index.html", 1, H("1"));
	add(&local, "sitemap.xml", 1, H("1"));
	add(&remote, "co-quan/h01/index.html", 1, H("0"));
	manifest_sort(&local);
	manifest_sort(&remote);
	deploy_plan_make(&p, &local, &remote, NULL, NULL, &o, &err);
	deploy_plan_links(&p, links, 3);
	CHECK(p.puts[index_of(&p, "co-quan/h02/index.html")].wave <
	      p.puts[index_of(&p, "xep-hang/2025-11/index.html")].wave &&
	      p.puts[index_of(&p, "xep-hang/2025-11/index.html")].wave <
	      p.puts[index_of(&p, "co-quan/h01/index.html")].wave,
	      "a live page waits for the new page it links to, which waits for its own");
	CHECK(index_of(&p, "sitemap.xml") == 3 && index_of(&p, "index.html") == 4,
	      "listings and the home page stay last");
	deploy_plan_free(&p);
	manifest_free(&local);
	manifest_free(&remote);
	buf_free(&err);
}

static void test_parsers(void)
{
	static const char xml[] = "<?xml version=\"1.0\"?><D:multistatus xmlns:D=\"DAV:\">"
		"<D:response><D:href>/site/a%20b/</D:href><D:propstat><D:prop><D:resourcetype>"
		"<D:collection/></D:resourcetype></D:prop></D:propstat></D:response>"
		"<D:response><D:href>/site/x.csv</D:href><D:getcontentlength>42"
		"</D:getcontentlength></D:response></D:multistatus>";
	static const char s3[] = "<ListBucketResult><Contents><Key>p/R&amp;D.html</Key>"
		"<Size>7</Size></Contents><IsTruncated>false</IsTruncated></ListBucketResult>";
	struct buf name = BUF_INIT, text = BUF_INIT;
	long long size = 0;
	int dir = 0;
	size_t st, en;

	CHECK(target_parse_ls("-rw-r--r--    1 999      995         1234 Nov 22 05:20 ghi chú.txt",
			      &name, &size, &dir) == 0 && !strcmp(name.ptr, "ghi chú.txt") &&
	      size == 1234 && !dir, "ls line: size and a name with a space");
	CHECK(target_parse_ls("drwxr-xr-x    2 u g 4096 Jan  1  2025 charts", &name, &size, &dir) == 0 &&
	      dir && !strcmp(name.ptr, "charts"), "ls line: a directory, year form");
	CHECK(target_parse_ls("total 12", &name, &size, &dir) < 0 &&
	      target_parse_ls("lrwxrwxrwx 1 u g 4 Jan 1 2025 l -> x", &name, &size, &dir) < 0 &&
	      target_parse_ls("drwxr-xr-x 2 u g 4096 Jan 1 2025 ..", &name, &size, &dir) < 0,
	      "ls line: total, links, . and .. skipped");
	CHECK(target_xml_next(xml, strlen(xml), 0, "response", &st, &en) &&
	      target_xml_next(xml + st, en - st, 0, "collection", &st, &en),
	      "XML: the first response is a collection, any namespace prefix");
	CHECK(target_xml_text(xml, strlen(xml), "getcontentlength", &text) &&
	      !strcmp(text.ptr, "42"), "XML: element text");
	CHECK(target_xml_text(s3, strlen(s3), "Key", &text) && !strcmp(text.ptr, "p/R&D.html"),
	      "XML: entities decoded");
	CHECK(!target_xml_text(s3, strlen(s3), "NextContinuationToken", &text),
	      "XML: an absent element");
	CHECK(!strcmp(target_content_type("a/b.CSS"), "text/css; charset=utf-8") &&
	      !strcmp(target_content_type("feed.xml"), "application/atom+xml") &&
	      !strcmp(target_content_type("x.bin"), "application/octet-stream"),
	      "Content-Type by extension");
	buf_free(&name);
	buf_free(&text);
}

/* A reply packet: length, then the bytes given (type first). */
static size_t pkt(unsigned char *out, const char *body, size_t n)
{
	out[0] = (unsigned char)(n >> 24);
	out[1] = (unsigned char)(n >> 16);
	out[2] = (unsigned char)(n >> 8);
	out[3] = (unsigned char)n;
	memcpy(out + 4, body, n);
	return n + 4;
}

#define PKT(out, lit) pkt(out, lit, sizeof lit - 1)

static void test_sftp_encode(void)
{
	struct buf b = BUF_INIT;
	static const char want_rename[] =
		"\0\0\0\x2b\xc8\0\0\0\x07" "\0\0\0\x18posix-rename@openssh.com"
		"\0\0\0\x01" "a" "\0\0\0\x01" "b";

	sftpwire_init(&b);
	CHECK(b.len == 9 && !memcmp(b.ptr, "\0\0\0\x05\x01\0\0\0\x03", 9), "SFTP: INIT version 3");
	buf_reset(&b);
	sftpwire_posix_rename(&b, 7, "a", "b");
	CHECK(b.len == sizeof want_rename - 1 && !memcmp(b.ptr, want_rename, b.len),
	      "SFTP: posix-rename as an EXTENDED request with id, name, old, new");
	buf_reset(&b);
	sftpwire_rename(&b, 0x01020304, "/x", "/y");
	CHECK(b.len == 21 && b.ptr[4] == SFTPWIRE_RENAME && !memcmp(b.ptr + 5, "\1\2\3\4", 4) &&
	      !memcmp(b.ptr + 9, "\0\0\0\x02/x\0\0\0\x02/y", 12), "SFTP: RENAME, id big-endian");
	buf_reset(&b);
	sftpwire_remove(&b, 1, "/x");
	sftpwire_lstat(&b, 2, "/y");
	CHECK(b.len == 30 && b.ptr[4] == SFTPWIRE_REMOVE && b.ptr[19] == SFTPWIRE_LSTAT,
	      "SFTP: REMOVE then LSTAT appended to one buffer");
	buf_free(&b);
}

static void test_sftp_frame(void)
{
	struct buf err = BUF_INIT;
	unsigned char p[16] = { 0, 0, 0, 5, 101, 0, 0, 0, 1 };
	unsigned char huge[4] = { 0, 0x10, 0, 0 }, zero[4] = { 0 };
	size_t len = 0;

	CHECK(sftpwire_frame(p, 3, &len, &err) == 0, "SFTP frame: 3 bytes need more");
	CHECK(sftpwire_frame(p, 8, &len, &err) == 0 && len == 9, "SFTP frame: a partial packet");
	CHECK(sftpwire_frame(p, 12, &len, &err) == 1 && len == 9,
	      "SFTP frame: a whole packet with more behind it");
	CHECK(sftpwire_frame(huge, 4, &len, &err) < 0 && strstr(err.ptr, "1048576"),
	      "SFTP frame: a 1 MiB length is refused before reading it");
	CHECK(sftpwire_frame(zero, 4, &len, &err) < 0, "SFTP frame: an empty packet is refused");
	buf_free(&err);
}

static void test_sftp_parse(void)
{
	struct buf err = BUF_INIT;
	struct sftpwire_reply r;
	unsigned char p[512];
	size_t n;
	char longmsg[300];

	n = PKT(p, "\x02\0\0\0\x03" "\0\0\0\x18posix-rename@openssh.com\0\0\0\x01" "1"
		   "\0\0\0\x13statvfs@openssh.com\0\0\0\x01" "2");
	CHECK(sftpwire_parse(p, n, &r, &err) == 0 && r.type == SFTPWIRE_VERSION &&
	      r.version == 3 && r.posix_rename, "SFTP VERSION: posix-rename 1 offered");
	n = PKT(p, "\x02\0\0\0\x03" "\0\0\0\x18posix-rename@openssh.com\0\0\0\x01" "2");
	CHECK(sftpwire_parse(p, n, &r, &err) == 0 && !r.posix_rename,
	      "SFTP VERSION: another version of posix-rename is not taken");
	n = PKT(p, "\x02\0\0\0\x03");
	CHECK(sftpwire_parse(p, n, &r, &err) == 0 && !r.posix_rename,
	      "SFTP VERSION: no extensions");
	n = PKT(p, "\x02\0\0\0\x03" "\0\0\0\x18posix-rename@openssh.com\0\0\0\x09" "1");
	CHECK(sftpwire_parse(p, n, &r, &err) < 0, "SFTP VERSION: a string longer than the packet");
	n = PKT(p, "\x02\0\0\0\x03" "\0\0\0\x18posix-rename@openssh.com");
	CHECK(sftpwire_parse(p, n, &r, &err) < 0, "SFTP VERSION: an extension without data");
	n = PKT(p, "\x65\0\0\0\x2a\0\0\0\x03\0\0\0\x11Permission denied\0\0\0\0");
	CHECK(sftpwire_parse(p, n, &r, &err) == 0 && r.type == SFTPWIRE_STATUS && r.id == 42 &&
	      r.status == SFTPWIRE_PERMISSION_DENIED && !strcmp(r.msg, "Permission denied"),
	      "SFTP STATUS: id, code, message");
	n = PKT(p, "\x65\0\0\0\x01\0\0\0\0");
	CHECK(sftpwire_parse(p, n, &r, &err) == 0 && r.status == 0 && !r.msg[0],
	      "SFTP STATUS: no message (older servers)");
	n = PKT(p, "\x65\0\0\0\x01\0\0");
	CHECK(sftpwire_parse(p, n, &r, &err) < 0, "SFTP STATUS: a truncated code");
	n = PKT(p, "\x65\0\0\0\x01\0\0\0\x04\xff\xff\xff\xf0" "abc");
	CHECK(sftpwire_parse(p, n, &r, &err) < 0, "SFTP STATUS: a message length near 4 GiB");
	n = PKT(p, "\x65\0\0\0\x01\0\0\0\x04\0\0\0\x05" "a\nb\x1b" "c");
	CHECK(sftpwire_parse(p, n, &r, &err) == 0 && !strcmp(r.msg, "abc"),
	      "SFTP STATUS: control characters dropped from the message");
	memcpy(p, "\0\0\x01\x19\x65\0\0\0\x01\0\0\0\x04\0\0\x01\x0c", 17);
	memset(longmsg, 'x', sizeof longmsg);
	memcpy(p + 17, longmsg, 268);
	CHECK(sftpwire_parse(p, 285, &r, &err) == 0 && strlen(r.msg) == sizeof r.msg - 1,
	      "SFTP STATUS: a long message is cut to fit");
	n = PKT(p, "\x69\0\0\0\x02\0\0\0\x01\0\0\0\0\0\x04\0\0");
	CHECK(sftpwire_parse(p, n, &r, &err) == 0 && r.type == SFTPWIRE_ATTRS && r.id == 2 &&
	      r.size == 262144, "SFTP ATTRS: the size");
	n = PKT(p, "\x69\0\0\0\x02\0\0\0\x0c\0\0\0\0");
	CHECK(sftpwire_parse(p, n, &r, &err) == 0 && r.size == -1, "SFTP ATTRS: no size given");
	n = PKT(p, "\x69\0\0\0\x02\0\0\0\x01\0\0\0");
	CHECK(sftpwire_parse(p, n, &r, &err) < 0, "SFTP ATTRS: a truncated size");
	n = PKT(p, "\x69\0\0\0\x02\0\0\0\x01\x80\0\0\0\0\0\0\0");
	CHECK(sftpwire_parse(p, n, &r, &err) < 0, "SFTP ATTRS: a negative size is refused");
	n = PKT(p, "\x65\0\0\0\x01\0\0\0\0");
	CHECK(sftpwire_parse(p, n - 1, &r, &err) < 0 && sftpwire_parse(p, 4, &r, &err) < 0,
	      "SFTP: a packet shorter than its length field says");
	n = PKT(p, "\x67\0\0\0\x05");
	CHECK(sftpwire_parse(p, n, &r, &err) == 0 && r.type == 103 && r.id == 5,
	      "SFTP: another reply type keeps type and id");
	CHECK(!strcmp(sftpwire_status_text(SFTPWIRE_NO_SUCH_FILE), "no such file") &&
	      !strcmp(sftpwire_status_text(99), "unknown status"), "SFTP status texts");
	buf_free(&err);
}

int main(void)
{
	test_sftp_encode();
	test_sftp_frame();
	test_sftp_parse();
	test_parsers();
	test_links();
	test_sigv4();
	test_waves();
	test_plan_order();
	test_cap();
	test_listing();
	test_content();
	test_full_errors();
	test_manifest_text();
	return UNIT_DONE();
}
