#!/usr/bin/env python3
"""sftp_drop.py FLAG N SERVER ARGS...: an sftp-server that loses the connection once, run
as the SSH subsystem in place of SERVER. While the file FLAG exists, it passes requests to
SERVER and replies back until the (N - 20)th posix-rename request; from there on it keeps
passing requests but no replies, up to the Nth: the server acts on those renames, the
client never hears of it. Then it removes FLAG and exits, which closes the channel, as a
dropped connection would. Without FLAG it only relays."""
import os, subprocess, sys, threading, time

flag, n, server = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
srv = subprocess.Popen(server, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
armed = os.path.exists(flag)
mute = threading.Event()


def replies():
    while True:
        data = os.read(srv.stdout.fileno(), 65536)
        if not data or mute.is_set():
            return
        os.write(1, data)


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
    pending += data
    while len(pending) >= 4 and len(pending) >= 4 + int.from_bytes(pending[:4], "big"):
        size = 4 + int.from_bytes(pending[:4], "big")
        p, pending = pending[:size], pending[size:]
        if p[4] == 200 and b"posix-rename@openssh.com" in p[:48]:
            count += 1
            if count == n - 20:
                mute.set()
        srv.stdin.write(p)
        srv.stdin.flush()
        if count == n:
            time.sleep(0.5)  # the server renames what it got
            os.unlink(flag)
            srv.kill()
            os._exit(0)
srv.stdin.close()
srv.wait()
