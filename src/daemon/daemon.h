/* SPDX-License-Identifier: MIT */
/* State of the one sctpshimd process. */
#ifndef SCTPSHIMD_DAEMON_H
#define SCTPSHIMD_DAEMON_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "daemon/loop.h"

struct shimd_config {
	const char *socket_name;
	uint16_t udp_port;
	uint16_t encap_port;
	unsigned idle_timeout;  /* seconds, 0 = never */
	const char *log_file;
	int ready_fd;
	bool foreground;
	bool autostart;
	bool debug;
	bool intl_enable;       /* SCTPSHIM_INTL_ENABLE: Linux's net.sctp.intl_enable */
};

struct shimd_stats {
	uint64_t endpoints;        /* created since start */
	uint64_t associations;     /* came up since start (COMM_UP seen) */
	uint64_t msgs_in, bytes_in;   /* from peers to programs */
	uint64_t msgs_out, bytes_out; /* from programs to peers */
};

struct shimd {
	struct shimd_config cfg;
	struct loop loop;
	struct loop_source listener;
	struct loop_source signals;
	struct loop_source idle_timer;
	struct loop_source wake;
	struct loop_source closing_timer;
	struct loop_source unsent_timer;
	bool idle_armed;
	bool closing_armed;
	bool unsent_armed;
	time_t idle_since;     /* monotonic seconds */
	char instance[9];      /* 8 hex digits, new every run */
	uid_t uid;
	struct shimd_stats stats;
};

extern struct shimd shimd;

/* Both ends agree on "ours": same uid, or root. */
bool shimd_peer_allowed(uid_t uid);

#endif
