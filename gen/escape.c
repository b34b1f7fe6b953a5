#include "escape.h"

#include <string.h>

static const char *html_entity(unsigned char c)
{
	switch (c) {
	case '&': return "&amp;";
	case '<': return "&lt;";
	case '>': return "&gt;";
	case '"': return "&quot;";
	case '\'': return "&#39;";
	default: return NULL;
	}
}

/* 1 for the bytes html_entity replaces: one load a byte to skip plain text, where the
 * switch took several compares (every value of every page goes through here). */
static const unsigned char special[256] = {
	['&'] = 1, ['<'] = 1, ['>'] = 1, ['"'] = 1, ['\''] = 1,
};

void escape_html(struct buf *out, const char *s, size_t n)
{
	size_t i = 0, run = 0;

	/* Copy runs of plain bytes in one go: most text has nothing to escape. */
	for (i = 0; i < n; i++) {
		if (!special[(unsigned char)s[i]])
			continue;
		buf_add(out, s + run, i - run);
		buf_adds(out, html_entity((unsigned char)s[i]));
		run = i + 1;
	}
	buf_add(out, s + run, n - run);
}

static int url_unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '.' || c == '_' || c == '~';
}

void escape_url_component(struct buf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (url_unreserved(c)) {
			buf_addc(out, c);
			continue;
		}
		buf_addc(out, '%');
		buf_addc(out, hex[c >> 4]);
		buf_addc(out, hex[c & 15]);
	}
}
