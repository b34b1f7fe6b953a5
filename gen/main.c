/* gen: parses the global options and hands over to one function per command. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>
#include <unistd.h>

#include "run.h"
#include "site.h"

struct command {
	const char *name;
	int (*fn)(struct run *r, int argc, char **argv);
	const char *summary;
};

static const struct command commands[] = {
	{ "pull", cmd_pull, "fetch a month from every source, validate, import into the store" },
	{ "build", cmd_build, "render the site from the store, templates/ and content/" },
	{ "deploy", cmd_deploy, "publish the built site to [deploy] url, only what changed" },
	{ "check", cmd_check, "validate the store and the built site, report every problem" },
	{ "status", cmd_status, "what the store holds: months, sources, fetches, backups" },
};

static void usage(FILE *f)
{
	size_t i;

	fputs("usage: gen [-c FILE] [-q|-v] COMMAND [OPTIONS]\n"
	      "\n"
	      "Publishes a province's monthly public-service index as a static site.\n"
	      "\n"
	      "Commands:\n", f);
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(f, "  %-8s %s\n", commands[i].name, commands[i].summary);
	fputs("\n"
	      "Options:\n"
	      "  -c FILE     configuration (default: ./site.ini)\n"
	      "  -q          quiet: errors only\n"
	      "  -v          verbose\n"
	      "  -h, --help  this help; 'gen COMMAND --help' for a command's options\n"
	      "  --version   print the version\n"
	      "\n"
	      "Exit status: 0 success, 1 failure, 2 usage error.\n", f);
}

int main(int argc, char **argv)
{
	struct run r = { .config_path = "site.ini", .err = BUF_INIT };
	int i = 1, status = 2;
	size_t c;

	/* SQLite's memory statistics take one process-wide mutex on every allocation, which
	 * serialises the build's two threads; gen never reads them. */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);

	for (; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "-c") && i + 1 < argc) {
			r.config_path = argv[++i];
		} else if (!strcmp(a, "-q")) {
			r.verbosity = -1;
		} else if (!strcmp(a, "-v")) {
			r.verbosity = 1;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(a, "--version")) {
			printf("gen %s\n", GEN_VERSION);
			return 0;
		} else {
			fprintf(stderr, "gen: unknown option \"%s\" (try 'gen --help')\n", a);
			return 2;
		}
	}
	if (i == argc) {
		usage(stderr);
		return 2;
	}
	r.progress = r.verbosity >= 0 && isatty(2) && !getenv("CI");
	for (c = 0; c < sizeof commands / sizeof commands[0]; c++)
		if (!strcmp(argv[i], commands[c].name))
			break;
	if (c == sizeof commands / sizeof commands[0]) {
		fprintf(stderr, "gen: unknown command \"%s\" (try 'gen --help')\n", argv[i]);
		return 2;
	}
	status = commands[c].fn(&r, argc - i, argv + i);
	if (status && r.err.len)
		fprintf(stderr, "gen: %s\n", r.err.ptr);
	config_free(&r.cfg);
	buf_free(&r.err);
	return status;
}
