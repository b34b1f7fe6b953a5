/* libFuzzer target for every format adapter of outside input: the same bytes are fed to
 * each kind and format (CSV scores, national, procedures, delays; the portal's legacy and v1
 * JSON; procedures JSON), then the month is joined and validated. Nothing may crash, leak
 * or hang. Run with `make fuzz-import`. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "config.h"
#include "import.h"
#include "util.h"

static struct config cfg;

static const char *const cases[][3] = {
	{ "scores", "csv", NULL }, { "national", "csv", NULL }, { "procedures", "csv", NULL },
	{ "delays", "csv", NULL }, { "scores", "dvcqg-legacy", NULL },
	{ "national", "dvcqg-legacy", NULL }, { "scores", "dvcqg-v1", "transparency" },
	{ "scores", "dvcqg-v1", "dvc-progress-tree" }, { "national", "dvcqg-v1", NULL },
	{ "procedures", "json", NULL },
};

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char path[] = "/tmp/gen-fuzz-XXXXXX";
	struct buf err = BUF_INIT;
	int fd = mkstemp(path);

	(void)argc;
	(void)argv;
	if (fd < 0 || write(fd, "[site]\nprovince = Thử\n", 23) != 23)
		die("fuzz: cannot write a config");
	close(fd);
	if (config_load(&cfg, path, &err) < 0)
		die("fuzz: %s", err.ptr);
	unlink(path);
	buf_free(&err);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf err = BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct cfg_source src = { .name = "fuzz", .kind = (char *)cases[i][0],
					  .format = (char *)cases[i][1], .url = "file:fuzz",
					  .endpoint = (char *)cases[i][2] };
		struct import im;
		struct imp_fetch *f;
		struct imp_input in = { .src = &src, .name = "fuzz", .data = (const char *)data,
					.len = size };

		import_init(&im, &cfg, "2025-10");
		f = imp_add_fetch(&im);
		f->source = "fuzz";
		f->kind = src.kind;
		f->format = src.format;
		buf_add(&f->body, data, size);
		in.fetch = f;
		if (import_parse(&im, &in, &err) == 0)
			import_finish(&im, NULL, NULL, &err);
		import_free(&im);
	}
	buf_free(&err);
	return 0;
}
