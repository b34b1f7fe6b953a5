/* Golden files for the page templates: each tests/golden/site/NAME.json names a template and
 * a context; the rendering must equal NAME.html byte for byte. REGEN=1 rewrites the .html
 * files (review the diff like code). */
#include <dirent.h>
#include <stdlib.h>

#include <jansson.h>

#include "buf.h"
#include "tmpl.h"
#include "unit.h"
#include "util.h"

static struct tmpl_set *load(const char *dir)
{
	struct tmpl_set *set = tmpl_set_new("_html");
	struct buf err = BUF_INIT;

	CHECK(tmpl_set_load_dir(set, dir, &err) == 0, "templates load: %s", err.ptr);
	buf_free(&err);
	return set;
}

static void golden(struct tmpl_set *set, const char *dir, const char *name)
{
	struct buf path = BUF_INIT, want = BUF_INIT, got = BUF_INIT, err = BUF_INIT;
	json_error_t je;
	json_t *spec;
	size_t n = strlen(name) - 5;

	buf_printf(&path, "%s/%s", dir, name);
	spec = json_load_file(path.ptr, 0, &je);
	if (!spec) {
		CHECK(0, "%s: %s", name, je.text);
		goto out;
	}
	if (tmpl_render(set, json_string_value(json_object_get(spec, "template")),
			json_object_get(spec, "context"), &got, &err) < 0) {
		CHECK(0, "%s renders: %s", name, err.ptr);
		goto out;
	}
	buf_reset(&path);
	buf_printf(&path, "%s/%.*s.html", dir, (int)n, name);
	if (getenv("REGEN")) {
		CHECK(file_write_atomic(path.ptr, got.ptr, got.len, &err) == 0, "regen %s", path.ptr);
		goto out;
	}
	if (file_read(path.ptr, &want, 0, &err) < 0)
		CHECK(0, "%s: no golden file (make regen)", path.ptr);
	else
		CHECK(want.len == got.len && !memcmp(want.ptr, got.ptr, got.len),
		      "%.*s renders as its golden file (diff: make regen && git diff)", (int)n, name);
out:
	json_decref(spec);
	buf_free(&path);
	buf_free(&want);
	buf_free(&got);
	buf_free(&err);
}

int main(void)
{
	const char *tests = getenv("TESTS");
	struct buf tdir = BUF_INIT, gdir = BUF_INIT;
	struct dirent **ents = NULL;
	struct tmpl_set *set;
	int i, n;

	buf_printf(&tdir, "%s/../templates", tests ? tests : "tests");
	buf_printf(&gdir, "%s/golden/site", tests ? tests : "tests");
	set = load(tdir.ptr);
	n = scandir(gdir.ptr, &ents, NULL, alphasort);
	CHECK(n > 2, "golden files found in %s", gdir.ptr);
	for (i = 0; i < n; i++) {
		size_t len = strlen(ents[i]->d_name);

		if (len > 5 && !strcmp(ents[i]->d_name + len - 5, ".json"))
			golden(set, gdir.ptr, ents[i]->d_name);
		free(ents[i]);
	}
	free(ents);
	tmpl_set_free(set);
	buf_free(&tdir);
	buf_free(&gdir);
	return UNIT_DONE();
}
