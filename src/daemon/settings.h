/* SPDX-License-Identifier: MIT */
/* The daemon's configuration: where it comes from, and applying it
 * (src/config holds the keys and the checks; man sctpshim.conf(5)). */
#ifndef SCTPSHIMD_SETTINGS_H
#define SCTPSHIMD_SETTINGS_H

#include <stdbool.h>

#include "config/config.h"
#include "daemon/daemon.h"

/* The effective configuration of this daemon. */
extern struct cfg shimd_settings;

/* Load defaults < file < environment < options into shimd_settings and
 * check the whole.  file: --config's argument (NULL: $SCTPSHIM_CONFIG,
 * else the system file if it exists).  options[id]: the command line's
 * text for a key, or NULL.  Returns the number of errors added. */
int settings_load(const char *file, const char *const options[CFG_COUNT],
		  struct cfg_msgs *errors);

/* The daemon's own fields from shimd_settings. */
void settings_to_daemon(struct shimd_config *cfg);

/* The net.sctp.* keys usrsctp knows, after usrsctp_init (which resets its
 * sysctls).  Returns 0, or -1 with the key usrsctp refused in *failed. */
int settings_apply_usrsctp(const char **failed);

struct sockaddr;

/* Whether any peer gets native SCTP (sctpshim.native, native_peers);
 * *decide: the choice per peer for engine_set_native (NULL: none). */
bool settings_native(bool (**decide)(const struct sockaddr *peer));

#endif
