#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "num.h"
#include "util.h"

/* Decision 766/QĐ-TTg's six groups; [index] replaces them as a whole. */
static const struct { const char *code, *label; long max; } default_groups[] = {
	{ "CKMB", "Công khai, minh bạch", 1800 },
	{ "TDGQ", "Tiến độ giải quyết", 2000 },
	{ "CLGQ", "Dịch vụ công trực tuyến", 1200 },
	{ "TTTT", "Thanh toán trực tuyến", 1000 },
	{ "MDHL", "Mức độ hài lòng", 1800 },
	{ "MDSH", "Số hóa hồ sơ", 2200 },
};

static const struct { const char *code, *label; } default_tiers[] = {
	{ "tinh", "Tỉnh" },
	{ "so-nganh", "Sở, ban, ngành" },
	{ "huyen", "Huyện, thị xã, thành phố" },
	{ "xa-phuong", "Xã, phường, đặc khu" },
};

/* DOMAIN.md's targets quoted in the directives. */
static const struct cfg_target default_targets[TARGET_COUNT] = {
	{ "online_services", "Thủ tục cung cấp trực tuyến toàn trình", 8000 },
	{ "online_dossiers", "Hồ sơ nộp trực tuyến", 5000 },
	{ "online_payment", "Hồ sơ thanh toán trực tuyến", 3000 },
	{ "digitisation", "Số hóa hồ sơ, kết quả", 10000 },
	{ "on_time", "Hồ sơ giải quyết đúng hạn", 10000 },
	{ "apology", "Hồ sơ trễ hạn có thư xin lỗi", 10000 },
};

static const char *site_keys[] = { "title", "base_url", "province", "province_code",
	"timezone", "license", "license_url", "hotline", "sample", NULL };
static const char *source_keys[] = { "kind", "format", "url", "method", "body", "header",
	"endpoint", "connect_timeout", "timeout", "retries", "retry_wait", "max_size", NULL };
static const char *band_keys[] = { "xanh", "vàng", "vang", "cam", NULL };
static const char *store_keys[] = { "path", "backups", "backup_dir", NULL };
static const char *build_keys[] = { "out", "templates", "content", "unsafe_html", "cache",
	"audio", NULL };
static const char *deploy_keys[] = { "url", "tls", "ca_file", "endpoint", "region",
	"known_hosts", "max_deletes", "parallel", "user", "ssh_key", "cache_control", NULL };

static int in_list(const char **keys, const char *k)
{
	for (; *keys; keys++)
		if (!strcmp(*keys, k))
			return 1;
	return 0;
}

static void set_str(char **dst, const char *v)
{
	free(*dst);
	*dst = xstrdup(v);
}

static int get_bool(const struct ini_entry *e, const char *path, int *out, struct buf *err)
{
	const char *v = e->value;

	if (!strcmp(v, "true") || !strcmp(v, "yes") || !strcmp(v, "1") || !strcmp(v, "on"))
		*out = 1;
	else if (!strcmp(v, "false") || !strcmp(v, "no") || !strcmp(v, "0") || !strcmp(v, "off"))
		*out = 0;
	else
		return err_set(err, "%s:%d: %s: expected true or false, got \"%s\"", path, e->line,
			       e->key, v);
	return 0;
}

/* unit names what the number counts, " of megabytes", or is "". */
static int get_long(const struct ini_entry *e, const char *path, long lo, long hi,
		    const char *unit, long *out, struct buf *err)
{
	if (num_parse_long(e->value, out) < 0 || *out < lo || *out > hi)
		return err_set(err, "%s:%d: %s: expected a whole number%s from %ld to %ld, got "
			       "\"%s\"", path, e->line, e->key, unit, lo, hi, e->value);
	return 0;
}

static int get_percent(const struct ini_entry *e, const char *path, long *out, struct buf *err)
{
	if (num_parse_centi(e->value, out) < 0 || *out < 0 || *out > 10000)
		return err_set(err, "%s:%d: %s: expected a percentage from 0 to 100, got \"%s\"",
			       path, e->line, e->key, e->value);
	return 0;
}

static void set_defaults(struct config *c)
{
	size_t i;

	c->title = xstrdup("Chỉ số phục vụ người dân, doanh nghiệp");
	c->base_url = xstrdup("http://127.0.0.1:8000/");
	c->province = xstrdup("");
	c->province_code = xstrdup("");
	c->timezone = xstrdup("Asia/Ho_Chi_Minh");
	c->license = xstrdup("CC BY 4.0");
	c->license_url = xstrdup("https://creativecommons.org/licenses/by/4.0/deed.vi");
	c->hotline = xstrdup("");
	c->band_xanh = 9000;
	c->band_vang = 8000;
	c->band_cam = 7000;
	memcpy(c->targets, default_targets, sizeof default_targets);
	c->db_path = xstrdup("data/gen.db");
	c->backup_dir = xstrdup("data/backups");
	c->backups = 7;
	c->out_dir = xstrdup("public");
	c->templates_dir = xstrdup("templates");
	c->content_dir = xstrdup("content");
	c->cache_dir = xstrdup("data/cache");
	c->audio = -1;
	c->deploy_url = xstrdup("");
	c->max_deletes = 256;
	c->parallel = 4;
	c->ntiers = ARRAY_LEN(default_tiers);
	c->tiers = xcalloc(c->ntiers, sizeof *c->tiers);
	for (i = 0; i < c->ntiers; i++) {
		c->tiers[i].code = xstrdup(default_tiers[i].code);
		c->tiers[i].label = xstrdup(default_tiers[i].label);
	}
}

static void default_groups_fill(struct config *c)
{
	size_t i;

	c->ngroups = ARRAY_LEN(default_groups);
	c->groups = xcalloc(c->ngroups, sizeof *c->groups);
	for (i = 0; i < c->ngroups; i++) {
		c->groups[i].code = xstrdup(default_groups[i].code);
		c->groups[i].label = xstrdup(default_groups[i].label);
		c->groups[i].max = default_groups[i].max;
	}
}

static int site_key(struct config *c, const struct ini_entry *e, struct buf *err)
{
	char **dst = NULL;

	if (!strcmp(e->key, "sample"))
		return get_bool(e, c->path, &c->sample, err);
	dst = !strcmp(e->key, "title") ? &c->title
	    : !strcmp(e->key, "base_url") ? &c->base_url
	    : !strcmp(e->key, "province") ? &c->province
	    : !strcmp(e->key, "province_code") ? &c->province_code
	    : !strcmp(e->key, "timezone") ? &c->timezone
	    : !strcmp(e->key, "license") ? &c->license
	    : !strcmp(e->key, "license_url") ? &c->license_url : &c->hotline;
	set_str(dst, e->value);
	if (!strcmp(e->key, "base_url") && e->value[0] && e->value[strlen(e->value) - 1] != '/') {
		free(c->base_url);
		c->base_url = xmalloc(strlen(e->value) + 2);
		strcpy(c->base_url, e->value);
		strcat(c->base_url, "/");
	}
	return 0;
}

static int plain_code(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		      (*s >= '0' && *s <= '9') || *s == '_'))
			return 0;
	return 1;
}

/* "CKMB = 18 | Công khai, minh bạch" */
static int index_key(struct config *c, const struct ini_entry *e, int *seen, struct buf *err)
{
	const char *bar = strchr(e->value, '|');
	char *num;
	long max;
	size_t i;
	int bad;

	if (!*seen) {
		for (i = 0; i < c->ngroups; i++) {
			free(c->groups[i].code);
			free(c->groups[i].label);
		}
		c->ngroups = 0;
		*seen = 1;
	}
	num = xstrndup(e->value, bar ? (size_t)(bar - e->value) : strlen(e->value));
	bad = num_parse_centi(num, &max) < 0 || max <= 0;
	free(num);
	if (bad || !bar)
		return err_set(err, "%s:%d: [index] %s: expected \"MAX | label\" such as "
			       "\"18 | Công khai, minh bạch\", got \"%s\"", c->path, e->line, e->key,
			       e->value);
	if (!plain_code(e->key))
		return err_set(err, "%s:%d: [index] \"%s\": a group code is letters, digits and "
			       "'_' (it names CSV columns), such as CKMB", c->path, e->line, e->key);
	if (config_group(c, e->key))
		return err_set(err, "%s:%d: [index] %s: group named twice", c->path, e->line, e->key);
	if (c->ngroups == CFG_MAX_GROUPS)
		return err_set(err, "%s:%d: [index] %s: at most %d groups", c->path, e->line, e->key,
			       CFG_MAX_GROUPS);
	c->groups = xrealloc(c->groups, (c->ngroups + 1) * sizeof *c->groups);
	c->groups[c->ngroups].code = xstrdup(e->key);
	bar++;
	while (*bar == ' ')
		bar++;
	c->groups[c->ngroups].label = xstrdup(bar);
	c->groups[c->ngroups].max = max;
	c->ngroups++;
	return 0;
}

static int tier_key(struct config *c, const struct ini_entry *e)
{
	size_t i;

	for (i = 0; i < c->ntiers; i++)
		if (!strcmp(c->tiers[i].code, e->key)) {
			set_str(&c->tiers[i].label, e->value);
			return 0;
		}
	c->tiers = xrealloc(c->tiers, (c->ntiers + 1) * sizeof *c->tiers);
	c->tiers[c->ntiers].code = xstrdup(e->key);
	c->tiers[c->ntiers].label = xstrdup(e->value);
	c->ntiers++;
	return 0;
}

static int target_key(struct config *c, const struct ini_entry *e, struct buf *err)
{
	int i;

	for (i = 0; i < TARGET_COUNT; i++)
		if (!strcmp(c->targets[i].code, e->key))
			return get_percent(e, c->path, &c->targets[i].percent, err);
	return err_set(err, "%s:%d: [targets] unknown key \"%s\" (known: online_services, "
		       "online_dossiers, online_payment, digitisation, on_time, apology)",
		       c->path, e->line, e->key);
}

static struct cfg_source *source_for(struct config *c, const char *name, int line)
{
	struct cfg_source *s;
	size_t i;

	for (i = 0; i < c->nsources; i++)
		if (!strcmp(c->sources[i].name, name))
			return &c->sources[i];
	c->sources = xrealloc(c->sources, (c->nsources + 1) * sizeof *c->sources);
	s = &c->sources[c->nsources++];
	memset(s, 0, sizeof *s);
	s->name = xstrdup(name);
	s->method = xstrdup("GET");
	s->connect_timeout = 10;
	s->timeout = 60;
	s->retries = 3;
	s->retry_wait_ms = 1000;
	s->max_bytes = 64L << 20;
	s->line = line;
	return s;
}

static int source_key(struct config *c, const struct ini_entry *e, struct buf *err)
{
	struct cfg_source *s = source_for(c, e->section + strlen("source."), e->line);
	const char *k = e->key;
	long mb;

	if (!strcmp(k, "header")) {
		s->headers = xrealloc(s->headers, (s->nheaders + 1) * sizeof *s->headers);
		s->headers[s->nheaders++] = xstrdup(e->value);
		return 0;
	}
	if (!strcmp(k, "connect_timeout"))
		return get_long(e, c->path, 1, 600, " of seconds", &s->connect_timeout, err);
	if (!strcmp(k, "timeout"))
		return get_long(e, c->path, 1, 3600, " of seconds", &s->timeout, err);
	if (!strcmp(k, "retries"))
		return get_long(e, c->path, 0, 10, "", &s->retries, err);
	if (!strcmp(k, "retry_wait"))
		return get_long(e, c->path, 0, 600000, " of milliseconds", &s->retry_wait_ms, err);
	if (!strcmp(k, "max_size")) {
		if (get_long(e, c->path, 1, 4096, " of megabytes", &mb, err) < 0)
			return -1;
		s->max_bytes = mb << 20;
		return 0;
	}
	set_str(!strcmp(k, "kind") ? &s->kind : !strcmp(k, "format") ? &s->format
		: !strcmp(k, "url") ? &s->url : !strcmp(k, "method") ? &s->method
		: !strcmp(k, "body") ? &s->body : &s->endpoint, e->value);
	return 0;
}

static int store_build_deploy_key(struct config *c, const struct ini_entry *e, struct buf *err)
{
	const char *k = e->key;

	if (!strcmp(e->section, "store")) {
		if (!strcmp(k, "backups"))
			return get_long(e, c->path, 0, 1000, "", &c->backups, err);
		set_str(!strcmp(k, "path") ? &c->db_path : &c->backup_dir, e->value);
	} else if (!strcmp(e->section, "build")) {
		if (!strcmp(k, "unsafe_html"))
			return get_bool(e, c->path, &c->unsafe_html, err);
		if (!strcmp(k, "audio")) {
			if (!strcmp(e->value, "auto"))
				c->audio = -1;
			else if (get_bool(e, c->path, &c->audio, err) < 0)
				return err_prefix(err, "(or auto)");
			return 0;
		}
		set_str(!strcmp(k, "out") ? &c->out_dir : !strcmp(k, "templates") ?
			&c->templates_dir : !strcmp(k, "cache") ? &c->cache_dir : &c->content_dir,
			e->value);
	} else {
		if (!strcmp(k, "max_deletes"))
			return get_long(e, c->path, 0, 1000000, "", &c->max_deletes, err);
		if (!strcmp(k, "parallel"))
			return get_long(e, c->path, 1, 64, "", &c->parallel, err);
		/* read where they are used, through config_value */
		if (!strcmp(k, "user") || !strcmp(k, "ssh_key") || !strcmp(k, "cache_control"))
			return 0;
		set_str(!strcmp(k, "url") ? &c->deploy_url : !strcmp(k, "tls") ? &c->deploy_tls
			: !strcmp(k, "ca_file") ? &c->deploy_ca_file : !strcmp(k, "endpoint") ?
			&c->deploy_endpoint : !strcmp(k, "region") ? &c->deploy_region :
			&c->deploy_known_hosts, e->value);
	}
	return 0;
}

static int check_keys(const struct config *c, const struct ini_entry *e, const char **keys,
		      struct buf *err)
{
	struct buf known = BUF_INIT;
	int i;

	if (in_list(keys, e->key))
		return 0;
	for (i = 0; keys[i]; i++)
		buf_printf(&known, "%s%s", i ? ", " : "", keys[i]);
	err_set(err, "%s:%d: [%s] unknown key \"%s\" (known: %s)", c->path, e->line, e->section,
		e->key, known.ptr);
	buf_free(&known);
	return -1;
}

static int apply(struct config *c, const struct ini_entry *e, int *index_seen, struct buf *err)
{
	const char *s = e->section;

	if (!strcmp(s, "site"))
		return check_keys(c, e, site_keys, err) ? -1 : site_key(c, e, err);
	if (!strncmp(s, "source.", 7) && s[7])
		return check_keys(c, e, source_keys, err) ? -1 : source_key(c, e, err);
	if (!strcmp(s, "index"))
		return index_key(c, e, index_seen, err);
	if (!strcmp(s, "tiers"))
		return tier_key(c, e);
	if (!strcmp(s, "bands")) {
		if (check_keys(c, e, band_keys, err))
			return -1;
		return get_percent(e, c->path, !strcmp(e->key, "xanh") ? &c->band_xanh :
				   !strcmp(e->key, "cam") ? &c->band_cam : &c->band_vang, err);
	}
	if (!strcmp(s, "targets"))
		return target_key(c, e, err);
	if (!strcmp(s, "store") || !strcmp(s, "build") || !strcmp(s, "deploy"))
		return check_keys(c, e, !strcmp(s, "store") ? store_keys : !strcmp(s, "build") ?
				  build_keys : deploy_keys, err) ? -1 : store_build_deploy_key(c, e, err);
	return err_set(err, "%s:%d: unknown section [%s] (known: site, source.NAME, index, tiers, "
		       "bands, targets, store, build, deploy)", c->path, e->line, s);
}

/* "https://host/sub/" → "/sub/" */
static void set_root(struct config *c)
{
	const char *p = strstr(c->base_url, "://");

	p = p ? strchr(p + 3, '/') : NULL;
	free(c->root);
	c->root = xstrdup(p && *p ? p : "/");
}

static const char *kinds[] = { "scores", "national", "procedures", "delays", NULL };

/* The line of a source's key, for messages; the section's first line when absent. */
static int source_line(const struct config *c, const struct cfg_source *s, const char *key)
{
	struct buf sec = BUF_INIT;
	int line;

	buf_printf(&sec, "source.%s", s->name);
	line = config_line(c, sec.ptr, key);
	buf_free(&sec);
	return line ? line : s->line;
}

/* "scheme://user:secret@host/…" */
static int url_has_credentials(const char *url)
{
	const char *p = strstr(url, "://"), *end;

	if (!p)
		return 0;
	p += 3;
	end = p + strcspn(p, "/?#");
	return memchr(p, '@', (size_t)(end - p)) != NULL;
}

static int check_sources(const struct config *c, struct buf *err)
{
	size_t i;

	for (i = 0; i < c->nsources; i++) {
		const struct cfg_source *s = &c->sources[i];

		if (!s->kind || !in_list(kinds, s->kind))
			return err_set(err, "%s:%d: [source.%s] kind: expected scores, national, "
				       "procedures or delays", c->path, s->line, s->name);
		if (!s->format)
			return err_set(err, "%s:%d: [source.%s] format: missing (see README, "
				       "\"Input formats\")", c->path, s->line, s->name);
		if (!s->url)
			return err_set(err, "%s:%d: [source.%s] url: missing", c->path, s->line, s->name);
		if (strcmp(s->method, "GET") && strcmp(s->method, "POST"))
			return err_set(err, "%s:%d: [source.%s] method: expected GET or POST, got \"%s\"",
				       c->path, source_line(c, s, "method"), s->name, s->method);
		if (url_has_credentials(s->url))
			return err_set(err, "%s:%d: [source.%s] url: credentials do not belong in "
				       "site.ini; put them in ~/.netrc, or in a header line as "
				       "${VARIABLE} taken from the environment", c->path,
				       source_line(c, s, "url"), s->name);
	}
	return 0;
}

/* The time zone must exist: a typo would silently give UTC dates. */
static int check_timezone(const struct config *c, struct buf *err)
{
	const char *dir = getenv("TZDIR");
	struct buf path = BUF_INIT;
	int ok;

	buf_printf(&path, "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo", c->timezone);
	ok = !strstr(c->timezone, "..") && file_exists(path.ptr);
	buf_free(&path);
	if (ok)
		return 0;
	return err_set(err, "%s:%d: [site] timezone: unknown time zone \"%s\" (expected a name "
		       "such as Asia/Ho_Chi_Minh; is the tzdata package installed?)", c->path,
		       config_line(c, "site", "timezone"), c->timezone);
}

static int check_bands(const struct config *c, struct buf *err)
{
	if (!(c->band_xanh > c->band_vang && c->band_vang > c->band_cam))
		return err_set(err, "%s: [bands]: expected xanh > vàng > cam (percent of the maximum)",
			       c->path);
	if (!c->ngroups)
		return err_set(err, "%s: [index]: no indicator groups", c->path);
	return 0;
}

int config_load(struct config *cfg, const char *path, struct buf *err)
{
	struct buf text = BUF_INIT;
	const char *slash;
	int index_seen = 0, rc = -1;
	size_t i;

	memset(cfg, 0, sizeof *cfg);
	cfg->path = xstrdup(path);
	slash = strrchr(path, '/');
	cfg->dir = slash ? xstrndup(path, (size_t)(slash - path) + (slash == path)) : xstrdup(".");
	set_defaults(cfg);
	default_groups_fill(cfg);
	if (file_read(path, &text, 1 << 20, err) < 0) {
		err_prefix(err, "config");
		goto out;
	}
	if (ini_parse(&cfg->ini, path, text.ptr, err) < 0)
		goto out;
	for (i = 0; i < cfg->ini.n; i++)
		if (apply(cfg, &cfg->ini.v[i], &index_seen, err) < 0)
			goto out;
	for (i = 0; i < cfg->ngroups; i++)
		cfg->max_total += cfg->groups[i].max;
	set_root(cfg);
	if (check_sources(cfg, err) < 0 || check_bands(cfg, err) < 0 ||
	    check_timezone(cfg, err) < 0)
		goto out;
	rc = 0;
out:
	buf_free(&text);
	return rc;
}

void config_free(struct config *c)
{
	size_t i, j;

	if (!c)
		return;
	for (i = 0; i < c->nsources; i++) {
		struct cfg_source *s = &c->sources[i];

		free(s->name); free(s->kind); free(s->format); free(s->url);
		free(s->method); free(s->body); free(s->endpoint);
		for (j = 0; j < s->nheaders; j++)
			free(s->headers[j]);
		free(s->headers);
	}
	free(c->sources);
	for (i = 0; i < c->ngroups; i++) {
		free(c->groups[i].code);
		free(c->groups[i].label);
	}
	free(c->groups);
	for (i = 0; i < c->ntiers; i++) {
		free(c->tiers[i].code);
		free(c->tiers[i].label);
	}
	free(c->tiers);
	free(c->path); free(c->dir); free(c->root); free(c->title); free(c->base_url); free(c->province);
	free(c->province_code); free(c->timezone); free(c->license); free(c->license_url);
	free(c->hotline); free(c->db_path); free(c->backup_dir); free(c->out_dir);
	free(c->templates_dir); free(c->content_dir); free(c->cache_dir); free(c->deploy_url); free(c->deploy_tls);
	free(c->deploy_ca_file); free(c->deploy_endpoint); free(c->deploy_region);
	free(c->deploy_known_hosts);
	ini_free(&c->ini);
	memset(c, 0, sizeof *c);
}

const char *config_value(const struct config *cfg, const char *section, const char *key)
{
	const char *v = NULL;
	size_t i;

	for (i = 0; i < cfg->ini.n; i++)
		if (!strcmp(cfg->ini.v[i].section, section) && !strcmp(cfg->ini.v[i].key, key))
			v = cfg->ini.v[i].value;
	return v;
}

int config_line(const struct config *cfg, const char *section, const char *key)
{
	int line = 0;
	size_t i;

	for (i = 0; i < cfg->ini.n; i++)
		if (!strcmp(cfg->ini.v[i].section, section) && !strcmp(cfg->ini.v[i].key, key))
			line = cfg->ini.v[i].line;
	return line;
}

char *config_path(const struct config *cfg, const char *path)
{
	struct buf b = BUF_INIT;

	if (path[0] == '/' || !strcmp(cfg->dir, "."))
		return xstrdup(path);
	buf_printf(&b, "%s/%s", cfg->dir, path);
	return buf_detach(&b, NULL);
}

const struct cfg_source *config_source(const struct config *cfg, const char *name)
{
	size_t i;

	for (i = 0; i < cfg->nsources; i++)
		if (!strcmp(cfg->sources[i].name, name))
			return &cfg->sources[i];
	return NULL;
}

const char *config_tier_label(const struct config *cfg, const char *code)
{
	size_t i;

	for (i = 0; i < cfg->ntiers; i++)
		if (!strcmp(cfg->tiers[i].code, code))
			return cfg->tiers[i].label;
	return code;
}

const struct cfg_group *config_group(const struct config *cfg, const char *code)
{
	size_t i;

	for (i = 0; i < cfg->ngroups; i++)
		if (!strcmp(cfg->groups[i].code, code))
			return &cfg->groups[i];
	return NULL;
}
