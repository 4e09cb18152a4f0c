/* SPDX-License-Identifier: MIT */
/*
 * Shared by the two halves of test_opt_roundtrip: the Linux half
 * (test_opt_roundtrip.c, <linux/sctp.h>) and the usrsctp half
 * (test_opt_roundtrip_usr.c, <usrsctp.h>), which cannot be one file since
 * both headers define struct sctp_*.  The halves meet on the neutral form
 * (struct shim_optval) and on member names.
 */
#ifndef SCTPSHIM_TEST_OPT_ROUNDTRIP_H
#define SCTPSHIM_TEST_OPT_ROUNDTRIP_H

#include <stddef.h>
#include <stdint.h>
#include "sctpshim/proto.h"

#define RT_MAX_MEMBERS 20

/* One member of an option's value, as one side's header lays it out. */
struct rt_member {
	const char *name;  /* NULL ends the list */
	size_t off, size;
};

/* An option's value on one side: its size, its association id member (if
 * any) and the members the option tables carry. */
struct rt_layout {
	uint16_t shim;          /* enum shim_opt; 0 ends the list */
	size_t size;
	struct rt_member assoc; /* name NULL: none */
	struct rt_member m[RT_MAX_MEMBERS];
};

/*
 * The options both sides convert with a field table, by member name.
 * Each half expands this list against its own header, defining RT_S, RT_A,
 * RT_NA, RT_M and RT_INT first, so one name gives the offset Linux uses
 * in one half and the one usrsctp uses in the other.  Members only one
 * side has cannot be listed here: the tables carry none.
 */
#define RT_AV(shim) RT_S(shim, struct sctp_assoc_value, RT_A(struct sctp_assoc_value, assoc_id), \
	RT_M(struct sctp_assoc_value, assoc_value))
#define RT_LAYOUTS \
	RT_S(SHIM_OPT_RTOINFO, struct sctp_rtoinfo, RT_A(struct sctp_rtoinfo, srto_assoc_id), \
	     RT_M(struct sctp_rtoinfo, srto_initial) RT_M(struct sctp_rtoinfo, srto_max) \
	     RT_M(struct sctp_rtoinfo, srto_min)) \
	RT_S(SHIM_OPT_ASSOCINFO, struct sctp_assocparams, \
	     RT_A(struct sctp_assocparams, sasoc_assoc_id), \
	     RT_M(struct sctp_assocparams, sasoc_asocmaxrxt) \
	     RT_M(struct sctp_assocparams, sasoc_number_peer_destinations) \
	     RT_M(struct sctp_assocparams, sasoc_peer_rwnd) \
	     RT_M(struct sctp_assocparams, sasoc_local_rwnd) \
	     RT_M(struct sctp_assocparams, sasoc_cookie_life)) \
	RT_S(SHIM_OPT_INITMSG, struct sctp_initmsg, RT_NA, \
	     RT_M(struct sctp_initmsg, sinit_num_ostreams) \
	     RT_M(struct sctp_initmsg, sinit_max_instreams) \
	     RT_M(struct sctp_initmsg, sinit_max_attempts) \
	     RT_M(struct sctp_initmsg, sinit_max_init_timeo)) \
	RT_S(SHIM_OPT_NODELAY, int, RT_NA, RT_INT(int)) \
	RT_S(SHIM_OPT_AUTOCLOSE, int, RT_NA, RT_INT(int)) \
	RT_S(SHIM_OPT_DISABLE_FRAGMENTS, int, RT_NA, RT_INT(int)) \
	RT_S(SHIM_OPT_AUTO_ASCONF, int, RT_NA, RT_INT(int)) \
	RT_S(SHIM_OPT_REUSE_PORT, int, RT_NA, RT_INT(int)) \
	RT_S(SHIM_OPT_GET_ASSOC_NUMBER, uint32_t, RT_NA, RT_INT(uint32_t)) \
	RT_S(SHIM_OPT_ADAPTATION_LAYER, struct sctp_setadaptation, RT_NA, \
	     RT_M(struct sctp_setadaptation, ssb_adaptation_ind)) \
	RT_AV(SHIM_OPT_MAXSEG) \
	RT_AV(SHIM_OPT_MAX_BURST) \
	RT_AV(SHIM_OPT_CONTEXT) \
	RT_AV(SHIM_OPT_ASCONF_SUPPORTED) \
	RT_AV(SHIM_OPT_ECN_SUPPORTED) \
	RT_AV(SHIM_OPT_AUTH_SUPPORTED) \
	RT_AV(SHIM_OPT_PR_SUPPORTED) \
	RT_AV(SHIM_OPT_RECONFIG_SUPPORTED) \
	RT_AV(SHIM_OPT_ENABLE_STREAM_RESET) \
	RT_AV(SHIM_OPT_STREAM_SCHEDULER) \
	RT_S(SHIM_OPT_DELAYED_SACK, struct sctp_sack_info, \
	     RT_A(struct sctp_sack_info, sack_assoc_id), \
	     RT_M(struct sctp_sack_info, sack_delay) RT_M(struct sctp_sack_info, sack_freq)) \
	RT_S(SHIM_OPT_DEFAULT_SNDINFO, struct sctp_sndinfo, RT_A(struct sctp_sndinfo, snd_assoc_id), \
	     RT_M(struct sctp_sndinfo, snd_sid) RT_M(struct sctp_sndinfo, snd_flags) \
	     RT_M(struct sctp_sndinfo, snd_ppid) RT_M(struct sctp_sndinfo, snd_context)) \
	RT_S(SHIM_OPT_STATUS, struct sctp_status, RT_A(struct sctp_status, sstat_assoc_id), \
	     RT_M(struct sctp_status, sstat_state) RT_M(struct sctp_status, sstat_rwnd) \
	     RT_M(struct sctp_status, sstat_unackdata) RT_M(struct sctp_status, sstat_penddata) \
	     RT_M(struct sctp_status, sstat_instrms) RT_M(struct sctp_status, sstat_outstrms) \
	     RT_M(struct sctp_status, sstat_fragmentation_point) \
	     RT_M(struct sctp_status, sstat_primary.spinfo_address) \
	     RT_M(struct sctp_status, sstat_primary.spinfo_state) \
	     RT_M(struct sctp_status, sstat_primary.spinfo_cwnd) \
	     RT_M(struct sctp_status, sstat_primary.spinfo_srtt) \
	     RT_M(struct sctp_status, sstat_primary.spinfo_rto) \
	     RT_M(struct sctp_status, sstat_primary.spinfo_mtu)) \
	RT_S(SHIM_OPT_AUTH_ACTIVE_KEY, struct sctp_authkeyid, \
	     RT_A(struct sctp_authkeyid, scact_assoc_id), RT_M(struct sctp_authkeyid, scact_keynumber)) \
	RT_S(SHIM_OPT_AUTH_DEACTIVATE_KEY, struct sctp_authkeyid, \
	     RT_A(struct sctp_authkeyid, scact_assoc_id), RT_M(struct sctp_authkeyid, scact_keynumber)) \
	RT_S(SHIM_OPT_AUTH_DELETE_KEY, struct sctp_authkeyid, \
	     RT_A(struct sctp_authkeyid, scact_assoc_id), RT_M(struct sctp_authkeyid, scact_keynumber)) \
	RT_S(SHIM_OPT_DEFAULT_PRINFO, struct sctp_default_prinfo, \
	     RT_A(struct sctp_default_prinfo, pr_assoc_id), \
	     RT_M(struct sctp_default_prinfo, pr_policy) RT_M(struct sctp_default_prinfo, pr_value)) \
	RT_S(SHIM_OPT_STREAM_SCHEDULER_VALUE, struct sctp_stream_value, \
	     RT_A(struct sctp_stream_value, assoc_id), \
	     RT_M(struct sctp_stream_value, stream_id) RT_M(struct sctp_stream_value, stream_value))

/* Each half's expansion, for the definitions below. */
#define RT_MEMBER(type, m) { #m, offsetof(type, m), sizeof(((type *)0)->m) }
#define RT_DEFINE_LAYOUTS(array) const struct rt_layout array[] = { RT_LAYOUTS { 0 } };
#define RT_S(shim, type, assoc, ...) { shim, sizeof(type), assoc, { __VA_ARGS__ { NULL } } },
#define RT_A(type, m) RT_MEMBER(type, m)
#define RT_NA { NULL }
#define RT_M(type, m) RT_MEMBER(type, m),
#define RT_INT(type) { "int", 0, sizeof(type) },

extern const struct rt_layout rt_linux_layouts[];
extern const struct rt_layout rt_usr_layouts[];

/* ---- the usrsctp half --------------------------------------------------- */

/* Does the daemon convert this option with a field table (usrsctp's
 * option, struct size and fields, whatever hooks it has on top)? */
int rt_usr_has_table(uint16_t shim);
/* Its table, as the daemon's engine_optdesc gives it. */
size_t rt_usr_size(uint16_t shim);
unsigned rt_usr_nfields(uint16_t shim);  /* fields that are not SHIM_FIELD_SKIP */
long rt_usr_assoc_off(uint16_t shim);  /* -1: none */
/* shim_fields_write / shim_fields_read with that table, the association id
 * placed or taken as engine_opt_set_table / engine_opt_get_table do. */
void rt_usr_from_neutral(uint16_t shim, const struct shim_optval *v, uint32_t assoc_id, void *buf);
void rt_usr_to_neutral(uint16_t shim, const void *buf, struct shim_optval *v, uint32_t *assoc_id);

#endif
