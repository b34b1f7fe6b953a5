/* config: site.ini, validated whole before any command runs. Every key has a default
 * except the sources; paths are resolved against the config file's directory. */
#ifndef GEN_CONFIG_H
#define GEN_CONFIG_H

#include <stddef.h>

#include "buf.h"
#include "ini.h"

#define CFG_MAX_GROUPS 16   /* [index] groups; the formats size their tables by it */

struct cfg_group {          /* one indicator group of the service index */
	char *code;             /* CKMB */
	char *label;            /* Công khai, minh bạch */
	long max;               /* maximum points, in hundredths */
};

struct cfg_tier {
	char *code;             /* so-nganh */
	char *label;            /* Sở, ban, ngành */
};

struct cfg_target {
	const char *code;       /* online_dossiers */
	const char *label;
	long percent;           /* in hundredths of a percent */
};

enum { TARGET_ONLINE_SERVICES, TARGET_ONLINE_DOSSIERS, TARGET_ONLINE_PAYMENT,
       TARGET_DIGITISATION, TARGET_ON_TIME, TARGET_APOLOGY, TARGET_COUNT };

struct cfg_source {
	char *name;             /* the NAME of [source.NAME] */
	char *kind;             /* scores | national | procedures | delays */
	char *format;           /* dvcqg-legacy | dvcqg-v1 | csv | json */
	char *url;              /* with {year} {month} {mm} {yyyy-mm} {from} {to} */
	char *method;           /* GET or POST */
	char *body;             /* may hold placeholders too */
	char *endpoint;         /* dvcqg-v1: which evaluation endpoint, else from the URL */
	char **headers;
	size_t nheaders;
	long connect_timeout;   /* seconds */
	long timeout;           /* seconds, whole transfer */
	long retries;
	long retry_wait_ms;     /* first backoff, doubled after each retry */
	long max_bytes;
	int line;               /* where the section starts, for messages */
};

struct config {
	char *path;
	char *dir;              /* directory of the config file, "." at least */
	/* [site] */
	char *title, *base_url, *province, *province_code, *timezone;
	char *root;             /* base_url's path: "/" or "/sub/", for site-absolute links */
	char *license, *license_url, *hotline;
	int sample;
	/* [source.*] */
	struct cfg_source *sources;
	size_t nsources;
	/* [index] */
	struct cfg_group *groups;
	size_t ngroups;
	long max_total;         /* sum of group maxima, hundredths */
	/* [tiers] */
	struct cfg_tier *tiers;
	size_t ntiers;
	/* [bands]: minimum percent of the maximum, hundredths; below cam is đỏ */
	long band_xanh, band_vang, band_cam;
	struct cfg_target targets[TARGET_COUNT];
	/* [store] */
	char *db_path, *backup_dir;
	long backups;
	/* [build] */
	char *out_dir, *templates_dir, *content_dir, *cache_dir;
	int unsafe_html;
	int audio;              /* -1 auto (when espeak-ng and lame are installed), 0 off, 1 on */
	/* [deploy] */
	char *deploy_url, *deploy_tls, *deploy_ca_file, *deploy_endpoint, *deploy_region;
	char *deploy_known_hosts;
	long max_deletes, parallel;
	struct ini ini;         /* the raw entries, for keys a module reads itself */
};

int config_load(struct config *cfg, const char *path, struct buf *err);
void config_free(struct config *cfg);
/* The raw value of section/key (last one wins), or NULL. */
const char *config_value(const struct config *cfg, const char *section, const char *key);
/* The line of section/key in the file (last one wins), or 0. */
int config_line(const struct config *cfg, const char *section, const char *key);
/* cfg->dir joined with path unless path is absolute; caller frees. */
char *config_path(const struct config *cfg, const char *path);
const struct cfg_source *config_source(const struct config *cfg, const char *name);
/* The tier's label, or its code when the config names none. */
const char *config_tier_label(const struct config *cfg, const char *code);
const struct cfg_group *config_group(const struct config *cfg, const char *code);

#endif
