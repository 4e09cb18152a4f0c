/* SPDX-License-Identifier: MIT */
/* Text for `sctpshim status` and `sctpshim stats` (malloc'd, NUL-ended). */
#ifndef SCTPSHIMD_REPORT_H
#define SCTPSHIMD_REPORT_H

char *report_status(void);
char *report_stats(void);

#endif
