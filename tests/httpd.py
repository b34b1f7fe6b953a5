#!/usr/bin/env python3
"""A test HTTP server for gen's fetch: serves a directory on 127.0.0.1 with scenario paths.

    python3 httpd.py ROOT PORTFILE LOGFILE [LIFETIME_SECONDS [CERT KEY]]

Binds a free port on 127.0.0.1 (port 0), writes the port number to PORTFILE once it
listens, logs one line per request to LOGFILE ("METHOD PATH STATUS"), and exits by itself
after LIFETIME_SECONDS (default 120) even if nobody stops it. With CERT and KEY (PEM) it
speaks HTTPS.

Paths (FILE is relative to ROOT):
  /ok/FILE               the file
  /flaky/N/FILE          HTTP 500 for the first N requests of this path, then the file
  /fail/FILE             always HTTP 500
  /status/CODE/FILE      always HTTP CODE
  /cut/FILE              announces the full Content-Length, sends half the body, closes
  /slow/SECONDS/FILE     sleeps SECONDS (may be fractional), then the file
  /redirect/FILE         302 to /ok/FILE
  /redirect-file         302 to file:///etc/passwd
  /big/BYTES             BYTES bytes of JSON-ish filler with a Content-Length
  /stream/BYTES          the same without Content-Length (ended by closing)
  /gzip/MEGABYTES        a gzip-encoded body that inflates to MEGABYTES of spaces
  /loop                  302 to itself
  /auth/FILE             the file to Basic credentials equal to ROOT/auth.txt, else 401
  /post/FILE             only a POST whose body equals ROOT/FILE.body and which carries
                         every "Name: value" line of ROOT/FILE.headers; else HTTP 400
"""
import base64
import gzip
import os
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT = os.path.realpath(sys.argv[1])
PORTFILE = sys.argv[2]
LOGFILE = sys.argv[3]
LIFETIME = float(sys.argv[4]) if len(sys.argv) > 4 else 120.0
counts = {}
lock = threading.Lock()


def log(line):
    with lock:
        with open(LOGFILE, "a", encoding="utf-8") as f:
            f.write(line + "\n")


def read_file(rel):
    path = os.path.realpath(os.path.join(ROOT, rel))
    if not path.startswith(ROOT + os.sep) or not os.path.isfile(path):
        return None
    with open(path, "rb") as f:
        return f.read()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def answer(self, status, body=b"", headers=None, length=True):
        log("%s %s %d" % (self.command, self.path, status))
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        self.close_connection = True

    def file_or_404(self, rel):
        data = read_file(rel)
        if data is None:
            self.answer(404, b"no such file\n")
        else:
            self.answer(200, data, {"Content-Type": "application/octet-stream"})

    def route(self):
        parts = self.path.split("?", 1)[0].lstrip("/").split("/")
        kind, rest = parts[0], parts[1:]
        if kind == "ok":
            return self.file_or_404("/".join(rest))
        if kind == "flaky":
            n = int(rest[0])
            with lock:
                counts[self.path] = counts.get(self.path, 0) + 1
                seen = counts[self.path]
            if seen <= n:
                return self.answer(500, b"try again\n")
            return self.file_or_404("/".join(rest[1:]))
        if kind == "fail":
            return self.answer(500, b"internal error\n")
        if kind == "status":
            return self.answer(int(rest[0]), b"status %s\n" % rest[0].encode())
        if kind == "cut":
            data = read_file("/".join(rest))
            if data is None:
                return self.answer(404)
            log("%s %s cut" % (self.command, self.path))
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data[: len(data) // 2])
            self.wfile.flush()
            self.close_connection = True
            return None
        if kind == "slow":
            log("%s %s sleeping" % (self.command, self.path))
            time.sleep(float(rest[0]))
            return self.file_or_404("/".join(rest[1:]))
        if kind == "redirect":
            return self.answer(302, b"", {"Location": "/ok/" + "/".join(rest)})
        if kind == "redirect-file":
            return self.answer(302, b"", {"Location": "file:///etc/passwd"})
        if kind in ("big", "stream"):
            n = int(rest[0])
            if kind == "big":
                return self.answer(200, b" " * n)
            log("%s %s 200" % (self.command, self.path))
            self.send_response(200)
            self.send_header("Connection", "close")
            self.end_headers()
            chunk = b" " * 65536
            try:
                while n > 0:
                    self.wfile.write(chunk[: min(n, len(chunk))])
                    n -= len(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True
            return None
        if kind == "gzip":
            body = gzip.compress(b" " * (int(rest[0]) << 20))
            return self.answer(200, body, {"Content-Encoding": "gzip"})
        if kind == "loop":
            return self.answer(302, b"", {"Location": "/loop"})
        if kind == "auth":
            want = "Basic " + base64.b64encode(read_file("auth.txt").strip()).decode()
            if self.headers.get("Authorization") != want:
                return self.answer(401, b"credentials\n", {"WWW-Authenticate": 'Basic realm="t"'})
            return self.file_or_404("/".join(rest))
        if kind == "post":
            return self.post("/".join(rest))
        return self.answer(404, b"unknown scenario\n")

    def post(self, rel):
        if self.command != "POST":
            return self.answer(400, b"POST only\n")
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        want = read_file(rel + ".body")
        if want is not None and body != want.rstrip(b"\n"):
            log("POST body mismatch: got %r" % body)
            return self.answer(400, b"unexpected body\n")
        for line in (read_file(rel + ".headers") or b"").decode().splitlines():
            if ":" not in line:
                continue
            k, v = (x.strip() for x in line.split(":", 1))
            if self.headers.get(k) != v:
                log("POST header %s mismatch: got %r" % (k, self.headers.get(k)))
                return self.answer(400, b"missing header\n")
        log("POST body %s" % body.decode("utf-8", "replace"))
        return self.file_or_404(rel)

    def do_GET(self):
        self.route()

    def do_POST(self):
        if not self.path.startswith("/post/"):
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.route()


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a client that hangs up early (a size cap, a timeout) is part of the test


def main():
    srv = Server(("127.0.0.1", 0), Handler)
    if len(sys.argv) > 6:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(sys.argv[5], sys.argv[6])
        srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    tmp = PORTFILE + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % srv.server_address[1])
    os.rename(tmp, PORTFILE)
    threading.Timer(LIFETIME, lambda: os._exit(0)).start()
    srv.serve_forever()


if __name__ == "__main__":
    main()
