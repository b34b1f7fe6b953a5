#!/usr/bin/env python3
"""Checks for the deploy tests.
  links DIR            every href/src in DIR's HTML resolves to a file in DIR
  whole REMOTE NEW OLD every file in REMOTE (temporary uploads aside) is byte-equal to the
                       same path in NEW or OLD: nothing truncated, nothing foreign
  changed OLD NEW      paths added or changed from OLD to NEW, then "-PATH" for removed
  tamper FILE same|grow  changes FILE in place behind gen's back: one byte in the middle
                       (same size, other bytes), or one byte more
  watch REMOTE NEW OLD STOP SECONDS
                       a visitor during a deploy: reads every file of NEW under REMOTE over
                       and over until the file STOP exists (or SECONDS pass); fails when one
                       is ever missing or neither its OLD nor its NEW version
"""
import os, re, sys, time, urllib.parse

def files(root):
    out = {}
    for d, _, names in os.walk(root):
        for n in names:
            p = os.path.join(d, n)
            out[os.path.relpath(p, root)] = p
    return out

def read(p):
    with open(p, "rb") as f:
        return f.read()

def links(root):
    bad = 0
    for rel, p in sorted(files(root).items()):
        if not rel.endswith(".html"):
            continue
        for ref in re.findall(r'(?:href|src)="([^"]*)"', read(p).decode()):
            if re.match(r"^[a-z]+:", ref) or ref.startswith("#"):
                continue
            ref = urllib.parse.unquote(ref.split("#")[0].split("?")[0])
            base = "" if ref.startswith("/") else os.path.dirname(rel)
            target = os.path.normpath(os.path.join(root, base, ref.lstrip("/")))
            if ref.endswith("/") or os.path.isdir(target):
                target = os.path.join(target, "index.html")
            if not os.path.isfile(target):
                print(f"{rel}: broken link {ref}")
                bad += 1
    return bad

def whole(remote, new, old):
    bad = 0
    for rel, p in sorted(files(remote).items()):
        if os.path.basename(rel).startswith(".gen-tmp."):
            continue
        data = read(p)
        ok = any(os.path.isfile(os.path.join(t, rel)) and read(os.path.join(t, rel)) == data
                 for t in (new, old))
        if not ok:
            print(f"{rel}: neither the old nor the new version ({len(data)} bytes)")
            bad += 1
    return bad

def changed(old, new):
    a, b = files(old), files(new)
    a.pop(".gen-manifest", None)
    b.pop(".gen-manifest", None)
    for rel in sorted(b):
        if rel not in a or read(a[rel]) != read(b[rel]):
            print(rel)
    for rel in sorted(a):
        if rel not in b:
            print("-" + rel)
    return 0

def refs(root, rel):
    out = []
    for ref in re.findall(r'(?:href|src)="([^"]*)"', read(os.path.join(root, rel)).decode()):
        if re.match(r"^[a-z]+:", ref) or ref.startswith("#"):
            continue
        ref = urllib.parse.unquote(ref.split("#")[0].split("?")[0])
        base = "" if ref.startswith("/") else os.path.dirname(rel)
        t = os.path.normpath(os.path.join(base, ref.lstrip("/")))
        if ref.endswith("/") or os.path.isdir(os.path.join(root, t)):
            t = os.path.join(t, "index.html")
        out.append(os.path.normpath(t))
    return out

def order(log, new, old):
    """In the order files went up (gen -v "put" lines), no page went up before a new file it
    links to: the live site never linked to a file not there yet."""
    done, bad = set(), 0
    for line in open(log, encoding="utf-8"):
        m = re.match(r"^put (.*) \(\d+ bytes\)$", line.rstrip("\n"))
        if not m:
            continue
        rel = m.group(1)
        if rel.endswith(".html"):
            for t in refs(new, rel):
                if not os.path.exists(os.path.join(old, t)) and t not in done:
                    print(f"{rel} went up before {t}, which it links to")
                    bad += 1
        done.add(rel)
    return bad

def tampered(data, mode):
    if mode == "grow":
        return data + b"#"
    mid = len(data) // 2
    return data[:mid] + (b"*" if data[mid:mid + 1] == b"#" else b"#") + data[mid + 1:]

def tamper(path, mode):
    with open(path, "r+b") as f:  # in place: owner and mode stay the server's
        data = tampered(f.read(), mode)
        f.seek(0)
        f.write(data)
    return 0


def watch(remote, new, old, stop, seconds):
    want = {rel: (read(p), read(os.path.join(old, rel)) if os.path.isfile(os.path.join(old, rel))
                  else None) for rel, p in files(new).items() if rel != ".gen-manifest"}
    end = time.monotonic() + float(seconds)
    sweeps = bad = 0
    seen_old, seen_new = set(), set()
    while time.monotonic() < end and not os.path.exists(stop):
        sweeps += 1
        for rel, (n, o) in want.items():
            try:
                data = read(os.path.join(remote, rel))
            except FileNotFoundError:
                print(f"{rel}: missing during the deploy (sweep {sweeps})")
                bad += 1
                continue
            if data == n:
                seen_new.add(rel)
            elif data == o:
                seen_old.add(rel)
            else:
                print(f"{rel}: neither version during the deploy ({len(data)} bytes)")
                bad += 1
    both = len(seen_old & seen_new)
    print(f"watch: {sweeps} sweeps of {len(want)} files, {both} seen old then new, {bad} bad")
    return bad or not both

cmd = sys.argv[1]
sys.exit(1 if {"links": links, "whole": whole, "changed": changed, "order": order,
                 "tamper": tamper, "watch": watch}[cmd](*sys.argv[2:]) else 0)
