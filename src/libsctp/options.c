/* SPDX-License-Identifier: MIT */
/*
 * sctp_opt_info() and sctp_peeloff(): getsockopt() with the association id
 * put where the kernel reads it.
 */
#include <config.h>
#include "libsctp/libsctp.h"

#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/uio.h>

/* Where each option's argument holds its association id.  The options
 * whose argument has none (SCTP_INITMSG, SCTP_NODELAY, ...) are listed
 * with NO_ID: sctp_opt_info() passes them on untouched (lksctp wrote the
 * id over their first bytes, and over sinfo_stream of
 * SCTP_DEFAULT_SEND_PARAM, whose id the kernel then never saw). */
enum { NO_ID = -1 };

static const struct {
	int option;
	int id_offset;
} opt_info_options[] = {
	{ SCTP_RTOINFO, offsetof(struct sctp_rtoinfo, srto_assoc_id) },
	{ SCTP_ASSOCINFO, offsetof(struct sctp_assocparams, sasoc_assoc_id) },
	{ SCTP_INITMSG, NO_ID },
	{ SCTP_NODELAY, NO_ID },
	{ SCTP_AUTOCLOSE, NO_ID },
	{ SCTP_PRIMARY_ADDR, offsetof(struct sctp_prim, ssp_assoc_id) },
	{ SCTP_DISABLE_FRAGMENTS, NO_ID },
	{ SCTP_PEER_ADDR_PARAMS, offsetof(struct sctp_paddrparams, spp_assoc_id) },
	{ SCTP_DEFAULT_SEND_PARAM, offsetof(struct sctp_sndrcvinfo, sinfo_assoc_id) },
	{ SCTP_EVENTS, NO_ID },
	{ SCTP_I_WANT_MAPPED_V4_ADDR, NO_ID },
	{ SCTP_MAXSEG, offsetof(struct sctp_assoc_value, assoc_id) },
	{ SCTP_STATUS, offsetof(struct sctp_status, sstat_assoc_id) },
	{ SCTP_GET_PEER_ADDR_INFO, offsetof(struct sctp_paddrinfo, spinfo_assoc_id) },
	{ SCTP_DELAYED_SACK, offsetof(struct sctp_sack_info, sack_assoc_id) },
	{ SCTP_CONTEXT, offsetof(struct sctp_assoc_value, assoc_id) },
	{ SCTP_MAX_BURST, offsetof(struct sctp_assoc_value, assoc_id) },
	{ SCTP_AUTH_ACTIVE_KEY, offsetof(struct sctp_authkeyid, scact_assoc_id) },
	{ SCTP_PEER_AUTH_CHUNKS, offsetof(struct sctp_authchunks, gauth_assoc_id) },
	{ SCTP_LOCAL_AUTH_CHUNKS, offsetof(struct sctp_authchunks, gauth_assoc_id) },
	{ SCTP_PEER_ADDR_THLDS, offsetof(struct sctp_paddrthlds, spt_assoc_id) },
	{ SCTP_DEFAULT_SNDINFO, offsetof(struct sctp_sndinfo, snd_assoc_id) },
	{ SCTP_GET_ASSOC_STATS, offsetof(struct sctp_assoc_stats, sas_assoc_id) },
	{ SCTP_PR_SUPPORTED, offsetof(struct sctp_assoc_value, assoc_id) },
	{ SCTP_DEFAULT_PRINFO, offsetof(struct sctp_default_prinfo, pr_assoc_id) },
	{ SCTP_PR_ASSOC_STATUS, offsetof(struct sctp_prstatus, sprstat_assoc_id) },
	{ SCTP_PR_STREAM_STATUS, offsetof(struct sctp_prstatus, sprstat_assoc_id) },
	{ SCTP_RECONFIG_SUPPORTED, offsetof(struct sctp_assoc_value, assoc_id) },
	{ SCTP_ENABLE_STREAM_RESET, offsetof(struct sctp_assoc_value, assoc_id) },
	{ SCTP_STREAM_SCHEDULER, offsetof(struct sctp_assoc_value, assoc_id) },
	{ SCTP_STREAM_SCHEDULER_VALUE, offsetof(struct sctp_stream_value, assoc_id) },
	{ SCTP_INTERLEAVING_SUPPORTED, offsetof(struct sctp_assoc_value, assoc_id) },
	{ SCTP_EVENT, offsetof(struct sctp_event, se_assoc_id) },
	{ SCTP_ASCONF_SUPPORTED, offsetof(struct sctp_assoc_value, assoc_id) },
	{ SCTP_AUTH_SUPPORTED, offsetof(struct sctp_assoc_value, assoc_id) },
	{ SCTP_ECN_SUPPORTED, offsetof(struct sctp_assoc_value, assoc_id) },
};

/* Read the caller's length without trusting the pointer: lksctp hands it
 * straight to getsockopt(), which answers EFAULT for a bad one, so this
 * library must not crash on it first.  0, or -1 with errno EFAULT. */
static int read_len(const socklen_t *size, socklen_t *out)
{
	struct iovec local = { out, sizeof *out }, remote = { (void *)size, sizeof *out };
	long r;

	if (!size)
		return libsctp_fail(EFAULT);
	r = syscall(SYS_process_vm_readv, getpid(), &local, 1UL, &remote, 1UL, 0UL);
	if (r == (long)sizeof *out)
		return 0;
	if (r < 0 && (errno == ENOSYS || errno == EPERM)) {
		*out = *size;  /* no way to check here: trust the pointer */
		return 0;
	}
	return libsctp_fail(EFAULT);
}

/* RFC 6458 9.7: getsockopt() of an option of association `id`.  Options
 * not listed fail with EOPNOTSUPP (lksctp 1.0.19 returns the number
 * ENOTSUP as if it were a result, without setting errno). */
int sctp_opt_info(int sd, sctp_assoc_t id, int opt, void *arg, socklen_t *size)
{
	for (size_t i = 0; i < sizeof opt_info_options / sizeof opt_info_options[0]; i++) {
		int at = opt_info_options[i].id_offset;
		socklen_t len;

		if (opt_info_options[i].option != opt)
			continue;
		if (!arg || read_len(size, &len) < 0)
			return libsctp_fail(EFAULT);
		if (at != NO_ID) {
			if (len < at + sizeof id)
				return libsctp_fail(EINVAL);
			memcpy((char *)arg + at, &id, sizeof id);
		}
		return getsockopt(sd, SOL_SCTP, opt, arg, size);
	}
	return libsctp_fail(EOPNOTSUPP);
}

int sctp_peeloff(int sd, sctp_assoc_t assoc_id)
{
	sctp_peeloff_arg_t arg = { .associd = assoc_id, .sd = 0 };
	socklen_t len = sizeof arg;

	if (getsockopt(sd, SOL_SCTP, SCTP_SOCKOPT_PEELOFF, &arg, &len) < 0)
		return -1;
	return arg.sd;
}

/* Without flags plain SCTP_SOCKOPT_PEELOFF does it, also on kernels older
 * than SCTP_SOCKOPT_PEELOFF_FLAGS (4.13). */
int sctp_peeloff_flags(int sd, sctp_assoc_t assoc_id, unsigned flags)
{
	sctp_peeloff_flags_arg_t arg = {
		.p_arg = { .associd = assoc_id, .sd = 0 },
		.flags = flags,
	};
	socklen_t len = sizeof arg;

	if (flags == 0)
		return sctp_peeloff(sd, assoc_id);
	if (getsockopt(sd, SOL_SCTP, SCTP_SOCKOPT_PEELOFF_FLAGS, &arg, &len) < 0)
		return -1;
	return arg.p_arg.sd;
}
