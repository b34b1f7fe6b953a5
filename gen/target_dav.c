#include "target.h"
#include "util.h"
static int dav_open(struct target *t, struct buf *err) { return err_set(err, "%s: WebDAV: not yet", t->url); }
const struct target_ops target_dav_ops = { .scheme = "https", .open = dav_open };
