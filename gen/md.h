/* md: Markdown guides with front matter, rendered by libcmark. Raw HTML is dropped unless
 * the site enables it; site-absolute links ("/thu-tuc/") get the site's path prefix. */
#ifndef GEN_MD_H
#define GEN_MD_H

#include "buf.h"

/* A guide's front matter. Its body stays in its file until md_render: a build holds the
 * guides' titles, not their pages (make bench, 10,000 guides: peak RSS 151 MB when a
 * build held every body's HTML and text, 63 MB since). */
struct md_doc {
	char *path;
	char *slug;
	char *title, *summary, *updated;   /* updated: YYYY-MM-DD or "" */
	long weight;
	size_t body;                       /* where the body starts in the file's NFC text */
	char digest[65];                   /* SHA-256 of that text, in hex: the build stamp's,
					    * and a change during the build */
};

/* Reads path: an optional front-matter block between "---" lines of "key: value" pairs
 * (title, summary, weight, updated; others ignored), then CommonMark. Without a title, the
 * first heading is the title. */
int md_load(const char *path, const char *slug, struct md_doc *d, struct buf *err);

/* Adds the body as HTML, valid UTF-8, to html. root is the site's path prefix ("/" or
 * "/sub/"), given to site-absolute links ("/thu-tuc/"); raw HTML is dropped unless unsafe.
 * Fails if the file is no longer what md_load read. */
int md_render(const struct md_doc *d, const char *root, int unsafe, struct buf *html,
	      struct buf *err);
void md_doc_free(struct md_doc *d);

#endif
