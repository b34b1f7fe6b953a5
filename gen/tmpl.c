/* tmpl: a Mustache engine over jansson values.
 *
 * Compiling runs in passes over a flat token list, because the spec's whitespace rules look
 * at whole lines and at matching tag pairs before any tree exists:
 *   lex        the source into text (split at each newline) and tag tokens;
 *   match      open and close tags, reporting unbalanced ones;
 *   standalone rules mark tags alone on their line and delete that line's whitespace;
 *   build      the node tree from the tokens left;
 *   reindent   block contents (template inheritance moves text between indentations).
 * Rendering then walks the tree; no source is looked at again.
 *
 * Indentation of partials follows the spec's "prepend the indentation to each line of the
 * partial": a node that starts a source line carries `bol`, and the renderer writes the
 * current indentation before it. Interpolated values are never indented. */
#include "tmpl.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "escape.h"
#include "num.h"
#include "util.h"

#define MAX_NEST 100      /* sections open at once in one template */
#define MAX_DELIM 16      /* bytes in a custom delimiter */
#define MAX_DIR_DEPTH 16  /* subdirectories of a template directory */
#define MAX_FILE (4u << 20)

enum kind {
	K_TEXT, K_VAR, K_RAW, K_SECTION, K_INVERTED, K_PARTIAL, K_PARENT, K_BLOCK,
	K_CLOSE, K_COMMENT, K_DELIM
};

struct tok {
	enum kind kind;
	size_t start, end;   /* the whole token in the source */
	size_t name, nlen;   /* the tag's name, trimmed */
	int line;
	long match;          /* opens: index of the close; closes: of the open */
	long outer;          /* the open tag this token sits in, -1 at top level */
	size_t ws, wslen;    /* standalone tags: the whitespace deleted before them */
	unsigned del : 1;    /* deleted by a standalone rule */
	unsigned standalone : 1;
	unsigned def_standalone : 1;  /* block argument whose opening line held only tags */
};

struct node {
	enum kind kind;
	int line;
	unsigned bol : 1;        /* starts a line: the current indentation goes first */
	unsigned standalone : 1; /* partial, parent or block that replaces a whole line */
	unsigned is_arg : 1;     /* block directly inside a parent: an argument */
	unsigned def_standalone : 1;
	const char *text;        /* K_TEXT: points into the template's source */
	size_t len;
	const char *ws;          /* whitespace before the tag on its line (into the source) */
	size_t wslen;
	const char *ind;         /* K_BLOCK sites: indentation of the block's content */
	size_t indlen;
	char *name;
	char **parts;            /* name split at dots; nparts 0 for "." */
	size_t nparts;
	struct node *kids;       /* section body, block content, parent arguments */
	size_t nkids;
};

struct tmpl {
	char *name;
	char *src;
	struct node *nodes;
	size_t nnodes;
};

struct tmpl_set {
	char *raw_suffix;
	struct tmpl **slot;  /* open addressing, cap a power of two */
	size_t cap, count;
};

struct compiler {
	const char *name, *src, *raw_suffix;
	size_t len;
	struct tok *toks;
	size_t ntoks, ctoks;
	struct buf *err;
};

struct delims {
	char open[MAX_DELIM + 1], close[MAX_DELIM + 2];
	size_t olen, clen;
};

/* ---- lexing ---- */

static struct tok *tok_push(struct compiler *c, enum kind kind, size_t start, size_t end,
			    int line)
{
	struct tok *t;

	if (c->ntoks == c->ctoks) {
		c->ctoks = c->ctoks ? 2 * c->ctoks : 64;
		c->toks = xrealloc(c->toks, c->ctoks * sizeof(*c->toks));
	}
	t = &c->toks[c->ntoks++];
	memset(t, 0, sizeof(*t));
	t->kind = kind;
	t->start = start;
	t->end = end;
	t->line = line;
	t->match = t->outer = -1;
	return t;
}

/* Adds src[from..to) as text tokens, one per line piece; returns the line after it. */
static int lex_text(struct compiler *c, size_t from, size_t to, int line)
{
	while (from < to) {
		const char *nl = memchr(c->src + from, '\n', to - from);
		size_t end = nl ? (size_t)(nl - c->src) + 1 : to;
		tok_push(c, K_TEXT, from, end, line);
		line += nl != NULL;
		from = end;
	}
	return line;
}

static enum kind sigil_kind(char ch)
{
	switch (ch) {
	case '#': return K_SECTION;
	case '^': return K_INVERTED;
	case '/': return K_CLOSE;
	case '>': return K_PARTIAL;
	case '<': return K_PARENT;
	case '$': return K_BLOCK;
	case '!': return K_COMMENT;
	case '=': return K_DELIM;
	case '&': return K_RAW;
	case '{': return K_RAW;
	default: return K_VAR;
	}
}

/* memmem is a GNU extension; this is the portable few lines. */
static const char *find(const char *hay, size_t n, const char *needle, size_t k)
{
	const char *end = hay + n;

	for (; (size_t)(end - hay) >= k; hay++) {
		hay = memchr(hay, needle[0], (size_t)(end - hay) - k + 1);
		if (!hay)
			return NULL;
		if (memcmp(hay, needle, k) == 0)
			return hay;
	}
	return NULL;
}

static int is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

static int count_lines(const char *s, size_t n)
{
	int lines = 0;

	while (n--)
		lines += *s++ == '\n';
	return lines;
}

/* The tag as written, shortened for messages. */
static int tag_len(const struct compiler *c, const struct tok *t)
{
	size_t n = t->end - t->start;
	return n > 60 ? 60 : (int)n;
}

#define TAG(c, t) tag_len(c, t), (c)->src + (t)->start

static int bad_tag(struct compiler *c, const struct tok *t, const char *what)
{
	return err_set(c->err, "%s:%d: %.*s: %s", c->name, t->line, TAG(c, t), what);
}

/* The string that ends a tag opened with sigil: "}}}" for a triple mustache, "=}}" for a
 * delimiter change, else the closing delimiter. */
static void tag_closer(const struct delims *d, char sigil, char *out, size_t *n)
{
	size_t k = 0;

	if (sigil == '{' || sigil == '=')
		out[k++] = sigil == '{' ? '}' : '=';
	memcpy(out + k, d->close, d->clen);
	*n = k + d->clen;
}

/* Parses "{{=<% %>=}}": two delimiters without spaces or '=' into d. */
static int set_delims(struct compiler *c, const struct tok *t, struct delims *d)
{
	const char *s = c->src + t->name, *end = s + t->nlen, *o, *cl;
	size_t olen, clen;

	o = s;
	while (s < end && !is_space(*s))
		s++;
	olen = (size_t)(s - o);
	while (s < end && is_space(*s))
		s++;
	cl = s;
	clen = (size_t)(end - cl);
	/* The closing delimiter runs to the end: anything after a space is a third word. */
	while (s < end && !is_space(*s))
		s++;
	if (!olen || !clen || s != end || olen > MAX_DELIM || clen > MAX_DELIM ||
	    memchr(o, '=', olen) || memchr(cl, '=', clen))
		return bad_tag(c, t, "bad delimiter change, expected two delimiters of at most "
			       "16 bytes without spaces or '=', as in {{=<% %>=}}");
	memcpy(d->open, o, olen);
	memcpy(d->close, cl, clen);
	d->olen = olen;
	d->clen = clen;
	return 0;
}

static int ends_with(const char *s, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);
	return n >= k && memcmp(s + n - k, suffix, k) == 0;
}

static int check_name(struct compiler *c, const struct tok *t)
{
	const char *s = c->src + t->name;
	size_t i;

	if (!t->nlen)
		return bad_tag(c, t, "empty tag name, expected a name");
	for (i = 0; i < t->nlen; i++)
		if (is_space(s[i]))
			return bad_tag(c, t, "bad tag name, expected a name without spaces");
	if (t->kind == K_RAW && c->raw_suffix && !ends_with(s, t->nlen, c->raw_suffix))
		return err_set(c->err, "%s:%d: %.*s: raw output only for names ending in %s",
			       c->name, t->line, TAG(c, t), c->raw_suffix);
	return 0;
}

/* Lexes the tag whose opening delimiter is at `at`; sets *pos past it. */
static int lex_tag(struct compiler *c, struct delims *d, size_t at, size_t *pos, int *line)
{
	size_t p = at + d->olen, clen, n;
	char sigil = p < c->len ? c->src[p] : '\0', closer[MAX_DELIM + 2];
	enum kind kind = sigil_kind(sigil);
	const char *e;
	struct tok *t;

	p += kind != K_VAR;
	tag_closer(d, sigil, closer, &clen);
	e = find(c->src + p, c->len - p, closer, clen);
	if (!e) {
		n = c->len - at > 40 ? 40 : c->len - at;
		return err_set(c->err, "%s:%d: %.*s: tag not closed, expected %.*s", c->name,
			       *line, (int)n, c->src + at, (int)clen, closer);
	}
	t = tok_push(c, kind, at, (size_t)(e - c->src) + clen, *line);
	while (p < (size_t)(e - c->src) && is_space(c->src[p]))
		p++;
	while ((size_t)(e - c->src) > p && is_space(e[-1]))
		e--;
	t->name = p;
	t->nlen = (size_t)(e - c->src) - p;
	*line += count_lines(c->src + t->start, t->end - t->start);
	*pos = t->end;
	if (kind == K_DELIM)
		return set_delims(c, t, d);
	return kind == K_COMMENT ? 0 : check_name(c, t);
}

static int lex(struct compiler *c)
{
	struct delims d = { "{{", "}}", 2, 2 };
	size_t pos = 0;
	int line = 1;

	while (pos < c->len) {
		const char *o = find(c->src + pos, c->len - pos, d.open, d.olen);
		size_t at = o ? (size_t)(o - c->src) : c->len;
		line = lex_text(c, pos, at, line);
		pos = at;
		if (o && lex_tag(c, &d, at, &pos, &line) < 0)
			return -1;
	}
	return 0;
}

/* ---- matching open and close tags ---- */

static int is_open(enum kind k)
{
	return k == K_SECTION || k == K_INVERTED || k == K_PARENT || k == K_BLOCK;
}

static const char *sigil_of(enum kind k)
{
	static const char *const s[] = { "", "", "&", "#", "^", ">", "<", "$", "/", "!", "=" };
	return s[k];
}

static int close_tag(struct compiler *c, long *stack, int *sp, long i)
{
	struct tok *t = &c->toks[i], *o;

	if (!*sp)
		return bad_tag(c, t, "nothing to close, expected an opening tag before it");
	o = &c->toks[stack[--*sp]];
	if (o->nlen != t->nlen || memcmp(c->src + o->name, c->src + t->name, t->nlen))
		return err_set(c->err, "%s:%d: %.*s: does not close %.*s from line %d, "
			       "expected {{/%.*s}}", c->name, t->line, TAG(c, t), TAG(c, o),
			       o->line, (int)o->nlen, c->src + o->name);
	o->match = i;
	t->match = o - c->toks;
	return 0;
}

static int match_tags(struct compiler *c)
{
	long stack[MAX_NEST];
	int sp = 0;
	size_t i;

	for (i = 0; i < c->ntoks; i++) {
		struct tok *t = &c->toks[i];
		t->outer = sp ? stack[sp - 1] : -1;
		if (t->kind == K_CLOSE && close_tag(c, stack, &sp, (long)i) < 0)
			return -1;
		if (!is_open(t->kind))
			continue;
		if (sp == MAX_NEST)
			return bad_tag(c, t, "sections nested more than 100 deep");
		stack[sp++] = (long)i;
	}
	if (!sp)
		return 0;
	i = (size_t)stack[sp - 1];
	return err_set(c->err, "%s:%d: %.*s: not closed, expected {{/%.*s}}", c->name,
		       c->toks[i].line, TAG(c, &c->toks[i]), (int)c->toks[i].nlen,
		       c->src + c->toks[i].name);
}

/* ---- standalone lines ---- */

static int is_text(const struct compiler *c, long i)
{
	return i >= 0 && (size_t)i < c->ntoks && c->toks[i].kind == K_TEXT;
}

static int ends_line(const struct compiler *c, long i)
{
	return is_text(c, i) && c->src[c->toks[i].end - 1] == '\n';
}

/* Text of spaces and tabs, ending with an optional "\n" or "\r\n". */
static int ws_text(const struct compiler *c, long i)
{
	const char *s = c->src + c->toks[i].start, *e = c->src + c->toks[i].end;

	if (e > s && e[-1] == '\n')
		e -= e - 1 > s && e[-2] == '\r' ? 2 : 1;
	for (; s < e; s++)
		if (*s != ' ' && *s != '\t')
			return 0;
	return 1;
}

/* Whether only whitespace precedes token i on its line; *ws is that whitespace's token or
 * -1. */
static int left_ws(const struct compiler *c, long i, long *ws)
{
	long p = i - 1;

	*ws = -1;
	if (p < 0 || ends_line(c, p))
		return 1;
	if (!is_text(c, p) || !ws_text(c, p) || !(p == 0 || ends_line(c, p - 1)))
		return 0;
	*ws = p;
	return 1;
}

/* Whether only whitespace follows token i up to the end of its line or of the source. */
static int right_ws(const struct compiler *c, long i)
{
	long n = i + 1;

	if ((size_t)n == c->ntoks)
		return 1;
	if (!is_text(c, n) || !ws_text(c, n))
		return 0;
	return ends_line(c, n) || (size_t)n + 1 == c->ntoks;
}

static void mark_standalone(struct compiler *c, long i, long ws)
{
	struct tok *t = &c->toks[i];

	t->standalone = 1;
	if (ws < 0)
		return;
	t->ws = c->toks[ws].start;
	t->wslen = c->toks[ws].end - c->toks[ws].start;
	c->toks[ws].del = 1;
}

/* Parents are left to stand_parents: their opening tag shares its line with the blocks. */
static int can_stand(enum kind k)
{
	return k != K_TEXT && k != K_VAR && k != K_RAW && k != K_PARENT;
}

static size_t line_end(const struct compiler *c, size_t i)
{
	while (i < c->ntoks && !ends_line(c, (long)i))
		i++;
	return i < c->ntoks ? i + 1 : i;
}

/* The spec's rule: a line holding one non-output tag and whitespace is removed whole. */
static void stand_lines(struct compiler *c)
{
	size_t i, e, k;

	for (i = 0; i < c->ntoks; i = e) {
		long tag = -1;
		int ntags = 0, blank = 1;
		e = line_end(c, i);
		for (k = i; k < e; k++) {
			if (c->toks[k].kind != K_TEXT)
				ntags++, tag = (long)k;
			else if (!ws_text(c, (long)k))
				blank = 0;
		}
		if (ntags != 1 || !blank || !can_stand(c->toks[tag].kind))
			continue;
		for (k = i; k < e; k++)
			c->toks[k].del |= c->toks[k].kind == K_TEXT;
		mark_standalone(c, tag, tag > (long)i ? (long)i : -1);
	}
}

/* A parent whose opening tag starts its line (after whitespace) and whose closing tag ends
 * its line stands alone even when both share the line ("  {{<page}}{{/page}}"): the line
 * is replaced by the parent, indented like a standalone partial. Text inside a parent is
 * ignored, so only the two ends count. */
static void stand_parents(struct compiler *c)
{
	size_t i;
	long ws;

	for (i = 0; i < c->ntoks; i++) {
		struct tok *t = &c->toks[i];
		if (t->kind != K_PARENT || !left_ws(c, (long)i, &ws) || !right_ws(c, t->match))
			continue;
		mark_standalone(c, (long)i, ws);
		if (is_text(c, t->match + 1))
			c->toks[t->match + 1].del = 1;
	}
}

static int is_arg(const struct compiler *c, const struct tok *t)
{
	return t->kind == K_BLOCK && t->outer >= 0 && c->toks[t->outer].kind == K_PARENT;
}

/* A block argument's opening line, when only tags are on it, and the whitespace before its
 * closing tag, on a line of its own, are no part of its content: "{{<page}}{{$body}}\n"
 * starts the body on the next line. */
static void stand_args(struct compiler *c)
{
	size_t i;

	for (i = 0; i < c->ntoks; i++) {
		struct tok *t = &c->toks[i];
		long n = (long)i + 1, p = t->match - 1;
		if (!is_arg(c, t))
			continue;
		if (is_text(c, n) && ws_text(c, n) && ends_line(c, n)) {
			c->toks[n].del = 1;
			t->def_standalone = 1;
		}
		if (p > (long)i && is_text(c, p) && !ends_line(c, p) && ws_text(c, p) &&
		    ends_line(c, p - 1))
			c->toks[p].del = 1;
	}
}

/* ---- the node tree ---- */

static int at_bol(const struct compiler *c, const struct tok *t)
{
	return t->start == 0 || c->src[t->start - 1] == '\n';
}

/* "a.b.c" -> parts a, b, c; "." stays without parts: the top of the context stack. */
static void split_name(struct node *nd)
{
	char *s, *p;
	size_t n = 1;

	if (strcmp(nd->name, ".") == 0)
		return;
	s = xstrdup(nd->name);
	for (p = s; *p; p++)
		n += *p == '.';
	nd->parts = xmalloc(n * sizeof(*nd->parts));
	nd->parts[nd->nparts++] = s;
	for (p = s; *p; p++) {
		if (*p != '.')
			continue;
		*p = '\0';
		nd->parts[nd->nparts++] = p + 1;
	}
}

static void fill_node(const struct compiler *c, long i, struct node *nd)
{
	const struct tok *t = &c->toks[i];
	long ws = -1;

	memset(nd, 0, sizeof(*nd));
	nd->kind = t->kind;
	nd->line = t->line;
	nd->standalone = t->standalone;
	nd->bol = !t->standalone && at_bol(c, t);
	nd->ws = nd->ind = "";
	if (t->kind == K_TEXT) {
		nd->text = c->src + t->start;
		nd->len = t->end - t->start;
		return;
	}
	nd->name = xstrndup(c->src + t->name, t->nlen);
	if (t->kind != K_PARTIAL && t->kind != K_PARENT && t->kind != K_BLOCK)
		split_name(nd);
	nd->is_arg = is_arg(c, t);
	nd->def_standalone = t->def_standalone;
	if (t->standalone) {
		nd->ws = c->src + t->ws;
		nd->wslen = t->wslen;
	} else if (t->kind == K_BLOCK && left_ws(c, i, &ws) && ws >= 0) {
		nd->ws = c->src + c->toks[ws].start;
		nd->wslen = c->toks[ws].end - c->toks[ws].start;
	}
}

static int skip_tok(const struct tok *t, int args_only)
{
	if (t->del || t->kind == K_CLOSE || t->kind == K_COMMENT || t->kind == K_DELIM)
		return 1;
	return args_only && t->kind != K_BLOCK;
}

/* Nodes for tokens [from, to). Inside a parent (args_only) only its blocks count. */
static struct node *build(const struct compiler *c, size_t from, size_t to, int args_only,
			  size_t *count)
{
	struct node *nodes = NULL;
	size_t n = 0, cap = 0, i;

	for (i = from; i < to; i++) {
		const struct tok *t = &c->toks[i];
		if (skip_tok(t, args_only)) {
			i = is_open(t->kind) ? (size_t)t->match : i;
			continue;
		}
		if (n == cap) {
			cap = cap ? 2 * cap : 8;
			nodes = xrealloc(nodes, cap * sizeof(*nodes));
		}
		fill_node(c, (long)i, &nodes[n]);
		if (is_open(t->kind)) {
			nodes[n].kids = build(c, i + 1, (size_t)t->match, t->kind == K_PARENT,
					      &nodes[n].nkids);
			i = (size_t)t->match;
		}
		n++;
	}
	*count = n;
	return nodes;
}

static void nodes_free(struct node *nodes, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(nodes[i].name);
		if (nodes[i].parts)
			free(nodes[i].parts[0]);
		free(nodes[i].parts);
		nodes_free(nodes[i].kids, nodes[i].nkids);
	}
	free(nodes);
}

/* ---- block reindentation ----
 * Template inheritance moves a block's content from where it is written to where the parent
 * puts it. As the spec asks, the content loses the indentation it had where written and takes
 * the indentation of the place it lands: the common indentation of a block's lines is
 * stripped here, and the renderer prepends the landing place's. */

struct indent {
	const char *p;
	size_t n;
	int have;
};

static size_t lead_ws(const char *s, size_t n)
{
	size_t k = 0;

	while (k < n && (s[k] == ' ' || s[k] == '\t'))
		k++;
	return k;
}

static void measure(struct indent *in, const char *s, size_t n)
{
	size_t k = 0;

	if (!in->have) {
		in->p = s;
		in->n = n;
		in->have = 1;
		return;
	}
	while (k < in->n && k < n && in->p[k] == s[k])
		k++;
	in->n = k;
}

static int blank_line(const char *s, size_t n)
{
	return (n == 1 && s[0] == '\n') || (n == 2 && s[0] == '\r' && s[1] == '\n');
}

/* The longest whitespace prefix shared by every line that holds something. */
static void common_indent(const struct node *nodes, size_t n, struct indent *in)
{
	size_t i, w;

	for (i = 0; i < n; i++) {
		const struct node *nd = &nodes[i];
		if (nd->kind == K_TEXT && nd->bol) {
			w = lead_ws(nd->text, nd->len);
			if (!blank_line(nd->text + w, nd->len - w))
				measure(in, nd->text, w);
		} else if (nd->standalone && !nd->is_arg) {
			measure(in, nd->ws, nd->wslen);
		} else if (nd->bol) {
			measure(in, "", 0);
		}
		common_indent(nd->kids, nd->nkids, in);
	}
}

static void strip(const char **s, size_t *n, const struct indent *in)
{
	if (*n < in->n || memcmp(*s, in->p, in->n) != 0)
		return;
	*s += in->n;
	*n -= in->n;
}

static void dedent(struct node *nodes, size_t n, const struct indent *in)
{
	size_t i;

	for (i = 0; i < n; i++) {
		struct node *nd = &nodes[i];
		if (nd->kind == K_TEXT && nd->bol)
			strip(&nd->text, &nd->len, in);
		else if (nd->kind != K_TEXT)
			strip(&nd->ws, &nd->wslen, in);
		dedent(nd->kids, nd->nkids, in);
	}
}

/* Arguments lose their common indentation when they start on a line of their own. A
 * standalone block site takes the indentation of its tag, or else of its default content;
 * an inline site takes the whitespace before it on its line. */
static void reindent_block(struct node *nd)
{
	struct indent in = { "", 0, 0 };

	if (nd->is_arg) {
		if (nd->def_standalone) {
			common_indent(nd->kids, nd->nkids, &in);
			dedent(nd->kids, nd->nkids, &in);
		}
		return;
	}
	if (!nd->standalone) {
		nd->ind = nd->ws;
		nd->indlen = nd->wslen;
		return;
	}
	if (nd->wslen)
		measure(&in, nd->ws, nd->wslen);
	else
		common_indent(nd->kids, nd->nkids, &in);
	dedent(nd->kids, nd->nkids, &in);
	nd->ind = in.p;
	nd->indlen = in.n;
}

/* Top down, so that a nested block measures what is left after its outer block's strip. */
static void reindent(struct node *nodes, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (nodes[i].kind == K_BLOCK)
			reindent_block(&nodes[i]);
		reindent(nodes[i].kids, nodes[i].nkids);
	}
}

static int compile(const struct tmpl_set *set, struct tmpl *t, struct buf *err)
{
	struct compiler c = { t->name, t->src, set->raw_suffix, strlen(t->src), NULL, 0, 0, err };
	int rc = -1;

	if (lex(&c) < 0 || match_tags(&c) < 0)
		goto out;
	stand_lines(&c);
	stand_parents(&c);
	stand_args(&c);
	t->nodes = build(&c, 0, c.ntoks, 0, &t->nnodes);
	reindent(t->nodes, t->nnodes);
	rc = 0;
out:
	free(c.toks);
	return rc;
}

/* ---- the set ---- */

static size_t hash(const char *s)
{
	size_t h = 2166136261u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

/* The slot holding name, or the empty slot where it would go. */
static struct tmpl **slot_of(const struct tmpl_set *set, const char *name)
{
	size_t i = hash(name) & (set->cap - 1);

	while (set->slot[i] && strcmp(set->slot[i]->name, name) != 0)
		i = (i + 1) & (set->cap - 1);
	return &set->slot[i];
}

static const struct tmpl *set_find(const struct tmpl_set *set, const char *name)
{
	return *slot_of(set, name);
}

static void set_grow(struct tmpl_set *set)
{
	struct tmpl **old = set->slot;
	size_t i, oldcap = set->cap;

	set->cap *= 2;
	set->slot = xcalloc(set->cap, sizeof(*set->slot));
	for (i = 0; i < oldcap; i++)
		if (old[i])
			*slot_of(set, old[i]->name) = old[i];
	free(old);
}

static void tmpl_free(struct tmpl *t)
{
	if (!t)
		return;
	nodes_free(t->nodes, t->nnodes);
	free(t->src);
	free(t->name);
	free(t);
}

struct tmpl_set *tmpl_set_new(const char *raw_suffix)
{
	struct tmpl_set *set = xcalloc(1, sizeof(*set));

	set->raw_suffix = raw_suffix ? xstrdup(raw_suffix) : NULL;
	set->cap = 16;
	set->slot = xcalloc(set->cap, sizeof(*set->slot));
	return set;
}

void tmpl_set_free(struct tmpl_set *set)
{
	size_t i;

	if (!set)
		return;
	for (i = 0; i < set->cap; i++)
		tmpl_free(set->slot[i]);
	free(set->slot);
	free(set->raw_suffix);
	free(set);
}

int tmpl_set_add(struct tmpl_set *set, const char *name, const char *text, struct buf *err)
{
	struct tmpl *t = xcalloc(1, sizeof(*t)), **slot;

	t->name = xstrdup(name);
	t->src = xstrdup(text);
	if (compile(set, t, err) < 0) {
		tmpl_free(t);
		return -1;
	}
	slot = slot_of(set, name);
	if (*slot) {
		tmpl_free(*slot);
	} else if (++set->count * 2 > set->cap) {
		set_grow(set);
		slot = slot_of(set, name);
	}
	*slot = t;
	return 0;
}

static int check_nodes(const struct tmpl_set *set, const struct tmpl *t,
		       const struct node *nodes, size_t n, struct buf *err)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const struct node *nd = &nodes[i];
		if ((nd->kind == K_PARTIAL || nd->kind == K_PARENT) && !set_find(set, nd->name))
			return err_set(err, "%s:%d: {{%s%s}}: no such template, expected one of "
				       "the template directory's files", t->name, nd->line,
				       sigil_of(nd->kind), nd->name);
		if (check_nodes(set, t, nd->kids, nd->nkids, err) < 0)
			return -1;
	}
	return 0;
}

int tmpl_set_check(const struct tmpl_set *set, struct buf *err)
{
	size_t i;

	for (i = 0; i < set->cap; i++) {
		const struct tmpl *t = set->slot[i];
		if (t && check_nodes(set, t, t->nodes, t->nnodes, err) < 0)
			return -1;
	}
	return 0;
}

static int load_file(struct tmpl_set *set, const char *path, const char *name,
		     struct buf *err)
{
	struct buf text = BUF_INIT;
	int rc = -1;

	if (file_read(path, &text, MAX_FILE, err) < 0)
		goto out;
	if (strlen(text.ptr) != text.len) {
		err_set(err, "%s: NUL byte in a template, expected text", path);
		goto out;
	}
	rc = tmpl_set_add(set, name, text.ptr, err);
out:
	buf_free(&text);
	return rc;
}

static int load_tree(struct tmpl_set *set, const char *root, const char *rel, int depth,
		     struct buf *err);

/* Loads the entry `name` of directory root/rel. */
static int load_entry(struct tmpl_set *set, const char *root, const char *rel,
		      const char *name, int depth, struct buf *err)
{
	struct buf path = BUF_INIT, sub = BUF_INIT;
	struct stat st;
	int rc = -1;

	buf_printf(&sub, "%s%s%s", rel, *rel ? "/" : "", name);
	buf_printf(&path, "%s/%s", root, sub.ptr);
	if (stat(path.ptr, &st) < 0)
		err_set(err, "%s: cannot stat: %s", path.ptr, strerror(errno));
	else if (S_ISDIR(st.st_mode))
		rc = load_tree(set, root, sub.ptr, depth + 1, err);
	else if (S_ISREG(st.st_mode))
		rc = load_file(set, path.ptr, sub.ptr, err);
	else
		rc = 0;
	buf_free(&path);
	buf_free(&sub);
	return rc;
}

static int load_tree(struct tmpl_set *set, const char *root, const char *rel, int depth,
		     struct buf *err)
{
	struct buf path = BUF_INIT;
	struct dirent *de;
	DIR *dir = NULL;
	int rc = -1;

	buf_printf(&path, "%s%s%s", root, *rel ? "/" : "", rel);
	if (depth > MAX_DIR_DEPTH) {
		err_set(err, "%s: directories nested too deep, expected at most %d levels",
			path.ptr, MAX_DIR_DEPTH);
		goto out;
	}
	dir = opendir(path.ptr);
	if (!dir) {
		err_set(err, "%s: cannot open directory: %s", path.ptr, strerror(errno));
		goto out;
	}
	while ((de = readdir(dir)))
		if (de->d_name[0] != '.' &&
		    load_entry(set, root, rel, de->d_name, depth, err) < 0)
			goto out;
	rc = 0;
out:
	if (dir)
		closedir(dir);
	buf_free(&path);
	return rc;
}

int tmpl_set_load_dir(struct tmpl_set *set, const char *dir, struct buf *err)
{
	if (load_tree(set, dir, "", 0, err) < 0)
		return -1;
	return tmpl_set_check(set, err);
}

/* ---- rendering ---- */

struct frame {
	const struct node *parent;  /* a parent tag: its kids are the block arguments */
	const struct tmpl *owner;   /* the template the parent tag is written in */
};

struct render {
	const struct tmpl_set *set;
	const struct tmpl *cur;     /* template of the nodes being rendered, for messages */
	struct buf *out, *err;
	json_t **ctx;               /* the context stack, borrowed values, top last */
	size_t nctx, cctx;
	struct frame *frames;       /* parents being rendered, outermost first */
	size_t nframes, cframes;
	struct buf ind;             /* ind.ptr[base..len) goes before each line */
	size_t base;
	int depth;
	unsigned long steps;        /* nodes rendered, against TMPL_MAX_STEPS */
};

static int render_nodes(struct render *r, const struct node *nodes, size_t n, int first);

static int descend(struct render *r, const struct node *nd)
{
	if (r->depth < TMPL_MAX_DEPTH) {
		r->depth++;
		return 0;
	}
	return err_set(r->err, "%s:%d: {{%s%s}}: templates nested deeper than %d, expected no "
		       "partial or block that includes itself without end", r->cur->name,
		       nd->line, sigil_of(nd->kind), nd->name, TMPL_MAX_DEPTH);
}

static json_t *lookup(const struct render *r, const struct node *nd)
{
	size_t k, p;

	if (!nd->nparts)
		return r->nctx ? r->ctx[r->nctx - 1] : NULL;
	for (k = r->nctx; k-- > 0;) {
		json_t *v = json_object_get(r->ctx[k], nd->parts[0]);
		if (!v)
			continue;
		/* Only the first part searches the stack: "a.b" with a found but no b is
		 * nothing, not a lookup of a.b further down. */
		for (p = 1; p < nd->nparts && v; p++)
			v = json_object_get(v, nd->parts[p]);
		return v;
	}
	return NULL;
}

static int falsy(const json_t *v)
{
	return !v || json_is_null(v) || json_is_false(v) ||
	       (json_is_string(v) && !json_string_length(v)) ||
	       (json_is_array(v) && !json_array_size(v));
}

/* The shortest %g form that reads back as the same double: 1.21, not 1.2099999999999999.
 * 32 bytes hold any %.17g of a double, so snprintf cannot truncate. */
static void format_real(char s[32], double d)
{
	int prec;

	for (prec = 15; prec <= 17; prec++) {
		snprintf(s, 32, "%.*g", prec, d);
		if (strtod(s, NULL) == d)
			break;
	}
}

static void write_value(struct buf *out, const json_t *v, int esc)
{
	char num[32];
	const char *s = num;
	size_t n;

	if (json_is_string(v)) {
		s = json_string_value(v);
		n = json_string_length(v);
	} else if (json_is_integer(v)) {  /* digits and '-': nothing to escape */
		num_add_int(out, (long long)json_integer_value(v));  /* not snprintf: 2 % of a
								      * national build */
		return;
	} else if (json_is_real(v)) {
		format_real(num, json_real_value(v));
		n = strlen(num);
	} else if (json_is_boolean(v)) {
		s = json_is_true(v) ? "true" : "false";
		n = strlen(s);
	} else {
		return;
	}
	if (esc)
		escape_html(out, s, n);
	else
		buf_add(out, s, n);
}

static int render_text(struct render *r, const struct node *nd)
{
	buf_add(r->out, nd->text, nd->len);
	return 0;
}

static int render_var(struct render *r, const struct node *nd)
{
	write_value(r->out, lookup(r, nd), nd->kind == K_VAR);
	return 0;
}

static int render_with(struct render *r, const struct node *nd, json_t *v)
{
	int rc;

	if (r->nctx == r->cctx) {
		r->cctx = r->cctx ? 2 * r->cctx : 16;
		r->ctx = xrealloc(r->ctx, r->cctx * sizeof(*r->ctx));
	}
	r->ctx[r->nctx++] = v;
	rc = render_nodes(r, nd->kids, nd->nkids, -1);
	r->nctx--;
	return rc;
}

static int render_section(struct render *r, const struct node *nd)
{
	json_t *v = lookup(r, nd);
	size_t i;
	int rc = 0;

	if (falsy(v))
		return 0;
	if (descend(r, nd) < 0)
		return -1;
	if (!json_is_array(v))
		rc = render_with(r, nd, v);
	for (i = 0; json_is_array(v) && i < json_array_size(v) && rc == 0; i++)
		rc = render_with(r, nd, json_array_get(v, i));
	r->depth--;
	return rc;
}

static int render_inverted(struct render *r, const struct node *nd)
{
	int rc;

	if (!falsy(lookup(r, nd)))
		return 0;
	if (descend(r, nd) < 0)
		return -1;
	rc = render_nodes(r, nd->kids, nd->nkids, -1);
	r->depth--;
	return rc;
}

/* Renders template t in place of tag nd: a standalone tag indents every line of t by the
 * whitespace before it, an inline one inserts t without indentation. */
static int render_included(struct render *r, const struct node *nd, const struct tmpl *t)
{
	size_t len = r->ind.len, base = r->base;
	const struct tmpl *cur = r->cur;
	int rc;

	if (descend(r, nd) < 0)
		return -1;
	if (nd->standalone)
		buf_add(&r->ind, nd->ws, nd->wslen);
	else
		r->base = r->ind.len;
	r->cur = t;
	rc = render_nodes(r, t->nodes, t->nnodes, -1);
	r->cur = cur;
	r->base = base;
	buf_trunc(&r->ind, len);
	r->depth--;
	return rc;
}

/* A missing partial renders as nothing, as the spec asks; tmpl_set_check reports them. */
static int render_partial(struct render *r, const struct node *nd)
{
	const struct tmpl *t = set_find(r->set, nd->name);

	return t ? render_included(r, nd, t) : 0;
}

static int render_parent(struct render *r, const struct node *nd)
{
	const struct tmpl *t = set_find(r->set, nd->name);
	int rc;

	if (!t)
		return 0;
	if (r->nframes == r->cframes) {
		r->cframes = r->cframes ? 2 * r->cframes : 8;
		r->frames = xrealloc(r->frames, r->cframes * sizeof(*r->frames));
	}
	r->frames[r->nframes].parent = nd;
	r->frames[r->nframes++].owner = r->cur;
	rc = render_included(r, nd, t);
	r->nframes--;
	return rc;
}

/* The argument for block `name`: the outermost parent's wins, so a page overrides its
 * layout's layout. */
static const struct node *find_arg(const struct render *r, const char *name,
				   const struct tmpl **owner)
{
	size_t f, k;

	for (f = 0; f < r->nframes; f++) {
		const struct node *p = r->frames[f].parent;
		for (k = 0; k < p->nkids; k++) {
			if (strcmp(p->kids[k].name, name) != 0)
				continue;
			*owner = r->frames[f].owner;
			return &p->kids[k];
		}
	}
	return NULL;
}

static int render_block(struct render *r, const struct node *nd)
{
	const struct tmpl *cur = r->cur, *owner = r->cur;
	const struct node *arg = find_arg(r, nd->name, &owner), *body = arg ? arg : nd;
	size_t len = r->ind.len;
	int rc;

	if (descend(r, nd) < 0)
		return -1;
	/* Inline default content keeps the indentation written in its own lines. */
	if (nd->standalone || arg)
		buf_add(&r->ind, nd->ind, nd->indlen);
	r->cur = owner;
	rc = render_nodes(r, body->kids, body->nkids, nd->standalone);
	r->cur = cur;
	buf_trunc(&r->ind, len);
	r->depth--;
	return rc;
}

static int (*const renderers[])(struct render *, const struct node *) = {
	[K_TEXT] = render_text,
	[K_VAR] = render_var,
	[K_RAW] = render_var,
	[K_SECTION] = render_section,
	[K_INVERTED] = render_inverted,
	[K_PARTIAL] = render_partial,
	[K_PARENT] = render_parent,
	[K_BLOCK] = render_block,
};

static int emits(const struct node *nd)
{
	return nd->kind == K_TEXT || nd->kind == K_VAR || nd->kind == K_RAW || !nd->standalone;
}

/* first: 1 or 0 forces whether the first node starts a line, -1 leaves it to the node. */
static int render_nodes(struct render *r, const struct node *nodes, size_t n, int first)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const struct node *nd = &nodes[i];
		int bol = i == 0 && first >= 0 ? first : nd->bol;
		if (++r->steps > TMPL_MAX_STEPS)
			return err_set(r->err, "%s:%d: rendering took more than %lu steps, expected "
				       "sections that do not multiply without end", r->cur->name,
				       nd->line, (unsigned long)TMPL_MAX_STEPS);
		if (bol && emits(nd) && r->ind.len > r->base)
			buf_add(r->out, r->ind.ptr + r->base, r->ind.len - r->base);
		if (renderers[nd->kind](r, nd) < 0)
			return -1;
	}
	return 0;
}

int tmpl_render(const struct tmpl_set *set, const char *name, json_t *ctx, struct buf *out,
		struct buf *err)
{
	const struct tmpl *t = set_find(set, name);
	struct render r = { set, t, out, err, NULL, 0, 0, NULL, 0, 0, BUF_INIT, 0, 0, 0 };
	int rc;

	if (!t)
		return err_set(err, "%s: no such template, expected one added to the set", name);
	if (ctx) {
		r.ctx = xmalloc(16 * sizeof(*r.ctx));
		r.cctx = 16;
		r.ctx[r.nctx++] = ctx;
	}
	rc = render_nodes(&r, t->nodes, t->nnodes, -1);
	free(r.ctx);
	free(r.frames);
	buf_free(&r.ind);
	return rc;
}
