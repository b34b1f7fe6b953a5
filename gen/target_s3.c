#include "target.h"
#include "util.h"
static int s3_open(struct target *t, struct buf *err) { return err_set(err, "%s: S3: not yet", t->url); }
const struct target_ops target_s3_ops = { .scheme = "s3", .open = s3_open };
