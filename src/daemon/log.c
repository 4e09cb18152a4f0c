/* SPDX-License-Identifier: MIT */
#include "daemon/log.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

static enum { SINK_SYSLOG, SINK_STDERR, SINK_FILE } sink = SINK_STDERR;
static FILE *log_file;
static bool debug_on;

int log_open(bool to_stderr, const char *file, bool debug)
{
	debug_on = debug;
	if (to_stderr) {
		sink = SINK_STDERR;
		return 0;
	}
	if (file && *file) {
		int fd = open(file, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);

		if (fd < 0)
			return -errno;
		log_file = fdopen(fd, "a");
		if (!log_file) {
			int err = errno;

			close(fd);
			return -err;
		}
		setvbuf(log_file, NULL, _IOLBF, 0);
		sink = SINK_FILE;
		return 0;
	}
	openlog("sctpshimd", LOG_PID | LOG_NDELAY, LOG_DAEMON);
	sink = SINK_SYSLOG;
	return 0;
}

void log_close(void)
{
	if (log_file)
		fclose(log_file);
	log_file = NULL;
	if (sink == SINK_SYSLOG)
		closelog();
}

bool log_debug_enabled(void)
{
	return debug_on;
}

static const char *level_name(enum log_level level)
{
	switch (level) {
	case LOG_LVL_ERR:  return "error";
	case LOG_LVL_WARN: return "warning";
	case LOG_LVL_INFO: return "info";
	default:           return "debug";
	}
}

static int syslog_priority(enum log_level level)
{
	switch (level) {
	case LOG_LVL_ERR:  return LOG_ERR;
	case LOG_LVL_WARN: return LOG_WARNING;
	case LOG_LVL_INFO: return LOG_INFO;
	default:           return LOG_DEBUG;
	}
}

void log_msg(enum log_level level, const char *fmt, ...)
{
	int saved_errno = errno;
	char line[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);

	if (sink == SINK_SYSLOG) {
		syslog(syslog_priority(level), "%s", line);
	} else {
		FILE *out = sink == SINK_FILE ? log_file : stderr;
		struct timespec now;
		struct tm tm;
		char stamp[32];

		clock_gettime(CLOCK_REALTIME, &now);
		localtime_r(&now.tv_sec, &tm);
		strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S", &tm);
		fprintf(out, "%s.%03ld sctpshimd[%d] %s: %s\n", stamp,
			now.tv_nsec / 1000000, (int)getpid(), level_name(level), line);
	}
	errno = saved_errno;
}
