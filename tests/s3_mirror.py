#!/usr/bin/env python3
"""Downloads every object under a prefix from s3rver (directly, no signature needed) into a
directory, so the test can compare it with public/ byte for byte.
  s3_mirror.py PORT BUCKET PREFIX OUT        (prints OUT)
  s3_mirror.py count PORT BUCKET PREFIX      (prints how many keys)
  s3_mirror.py head PORT BUCKET KEY          (prints Content-Type and Cache-Control)
  s3_mirror.py tamper PORT BUCKET KEY same|grow  (rewrites the object behind gen's back: one
                                             byte changed in the middle, or one more)"""
import http.client, os, re, shutil, sys, urllib.parse, html

def get(port, path):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    c.request("GET", path)
    r = c.getresponse()
    data = r.read()
    c.close()
    if r.status != 200:
        raise SystemExit(f"GET {path}: {r.status}")
    return data, r

def keys(port, bucket, prefix):
    out, token = [], None
    while True:
        q = {"list-type": "2", "prefix": prefix}
        if token:
            q["continuation-token"] = token
        data, _ = get(port, f"/{bucket}?" + urllib.parse.urlencode(q))
        text = data.decode()
        out += [html.unescape(k) for k in re.findall(r"<Key>(.*?)</Key>", text)]
        m = re.search(r"<NextContinuationToken>(.*?)</NextContinuationToken>", text)
        if "<IsTruncated>true</IsTruncated>" not in text or not m:
            return out
        token = html.unescape(m.group(1))

def mirror(port, bucket, prefix, out):
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    for k in keys(port, bucket, prefix):
        data, _ = get(port, "/" + bucket + "/" + urllib.parse.quote(k))
        path = os.path.join(out, k[len(prefix):])
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
    print(out)

def tamper(port, bucket, key, mode):
    data, _ = get(port, "/" + bucket + "/" + urllib.parse.quote(key))
    if mode == "grow":
        data += b"#"
    else:
        mid = len(data) // 2
        data = data[:mid] + (b"*" if data[mid:mid + 1] == b"#" else b"#") + data[mid + 1:]
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    c.request("PUT", "/" + bucket + "/" + urllib.parse.quote(key), body=data)
    r = c.getresponse()
    r.read()
    c.close()
    if r.status != 200:
        raise SystemExit(f"PUT {key}: {r.status}")

a = sys.argv[1:]
if a[0] == "count":
    print(len(keys(int(a[1]), a[2], a[3])))
elif a[0] == "head":
    _, r = get(int(a[1]), "/" + a[2] + "/" + urllib.parse.quote(a[3]))
    print(r.getheader("Content-Type"), "|", r.getheader("Cache-Control"))
elif a[0] == "tamper":
    tamper(int(a[1]), a[2], a[3], a[4])
else:
    mirror(int(a[0]), a[1], a[2], a[3])
