/* SPDX-License-Identifier: MIT */
/* One line per event worth a person's attention: to stderr in the
 * foreground, else to the --log file, else to syslog. */
#ifndef SCTPSHIMD_LOG_H
#define SCTPSHIMD_LOG_H

#include <stdbool.h>

enum log_level { LOG_LVL_ERR, LOG_LVL_WARN, LOG_LVL_INFO, LOG_LVL_DEBUG };

/* to_stderr wins over file; neither means syslog.  Returns 0 or -errno
 * (the file could not be opened). */
int log_open(bool to_stderr, const char *file, bool debug);
void log_close(void);
bool log_debug_enabled(void);

void log_msg(enum log_level level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#define log_err(...)   log_msg(LOG_LVL_ERR, __VA_ARGS__)
#define log_warn(...)  log_msg(LOG_LVL_WARN, __VA_ARGS__)
#define log_info(...)  log_msg(LOG_LVL_INFO, __VA_ARGS__)
#define log_debug(...) do { if (log_debug_enabled()) log_msg(LOG_LVL_DEBUG, __VA_ARGS__); } while (0)

#endif
