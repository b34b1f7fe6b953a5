#!/usr/bin/env python3
"""A SigV4-checking front for s3rver (which accepts any signature, or none): every request
must carry an AWS Signature Version 4 that this independent implementation (Python's hmac
and hashlib) recomputes with the one known key pair, a payload hash equal to the body's
SHA-256, and a date within 15 minutes; otherwise 403 with S3's error XML, as AWS answers.
Good requests are forwarded, unsigned, to s3rver. Listens on 127.0.0.1 only.
  s3_sigv4_proxy.py PORT UPSTREAM_PORT KEY_ID SECRET LOGFILE"""
import datetime, hashlib, hmac, http.client, http.server, re, sys, urllib.parse

PORT, UPSTREAM, KEY_ID, SECRET, LOG = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], \
    sys.argv[4], sys.argv[5]

def enc(s, safe):
    return urllib.parse.quote(s, safe=safe)

def canonical_uri(path):
    return "/".join(enc(urllib.parse.unquote(seg), "-_.~") for seg in path.split("/")) or "/"

def canonical_query(q):
    pairs = urllib.parse.parse_qsl(q, keep_blank_values=True)
    return "&".join(f"{enc(k, '-_.~')}={enc(v, '-_.~')}" for k, v in sorted(pairs))

def hm(key, msg):
    return hmac.new(key, msg.encode(), hashlib.sha256).digest()

def expected(method, path, query, headers, signed, payload, amz_date, scope):
    creq = "\n".join([method, canonical_uri(path), canonical_query(query)] +
                     [f"{h}:{' '.join(headers.get(h, '').split())}" for h in signed] +
                     ["", ";".join(signed), payload])
    date, region, service, _ = scope.split("/")
    sts = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope,
                     hashlib.sha256(creq.encode()).hexdigest()])
    k = hm(hm(hm(hm(("AWS4" + SECRET).encode(), date), region), service), "aws4_request")
    return hmac.new(k, sts.encode(), hashlib.sha256).hexdigest()

class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def refuse(self, code, message):
        body = (f'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>{code}</Code>'
                f'<Message>{message}</Message></Error>').encode()
        self.send_response(403)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        with open(LOG, "a") as f:
            f.write(f"REFUSED {self.command} {self.path} {code}\n")

    def check(self, body):
        h = {k.lower(): v for k, v in self.headers.items()}
        m = re.match(r"AWS4-HMAC-SHA256 Credential=([^/]+)/(\d{8}/[^/]+/s3/aws4_request), "
                     r"SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$",
                     h.get("authorization", ""))
        if not m:
            return "AccessDenied", "no or malformed AWS4-HMAC-SHA256 Authorization"
        key_id, scope, signed, sig = m.groups()
        signed = signed.split(";")
        if key_id != KEY_ID:
            return "InvalidAccessKeyId", "unknown access key"
        if "host" not in signed or "x-amz-date" not in signed:
            return "AccessDenied", "host and x-amz-date must be signed"
        payload = h.get("x-amz-content-sha256", "")
        if payload != hashlib.sha256(body).hexdigest():
            return "XAmzContentSHA256Mismatch", "payload hash does not match the body"
        amz_date = h.get("x-amz-date", "")
        try:
            t = datetime.datetime.strptime(amz_date, "%Y%m%dT%H%M%SZ").replace(
                tzinfo=datetime.timezone.utc)
        except ValueError:
            return "AccessDenied", "bad x-amz-date"
        if abs((datetime.datetime.now(datetime.timezone.utc) - t).total_seconds()) > 900:
            return "RequestTimeTooSkewed", "clock skew"
        if not scope.startswith(amz_date[:8]):
            return "AccessDenied", "credential date differs from x-amz-date"
        path, _, query = self.path.partition("?")
        want = expected(self.command, path, query, h, signed, payload, amz_date, scope)
        if not hmac.compare_digest(want, sig):
            return "SignatureDoesNotMatch", "the signature does not match"
        return None

    def handle_any(self):
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n) if n else b""
        bad = self.check(body)
        if bad:
            return self.refuse(*bad)
        with open(LOG, "a") as f:
            f.write(f"{self.command} {self.path}\n")
        conn = http.client.HTTPConnection("127.0.0.1", UPSTREAM, timeout=30)
        fwd = {k: v for k, v in self.headers.items()
               if k.lower() not in ("authorization", "x-amz-content-sha256", "x-amz-date",
                                    "x-amz-security-token", "host", "expect")}
        conn.request(self.command, self.path, body=body, headers=fwd)
        r = conn.getresponse()
        data = r.read()
        self.send_response(r.status)
        for k, v in r.getheaders():
            if k.lower() not in ("transfer-encoding", "connection", "content-length"):
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)
        conn.close()

    do_GET = do_PUT = do_DELETE = do_HEAD = do_POST = handle_any

http.server.ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
