/* run: the context of one gen invocation, passed to every command; the only state there is. */
#ifndef GEN_RUN_H
#define GEN_RUN_H

#include "buf.h"
#include "config.h"

#define GEN_VERSION "0.1.0"

struct run {
	const char *config_path;
	int verbosity;          /* -1 quiet, 0 normal, 1 verbose */
	int progress;           /* stderr is a terminal and not quiet: show progress */
	struct config cfg;
	int have_cfg;
	struct buf err;         /* the error sink: the one message main prints */
};

/* Loads the configuration once; 0 or -1 with the message in r->err. */
int run_config(struct run *r);
/* Informational line on stderr unless -q. */
void run_info(struct run *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Only with -v. */
void run_debug(struct run *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A progress line on a terminal, redrawn in place; silent in logs and CI. */
void run_progress(struct run *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void run_progress_done(struct run *r);

/* Commands: each returns the exit status (0 ok, 1 failure, 2 usage). */
int cmd_pull(struct run *r, int argc, char **argv);
int cmd_status(struct run *r, int argc, char **argv);
int cmd_check(struct run *r, int argc, char **argv);
int cmd_deploy(struct run *r, int argc, char **argv);

#endif
