#!/usr/bin/env python3
"""An FTP server on 127.0.0.1 (pyftpdlib) that refuses to rename onto an existing file, as
IIS and some hosts' servers do (550), for the deploy test of gen's fallback.
  ftp_norename.py PORT ROOT USER PASSWORD LOG
Writes one line to LOG per refused rename. Stops by itself after ten minutes, or as soon as
the process that started it is gone."""
import errno, os, sys, time

from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.filesystems import AbstractedFS
from pyftpdlib.handlers import FTPHandler
from pyftpdlib.servers import FTPServer

port, root, user, password, log = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]

class NoReplaceFS(AbstractedFS):
    def rename(self, src, dst):
        if os.path.exists(dst):
            with open(log, "a") as f:
                f.write("refused RNTO onto existing %s\n" % self.fs2ftp(dst))
            raise OSError(errno.EEXIST, "File exists")
        os.rename(src, dst)

auth = DummyAuthorizer()
auth.add_user(user, password, root, perm="elradfmwMT")
FTPHandler.authorizer = auth
FTPHandler.abstracted_fs = NoReplaceFS
FTPHandler.passive_ports = range(port + 1, port + 100)
server = FTPServer(("127.0.0.1", port), FTPHandler)
parent, end = os.getppid(), time.time() + 600
while time.time() < end and os.getppid() == parent:
    server.serve_forever(timeout=0.5, blocking=False)
server.close_all()
