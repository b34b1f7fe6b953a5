#include "run.h"
#include "util.h"
int cmd_pull(struct run *r, int argc, char **argv) { return err_set(&r->err, "pull: not built yet") ? 1 : 1; }
int cmd_status(struct run *r, int argc, char **argv) { return run_config(r) ? 1 : 0; }
int cmd_check(struct run *r, int argc, char **argv) { return err_set(&r->err, "check: not built yet") ? 1 : 1; }
