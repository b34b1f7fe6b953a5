/* fmt: the format adapters, one file per family; listed in import.c's table. */
#ifndef GEN_FMT_H
#define GEN_FMT_H

#include "import.h"

int fmt_legacy_scores(struct import *im, const struct imp_input *in, struct buf *err);
int fmt_legacy_national(struct import *im, const struct imp_input *in, struct buf *err);
int fmt_v1_scores(struct import *im, const struct imp_input *in, struct buf *err);
int fmt_v1_national(struct import *im, const struct imp_input *in, struct buf *err);
int fmt_csv_scores(struct import *im, const struct imp_input *in, struct buf *err);
int fmt_csv_national(struct import *im, const struct imp_input *in, struct buf *err);
int fmt_procedures_csv(struct import *im, const struct imp_input *in, struct buf *err);
int fmt_procedures_json(struct import *im, const struct imp_input *in, struct buf *err);
int fmt_delays_csv(struct import *im, const struct imp_input *in, struct buf *err);

/* "toàn trình", "một phần", "" for a folded-equal word, NULL for anything else. */
const char *fmt_online_level(const char *v);

/* v1: joins the endpoints' partial units by departmentId into coded units. */
int fmt_v1_join(struct import *im, struct buf *err);

#endif
