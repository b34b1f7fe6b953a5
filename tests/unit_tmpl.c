/* The template engine against every test of the official Mustache spec (vendored in
 * tests/mustache-spec, found through $TESTS), then gen's own rules: escaping, raw output by
 * name only, error messages, the recursion guard, layouts through inheritance. */
#include <stdlib.h>
#include <string.h>

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

/* Compiles the name/text pairs (NULL-terminated; the first is rendered) into a set with
 * raw_suffix, renders with the JSON data, and returns the output or "error: MESSAGE". */
static char *render_pairs(const char *raw_suffix, const char *data, const char *const *pairs)
{
	struct tmpl_set *set = tmpl_set_new(raw_suffix);
	struct buf out = BUF_INIT, err = BUF_INIT;
	json_t *ctx = data ? json_loads(data, 0, NULL) : NULL;
	size_t i;
	int rc = 0;

	for (i = 0; pairs[i] && rc == 0; i += 2)
		rc = tmpl_set_add(set, pairs[i], pairs[i + 1], &err);
	if (rc == 0)
		rc = tmpl_set_check(set, &err);
	if (rc == 0)
		rc = tmpl_render(set, pairs[0], ctx, &out, &err);
	if (rc < 0)
		buf_printf(&out, "%serror: %s", out.len ? "\n" : "", err.ptr);
	json_decref(ctx);
	tmpl_set_free(set);
	buf_free(&err);
	return buf_detach(&out, NULL);
}

#define RENDER(suffix, data, ...) render_pairs(suffix, data, (const char *const[]){ __VA_ARGS__, NULL })

#define CHECK_RENDER(got, want, what) do { \
	char *g2_ = (got); \
	CHECK_STR(g2_, want, what); \
	free(g2_); \
} while (0)

static void test_escape(void)
{
	struct buf b = BUF_INIT;

	escape_html(&b, "<script>alert(\"x&y\")</script> it's", 35);
	CHECK_STR(b.ptr, "&lt;script&gt;alert(&quot;x&amp;y&quot;)&lt;/script&gt; it&#39;s",
		  "escape_html: tags, quotes, ampersand, apostrophe");
	buf_reset(&b);
	escape_html(&b, "a<b", 2);
	CHECK_STR(b.ptr, "a&lt;", "escape_html: stops at n");
	buf_reset(&b);
	escape_html(&b, "Hà Nội", strlen("Hà Nội"));
	CHECK_STR(b.ptr, "Hà Nội", "escape_html: UTF-8 untouched");
	buf_reset(&b);
	escape_url_component(&b, "Hà Nội/a b?c&d#e~f.g_h-i");
	CHECK_STR(b.ptr, "H%C3%A0%20N%E1%BB%99i%2Fa%20b%3Fc%26d%23e~f.g_h-i",
		  "escape_url_component: UTF-8 bytes and reserved characters");
	buf_free(&b);
}

static void test_values(void)
{
	static const char data[] = "{\"s\":\"<b>\\\"Tom & Jerry's\\\"</b>\",\"i\":85,\"neg\":-3,"
		"\"r\":1.5,\"whole\":3.0,\"tenth\":0.1,\"big\":1e300,\"t\":true,\"f\":false,"
		"\"n\":null,\"o\":{\"k\":1},\"a\":[1,2],\"e\":\"\",\"z\":0,\"none\":[]}";

	CHECK_RENDER(RENDER(NULL, data, "t", "{{s}}"),
		     "&lt;b&gt;&quot;Tom &amp; Jerry&#39;s&quot;&lt;/b&gt;", "{{x}} escapes HTML");
	CHECK_RENDER(RENDER(NULL, data, "t", "{{i}}|{{neg}}|{{r}}|{{whole}}|{{tenth}}|{{big}}"),
		     "85|-3|1.5|3|0.1|1e+300", "numbers render as JSON writes them");
	CHECK_RENDER(RENDER(NULL, data, "t", "{{t}}|{{f}}|{{n}}|{{o}}|{{a}}|{{missing}}"),
		     "true|false||||", "booleans as words; null, objects, arrays, misses empty");
	CHECK_RENDER(RENDER(NULL, data, "t",
			    "{{#e}}E{{/e}}{{^e}}!e{{/e}}{{#z}}Z{{/z}}{{#none}}N{{/none}}{{^none}}!n{{/none}}"),
		     "!eZ!n", "\"\" and [] are false, 0 is true");
	CHECK_RENDER(RENDER(NULL, NULL, "t", "a{{x}}b"), "ab", "rendering without data");
}

static void test_raw_rule(void)
{
	CHECK_RENDER(RENDER("_html", "{\"title\":\"<i>\"}", "page.html", "<h1>\n\n{{{title}}}</h1>"),
		     "error: page.html:3: {{{title}}}: raw output only for names ending in _html",
		     "raw rule: {{{x}}} refused with template name and line");
	CHECK_RENDER(RENDER("_html", NULL, "page.html", "x\n{{& title }}"),
		     "error: page.html:2: {{& title }}: raw output only for names ending in _html",
		     "raw rule: {{&x}} refused too");
	CHECK_RENDER(RENDER("_html", NULL, "page.html", "{{{.}}}"),
		     "error: page.html:1: {{{.}}}: raw output only for names ending in _html",
		     "raw rule: {{{.}}} refused");
	CHECK_RENDER(RENDER("_html", "{\"body_html\":\"<p>x</p>\",\"t\":\"<p>\"}", "page.html",
			    "{{{body_html}}}{{&body_html}}{{t}}"),
		     "<p>x</p><p>x</p>&lt;p&gt;", "raw rule: names with the suffix written raw");
	CHECK_RENDER(RENDER("_html", "{\"a\":{\"b_html\":\"<br>\"}}", "p.html", "{{{a.b_html}}}"),
		     "<br>", "raw rule: dotted name judged by its end");
	CHECK_RENDER(RENDER(NULL, "{\"t\":\"<p>\"}", "p.html", "{{{t}}}"), "<p>",
		     "raw rule off: anything raw");
}

static void test_errors(void)
{
	static const struct { const char *text, *want, *what; } cases[] = {
		{ "a\n{{#list}}\nb", "p.html:2: {{#list}}: not closed, expected {{/list}}",
		  "unclosed section" },
		{ "{{#a}}\n{{#b}}\n{{/a}}", "p.html:3: {{/a}}: does not close {{#b}} from line 2, "
		  "expected {{/b}}", "mismatched close tag" },
		{ "x\n{{/a}}", "p.html:2: {{/a}}: nothing to close, expected an opening tag "
		  "before it", "close without open" },
		{ "a\nb {{name", "p.html:2: {{name: tag not closed, expected }}", "unclosed tag" },
		{ "{{{name}}", "p.html:1: {{{name}}: tag not closed, expected }}}",
		  "unclosed triple mustache" },
		{ "{{! never closed", "p.html:1: {{! never closed: tag not closed, expected }}",
		  "unclosed comment" },
		{ "\n{{=<% =}}", "p.html:2: {{=<% =}}: bad delimiter change, expected two "
		  "delimiters of at most 16 bytes without spaces or '=', as in {{=<% %>=}}",
		  "delimiter change with one delimiter" },
		{ "{{=a b c=}}", "p.html:1: {{=a b c=}}: bad delimiter change, expected two "
		  "delimiters of at most 16 bytes without spaces or '=', as in {{=<% %>=}}",
		  "delimiter change with three words" },
		{ "{{=<% %>=}}\n<%name", "p.html:2: <%name: tag not closed, expected %>",
		  "unclosed tag after a delimiter change" },
		{ "{{first name}}", "p.html:1: {{first name}}: bad tag name, expected a name "
		  "without spaces", "name with a space" },
		{ "{{#}}{{/}}", "p.html:1: {{#}}: empty tag name, expected a name", "empty name" },
		{ "{{>nav.html}}", "p.html:1: {{>nav.html}}: no such template, expected one of the "
		  "template directory's files", "missing partial found by tmpl_set_check" },
		{ "\n{{<layout.html}}{{/layout.html}}", "p.html:2: {{<layout.html}}: no such "
		  "template, expected one of the template directory's files", "missing parent" },
	};
	struct buf want = BUF_INIT;
	size_t i;

	for (i = 0; i < ARRAY_LEN(cases); i++) {
		buf_reset(&want);
		buf_printf(&want, "error: %s", cases[i].want);
		CHECK_RENDER(RENDER(NULL, NULL, "p.html", cases[i].text), want.ptr, cases[i].what);
	}
	buf_free(&want);
}

static void test_recursion(void)
{
	char *got = RENDER(NULL, NULL, "loop.html", "x{{>loop.html}}");

	CHECK(strstr(got, "error: loop.html:1: {{>loop.html}}: templates nested deeper than 200")
	      != NULL, "a partial including itself is an error, not a crash");
	free(got);
	got = RENDER(NULL, NULL, "a.html", "{{<b.html}}{{/b.html}}", "b.html", "\n{{>a.html}}");
	CHECK(strstr(got, "error: b.html:2: {{>a.html}}: templates nested deeper than 200") ||
	      strstr(got, "error: a.html:1: {{<b.html}}: templates nested deeper than 200"),
	      "a parent cycle is an error naming a template and line");
	free(got);
	got = RENDER(NULL, NULL, "b.html", "{{$x}}{{<b.html}}{{/b.html}}{{/x}}");
	CHECK(strstr(got, "nested deeper than 200") != NULL, "a block recursing is an error");
	free(got);
	got = RENDER(NULL, "{\"a\":[1,2,3,4,5,6,7,8,9,10]}", "slow.html",
		     "{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}.{{/a}}{{/a}}{{/a}}"
		     "{{/a}}{{/a}}{{/a}}{{/a}}{{/a}}{{/a}}{{/a}}");
	CHECK(strstr(got, "error: slow.html:1: rendering took more than 10000000 steps") != NULL,
	      "sections multiplying to 10^10 steps stop with an error");
	free(got);
	CHECK_RENDER(RENDER(NULL, "{\"n\":[{\"n\":[{\"n\":[]}]}]}", "tree.html",
			    "<ul>{{#n}}<li>{{>tree.html}}</li>{{/n}}</ul>"),
		     "<ul><li><ul><li><ul></ul></li></ul></li></ul>",
		     "recursion that data ends is fine");
}

static void test_layout(void)
{
	static const char layout[] =
		"<!doctype html>\n"
		"<title>{{$title}}Cổng dịch vụ công{{/title}}</title>\n"
		"<body>\n"
		"  <main>\n"
		"    {{$main}}\n"
		"    <p>no content</p>\n"
		"    {{/main}}\n"
		"  </main>\n"
		"  {{>foot.html}}\n"
		"</body>\n";
	static const char page[] =
		"{{<layout.html}}\n"
		"{{$title}}{{name}} – {{province}}{{/title}}\n"
		"{{$main}}\n"
		"<h1>{{name}}</h1>\n"
		"<ul>\n"
		"  {{#items}}\n"
		"  <li>{{.}}</li>\n"
		"  {{/items}}\n"
		"</ul>\n"
		"{{/main}}\n"
		"{{/layout.html}}\n";
	static const char want[] =
		"<!doctype html>\n"
		"<title>Sở Y tế &amp; Xã hội – Hà Giang</title>\n"
		"<body>\n"
		"  <main>\n"
		"    <h1>Sở Y tế &amp; Xã hội</h1>\n"
		"    <ul>\n"
		"      <li>a&lt;b</li>\n"
		"      <li>c</li>\n"
		"    </ul>\n"
		"  </main>\n"
		"  <footer>Hà Giang</footer>\n"
		"</body>\n";
	static const char data[] = "{\"name\":\"Sở Y tế & Xã hội\",\"province\":\"Hà Giang\","
				   "\"items\":[\"a<b\",\"c\"]}";

	CHECK_RENDER(RENDER("_html", data, "page.html", page, "layout.html", layout, "foot.html",
			    "<footer>{{province}}</footer>\n"),
		     want, "layout through inheritance: blocks replaced, indentation kept");
	CHECK_RENDER(RENDER("_html", "{}", "layout.html", layout, "foot.html", "<footer/>\n"),
		     "<!doctype html>\n<title>Cổng dịch vụ công</title>\n<body>\n  <main>\n"
		     "    <p>no content</p>\n  </main>\n  <footer/>\n</body>\n",
		     "layout alone renders its defaults");
}
static void write_file(const char *dir, const char *name, const char *text)
{
	struct buf path = BUF_INIT, err = BUF_INIT;

	buf_printf(&path, "%s/%s", dir, name);
	if (mkdir_parents(path.ptr, &err) < 0 ||
	    file_write_atomic(path.ptr, text, strlen(text), &err) < 0)
		printf("# %s\n", err.ptr);
	buf_free(&path);
	buf_free(&err);
}

static void remove_files(const char *dir, const char *const *names)
{
	struct buf path = BUF_INIT;

	for (; *names; names++) {
		buf_reset(&path);
		buf_printf(&path, "%s/%s", dir, *names);
		remove(path.ptr);
	}
	buf_free(&path);
}

static void test_load_dir(void)
{
	static const char *const files[] = { "page.html", "partials/nav.html", ".swp",
		"feed.xml", "partials", "bad/x.html", "bad", "", NULL };
	char dir[] = "/tmp/unit_tmpl.XXXXXX";
	struct tmpl_set *set = tmpl_set_new("_html");
	struct buf out = BUF_INIT, err = BUF_INIT;
	json_t *ctx = json_pack("{s:s}", "x", "a&b");

	CHECK(mkdtemp(dir) != NULL, "load_dir: scratch directory");
	write_file(dir, "page.html", "<p>{{>partials/nav.html}}</p>");
	write_file(dir, "partials/nav.html", "<nav>{{x}}</nav>");
	write_file(dir, "feed.xml", "<feed>{{x}}</feed>");
	write_file(dir, ".swp", "{{#broken");
	CHECK(tmpl_set_load_dir(set, dir, &err) == 0, "load_dir: loads a tree (%s)", err.ptr);
	CHECK(tmpl_render(set, "page.html", ctx, &out, &err) == 0, "load_dir: renders");
	CHECK_STR(out.ptr, "<p><nav>a&amp;b</nav></p>", "load_dir: partials named by path");
	buf_reset(&out);
	CHECK(tmpl_render(set, "feed.xml", ctx, &out, &err) == 0, "load_dir: every extension");
	CHECK(tmpl_render(set, ".swp", ctx, &out, &err) < 0, "load_dir: dot files skipped");
	CHECK_STR(err.ptr, ".swp: no such template, expected one added to the set",
		  "render of an unknown template names it");
	write_file(dir, "bad/x.html", "ok\n{{/x}}");
	CHECK(tmpl_set_load_dir(set, dir, &err) < 0 &&
	      strcmp(err.ptr, "bad/x.html:2: {{/x}}: nothing to close, expected an opening tag "
		     "before it") == 0, "load_dir: error names the file by its template name");
	remove_files(dir, files);
	CHECK(tmpl_set_load_dir(set, "/nonexistent/tmpl", &err) < 0 &&
	      strstr(err.ptr, "/nonexistent/tmpl: cannot open directory") != NULL,
	      "load_dir: missing directory reported");
	json_decref(ctx);
	tmpl_set_free(set);
	buf_free(&out);
	buf_free(&err);
}

static void test_set(void)
{
	struct tmpl_set *set = tmpl_set_new(NULL);
	struct buf out = BUF_INIT, err = BUF_INIT, name = BUF_INIT, deep = BUF_INIT;
	int i, ok = 1;

	CHECK(tmpl_set_add(set, "a", "one", &err) == 0 && tmpl_set_add(set, "a", "two", &err) == 0 &&
	      tmpl_render(set, "a", NULL, &out, &err) == 0 && strcmp(out.ptr, "two") == 0,
	      "adding a name again replaces the template");
	CHECK(tmpl_set_add(set, "a", "{{#x}}", &err) < 0 && tmpl_render(set, "a", NULL, &out, &err) == 0,
	      "a failed add keeps the old template");
	for (i = 0; i < 300 && ok; i++) {
		buf_reset(&name);
		buf_printf(&name, "t%d", i);
		ok = tmpl_set_add(set, name.ptr, name.ptr, &err) == 0;
	}
	for (i = 0; i < 300 && ok; i++) {
		buf_reset(&name);
		buf_reset(&out);
		buf_printf(&name, "t%d", i);
		ok = tmpl_render(set, name.ptr, NULL, &out, &err) == 0 && !strcmp(out.ptr, name.ptr);
	}
	CHECK(ok, "300 templates in one set all found");
	for (i = 0; i < 101; i++)
		buf_adds(&deep, "{{#a}}");
	CHECK(tmpl_set_add(set, "deep", deep.ptr, &err) < 0 &&
	      strcmp(err.ptr, "deep:1: {{#a}}: sections nested more than 100 deep") == 0,
	      "nesting past 100 sections refused (%s)", err.ptr);
	tmpl_set_free(set);
	tmpl_set_free(NULL);
	buf_free(&out);
	buf_free(&err);
	buf_free(&name);
	buf_free(&deep);
}

static unsigned long next_rand(unsigned long *seed)
{
	*seed = *seed * 6364136223846793005ul + 1442695040888963407ul;
	return *seed >> 33;
}

/* A random template with balanced sections, blocks and parents, up to depth levels. */
static void random_balanced(struct buf *b, unsigned long *seed, int depth)
{
	static const char *const leaves[] = { "x", "\n", "  ", "{{a}}", "{{{b}}}", "{{.}}",
		"{{>p}}", "{{!c}}", "\r\n", "{{a.b}}", "  {{>p}}\n", "{{=<% %>=}}<%a%><%={{ }}=%>" };
	static const char *const opens[] = { "#", "^", "$", "<" };
	int n = (int)(next_rand(seed) % 6), k;

	for (k = 0; k < n; k++) {
		unsigned long r = next_rand(seed);
		const char *o = opens[r % 4], *name = r % 4 == 3 ? "p" : r % 3 ? "a" : "b";
		if (depth == 0 || r % 3) {
			buf_adds(b, leaves[(r >> 4) % ARRAY_LEN(leaves)]);
			continue;
		}
		buf_printf(b, "%s{{%s%s}}%s", r & 16 ? "  " : "", o, name, r & 32 ? "\n" : "");
		random_balanced(b, seed, depth - 1);
		buf_printf(b, "%s{{/%s}}%s", r & 64 ? "  " : "", name, r & 128 ? "\n" : "");
	}
}

/* Templates glued from tag fragments at random must compile or fail with a message, and
 * render without tripping the sanitizers. */
static void test_random(void)
{
	/* Even rounds glue fragments, most of which fail to compile; odd rounds build
	 * balanced templates, which compile and exercise the renderer. */
	static const char *const bits[] = { "{{#a}}", "{{/a}}", "{{^a}}", "{{>p}}", "{{<p}}",
		"{{/p}}", "{{$b}}", "{{/b}}", "\n", "  ", "x", "{{{a}}}", "{{!c}}", "{{.}}",
		"{{a.b}}", "\r\n", "{{&a}}", "{{", "}}", "{{=<% %>=}}", "<%", "%>", "}", "=" };
	json_t *ctx = json_loads("{\"a\":[1,{\"b\":\"<\"},[2.5]],\"b\":true}", 0, NULL);
	unsigned long seed = 12345;
	int i, k, compiled = 0, clean = 1;

	for (i = 0; i < 3000; i++) {
		struct tmpl_set *set = tmpl_set_new(NULL);
		struct buf text[2] = { BUF_INIT, BUF_INIT }, out = BUF_INIT, err = BUF_INIT;
		for (k = 0; k < 2; k++) {
			if (i % 2)
				random_balanced(&text[k], &seed, 4);
			while (i % 2 == 0 && next_rand(&seed) % 16)
				buf_adds(&text[k], bits[next_rand(&seed) % ARRAY_LEN(bits)]);
		}
		if (tmpl_set_add(set, "p", text[1].ptr, &err) == 0 &&
		    tmpl_set_add(set, "t", text[0].ptr, &err) == 0) {
			compiled++;
			if (tmpl_render(set, "t", ctx, &out, &err) < 0 && !strstr(err.ptr, "deeper"))
				clean = 0;
		} else if (!err.len) {
			clean = 0;
		}
		tmpl_set_free(set);
		buf_free(&text[0]);
		buf_free(&text[1]);
		buf_free(&out);
		buf_free(&err);
	}
	CHECK(clean && compiled > 100, "3000 random templates: %d compiled, the rest failed "
	      "with a message", compiled);
	json_decref(ctx);
}
int main(void)
{
	const char *dir = getenv("TESTS");
	size_t i;

	if (!dir)
		dir = "tests";
	for (i = 0; i < ARRAY_LEN(spec_files); i++)
		spec_file(dir, spec_files[i]);
	test_escape();
	test_values();
	test_raw_rule();
	test_errors();
	test_recursion();
	test_layout();
	test_load_dir();
	test_set();
	test_random();
	return UNIT_DONE();
}
