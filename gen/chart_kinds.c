/* chart_kinds: the table of chart kinds; chart.c looks each kind's drawer up here. */
#include "chart_int.h"

static const struct chart_kind_ops kind_ops[CHART_KINDS] = {
	[CHART_RANKING] = {chart_bars_height, chart_bars_draw},
	[CHART_GROUPS] = {chart_bars_height, chart_bars_draw},
	[CHART_HISTORY] = {chart_history_height, chart_history_draw},
	[CHART_LEVELS_OVER_TIME] = {chart_levels_height, chart_levels_draw},
	[CHART_LATE_BY] = {chart_bars_height, chart_bars_draw},
	[CHART_TARGETS] = {chart_bars_height, chart_bars_draw},
};

const struct chart_kind_ops *chart_kind_ops(enum chart_kind kind)
{
	return &kind_ops[(unsigned)kind < CHART_KINDS ? kind : CHART_RANKING];
}
