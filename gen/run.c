#include "run.h"

#include <stdarg.h>
#include <stdio.h>

int run_config(struct run *r)
{
	if (r->have_cfg)
		return 0;
	if (config_load(&r->cfg, r->config_path, &r->err) < 0) {
		config_free(&r->cfg);
		return -1;
	}
	r->have_cfg = 1;
	return 0;
}

void run_info(struct run *r, const char *fmt, ...)
{
	va_list ap;

	if (r->verbosity < 0)
		return;
	flockfile(stderr);  /* a whole line, even from the build's other threads */
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	funlockfile(stderr);
}

void run_debug(struct run *r, const char *fmt, ...)
{
	va_list ap;

	if (r->verbosity < 1)
		return;
	flockfile(stderr);  /* a whole line, even from the build's other threads */
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	funlockfile(stderr);
}

void run_progress(struct run *r, const char *fmt, ...)
{
	va_list ap;

	if (!r->progress)
		return;
	fputs("\r\033[K", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fflush(stderr);
}

void run_progress_done(struct run *r)
{
	if (r->progress)
		fputs("\r\033[K", stderr);
}
