/* Numbers, dates and codes in Vietnamese words, for the radio script. */
#include "buf.h"
#include "unit.h"
#include "viwords.h"

static void t_int(long long n, const char *want)
{
	struct buf b = BUF_INIT;

	viwords_int(&b, n);
	CHECK_STR(b.ptr, want, "integer");
	buf_free(&b);
}

static void t_centi(long v, const char *want)
{
	struct buf b = BUF_INIT;

	viwords_centi(&b, v);
	CHECK_STR(b.ptr, want, "decimal");
	buf_free(&b);
}

int main(void)
{
	struct buf b = BUF_INIT;

	t_int(0, "không");
	t_int(5, "năm");
	t_int(10, "mười");
	t_int(11, "mười một");
	t_int(14, "mười bốn");
	t_int(15, "mười lăm");
	t_int(20, "hai mươi");
	t_int(21, "hai mươi mốt");
	t_int(24, "hai mươi tư");
	t_int(25, "hai mươi lăm");
	t_int(55, "năm mươi lăm");
	t_int(100, "một trăm");
	t_int(101, "một trăm lẻ một");
	t_int(105, "một trăm lẻ năm");
	t_int(110, "một trăm mười");
	t_int(115, "một trăm mười lăm");
	t_int(121, "một trăm hai mươi mốt");
	t_int(1000, "một nghìn");
	t_int(1005, "một nghìn không trăm lẻ năm");
	t_int(2025, "hai nghìn không trăm hai mươi lăm");
	t_int(2026, "hai nghìn không trăm hai mươi sáu");
	t_int(10000, "mười nghìn");
	t_int(152243, "một trăm năm mươi hai nghìn hai trăm bốn mươi ba");
	t_int(1000005, "một triệu không trăm lẻ năm");
	t_int(3321000, "ba triệu ba trăm hai mươi mốt nghìn");
	t_int(2000000000LL, "hai tỷ");
	t_centi(9250, "chín mươi hai phẩy năm");
	t_centi(8553, "tám mươi lăm phẩy năm mươi ba");
	t_centi(9200, "chín mươi hai");
	t_centi(905, "chín phẩy không năm");
	t_centi(-54, "âm không phẩy năm mươi tư");
	t_centi(54, "không phẩy năm mươi tư");
	viwords_percent(&b, 8296);
	CHECK_STR(b.ptr, "tám mươi hai phẩy chín mươi sáu phần trăm", "percentage");
	buf_reset(&b);
	viwords_percent(&b, 4662);
	CHECK_STR(b.ptr, "bốn mươi sáu phẩy sáu mươi hai phần trăm", "the apology rate of the directive");
	buf_reset(&b);
	CHECK(viwords_date(&b, "2026-10-05") == 0, "a date");
	CHECK_STR(b.ptr, "ngày năm tháng mười năm hai nghìn không trăm hai mươi sáu", "date in words");
	buf_reset(&b);
	viwords_month(&b, "2026-04");
	CHECK_STR(b.ptr, "tháng tư năm hai nghìn không trăm hai mươi sáu", "April is tháng tư");
	buf_reset(&b);
	viwords_month(&b, "2025-12");
	CHECK_STR(b.ptr, "tháng mười hai năm hai nghìn không trăm hai mươi lăm", "December");
	buf_reset(&b);
	CHECK(viwords_date(&b, "2026-13-01") < 0, "month 13 refused");
	buf_reset(&b);
	viwords_code(&b, "1.000894");
	CHECK_STR(b.ptr, "một chấm không không không tám chín bốn", "procedure code");
	buf_reset(&b);
	viwords_code(&b, "H44.01");
	CHECK_STR(b.ptr, "hát bốn bốn chấm không một", "unit code");
	buf_free(&b);
	return UNIT_DONE();
}
