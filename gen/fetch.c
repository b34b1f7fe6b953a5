#include "fetch.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>

#include "run.h"
#include "util.h"

struct sink {
	struct buf *b;
	int too_big;
};

static size_t on_data(char *p, size_t size, size_t n, void *data)
{
	struct sink *s = data;

	if (buf_add_capped(s->b, p, size * n) < 0) {
		s->too_big = 1;
		return 0;
	}
	return size * n;
}

/* As the curl tool does: CURL_CA_BUNDLE, then SSL_CERT_FILE, name a private CA bundle. */
static void set_ca(CURL *c)
{
	const char *ca = getenv("CURL_CA_BUNDLE");

	if (!ca || !*ca)
		ca = getenv("SSL_CERT_FILE");
	if (ca && *ca)
		curl_easy_setopt(c, CURLOPT_CAINFO, ca);
}

static CURL *setup(const struct fetch_req *req, struct sink *sink, struct curl_slist **hdrs,
		   char *errbuf)
{
	CURL *c = curl_easy_init();
	size_t i;

	if (!c)
		die("curl_easy_init failed");
	curl_easy_setopt(c, CURLOPT_URL, req->url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "file,http,https");
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, req->connect_timeout);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, req->timeout);
	curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)req->max_bytes);
	curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(c, CURLOPT_USERAGENT, "gen/" GEN_VERSION);
	curl_easy_setopt(c, CURLOPT_NETRC, (long)CURL_NETRC_OPTIONAL);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, sink);
	set_ca(c);
	if (!strcmp(req->method, "POST")) {
		curl_easy_setopt(c, CURLOPT_POST, 1L);
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, req->body ? req->body : "");
	}
	for (i = 0; i < req->nheaders; i++)
		*hdrs = curl_slist_append(*hdrs, req->headers[i]);
	if (*hdrs)
		curl_easy_setopt(c, CURLOPT_HTTPHEADER, *hdrs);
	return c;
}

static int retryable(CURLcode rc, long status)
{
	switch (rc) {
	case CURLE_OK:
		return status >= 500;
	case CURLE_COULDNT_CONNECT: case CURLE_OPERATION_TIMEDOUT: case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR: case CURLE_PARTIAL_FILE: case CURLE_GOT_NOTHING:
	case CURLE_COULDNT_RESOLVE_HOST: case CURLE_SSL_CONNECT_ERROR:
		return 1;
	default:
		return 0;
	}
}

/* What to do about a failure, in the administrator's words. */
static const char *advice(CURLcode rc)
{
	switch (rc) {
	case CURLE_OPERATION_TIMEDOUT:
		return "the server is too slow or unreachable; try later, or raise the source's "
		       "timeout";
	case CURLE_PEER_FAILED_VERIFICATION: case CURLE_SSL_CACERT_BADFILE:
		return "the server's certificate does not verify; gen never disables the check "
		       "(a private CA can be named with CURL_CA_BUNDLE)";
	case CURLE_UNSUPPORTED_PROTOCOL:
		return "only file:, http: and https: are fetched, and redirects only to http(s)";
	case CURLE_FILE_COULDNT_READ_FILE:
		return "check the path in the source's url";
	case CURLE_FILESIZE_EXCEEDED: case CURLE_WRITE_ERROR:
		return "the answer is larger than the source's max_size (megabytes)";
	case CURLE_COULDNT_RESOLVE_HOST:
		return "check the host name and the network";
	case CURLE_PARTIAL_FILE: case CURLE_RECV_ERROR: case CURLE_GOT_NOTHING:
		return "the connection broke before the answer was complete; try again later";
	default:
		return "check the source's url and the network";
	}
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) != 0)
		;
}

static CURLcode attempt(const struct fetch_req *req, struct fetch_res *res, char *errbuf,
			int *too_big)
{
	struct curl_slist *hdrs = NULL;
	struct sink sink = { &res->body, 0 };
	CURL *c;
	CURLcode rc;

	buf_reset(&res->body);
	res->body.max = (size_t)req->max_bytes;
	errbuf[0] = '\0';
	c = setup(req, &sink, &hdrs, errbuf);
	rc = curl_easy_perform(c);
	res->status = 0;
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &res->status);
	*too_big = sink.too_big;
	curl_easy_cleanup(c);
	curl_slist_free_all(hdrs);
	return rc;
}

int fetch_url(const struct fetch_req *req, struct fetch_res *res, struct buf *err)
{
	char errbuf[CURL_ERROR_SIZE];
	CURLcode rc;
	long wait = req->retry_wait_ms;
	int too_big = 0, http = !strncmp(req->url, "http", 4);
	time_t now;

	for (res->attempts = 1; ; res->attempts++) {
		rc = attempt(req, res, errbuf, &too_big);
		if (!retryable(rc, http ? res->status : 0) || res->attempts > req->retries)
			break;
		sleep_ms(wait);
		wait *= 2;
	}
	now = time(NULL);
	strftime(res->fetched_at, sizeof res->fetched_at, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
	if (too_big) {       /* curl calls it "Failure writing output": say what it is */
		rc = CURLE_FILESIZE_EXCEEDED;
		errbuf[0] = '\0';
	}
	if (rc != CURLE_OK)
		return err_set(err, "%s: %s (after %d attempt%s): %s", req->url,
			       errbuf[0] ? errbuf : curl_easy_strerror(rc), res->attempts,
			       res->attempts > 1 ? "s" : "", advice(rc));
	if (http && (res->status < 200 || res->status > 299))
		return err_set(err, "%s: the server answered HTTP %ld (after %d attempt%s): %s",
			       req->url, res->status, res->attempts, res->attempts > 1 ? "s" : "",
			       res->status >= 500 ? "the server failed; try again later" :
			       res->status == 401 || res->status == 403 ?
			       "access refused; check the credentials in ~/.netrc or the headers" :
			       "check the source's url, method and body");
	return 0;
}

void fetch_res_free(struct fetch_res *res)
{
	if (res)
		buf_free(&res->body);
}
