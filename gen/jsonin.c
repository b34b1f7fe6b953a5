#include "jsonin.h"

#include <stdlib.h>
#include <string.h>

#include "num.h"
#include "text.h"
#include "util.h"

json_t *jsonin_parse(const char *name, const char *data, size_t len, struct buf *err)
{
	json_error_t je;
	json_t *root;

	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) {
		data += 3;
		len -= 3;
	}
	root = json_loadb(data, len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &je);
	if (!root)
		err_set(err, "%s:%d:%d: invalid JSON: %s", name, je.line, je.column, je.text);
	return root;
}

int jsonin_centi(json_t *v, long *out)
{
	if (!v || json_is_null(v))
		return 0;
	if (json_is_integer(v)) {
		json_int_t i = json_integer_value(v);

		if (i > 1000000000000LL || i < -1000000000000LL)
			return -1;
		*out = (long)i * 100;
		return 1;
	}
	if (json_is_real(v))
		return num_double_centi(json_real_value(v), out) == 0 ? 1 : -1;
	if (json_is_string(v))
		return num_parse_centi(json_string_value(v), out) == 0 ? 1 : -1;
	return -1;
}

int jsonin_long(json_t *v, long long *out)
{
	long c;
	int r;

	if (v && json_is_integer(v)) {
		*out = json_integer_value(v);
		return 1;
	}
	r = jsonin_centi(v, &c);
	if (r == 1 && c % 100)
		return -1;
	if (r == 1)
		*out = c / 100;
	return r;
}

const char *jsonin_str(struct import *im, json_t *v)
{
	struct buf b = BUF_INIT;
	const char *s;

	if (!v || json_is_null(v))
		return "";
	if (json_is_string(v)) {
		if (text_nfc(json_string_value(v), json_string_length(v), &b) < 0)
			buf_sets(&b, "");
	} else if (json_is_integer(v)) {
		buf_printf(&b, "%lld", (long long)json_integer_value(v));
	} else if (json_is_real(v)) {
		buf_printf(&b, "%.15g", json_real_value(v));
	}
	buf_rtrim(&b);
	s = imp_strndup(im, b.ptr + strspn(b.ptr, " \t\n"), strlen(b.ptr + strspn(b.ptr, " \t\n")));
	buf_free(&b);
	return s;
}

json_t *jsonin_array(json_t *root, const char *key)
{
	json_t *d;

	if (json_is_array(root))
		return root;
	d = json_object_get(root, "data");
	if (key && json_is_object(d))
		d = json_object_get(d, key);
	return json_is_array(d) ? d : NULL;
}

static int keep_key(const char *const *keep, const char *k)
{
	for (; *keep; keep++)
		if (!strcmp(*keep, k))
			return 1;
	return 0;
}

static size_t redact(json_t *v, const char *const *keep)
{
	const char *k;
	json_t *x;
	void *tmp;
	size_t i, n = 0;

	if (json_is_array(v)) {
		json_array_foreach(v, i, x)
			n += redact(x, keep);
	} else if (json_is_object(v)) {
		json_object_foreach_safe(v, tmp, k, x) {
			if (!keep_key(keep, k)) {
				json_object_del(v, k);
				n++;
			} else {
				n += redact(x, keep);
			}
		}
	}
	return n;
}

void jsonin_redact(json_t *root, const char *const *keep, struct imp_fetch *f)
{
	char *s;

	if (!redact(root, keep) || !f)
		return;
	s = json_dumps(root, JSON_COMPACT | JSON_SORT_KEYS);
	if (!s)
		die("json_dumps failed");
	buf_sets(&f->body, s);
	free(s);
	f->redacted = 1;
	sha256_hex(f->body.ptr, f->body.len, f->stored_sha256);
}
