/* chart_sample: realistic sample data for the chart benchmark and previews: a province with
 * 20 departments and 100 communes over the 13 months 2025-10 … 2026-10. Deterministic. */
#ifndef GEN_CHART_SAMPLE_H
#define GEN_CHART_SAMPLE_H

#include "chart.h"

enum { SAMPLE_DEPTS = 20, SAMPLE_COMMUNES = 100, SAMPLE_MONTHS = 13 };

static const char *const sample_depts[SAMPLE_DEPTS] = {
	"Sở Tư pháp", "Sở Nội vụ", "Sở Tài chính", "Sở Công Thương", "Sở Xây dựng",
	"Sở Nông nghiệp và Môi trường", "Sở Giáo dục và Đào tạo", "Sở Y tế",
	"Sở Khoa học và Công nghệ", "Sở Văn hóa, Thể thao và Du lịch", "Sở Dân tộc và Tôn giáo",
	"Sở Ngoại vụ", "Thanh tra tỉnh", "Văn phòng UBND tỉnh",
	"Ban Quản lý các khu công nghiệp", "Công an tỉnh", "Bảo hiểm xã hội tỉnh",
	"Thuế tỉnh", "Kho bạc Nhà nước khu vực VIII", "Chi cục Hải quan khu vực",
};

static const char *const sample_places[] = {
	"Việt Trì", "Nông Trang", "Thanh Miếu", "Vân Phú", "Hy Cương", "Lâm Thao", "Xuân Lũng",
	"Phú Thọ", "Phong Châu", "Hạ Hòa", "Đan Thượng", "Yên Kỳ", "Vĩnh Chân", "Văn Lang",
	"Ấm Hạ", "Hiền Lương", "Cẩm Khê", "Phú Khê", "Hùng Việt", "Đồng Lương", "Tiên Lương",
	"Vân Bán", "Tam Nông", "Thọ Văn", "Vạn Xuân", "Hiền Quan", "Thanh Thủy", "Đào Xá",
	"Tu Vũ", "Thanh Sơn", "Võ Miếu", "Văn Miếu", "Cự Đồng", "Hương Cần", "Yên Sơn",
	"Khả Cửu", "Tân Sơn", "Minh Đài", "Lai Đồng", "Thu Cúc", "Xuân Đài", "Long Cốc",
	"Yên Lập", "Thượng Long", "Sơn Lương", "Xuân Viên", "Minh Hòa", "Trung Sơn",
	"Đoan Hùng", "Tây Cốc", "Chân Mộng", "Chí Đám", "Bằng Luân", "Phù Ninh", "Dân Chủ",
	"Phú Mỹ", "Trạm Thản", "Bình Phú", "Thanh Ba", "Quảng Yên", "Hoàng Cương",
	"Đông Thành", "Chí Tiên", "Liên Minh", "Tam Sơn", "Vĩnh Phúc", "Vĩnh Yên", "Phúc Yên",
	"Tam Đảo", "Đại Đình", "Đạo Trù", "Tam Dương", "Hội Thịnh", "Hoàng An", "Bình Xuyên",
	"Bình Nguyên", "Xuân Lãng", "Yên Lạc", "Tề Lỗ", "Liên Châu", "Vĩnh Tường",
	"Thổ Tang", "Vĩnh Hưng", "Sông Lô", "Hải Lựu", "Lập Thạch", "Thái Hòa", "Hợp Lý",
	"Tiên Lữ", "Sơn Đông", "Hòa Bình", "Kỳ Sơn", "Cao Phong", "Mường Thàng", "Đà Bắc",
	"Tân Lạc", "Mường Bi", "Lạc Sơn", "Ngọc Sơn", "Kim Bôi",
};

static const char *const sample_months[SAMPLE_MONTHS] = {
	"10/2025", "11/2025", "12/2025", "01/2026", "02/2026", "03/2026", "04/2026",
	"05/2026", "06/2026", "07/2026", "08/2026", "09/2026", "10/2026",
};

static const struct { const char *label; long max; } sample_groups[6] = {
	{"Công khai, minh bạch", 1800}, {"Tiến độ giải quyết", 2000},
	{"Dịch vụ công trực tuyến", 1200}, {"Thanh toán trực tuyến", 1000},
	{"Mức độ hài lòng", 1800}, {"Số hóa hồ sơ", 2200},
};

/* The default bands (SPEC §3): the caller decides levels; this is the sample's caller. */
static enum chart_level sample_level(long value, long max)
{
	long pct = value * 100 / max;

	return pct >= 90 ? CHART_LEVEL_XANH : pct >= 80 ? CHART_LEVEL_VANG :
	       pct >= 70 ? CHART_LEVEL_CAM : CHART_LEVEL_DO;
}

static unsigned long sample_rand(unsigned long *s)
{
	*s = *s * 6364136223846793005UL + 1442695040888963407UL;
	return (*s >> 33) & 0x7fffffff;
}
#endif
