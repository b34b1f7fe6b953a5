/* chart_data: what a chart says in words (alt text with its main finding) and in numbers
 * (CSV), one pair of functions per kind. */
#include <string.h>

#include "chart_int.h"
#include "num.h"

static const char *str(const char *s)
{
	return s ? s : "";
}

static void alt_head(const struct chart *c, struct buf *out)
{
	buf_adds(out, str(c->title));
	if (c->unit && *c->unit)
		buf_printf(out, ", %s", c->unit);
	if (c->period && *c->period)
		buf_printf(out, ", %s", c->period);
	buf_adds(out, ": ");
}

static void alt_level(struct buf *out, enum chart_level lv)
{
	if (lv != CHART_LEVEL_NONE)
		buf_printf(out, ", mức %s", chart_level_word(lv));
}

/* Index of the highest (sign 1) or lowest (sign -1) value; ties keep the first for the
 * highest and the last for the lowest, as a ranking reads. */
static size_t extreme(const struct chart *c, int sign)
{
	size_t i, best = 0;

	for (i = 1; i < c->nrows; i++) {
		long d = c->rows[i].value - c->rows[best].value;

		if (sign > 0 ? d > 0 : d <= 0)
			best = i;
	}
	return best;
}

static void alt_ranking(const struct chart *c, struct buf *out)
{
	const struct chart_row *hi = &c->rows[extreme(c, 1)], *lo = &c->rows[extreme(c, -1)];
	long n[CHART_NLEVELS + 1] = {0};
	size_t i;

	for (i = 0; i < c->nrows; i++)
		if ((unsigned)c->rows[i].level <= CHART_LEVEL_DO)
			n[c->rows[i].level]++;
	buf_printf(out, "%zu đơn vị. Dẫn đầu là %s với ", c->nrows, str(hi->label));
	chart_add_centi(out, hi->value);
	buf_adds(out, " điểm");
	alt_level(out, hi->level);
	buf_printf(out, "; thấp nhất là %s với ", str(lo->label));
	chart_add_centi(out, lo->value);
	buf_adds(out, " điểm");
	alt_level(out, lo->level);
	buf_printf(out, ". Số đơn vị theo mức: Xanh %ld, Vàng %ld, Cam %ld, Đỏ %ld.",
		   n[CHART_LEVEL_XANH], n[CHART_LEVEL_VANG], n[CHART_LEVEL_CAM], n[CHART_LEVEL_DO]);
}

static long pct_of(long v, long max)
{
	return max > 0 ? (v * 20000 / max + 1) / 2 : 0;
}

static void alt_group(struct buf *out, const struct chart_row *r)
{
	buf_printf(out, "%s (", str(r->label));
	chart_add_centi(out, r->value);
	buf_adds(out, "/");
	chart_add_short(out, r->max);
	buf_adds(out, " điểm, ");
	chart_add_centi(out, pct_of(r->value, r->max));
	buf_adds(out, "%)");
}

static void alt_groups(const struct chart *c, struct buf *out)
{
	size_t i, hi = 0, lo = 0;
	long sum = 0, max = 0;

	for (i = 0; i < c->nrows; i++) {
		const struct chart_row *r = &c->rows[i];

		sum += r->value;
		max += r->max;
		if (pct_of(r->value, r->max) > pct_of(c->rows[hi].value, c->rows[hi].max))
			hi = i;
		if (pct_of(r->value, r->max) < pct_of(c->rows[lo].value, c->rows[lo].max))
			lo = i;
	}
	buf_adds(out, "tổng ");
	chart_add_centi(out, sum);
	buf_adds(out, " trên ");
	chart_add_short(out, max);
	buf_adds(out, " điểm. Nhóm đạt tỷ lệ cao nhất: ");
	alt_group(out, &c->rows[hi]);
	buf_adds(out, "; thấp nhất: ");
	alt_group(out, &c->rows[lo]);
	buf_adds(out, ".");
}

static void alt_rank_change(const struct chart *c, struct buf *out)
{
	const struct chart_row *a = NULL, *b = NULL;
	size_t i;

	for (i = 0; i < c->nrows; i++)
		if (c->rows[i].rank > 0) {
			if (!a)
				a = &c->rows[i];
			b = &c->rows[i];
		}
	if (!a)
		return;
	if (b->rank < a->rank)
		buf_printf(out, " Hạng cải thiện từ %d lên %d", a->rank, b->rank);
	else if (b->rank > a->rank)
		buf_printf(out, " Hạng tụt từ %d xuống %d", a->rank, b->rank);
	else
		buf_printf(out, " Hạng giữ nguyên ở %d", b->rank);
	if (c->rank_of > 0)
		buf_printf(out, " trên %d", c->rank_of);
	buf_adds(out, ".");
}

static void alt_history(const struct chart *c, struct buf *out)
{
	const struct chart_row *a = &c->rows[0], *b = &c->rows[c->nrows - 1];
	const struct chart_row *hi = &c->rows[extreme(c, 1)];

	buf_adds(out, "điểm ");
	buf_adds(out, b->value > a->value ? "tăng" : b->value < a->value ? "giảm" : "giữ nguyên");
	buf_adds(out, " từ ");
	chart_add_centi(out, a->value);
	buf_printf(out, " (%s) đến ", str(a->label));
	chart_add_centi(out, b->value);
	buf_printf(out, " (%s); cao nhất ", str(b->label));
	chart_add_centi(out, hi->value);
	buf_printf(out, " (%s).", str(hi->label));
	alt_rank_change(c, out);
}

static void alt_change(struct buf *out, const char *word, long from, long to)
{
	if (to > from)
		buf_printf(out, "%s tăng %ld", word, to - from);
	else if (to < from)
		buf_printf(out, "%s giảm %ld", word, from - to);
	else
		buf_printf(out, "%s không đổi", word);
}

static void alt_levels(const struct chart *c, struct buf *out)
{
	const struct chart_row *a = &c->rows[0], *b = &c->rows[c->nrows - 1];

	buf_printf(out, "tháng %s có %ld đơn vị mức Xanh, %ld Vàng, %ld Cam, %ld Đỏ", str(b->label),
		   b->counts[0], b->counts[1], b->counts[2], b->counts[3]);
	if (c->nrows > 1) {
		buf_printf(out, "; so với tháng %s, ", str(a->label));
		alt_change(out, "mức Xanh", a->counts[0], b->counts[0]);
		buf_adds(out, ", ");
		alt_change(out, "mức Đỏ", a->counts[3], b->counts[3]);
	}
	buf_adds(out, ".");
}

static void alt_late(const struct chart *c, struct buf *out)
{
	const struct chart_row *hi = &c->rows[extreme(c, 1)];
	long total = 0;
	size_t i;

	for (i = 0; i < c->nrows; i++)
		total += c->rows[i].value;
	buf_adds(out, "tổng ");
	chart_add_count(out, total);
	buf_printf(out, " hồ sơ trễ hạn; nhiều nhất là %s với ", str(hi->label));
	chart_add_count(out, hi->value);
	buf_adds(out, " hồ sơ (");
	chart_add_centi(out, pct_of(hi->value, total));
	buf_adds(out, "%).");
}

static void alt_targets(const struct chart *c, struct buf *out)
{
	size_t i, far = 0, met = 0;

	for (i = 0; i < c->nrows; i++) {
		const struct chart_row *r = &c->rows[i];

		met += r->value >= r->target;
		if (r->target - r->value > c->rows[far].target - c->rows[far].value)
			far = i;
	}
	buf_printf(out, "đạt %zu trên %zu mục tiêu.", met, c->nrows);
	if (met == c->nrows)
		return;
	buf_printf(out, " Xa mục tiêu nhất: %s, ", str(c->rows[far].label));
	chart_add_centi(out, c->rows[far].value);
	buf_adds(out, "% so với mục tiêu ");
	chart_add_short(out, c->rows[far].target);
	buf_adds(out, "%.");
}

/* ---- CSV ---- */

static void csv_field(struct buf *out, const char *s)
{
	s = str(s);
	if (!strpbrk(s, ",\"\r\n")) {
		buf_adds(out, s);
		return;
	}
	buf_addc(out, '"');
	for (; *s; s++) {
		if (*s == '"')
			buf_addc(out, '"');
		buf_addc(out, *s);
	}
	buf_addc(out, '"');
}

static void csv_num(struct buf *out, long v)
{
	buf_addc(out, ',');
	num_add_centi(out, v);
}

static const char *head(const struct chart *c, const char *dflt)
{
	return c->label_head && *c->label_head ? c->label_head : dflt;
}

static void csv_ranking(const struct chart *c, struct buf *out)
{
	size_t i;

	buf_adds(out, "Hạng,");
	csv_field(out, head(c, "Đơn vị"));
	buf_adds(out, ",Điểm,Mức\n");
	for (i = 0; i < c->nrows; i++) {
		if (c->rows[i].rank > 0)
			buf_printf(out, "%d", c->rows[i].rank);
		buf_addc(out, ',');
		csv_field(out, c->rows[i].label);
		csv_num(out, c->rows[i].value);
		buf_printf(out, ",%s\n", chart_level_word(c->rows[i].level));
	}
}

static void csv_groups(const struct chart *c, struct buf *out)
{
	size_t i;

	csv_field(out, head(c, "Nhóm chỉ số"));
	buf_adds(out, ",Điểm,Điểm tối đa,Mức\n");
	for (i = 0; i < c->nrows; i++) {
		csv_field(out, c->rows[i].label);
		csv_num(out, c->rows[i].value);
		csv_num(out, c->rows[i].max);
		buf_printf(out, ",%s\n", chart_level_word(c->rows[i].level));
	}
}

static void csv_history(const struct chart *c, struct buf *out)
{
	size_t i;

	csv_field(out, head(c, "Tháng"));
	buf_adds(out, ",Điểm,Hạng,Số đơn vị xếp hạng\n");
	for (i = 0; i < c->nrows; i++) {
		csv_field(out, c->rows[i].label);
		csv_num(out, c->rows[i].value);
		buf_addc(out, ',');
		if (c->rows[i].rank > 0)
			buf_printf(out, "%d", c->rows[i].rank);
		buf_addc(out, ',');
		if (c->rank_of > 0)
			buf_printf(out, "%d", c->rank_of);
		buf_addc(out, '\n');
	}
}

static void csv_levels(const struct chart *c, struct buf *out)
{
	const long *n;
	size_t i;

	csv_field(out, head(c, "Tháng"));
	buf_adds(out, ",Xanh,Vàng,Cam,Đỏ,Tổng\n");
	for (i = 0; i < c->nrows; i++) {
		n = c->rows[i].counts;
		csv_field(out, c->rows[i].label);
		buf_printf(out, ",%ld,%ld,%ld,%ld,%ld\n", n[0], n[1], n[2], n[3],
			   n[0] + n[1] + n[2] + n[3]);
	}
}

static void csv_late(const struct chart *c, struct buf *out)
{
	long total = 0;
	size_t i;

	for (i = 0; i < c->nrows; i++)
		total += c->rows[i].value;
	csv_field(out, head(c, "Lĩnh vực"));
	buf_adds(out, ",Số hồ sơ trễ hạn,Tỷ lệ (%)\n");
	for (i = 0; i < c->nrows; i++) {
		csv_field(out, c->rows[i].label);
		buf_printf(out, ",%ld", c->rows[i].value);
		csv_num(out, pct_of(c->rows[i].value, total));
		buf_addc(out, '\n');
	}
}

static void csv_targets(const struct chart *c, struct buf *out)
{
	size_t i;

	csv_field(out, head(c, "Chỉ tiêu"));
	buf_adds(out, ",Thực hiện (%),Mục tiêu (%),Đánh giá\n");
	for (i = 0; i < c->nrows; i++) {
		csv_field(out, c->rows[i].label);
		csv_num(out, c->rows[i].value);
		csv_num(out, c->rows[i].target);
		buf_printf(out, ",%s\n", c->rows[i].value >= c->rows[i].target ? "Đạt" : "Chưa đạt");
	}
}

struct data_ops {
	void (*alt)(const struct chart *c, struct buf *out);
	void (*csv)(const struct chart *c, struct buf *out);
};

static const struct data_ops data_ops[CHART_KINDS] = {
	[CHART_RANKING] = {alt_ranking, csv_ranking},
	[CHART_GROUPS] = {alt_groups, csv_groups},
	[CHART_HISTORY] = {alt_history, csv_history},
	[CHART_LEVELS_OVER_TIME] = {alt_levels, csv_levels},
	[CHART_LATE_BY] = {alt_late, csv_late},
	[CHART_TARGETS] = {alt_targets, csv_targets},
};

void chart_alt(const struct chart *c, struct buf *out)
{
	alt_head(c, out);
	if ((unsigned)c->kind >= CHART_KINDS || c->nrows == 0) {
		buf_adds(out, "chưa có dữ liệu.");
		return;
	}
	data_ops[c->kind].alt(c, out);
}

void chart_csv(const struct chart *c, struct buf *out)
{
	if ((unsigned)c->kind < CHART_KINDS)
		data_ops[c->kind].csv(c, out);
}
