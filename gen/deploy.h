/* deploy: publishes the built site to [deploy] url. The plan is pure (two manifests and a
 * remote listing in, ordered uploads and deletions out) so it can be tested without a
 * server; the command runs it through a target (target.h). */
#ifndef GEN_DEPLOY_H
#define GEN_DEPLOY_H

#include "buf.h"
#include "manifest.h"

struct strlist {
	char **v;
	size_t n, cap;
};

struct deploy_put {
	const struct manifest_entry *e;  /* points into the local manifest */
	int wave;                        /* waves run one after another, in order */
	int exists;                      /* the remote has a file there already */
};

struct deploy_plan {
	struct deploy_put *puts;         /* sorted by wave, then path */
	size_t nputs;
	long long put_bytes;
	size_t unchanged;
	struct strlist deletes;          /* files gone from the build: counted against the cap */
	struct strlist cleanup;          /* temporary uploads an interrupted deploy left */
	struct strlist rmdirs;           /* directories left empty, deepest first */
	struct strlist mkdirs;           /* directories uploads need, parents first */
	/* --verify: the remote listing against the manifest */
	struct strlist missing, different, extra;
};

struct deploy_opts {
	int force;                       /* lift the deletion cap; with verify, repair */
	int verify;                      /* trust the listing, not the remote manifest */
	int content;                     /* with verify: compare every file's bytes */
	long max_deletes;
};

/* Compares the local manifest with the remote one (NULL: none there) and the remote listing
 * (NULL: not listed). A listed file differs when its size does, or its sha256 (known after
 * verify_contents, "" otherwise) does. Fails, changing nothing, when more than max_deletes files would go
 * without force. */
int deploy_plan_make(struct deploy_plan *p, const struct manifest *local,
		     const struct manifest *remote, const struct manifest *files,
		     const struct manifest *dirs, const struct deploy_opts *o, struct buf *err);
void deploy_plan_free(struct deploy_plan *p);
/* The wave of a path: assets 0, then pages deepest first with each directory's index.html
 * after its siblings, then listings (sitemap, feed, SHA256SUMS), the home page last. */
int deploy_wave(const char *path, int maxdepth);

/* A page's reference to another file of the build (both relative paths). */
struct deploy_link {
	const char *from, *to;
};
/* Adds to list the build paths that html (the page at path) links to with href or src:
 * relative and root-relative URLs resolved, "dir/" read as "dir/index.html", query and
 * fragment dropped, percent-escapes decoded; other sites' URLs skipped. */
void deploy_page_links(const char *html, size_t len, const char *path, struct strlist *out);
/* Refines the waves so that a page goes up only after every new file it links to (a file
 * the remote already has needs no wait); listings and the home page stay last. Cycles among
 * new pages cannot be honoured and keep their order. */
void deploy_plan_links(struct deploy_plan *p, const struct deploy_link *links, size_t n);

void strlist_add(struct strlist *l, const char *s);
void strlist_free(struct strlist *l);

#endif
