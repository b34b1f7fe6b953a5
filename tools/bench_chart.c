/* bench_chart: renders every chart kind for realistic sample data at every size and prints
 * the median CPU milliseconds per chart and size (make bench-charts). With -o DIR it also
 * writes the PNGs, alt texts and CSVs there, for looking at them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "chart.h"
#include "util.h"
#include "chart_sample.h"

#define MAX_SETS 12

struct set {
	const char *name;
	struct chart c;
	struct chart_row rows[SAMPLE_COMMUNES];
};

static char commune_names[SAMPLE_COMMUNES][64];

static int by_value_desc(const void *a, const void *b)
{
	const struct chart_row *x = a, *y = b;

	return (y->value > x->value) - (y->value < x->value);
}

static void base(struct set *s, const char *name, enum chart_kind kind, const char *title,
		 const char *unit, const char *period)
{
	memset(s, 0, sizeof *s);
	s->name = name;
	s->c.kind = kind;
	s->c.title = title;
	s->c.unit = unit;
	s->c.period = period;
	s->c.source = "Cổng Dịch vụ công quốc gia, Hệ thống thông tin giải quyết TTHC tỉnh";
	s->c.license = "CC BY 4.0";
	s->c.value_max = 10000;
	s->c.rows = s->rows;
}

static void ranking(struct set *s, int communes, unsigned long seed)
{
	size_t i, n = communes ? SAMPLE_COMMUNES : SAMPLE_DEPTS;

	base(s, communes ? "xep-hang-xa" : "xep-hang-so", CHART_RANKING,
	     communes ? "Xếp hạng xã, phường" : "Xếp hạng sở, ban, ngành", "Tỉnh Phú Thọ",
	     "Tháng 10/2026");
	for (i = 0; i < n; i++) {
		s->rows[i].label = communes ? commune_names[i] : sample_depts[i];
		s->rows[i].value = 6000 + (long)(sample_rand(&seed) % 3800);
	}
	qsort(s->rows, n, sizeof s->rows[0], by_value_desc);
	for (i = 0; i < n; i++) {
		s->rows[i].rank = (int)i + 1;
		s->rows[i].level = sample_level(s->rows[i].value, 10000);
	}
	s->c.nrows = n;
}

static void groups(struct set *s)
{
	static const long got[6] = {1650, 1874, 905, 310, 1790, 1588};
	size_t i;

	base(s, "nhom-chi-so", CHART_GROUPS, "Điểm theo nhóm chỉ số so với điểm tối đa",
	     "Sở Tư pháp", "Tháng 10/2026");
	for (i = 0; i < 6; i++) {
		s->rows[i].label = sample_groups[i].label;
		s->rows[i].value = got[i];
		s->rows[i].max = sample_groups[i].max;
		s->rows[i].level = sample_level(got[i], sample_groups[i].max);
	}
	s->c.nrows = 6;
}

static void history(struct set *s, int province)
{
	static const long score[SAMPLE_MONTHS] = {7812, 7954, 8120, 8033, 8310, 8475, 8402,
						  8566, 8690, 8721, 8655, 8804, 8893};
	static const int rank[SAMPLE_MONTHS] = {21, 19, 17, 18, 14, 12, 13, 11, 9, 9, 10, 8, 7};
	size_t i;

	base(s, province ? "lich-su-tinh" : "lich-su-xa", CHART_HISTORY,
	     province ? "Điểm và thứ hạng toàn quốc qua các tháng" : "Điểm và thứ hạng qua các tháng",
	     province ? "Tỉnh Phú Thọ" : "Xã Đan Thượng", "10/2025–10/2026");
	s->c.rank_of = province ? 34 : 100;
	for (i = 0; i < SAMPLE_MONTHS; i++) {
		s->rows[i].label = sample_months[i];
		s->rows[i].value = province ? score[i] : score[i] - 900 + (long)(i % 3) * 150;
		s->rows[i].rank = province ? rank[i] : rank[i] * 3 + 5;
	}
	s->c.nrows = SAMPLE_MONTHS;
}

static void levels(struct set *s)
{
	size_t i;

	base(s, "muc-theo-thang", CHART_LEVELS_OVER_TIME, "Số đơn vị theo mức qua các tháng",
	     "Tỉnh Phú Thọ (20 sở, ngành và 100 xã, phường)", "10/2025–10/2026");
	for (i = 0; i < SAMPLE_MONTHS; i++) {
		long x = 18 + 4 * (long)i, v = 30 + (long)(i % 4), c = 35 - 2 * (long)i;

		s->rows[i].label = sample_months[i];
		s->rows[i].counts[0] = x;
		s->rows[i].counts[1] = v;
		s->rows[i].counts[2] = c;
		s->rows[i].counts[3] = 120 - x - v - c;
	}
	s->c.nrows = SAMPLE_MONTHS;
}

static void late(struct set *s, int by_unit)
{
	static const char *const fields[] = {"Đất đai", "Hộ tịch", "Chứng thực", "Xây dựng",
		"Cư trú", "Đăng ký kinh doanh", "Lao động, việc làm", "Giao thông vận tải",
		"Tài nguyên nước"};
	static const long nf[] = {293, 120, 64, 58, 41, 25, 18, 12, 6};
	size_t i, n = by_unit ? 25 : ARRAY_LEN(fields);
	unsigned long seed = 7;

	base(s, by_unit ? "tre-han-don-vi" : "tre-han-linh-vuc", CHART_LATE_BY,
	     by_unit ? "Hồ sơ trễ hạn theo đơn vị" : "Hồ sơ trễ hạn theo lĩnh vực", "Tỉnh Phú Thọ",
	     "Tháng 10/2026");
	s->c.label_head = by_unit ? "Đơn vị" : "Lĩnh vực";
	for (i = 0; i < n; i++) {
		s->rows[i].label = by_unit ? commune_names[i * 3] : fields[i];
		s->rows[i].value = by_unit ? 1 + (long)(sample_rand(&seed) % 60) : nf[i];
	}
	qsort(s->rows, n, sizeof s->rows[0], by_value_desc);
	s->c.nrows = n;
}

static void targets(struct set *s)
{
	static const char *const names[] = {"Hồ sơ nộp trực tuyến", "Thanh toán trực tuyến",
		"Số hóa hồ sơ, kết quả", "Giải quyết đúng hạn", "Xin lỗi khi trễ hạn"};
	static const long v[] = {3590, 847, 6750, 9958, 4662}, t[] = {5000, 3000, 10000, 10000,
								     10000};
	size_t i;

	base(s, "muc-tieu", CHART_TARGETS, "Kết quả so với mục tiêu của tỉnh", "Tỉnh Phú Thọ",
	     "Tháng 10/2026");
	for (i = 0; i < ARRAY_LEN(names); i++) {
		s->rows[i].label = names[i];
		s->rows[i].value = v[i];
		s->rows[i].target = t[i];
	}
	s->c.nrows = ARRAY_LEN(names);
}

static size_t make_sets(struct set *sets)
{
	size_t i, n = 0;

	for (i = 0; i < SAMPLE_COMMUNES; i++)
		snprintf(commune_names[i], sizeof commune_names[i], "%s %s",
			 i % 4 == 0 ? "Phường" : "Xã", sample_places[i]);
	ranking(&sets[n++], 0, 42);
	ranking(&sets[n++], 1, 43);
	groups(&sets[n++]);
	history(&sets[n++], 1);
	history(&sets[n++], 0);
	levels(&sets[n++]);
	late(&sets[n++], 0);
	late(&sets[n++], 1);
	targets(&sets[n++]);
	return n;
}

/* CPU time, not wall time: the cost of a chart, unaffected by other jobs on the machine. */
static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static int write_outputs(const char *dir, const struct set *s, enum chart_size z,
			 const struct buf *png, struct buf *err)
{
	struct buf path = BUF_INIT, text = BUF_INIT;
	int rc;

	buf_printf(&path, "%s/%s-%s.png", dir, s->name, chart_size_name(z));
	rc = file_write_atomic(path.ptr, png->ptr, png->len, err);
	if (rc == 0 && z == CHART_WEB) {
		buf_reset(&path);
		buf_printf(&path, "%s/%s.csv", dir, s->name);
		chart_csv(&s->c, &text);
		rc = file_write_atomic(path.ptr, text.ptr, text.len, err);
		buf_reset(&path);
		buf_reset(&text);
		buf_printf(&path, "%s/%s.alt.txt", dir, s->name);
		chart_alt(&s->c, &text);
		buf_addc(&text, '\n');
		rc = rc ? rc : file_write_atomic(path.ptr, text.ptr, text.len, err);
	}
	buf_free(&path);
	buf_free(&text);
	return rc;
}

/* Median of runs renders of one chart at one size, in ms; the PNG of the last run. */
static double time_one(struct chart_fonts *f, const struct set *s, enum chart_size z,
		       int runs, struct buf *png, struct buf *err)
{
	double t[64], t0;
	int i;

	for (i = 0; i < runs; i++) {
		t0 = now_ms();
		if (chart_render(f, &s->c, z, png, err))
			return -1;
		t[i] = now_ms() - t0;
	}
	qsort(t, (size_t)runs, sizeof t[0], cmp_double);
	return t[runs / 2];
}

int main(int argc, char **argv)
{
	static struct set sets[MAX_SETS];
	struct chart_fonts f;
	struct buf png = BUF_INIT, err = BUF_INIT;
	const char *out = NULL;
	double ms, sum[CHART_SIZES] = {0};
	size_t n, i;
	int runs = 9, z, rc = 1;

	for (z = 1; z < argc; z++) {
		if (!strcmp(argv[z], "-o") && z + 1 < argc)
			out = argv[++z];
		else if (!strcmp(argv[z], "-n") && z + 1 < argc)
			runs = atoi(argv[++z]);
	}
	if (runs < 1 || runs > 64)
		runs = 9;
	if (chart_fonts_init(&f, NULL, &err) || (out && mkdir_p(out, &err)))
		goto out;
	n = make_sets(sets);
	printf("%-18s", "chart (CPU ms)");
	for (z = 0; z < CHART_SIZES; z++)
		printf(" %10s", chart_size_name((enum chart_size)z));
	printf("\n");
	for (i = 0; i < n; i++) {
		printf("%-18s", sets[i].name);
		for (z = 0; z < CHART_SIZES; z++) {
			ms = time_one(&f, &sets[i], (enum chart_size)z, runs, &png, &err);
			if (ms < 0 || (out && write_outputs(out, &sets[i], (enum chart_size)z, &png,
							    &err)))
				goto out;
			sum[z] += ms;
			printf(" %7.2f/%zuk", ms, png.len / 1024);
			fflush(stdout);
		}
		printf("\n");
	}
	printf("%-18s", "average");
	for (z = 0; z < CHART_SIZES; z++)
		printf(" %10.2f", sum[z] / (double)n);
	printf("\n(each cell: median CPU ms over %d renders / PNG size in KiB)\n", runs);
	rc = 0;
out:
	if (rc)
		fprintf(stderr, "bench_chart: %s\n", err.ptr);
	chart_fonts_free(&f);
	buf_free(&png);
	buf_free(&err);
	return rc;
}
