/* libFuzzer target for the template engine: the input is a template, optionally followed by
 * a NUL byte and the text of a partial named "p" (also usable as a parent). Both are
 * compiled with the raw-name rule on or off (by the input's length) and rendered against a
 * fixed context. Build and run with `make fuzz-tmpl` (needs clang). */
#include <stdint.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "tmpl.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char ctx_json[] = "{\"a\":[1,{\"b\":\"<&>\",\"a\":[]},[2.5,true]],"
				       "\"b\":{\"c\":null},\"x_html\":\"<i>\",\"s\":\"\"}";
	struct tmpl_set *set = tmpl_set_new(size % 2 ? "_html" : NULL);
	struct buf text = BUF_INIT, out = BUF_INIT, err = BUF_INIT;
	json_t *ctx = json_loads(ctx_json, 0, NULL);
	const char *partial;

	buf_add(&text, data, size);
	partial = memchr(text.ptr, '\0', text.len) ? text.ptr + strlen(text.ptr) + 1 : "";
	if (tmpl_set_add(set, "p", partial, &err) == 0 &&
	    tmpl_set_add(set, "t", text.ptr, &err) == 0)
		tmpl_render(set, "t", ctx, &out, &err);
	json_decref(ctx);
	tmpl_set_free(set);
	buf_free(&text);
	buf_free(&out);
	buf_free(&err);
	return 0;
}
