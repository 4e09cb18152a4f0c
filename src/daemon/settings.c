/* SPDX-License-Identifier: MIT */
/* Loading the configuration and handing it to usrsctp (settings.h). */
#define _GNU_SOURCE
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>
#include <usrsctp.h>

#include "daemon/settings.h"

#ifndef SCTPSHIM_SYSCONFDIR
#define SCTPSHIM_SYSCONFDIR "/usr/local/etc"
#endif
#define SYSTEM_FILE SCTPSHIM_SYSCONFDIR "/sctpshim/sctpshim.conf"

struct cfg shimd_settings;

static const char *lookup_env(const char *name)
{
	return getenv(name);
}

int settings_load(const char *file, const char *const options[CFG_COUNT],
		  struct cfg_msgs *errors)
{
	struct cfg *c = &shimd_settings;
	int errs = 0;

	cfg_init(c);
	/* --config, else $SCTPSHIM_CONFIG (empty: no file at all), else
	 * the system file when there is one */
	if (!file) {
		file = getenv("SCTPSHIM_CONFIG");
		if (!file && access(SYSTEM_FILE, F_OK) == 0)
			file = SYSTEM_FILE;
	}
	if (file && *file)
		errs += cfg_load_file(c, file, errors);
	errs += cfg_load_env(c, lookup_env, errors);
	for (int i = 0; i < CFG_COUNT; i++)
		if (options[i])
			errs += cfg_set(c, (enum cfg_id)i, options[i], CFG_FROM_OPTION,
					cfg_keys[i].option, errors) < 0;
	/* the rules between keys only mean something for valid values */
	if (!errs)
		errs += cfg_check(c, errors);
	return errs;
}

void settings_to_daemon(struct shimd_config *cfg)
{
	const struct cfg *c = &shimd_settings;

	cfg->socket_name = cfg_text(c, CFG_SOCKET);
	cfg->udp_port = (uint16_t)cfg_num(c, CFG_UDP_PORT);
	/* 0: peers listen where we do */
	cfg->encap_port = cfg_num(c, CFG_ENCAP_PORT) ? (uint16_t)cfg_num(c, CFG_ENCAP_PORT)
						      : cfg->udp_port;
	cfg->idle_timeout = (unsigned)cfg_num(c, CFG_IDLE_TIMEOUT);
	cfg->log_file = *cfg_text(c, CFG_LOG) ? cfg_text(c, CFG_LOG) : NULL;
	cfg->debug = cfg_num(c, CFG_DEBUG) != 0;
	cfg->intl_enable = cfg_num(c, CFG_INTL_ENABLE) != 0;
}

/* usrsctp's defaults for new sockets, as Linux's per-netns sysctls are.
 * AUTH before ASCONF: usrsctp wants AUTH on for ASCONF. */
static const struct {
	enum cfg_id id;
	int (*set)(uint32_t);
} to_usrsctp[] = {
	{ CFG_RTO_INITIAL, usrsctp_sysctl_set_sctp_rto_initial_default },
	{ CFG_RTO_MIN, usrsctp_sysctl_set_sctp_rto_min_default },
	{ CFG_RTO_MAX, usrsctp_sysctl_set_sctp_rto_max_default },
	/* Linux bounds the INIT's RTO by rto_max as well */
	{ CFG_RTO_MAX, usrsctp_sysctl_set_sctp_init_rto_max_default },
	{ CFG_HB_INTERVAL, usrsctp_sysctl_set_sctp_heartbeat_interval_default },
	{ CFG_PATH_MAX_RETRANS, usrsctp_sysctl_set_sctp_path_rtx_max_default },
	{ CFG_ASSOCIATION_MAX_RETRANS, usrsctp_sysctl_set_sctp_assoc_rtx_max_default },
	{ CFG_MAX_INIT_RETRANSMITS, usrsctp_sysctl_set_sctp_init_rtx_max_default },
	{ CFG_SACK_TIMEOUT, usrsctp_sysctl_set_sctp_delayed_sack_time_default },
	{ CFG_VALID_COOKIE_LIFE, usrsctp_sysctl_set_sctp_valid_cookie_life_default },
	{ CFG_MAX_BURST, usrsctp_sysctl_set_sctp_max_burst_default },
	{ CFG_AUTH_ENABLE, usrsctp_sysctl_set_sctp_auth_enable },
	{ CFG_PRSCTP_ENABLE, usrsctp_sysctl_set_sctp_pr_enable },
	{ CFG_ADDIP_ENABLE, usrsctp_sysctl_set_sctp_asconf_enable },
	{ CFG_DEFAULT_AUTO_ASCONF, usrsctp_sysctl_set_sctp_auto_asconf },
	{ CFG_RECONF_ENABLE, usrsctp_sysctl_set_sctp_reconfig_enable },
	{ CFG_ECN_ENABLE, usrsctp_sysctl_set_sctp_ecn_enable },
};

int settings_apply_usrsctp(const char **failed)
{
	for (size_t i = 0; i < sizeof to_usrsctp / sizeof *to_usrsctp; i++) {
		enum cfg_id id = to_usrsctp[i].id;

		if (to_usrsctp[i].set((uint32_t)cfg_num(&shimd_settings, id)) < 0) {
			*failed = cfg_keys[id].name;
			return -1;
		}
	}
	return 0;
}

/* Native SCTP: parsed once (the lists were checked by settings_load). */
static struct cfg_prefixes native_peers, encap_peers;
static bool native_default;

static bool native_for(const struct sockaddr *peer)
{
	const void *addr;
	int native, encap;

	if (!peer)
		return native_default;
	if (peer->sa_family == AF_INET)
		addr = &((const struct sockaddr_in *)peer)->sin_addr;
	else if (peer->sa_family == AF_INET6)
		addr = &((const struct sockaddr_in6 *)peer)->sin6_addr;
	else
		return native_default;
	native = cfg_prefixes_longest(&native_peers, peer->sa_family, addr);
	encap = cfg_prefixes_longest(&encap_peers, peer->sa_family, addr);
	if (native == encap)    /* neither lists it (the same prefix is refused) */
		return native_default;
	return native > encap;
}

bool settings_native(bool (**decide)(const struct sockaddr *peer))
{
	const struct cfg *c = &shimd_settings;
	char why[200];

	cfg_prefixes_free(&native_peers);
	cfg_prefixes_free(&encap_peers);
	native_default = cfg_num(c, CFG_NATIVE) != 0;
	if (cfg_prefixes_parse(cfg_text(c, CFG_NATIVE_PEERS), &native_peers, why, sizeof why) < 0
	    || cfg_prefixes_parse(cfg_text(c, CFG_ENCAP_PEERS), &encap_peers, why, sizeof why) < 0)
		native_peers.count = 0;     /* not reached: settings_load checked them */
	*decide = native_default || native_peers.count ? native_for : NULL;
	return *decide != NULL;
}
