#!/usr/bin/env python3
"""sftp_filter.py MODE FLAG N SERVER ARGS...: runs as the SSH subsystem in front of SERVER
(OpenSSH's sftp-server) and changes what gen sees, to test the cases a real OpenSSH
server does not produce by itself.
  drop   loses the connection once: while the file FLAG exists, it passes requests to
         SERVER and replies back until the (N - 20)th posix-rename request; from there on it
         keeps passing requests but no replies, up to the Nth: the server acts on those
         renames, the client never hears of it. Then it removes FLAG and exits, which closes
         the channel, as a dropped connection would.
  plain  a server without posix-rename (not OpenSSH): the extension is taken out of the
         VERSION reply, and a posix-rename request, should one come, is refused.
Otherwise it only relays."""
import os, subprocess, sys, threading, time

mode, flag, n, server = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
srv = subprocess.Popen(server, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
armed = os.path.exists(flag)
mute = threading.Event()
POSIX = b"posix-rename@openssh.com"


def s32(b):
    return int.from_bytes(b[:4], "big")


def packets(buf):
    """Whole packets at the start of buf, and the rest."""
    out = []
    while len(buf) >= 4 and len(buf) >= 4 + s32(buf):
        size = 4 + s32(buf)
        out.append(buf[:size])
        buf = buf[size:]
    return out, buf


def without_posix(p):
    """A VERSION packet without the posix-rename extension."""
    body, i = p[5:9], 9
    while i < len(p):
        name = p[i + 4:i + 4 + s32(p[i:])]
        j = i + 4 + len(name)
        data = p[j + 4:j + 4 + s32(p[j:])]
        if name != POSIX:
            body += p[i:j + 4 + len(data)]
        i = j + 4 + len(data)
    return (len(body) + 1).to_bytes(4, "big") + p[4:5] + body


def replies():
    first, buf = armed and mode == "plain", b""
    while True:
        data = os.read(srv.stdout.fileno(), 65536)
        if not data or mute.is_set():
            return
        if first:
            buf += data
            got, buf = packets(buf)
            if not got:
                continue
            data, first = without_posix(got[0]) + b"".join(got[1:]) + buf, False
        os.write(1, data)


def status(p, code):
    body = bytes([101]) + p[5:9] + code.to_bytes(4, "big") + (6).to_bytes(4, "big") + \
        b"Denied" + (0).to_bytes(4, "big")
    os.write(1, len(body).to_bytes(4, "big") + body)


threading.Thread(target=replies, daemon=True).start()
pending, count = b"", 0
while True:
    data = os.read(0, 65536)
    if not data:
        break
    if not armed:
        srv.stdin.write(data)
        srv.stdin.flush()
        continue
    got, pending = packets(pending + data)
    for p in got:
        is_posix = p[4] == 200 and POSIX in p[:48]
        if is_posix and mode == "plain":
            status(p, 8)  # SSH_FX_OP_UNSUPPORTED
            continue
        if is_posix:
            count += 1
            if count == n - 20:
                mute.set()
        srv.stdin.write(p)
        srv.stdin.flush()
        if mode == "drop" and count == n:
            time.sleep(0.5)  # the server renames what it got
            os.unlink(flag)
            srv.kill()
            os._exit(0)
srv.stdin.close()
srv.wait()
