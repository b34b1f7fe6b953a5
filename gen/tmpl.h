/* tmpl: Mustache templates compiled once, rendered many times against jansson values.
 *
 * The language is Mustache as the official spec defines it (interpolation, sections,
 * inverted sections, comments, set delimiters, partials with standalone indentation, dotted
 * names, {{.}}) plus template inheritance ({{<parent}} with {{$block}}…{{/block}}). No
 * lambdas: JSON cannot carry them.
 *
 * Values: strings render as they are, integers without decimals, reals in the shortest form
 * that reads back the same (1.5, 3.0 -> "3"), true/false as words, null, objects and arrays
 * as nothing. Sections treat false, null, "" and [] as false; an array repeats the section
 * once per element; any other value is pushed on the context stack for the section.
 *
 * Escaping: {{x}} always goes through escape_html. {{{x}}} and {{&x}} write raw; a set made
 * with a raw_suffix refuses, at compile time, raw output of any name not ending with it.
 *
 * Templates are named by the caller; tmpl_set_load_dir names them by their path relative
 * to the directory, extension included ("page.html", "partials/nav.html"), and partial and
 * parent tags use those names ({{>partials/nav.html}}). */
#ifndef GEN_TMPL_H
#define GEN_TMPL_H

#include <jansson.h>

#include "buf.h"

/* How deep partials, parents, blocks and sections may nest while rendering: past it a
 * recursive partial is reported instead of overflowing the stack. */
#define TMPL_MAX_DEPTH 200
/* How many nodes one render may visit: sections nested over lists multiply, and a template
 * that would run for hours is reported instead. A table of 100 000 rows fits. */
#define TMPL_MAX_STEPS 10000000ul

struct tmpl_set;

/* A new empty set. raw_suffix (copied; NULL = no rule) is the suffix a name must end with
 * to be written raw, e.g. "_html". */
struct tmpl_set *tmpl_set_new(const char *raw_suffix);
void tmpl_set_free(struct tmpl_set *set);

/* Compiles text under name (both copied), replacing a template of the same name. On a
 * syntax error fills err with "name:line: tag: what, expected what" and adds nothing. */
int tmpl_set_add(struct tmpl_set *set, const char *name, const char *text, struct buf *err);

/* Adds every regular file under dir, recursively, skipping names starting with '.', then
 * runs tmpl_set_check. Fails on the first unreadable or malformed file. */
int tmpl_set_load_dir(struct tmpl_set *set, const char *dir, struct buf *err);

/* Checks that every partial and parent tag names a template of the set: the spec renders a
 * missing partial as nothing, which would silently blank a page after a typo. */
int tmpl_set_check(const struct tmpl_set *set, struct buf *err);

/* Appends the template called name rendered against ctx (borrowed; NULL = empty) to out.
 * Fails for an unknown name, nesting past TMPL_MAX_DEPTH or work past TMPL_MAX_STEPS; out
 * then holds a partial page the caller must not use. The set is only read: renders may
 * run in parallel threads. */
int tmpl_render(const struct tmpl_set *set, const char *name, json_t *ctx, struct buf *out,
		struct buf *err);

#endif
