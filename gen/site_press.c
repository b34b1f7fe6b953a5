/* The press room, /bao-chi/: for each month a release written from the data, a radio script
 * with every number in words (and, where espeak-ng is installed, an audio file of it for
 * commune loudspeakers), a campaign kit for the first week of the month, and an A4 poster
 * with QR codes to the most used online services. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

#include "date.h"
#include "escape.h"
#include "qr.h"
#include "site.h"
#include "text.h"
#include "util.h"
#include "viwords.h"

static long raw(json_t *o, const char *key)
{
	return (long)json_integer_value(json_object_get(o, key));
}

static const char *str(json_t *o, const char *key)
{
	const char *v = json_string_value(json_object_get(o, key));

	return v ? v : "";
}

/* Abbreviations a reader would expand aloud. */
static void spoken(struct buf *out, const char *name)
{
	static const char *const ab[][2] = { { "UBND", "Ủy ban nhân dân" },
		{ "TTHC", "thủ tục hành chính" }, { "HĐND", "Hội đồng nhân dân" } };
	size_t i;

	while (*name) {
		for (i = 0; i < ARRAY_LEN(ab); i++)
			if (!strncmp(name, ab[i][0], strlen(ab[i][0])))
				break;
		if (i < ARRAY_LEN(ab)) {
			buf_adds(out, ab[i][1]);
			name += strlen(ab[i][0]);
		} else {
			buf_addc(out, *name++);
		}
	}
}

/* A unit's name mid-sentence: "Xã Đức Thắng" reads "xã Đức Thắng"; "Sở Y tế" stays. */
static void say_name(struct buf *o, const char *name)
{
	static const char *const prefixes[] = { "Xã ", "Phường ", "Thị trấn ", "Đặc khu " };
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < ARRAY_LEN(prefixes); i++)
		if (!strncmp(name, prefixes[i], strlen(prefixes[i])))
			break;
	if (i < ARRAY_LEN(prefixes))
		text_lower_first(name, &b);
	else
		buf_adds(&b, name);
	spoken(o, b.ptr);
	buf_free(&b);
}

static void say_unit(struct buf *o, json_t *u, const char *key)
{
	say_name(o, str(u, "name"));
	buf_adds(o, ", ");
	viwords_centi(o, raw(u, key));
	buf_adds(o, " điểm");
}

static void script_province(struct site *s, struct buf *o, json_t *p)
{
	long d = raw(p, "delta_raw");

	if (!json_object_get(p, "name"))
		return;
	buf_adds(o, "Tháng này, ");
	spoken(o, *s->cfg->province ? s->cfg->province : str(p, "name"));
	buf_adds(o, " đạt ");
	viwords_centi(o, raw(p, "total_raw"));
	buf_adds(o, " điểm trên một trăm điểm.");
	if (json_is_string(json_object_get(p, "delta")) && d) {
		buf_adds(o, d > 0 ? " Tăng " : " Giảm ");
		viwords_centi(o, labs(d));
		buf_adds(o, " điểm so với tháng trước.");
	}
	if (json_is_integer(json_object_get(p, "national_rank"))) {
		buf_adds(o, " Tỉnh xếp thứ ");
		viwords_int(o, raw(p, "national_rank"));
		buf_adds(o, " trên ");
		viwords_int(o, raw(p, "national_count"));
		buf_adds(o, " tỉnh, thành phố.");
	}
	buf_addc(o, '\n');
}

static void script_tier(struct buf *o, json_t *t)
{
	json_t *top = json_object_get(t, "top"), *bottom = json_object_get(t, "bottom");
	json_t *up = json_array_get(json_object_get(t, "risers"), 0);
	json_t *down = json_array_get(json_object_get(t, "fallers"), 0);

	buf_adds(o, "Khối ");
	text_lower_first(str(t, "label"), o);
	buf_adds(o, ": dẫn đầu là ");
	say_unit(o, json_array_get(top, 0), "total_raw");
	buf_adds(o, ". Cuối bảng là ");
	(void)top;
	say_unit(o, json_array_get(bottom, 0), "total_raw");
	buf_adds(o, ".");
	if (up) {
		buf_adds(o, " Tăng nhiều nhất là ");
		say_name(o, str(up, "name"));
		buf_adds(o, ", tăng ");
		viwords_centi(o, raw(up, "delta_raw"));
		buf_adds(o, " điểm.");
	}
	if (down) {
		buf_adds(o, " Giảm nhiều nhất là ");
		say_name(o, str(down, "name"));
		buf_adds(o, ", giảm ");
		viwords_centi(o, -raw(down, "delta_raw"));
		buf_adds(o, " điểm.");
	}
	buf_addc(o, '\n');
}

static void script_late(struct buf *o, json_t *late, json_t *fields)
{
	json_t *f = json_array_get(fields, 0);

	if (!json_is_integer(json_object_get(late, "late")))
		return;
	buf_adds(o, "Trong tháng có ");
	viwords_int(o, raw(late, "late"));
	buf_adds(o, " hồ sơ trễ hạn.");
	if (f) {
		buf_printf(o, " Nhiều nhất là lĩnh vực %s, ", str(f, "field"));
		viwords_int(o, raw(f, "late"));
		buf_adds(o, " hồ sơ.");
	}
	buf_adds(o, " Đã có ");
	viwords_percent(o, raw(late, "rate_raw"));
	buf_adds(o, " số hồ sơ trễ hạn được gửi thư xin lỗi người dân. Khi hồ sơ bị trễ, cơ "
		 "quan giải quyết phải xin lỗi bằng văn bản và hẹn lại ngày trả kết quả.\n");
}

/* Targets met in one sentence, targets missed each with its figure. */
static void script_rates(struct buf *o, json_t *rates)
{
	json_t *r;
	size_t i;
	int pass, n;

	for (pass = 1; pass >= 0; pass--) {
		n = 0;
		json_array_foreach(rates, i, r) {
			if (json_is_true(json_object_get(r, "met")) != pass ||
			    !strcmp(str(r, "code"), "apology"))  /* said with the late dossiers */
				continue;
			buf_adds(o, n++ ? "; " : pass ? "Tỉnh đã đạt chỉ tiêu về: " :
				 "Chưa đạt chỉ tiêu: ");
			text_lower_first(str(r, "label"), o);
			buf_adds(o, ", ");
			viwords_percent(o, raw(r, "value_raw"));
			if (!pass) {
				buf_adds(o, " so với ");
				viwords_percent(o, raw(r, "target_raw"));
			}
		}
		if (n)
			buf_adds(o, ". ");
	}
	if (json_array_size(rates))
		buf_rtrim(o), buf_addc(o, '\n');
}

static void script_online(struct site *s, struct buf *o, json_t *popular)
{
	json_t *p;
	size_t i;

	if (json_array_size(popular)) {
		buf_adds(o, "Người dân có thể làm trực tuyến, không phải đến cơ quan, các thủ tục "
			 "như:");
		json_array_foreach(popular, i, p)
			if (i < 4)
				buf_printf(o, "%s %s", i ? ";" : "", str(p, "name"));
		buf_adds(o, ". Chỉ cần tài khoản định danh điện tử VNeID mức độ hai.");
	}
	buf_adds(o, " Hướng dẫn từng bước có trên trang thông tin của tỉnh");
	if (*s->cfg->hotline) {
		buf_adds(o, ", hoặc gọi đường dây nóng ");
		viwords_code(o, s->cfg->hotline);
	}
	buf_adds(o, ".\n");
}

/* The whole script; every number in words, short sentences, about two minutes aloud. */
static void radio_script(struct site *s, json_t *sum, json_t *popular, const char *m,
			 struct buf *o)
{
	json_t *t;
	size_t i;

	buf_adds(o, "Bản tin chỉ số phục vụ người dân, doanh nghiệp ");
	viwords_month(o, m);
	buf_adds(o, ".\n");
	script_province(s, o, json_object_get(sum, "province"));
	json_array_foreach(json_object_get(sum, "tiers"), i, t)
		script_tier(o, t);
	script_late(o, json_object_get(sum, "late"), json_object_get(sum, "late_fields"));
	script_rates(o, json_object_get(sum, "rates"));
	script_online(s, o, popular);
	buf_printf(o, "Nguồn: trang thông tin %s.\n", s->cfg->title);
}

/* Words (Vietnamese syllables) in the script; a news reader says about 200 a minute. */
static long words(const char *t)
{
	long n = 0;
	int in = 0;

	for (; *t; t++) {
		int sp = *t == ' ' || *t == '\n';

		n += !sp && !in;
		in = !sp;
	}
	return n;
}

/* The first program of a PATH search, or 0. */
static int have(const char *prog)
{
	const char *path = getenv("PATH");
	struct buf p = BUF_INIT;
	int found = 0;

	while (path && *path && !found) {
		size_t n = strcspn(path, ":");

		buf_reset(&p);
		buf_printf(&p, "%.*s/%s", (int)n, path, prog);
		found = access(p.ptr, X_OK) == 0;
		path += n + (path[n] == ':');
	}
	buf_free(&p);
	return found;
}

static int spawn(char *const argv[], struct buf *err)
{
	pid_t pid;
	int st;

	if (posix_spawnp(&pid, argv[0], NULL, NULL, argv, environ) != 0)
		return err_set(err, "build: cannot run %s", argv[0]);
	if (waitpid(pid, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st))
		return err_set(err, "build: %s failed (exit status %d)", argv[0],
			       WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	return 0;
}

/* The script read by espeak-ng's Vietnamese voice, as MP3 (lame). Synthesised once per
 * script text and kept in the cache, so rebuilds neither wait for it nor change it. */
static int audio(struct site *s, const char *text, struct buf *mp3, struct buf *err)
{
	char key[65];
	struct buf in = BUF_INIT, path = BUF_INIT, txt = BUF_INIT, wav = BUF_INIT, tmp = BUF_INIT;
	char *dir = config_path(s->cfg, s->cfg->cache_dir);
	int rc = -1;

	buf_printf(&in, "espeak-ng -v vi -s 150 | lame -m m -b 32\n%s", text);
	sha256_hex(in.ptr, in.len, key);
	buf_printf(&path, "%s/audio/%s.mp3", dir, key);
	if (file_read(path.ptr, mp3, 0, NULL) == 0) {
		rc = 0;
		goto out;
	}
	buf_printf(&txt, "%s.txt", path.ptr);
	buf_printf(&wav, "%s.wav", path.ptr);
	buf_printf(&tmp, "%s.tmp", path.ptr);
	{
		char *espeak[] = { "espeak-ng", "-v", "vi", "-s", "150", "-f", txt.ptr, "-w",
				   wav.ptr, NULL };
		char *lame[] = { "lame", "--quiet", "-m", "m", "-b", "32", "--resample", "22.05",
				 wav.ptr, tmp.ptr, NULL };

		if (mkdir_parents(path.ptr, err) < 0 ||
		    file_write(txt.ptr, text, strlen(text), err) < 0 || spawn(espeak, err) < 0 ||
		    spawn(lame, err) < 0 || rename(tmp.ptr, path.ptr) < 0 ||
		    file_read(path.ptr, mp3, 0, err) < 0)
			goto out;
	}
	rc = 0;
out:
	if (txt.len) {
		unlink(txt.ptr);
		unlink(wav.ptr);
		unlink(tmp.ptr);
	}
	free(dir);
	buf_free(&in);
	buf_free(&path);
	buf_free(&txt);
	buf_free(&wav);
	buf_free(&tmp);
	return rc;
}

/* The HTML a newspaper pastes: the image with its alt text, caption, source and licence,
 * absolute URLs, no iframe, no script. */
static void embed(struct site *s, json_t *c)
{
	struct buf b = BUF_INIT;
	const char *src = str(c, "social");

	buf_adds(&b, "<figure><img src=\"");
	buf_printf(&b, "%s%s\" width=\"1200\" height=\"630\" alt=\"", s->cfg->base_url, src);
	escape_html(&b, str(c, "alt"), strlen(str(c, "alt")));
	buf_adds(&b, "\"><figcaption>");
	escape_html(&b, str(c, "title"), strlen(str(c, "title")));
	buf_adds(&b, ". Nguồn: <a href=\"");
	buf_printf(&b, "%s\">", s->cfg->base_url);
	escape_html(&b, s->cfg->title, strlen(s->cfg->title));
	buf_adds(&b, "</a>, ");
	escape_html(&b, s->cfg->license, strlen(s->cfg->license));
	buf_adds(&b, ".</figcaption></figure>");
	json_object_set_new(c, "embed", json_string(b.ptr));
	buf_free(&b);
}

static const char *popular_sql =
	"SELECT code, name, online_url, dossiers FROM procedure WHERE month = (SELECT max(month)"
	" FROM procedure WHERE month <= ?1) AND online_level = 'toàn trình' AND online_url <> ''"
	" ORDER BY dossiers DESC, code LIMIT 6";

int site_audio_wanted(const struct site *s)
{
	return s->cfg->audio == 1 || (s->cfg->audio == -1 && have("espeak-ng") && have("lame"));
}

/* Adds a chart to the pack: NULL is a failure, json null nothing to draw. */
static void pack_add(struct site *s, json_t *pack, json_t *c, int *failed)
{
	if (!c) {
		*failed = 1;
	} else if (json_is_null(c)) {
		json_decref(c);
	} else {
		embed(s, c);
		json_array_append_new(pack, c);
	}
}

/* The month's chart pack: every chart at web, social, square and broadcast sizes, with its
 * data as CSV and a snippet to paste into an article. */
static int chart_pack(struct site *s, const char *m, json_t *ctx, struct buf *err)
{
	json_t *pack = json_array(), *t;
	size_t i;
	int failed = 0;

	pack_add(s, pack, site_chart_province(s, m, SITE_CHART_PRESS, err), &failed);
	pack_add(s, pack, site_chart_targets(s, m, SITE_CHART_PRESS, err), &failed);
	json_array_foreach(json_object_get(ctx, "tiers"), i, t) {
		pack_add(s, pack, site_chart_ranking(s, m, t, SITE_CHART_PRESS, err), &failed);
		pack_add(s, pack, site_chart_levels(s, m, t, SITE_CHART_PRESS, err), &failed);
	}
	pack_add(s, pack, site_chart_late(s, m, 0, SITE_CHART_PRESS, err), &failed);
	pack_add(s, pack, site_chart_late(s, m, 1, SITE_CHART_PRESS, err), &failed);
	json_object_set_new(ctx, "charts", pack);
	return failed ? -1 : 0;
}

/* The release page, its radio script as text (and audio), for month m. */
static int release(struct site *s, const char *m, json_t *popular, struct buf *err)
{
	json_t *ctx = site_month_summary(s, m);
	struct buf script = BUF_INIT, path = BUF_INIT, mp3 = BUF_INIT;
	long n;
	int rc;

	radio_script(s, ctx, json_array_get(popular, 0) ? popular : NULL, m, &script);
	n = words(script.ptr);
	json_object_set_new(ctx, "script", json_string(script.ptr));
	json_object_set_new(ctx, "script_words", json_integer(n));
	json_object_set_new(ctx, "script_seconds", json_integer(n * 60 / 200));
	json_object_set_new(ctx, "popular", json_incref(popular));
	json_object_set_new(ctx, "has_rates",
			    json_boolean(json_array_size(json_object_get(ctx, "rates")) > 0));
	buf_printf(&path, "bao-chi/%s/phat-thanh.txt", m);
	rc = chart_pack(s, m, ctx, err);
	if (rc == 0)
		rc = site_file(s, path.ptr, script.ptr, script.len, err);
	if (rc == 0 && site_audio_wanted(s)) {
		buf_reset(&path);
		buf_printf(&path, "bao-chi/%s/phat-thanh.mp3", m);
		rc = audio(s, script.ptr, &mp3, err);
		if (rc == 0)
			rc = site_file(s, path.ptr, mp3.ptr, mp3.len, err);
		json_object_set_new(ctx, "audio_kb", json_integer((json_int_t)(mp3.len + 1023) / 1024));
	}
	buf_reset(&path);
	buf_printf(&path, "bao-chi/%s/index.html", m);
	if (rc == 0)
		rc = site_page(s, path.ptr, "release.html", ctx, err);
	else
		json_decref(ctx);
	site_sitemap(s, path.ptr, NULL);
	buf_free(&script);
	buf_free(&path);
	buf_free(&mp3);
	return rc;
}

/* Each procedure gets a QR code to its online submission page. */
static int add_qr(struct site *s, json_t *procs, int px, struct buf *err)
{
	struct buf svg = BUF_INIT, title = BUF_INIT;
	json_t *p;
	size_t i;
	int rc = 0;

	json_array_foreach(procs, i, p) {
		buf_reset(&svg);
		buf_reset(&title);
		buf_printf(&title, "Mã QR: nộp trực tuyến %s", str(p, "name"));
		if ((rc = qr_svg(s->qr, str(p, "online_url"), px, title.ptr, &svg, err)) < 0)
			break;
		/* ASCII but for the title, made of a literal and a jansson string: valid UTF-8 */
		json_object_set_new(p, "qr_html", json_stringn_nocheck(svg.ptr, svg.len));
	}
	buf_free(&svg);
	buf_free(&title);
	return rc;
}

static json_t *kit_ctx(struct site *s, const char *m, json_t *popular)
{
	json_t *ctx = site_query_one(s, "SELECT count(*) AS procedures, sum(online_level ="
		" 'toàn trình') AS full FROM procedure WHERE month = (SELECT max(month) FROM procedure"
		" WHERE month <= ?1)", "s", m), *guides = json_array();
	json_t *late = site_query_one(s, "SELECT late, rate AS rate__c FROM delay_stat WHERE"
				      " month = ? AND scope = 'province'", "s", m);
	char label[8];
	size_t i;

	snprintf(label, sizeof label, "%.2s/%.4s", m + 5, m);
	for (i = 0; i < s->nguides; i++)
		if (strcmp(s->guides[i].slug, "_index"))
			json_array_append_new(guides, json_pack("{s:s,s:s,s:s}", "slug",
				s->guides[i].slug, "title", s->guides[i].title, "summary",
				s->guides[i].summary));
	json_object_set_new(ctx, "month", json_string(m));
	json_object_set_new(ctx, "month_label", json_string(label));
	json_object_set_new(ctx, "guides", guides);
	json_object_set_new(ctx, "popular", json_incref(popular));
	json_object_set_new(ctx, "newly_full", site_newly_full(s, m));
	json_object_set_new(ctx, "has_newly_full",
			    json_boolean(json_array_size(json_object_get(ctx, "newly_full")) > 0));
	json_object_set_new(ctx, "late", late);
	return ctx;
}

static int campaign(struct site *s, const char *m, json_t *popular, struct buf *err)
{
	struct buf path = BUF_INIT;
	json_t *poster = json_deep_copy(popular);
	int rc;

	buf_printf(&path, "bao-chi/%s/chien-dich/index.html", m);
	rc = site_page(s, path.ptr, "campaign.html", kit_ctx(s, m, popular), err);
	buf_reset(&path);
	buf_printf(&path, "bao-chi/%s/ap-phich/index.html", m);
	if (rc == 0)
		rc = add_qr(s, poster, 150, err);
	if (rc == 0)
		rc = site_page(s, path.ptr, "poster.html", json_pack("{s:s,s:O}", "month", m,
			       "procs", poster), err);
	json_decref(poster);
	buf_free(&path);
	return rc;
}

int site_press(struct site *s, struct buf *err)
{
	json_t *months = site_query(s, "SELECT month, substr(month, 6, 2) || '/' ||"
				    " substr(month, 1, 4) AS label FROM score GROUP BY month"
				    " ORDER BY month DESC", NULL), *m;
	size_t i;
	int rc = 0;

	json_array_foreach(months, i, m) {
		const char *mo = str(m, "month");
		json_t *popular = site_query(s, popular_sql, "s", mo);
		struct buf path = BUF_INIT;

		rc = release(s, mo, popular, err);
		if (rc == 0)
			rc = campaign(s, mo, popular, err);
		buf_printf(&path, "bao-chi/%s/index.html", mo);
		json_array_append_new(s->feed, json_pack("{s:s,s:s}", "month", mo, "path", path.ptr));
		json_decref(popular);
		buf_free(&path);
		if (rc < 0)
			break;
	}
	if (rc == 0)
		rc = site_page(s, "bao-chi/index.html", "press.html",
			       json_pack("{s:O}", "months", months), err);
	json_decref(months);
	return rc;
}
