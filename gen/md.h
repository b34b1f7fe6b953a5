/* md: Markdown guides with front matter, rendered by libcmark. Raw HTML is dropped unless
 * the site enables it; site-absolute links ("/thu-tuc/") get the site's path prefix. */
#ifndef GEN_MD_H
#define GEN_MD_H

#include "buf.h"

struct md_doc {
	char *slug;
	char *title, *summary, *updated;   /* updated: YYYY-MM-DD or "" */
	long weight;
	char *html;                        /* the body, valid UTF-8 */
	size_t html_len;
	char *text;                        /* plain text of the body, for the search index */
};

/* Reads path: an optional front-matter block between "---" lines of "key: value" pairs
 * (title, summary, weight, updated; others ignored), then CommonMark. Without a title, the
 * first heading is the title. root is the site's path prefix ("/" or "/sub/"). */
int md_load(const char *path, const char *slug, const char *root, int unsafe,
	    struct md_doc *d, struct buf *err);
void md_doc_free(struct md_doc *d);

#endif
