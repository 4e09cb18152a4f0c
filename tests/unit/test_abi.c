/* SPDX-License-Identifier: MIT */
/*
 * The Linux ABI the personality relies on, checked against <linux/sctp.h>:
 * every constant (option numbers, notification and cmsg types, flags,
 * policies, states, schedulers, the special association ids), the size and
 * every member offset of every struct a program hands the shim or gets from
 * it, and, for each entry of the personality's option tables, that the
 * struct size it expects and the members it reads are those of Linux's
 * struct in the order proto.h gives the neutral fields.
 *
 * The numbers are the kernel's uapi ABI as an LP64 program sees it; they
 * never change, so a header that disagrees (or a table that does) is a bug.
 * The family tests (test_opt_*.c, test_personality.c) test behaviour; this
 * file only tests numbers.
 */
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <linux/sctp.h>
#include <CUnit/Basic.h>

#include "personality/personality.h"
#include "personality/optdesc.h"

/* ---- option numbers --------------------------------------------------------- */

/* Every SOL_SCTP option Linux has, with its number and what the personality
 * makes of it: an enum shim_opt, or 0 for those the library handles before
 * the personality (libsctp's private options, src/lib/sockopt_addrs.c and
 * peeloff.c) or that the shim does not have. */
static const struct {
	const char *name;
	int linux_name, abi, shim;
} opts[] = {
#define OPT(n, abi, shim) { #n, n, abi, shim }
	OPT(SCTP_RTOINFO, 0, SHIM_OPT_RTOINFO),
	OPT(SCTP_ASSOCINFO, 1, SHIM_OPT_ASSOCINFO),
	OPT(SCTP_INITMSG, 2, SHIM_OPT_INITMSG),
	OPT(SCTP_NODELAY, 3, SHIM_OPT_NODELAY),
	OPT(SCTP_AUTOCLOSE, 4, SHIM_OPT_AUTOCLOSE),
	OPT(SCTP_SET_PEER_PRIMARY_ADDR, 5, SHIM_OPT_SET_PEER_PRIMARY_ADDR),
	OPT(SCTP_PRIMARY_ADDR, 6, SHIM_OPT_PRIMARY_ADDR),
	OPT(SCTP_ADAPTATION_LAYER, 7, SHIM_OPT_ADAPTATION_LAYER),
	OPT(SCTP_DISABLE_FRAGMENTS, 8, SHIM_OPT_DISABLE_FRAGMENTS),
	OPT(SCTP_PEER_ADDR_PARAMS, 9, SHIM_OPT_PEER_ADDR_PARAMS),
	OPT(SCTP_DEFAULT_SEND_PARAM, 10, SHIM_OPT_DEFAULT_SEND_PARAM),
	OPT(SCTP_EVENTS, 11, SHIM_OPT_EVENTS),
	OPT(SCTP_I_WANT_MAPPED_V4_ADDR, 12, SHIM_OPT_I_WANT_MAPPED_V4_ADDR),
	OPT(SCTP_MAXSEG, 13, SHIM_OPT_MAXSEG),
	OPT(SCTP_STATUS, 14, SHIM_OPT_STATUS),
	OPT(SCTP_GET_PEER_ADDR_INFO, 15, SHIM_OPT_GET_PEER_ADDR_INFO),
	OPT(SCTP_DELAYED_ACK_TIME, 16, SHIM_OPT_DELAYED_SACK),
	OPT(SCTP_DELAYED_ACK, 16, SHIM_OPT_DELAYED_SACK),
	OPT(SCTP_DELAYED_SACK, 16, SHIM_OPT_DELAYED_SACK),
	OPT(SCTP_CONTEXT, 17, SHIM_OPT_CONTEXT),
	OPT(SCTP_FRAGMENT_INTERLEAVE, 18, SHIM_OPT_FRAGMENT_INTERLEAVE),
	OPT(SCTP_PARTIAL_DELIVERY_POINT, 19, SHIM_OPT_PARTIAL_DELIVERY_POINT),
	OPT(SCTP_MAX_BURST, 20, SHIM_OPT_MAX_BURST),
	OPT(SCTP_AUTH_CHUNK, 21, SHIM_OPT_AUTH_CHUNK),
	OPT(SCTP_HMAC_IDENT, 22, SHIM_OPT_HMAC_IDENT),
	OPT(SCTP_AUTH_KEY, 23, SHIM_OPT_AUTH_KEY),
	OPT(SCTP_AUTH_ACTIVE_KEY, 24, SHIM_OPT_AUTH_ACTIVE_KEY),
	OPT(SCTP_AUTH_DELETE_KEY, 25, SHIM_OPT_AUTH_DELETE_KEY),
	OPT(SCTP_PEER_AUTH_CHUNKS, 26, SHIM_OPT_PEER_AUTH_CHUNKS),
	OPT(SCTP_LOCAL_AUTH_CHUNKS, 27, SHIM_OPT_LOCAL_AUTH_CHUNKS),
	OPT(SCTP_GET_ASSOC_NUMBER, 28, SHIM_OPT_GET_ASSOC_NUMBER),
	OPT(SCTP_GET_ASSOC_ID_LIST, 29, SHIM_OPT_GET_ASSOC_ID_LIST),
	OPT(SCTP_AUTO_ASCONF, 30, SHIM_OPT_AUTO_ASCONF),
	OPT(SCTP_PEER_ADDR_THLDS, 31, SHIM_OPT_PEER_ADDR_THLDS),
	OPT(SCTP_RECVRCVINFO, 32, SHIM_OPT_RECVRCVINFO),
	OPT(SCTP_RECVNXTINFO, 33, SHIM_OPT_RECVNXTINFO),
	OPT(SCTP_DEFAULT_SNDINFO, 34, SHIM_OPT_DEFAULT_SNDINFO),
	OPT(SCTP_AUTH_DEACTIVATE_KEY, 35, SHIM_OPT_AUTH_DEACTIVATE_KEY),
	OPT(SCTP_REUSE_PORT, 36, SHIM_OPT_REUSE_PORT),
	OPT(SCTP_PEER_ADDR_THLDS_V2, 37, SHIM_OPT_PEER_ADDR_THLDS),
	OPT(SCTP_SOCKOPT_BINDX_ADD, 100, 0),
	OPT(SCTP_SOCKOPT_BINDX_REM, 101, 0),
	OPT(SCTP_SOCKOPT_PEELOFF, 102, 0),
	OPT(SCTP_SOCKOPT_CONNECTX_OLD, 107, 0),
	OPT(SCTP_GET_PEER_ADDRS, 108, 0),
	OPT(SCTP_GET_LOCAL_ADDRS, 109, 0),
	OPT(SCTP_SOCKOPT_CONNECTX, 110, 0),
	OPT(SCTP_SOCKOPT_CONNECTX3, 111, 0),
	OPT(SCTP_GET_ASSOC_STATS, 112, SHIM_OPT_GET_ASSOC_STATS),
	OPT(SCTP_PR_SUPPORTED, 113, SHIM_OPT_PR_SUPPORTED),
	OPT(SCTP_DEFAULT_PRINFO, 114, SHIM_OPT_DEFAULT_PRINFO),
	OPT(SCTP_PR_ASSOC_STATUS, 115, SHIM_OPT_PR_ASSOC_STATUS),
	OPT(SCTP_PR_STREAM_STATUS, 116, SHIM_OPT_PR_STREAM_STATUS),
	OPT(SCTP_RECONFIG_SUPPORTED, 117, SHIM_OPT_RECONFIG_SUPPORTED),
	OPT(SCTP_ENABLE_STREAM_RESET, 118, SHIM_OPT_ENABLE_STREAM_RESET),
	OPT(SCTP_RESET_STREAMS, 119, SHIM_OPT_RESET_STREAMS),
	OPT(SCTP_RESET_ASSOC, 120, SHIM_OPT_RESET_ASSOC),
	OPT(SCTP_ADD_STREAMS, 121, SHIM_OPT_ADD_STREAMS),
	OPT(SCTP_SOCKOPT_PEELOFF_FLAGS, 122, 0),
	OPT(SCTP_STREAM_SCHEDULER, 123, SHIM_OPT_STREAM_SCHEDULER),
	OPT(SCTP_STREAM_SCHEDULER_VALUE, 124, SHIM_OPT_STREAM_SCHEDULER_VALUE),
	OPT(SCTP_INTERLEAVING_SUPPORTED, 125, SHIM_OPT_INTERLEAVING_SUPPORTED),
	/* Linux's sendmsg-connects switch; not in the list, not in the shim */
	OPT(SCTP_SENDMSG_CONNECT, 126, 0),
	OPT(SCTP_EVENT, 127, SHIM_OPT_EVENT),
	OPT(SCTP_ASCONF_SUPPORTED, 128, SHIM_OPT_ASCONF_SUPPORTED),
	OPT(SCTP_AUTH_SUPPORTED, 129, SHIM_OPT_AUTH_SUPPORTED),
	OPT(SCTP_ECN_SUPPORTED, 130, SHIM_OPT_ECN_SUPPORTED),
	OPT(SCTP_EXPOSE_POTENTIALLY_FAILED_STATE, 131, SHIM_OPT_EXPOSE_PF_STATE),
	OPT(SCTP_EXPOSE_PF_STATE, 131, SHIM_OPT_EXPOSE_PF_STATE),
	OPT(SCTP_REMOTE_UDP_ENCAPS_PORT, 132, SHIM_OPT_REMOTE_UDP_ENCAPS_PORT),
	OPT(SCTP_PLPMTUD_PROBE_INTERVAL, 133, SHIM_OPT_PLPMTUD_PROBE_INTERVAL),
#undef OPT
};

static void test_option_numbers(void)
{
	for (size_t i = 0; i < sizeof opts / sizeof *opts; i++) {
		int want = opts[i].shim ? opts[i].shim : -ENOPROTOOPT;

		if (opts[i].linux_name != opts[i].abi || pers_opt_from_linux(opts[i].linux_name) != want)
			fprintf(stderr, "\n  %s: header %d, ABI %d, personality %d, want %d\n",
			        opts[i].name, opts[i].linux_name, opts[i].abi,
			        pers_opt_from_linux(opts[i].linux_name), want);
		CU_ASSERT_EQUAL(opts[i].linux_name, opts[i].abi);
		CU_ASSERT_EQUAL(pers_opt_from_linux(opts[i].linux_name), want);
	}
	CU_ASSERT_EQUAL(IPPROTO_SCTP, 132);
}

/* Numbers Linux has no option for: ENOPROTOOPT, as sctp_setsockopt's default. */
static void test_unknown_options(void)
{
	static const int unknown[] = { -1, 38, 99, 103, 104, 105, 106, 134, 255, 1000, INT_MAX, INT_MIN };
	struct pers_opt o;
	int v = 1;

	for (size_t i = 0; i < sizeof unknown / sizeof *unknown; i++) {
		CU_ASSERT_EQUAL(pers_opt_from_linux(unknown[i]), -ENOPROTOOPT);
		CU_ASSERT_EQUAL(pers_setopt_encode(unknown[i], &v, sizeof v, 1, 0, &o), -ENOPROTOOPT);
		CU_ASSERT_EQUAL(pers_getopt_prepare(unknown[i], &v, sizeof v, 1, &o), -ENOPROTOOPT);
	}
}

/* Every table entry is an option of the list above, named once. */
static const struct pers_optdesc *const families[] = {
	pers_opts_core, pers_opts_path, pers_opts_auth, pers_opts_stream,
};

static void test_tables_named_once(void)
{
	for (size_t i = 0; i < sizeof families / sizeof *families; i++)
		for (const struct pers_optdesc *d = families[i]; d->shim; d++) {
			int known = 0;

			for (size_t k = 0; k < sizeof opts / sizeof *opts; k++)
				known |= opts[k].abi == d->name && opts[k].shim == d->shim;
			CU_ASSERT(known);
			CU_ASSERT_PTR_EQUAL(pers_optdesc_find(d->name), d);
		}
}

/* ---- constants ---------------------------------------------------------- */

static void test_assoc_ids(void)
{
	CU_ASSERT_EQUAL(SCTP_FUTURE_ASSOC, 0);
	CU_ASSERT_EQUAL(SCTP_CURRENT_ASSOC, 1);
	CU_ASSERT_EQUAL(SCTP_ALL_ASSOC, 2);
	CU_ASSERT_EQUAL(SHIM_FUTURE_ASSOC, SCTP_FUTURE_ASSOC);
	CU_ASSERT_EQUAL(SHIM_CURRENT_ASSOC, SCTP_CURRENT_ASSOC);
	CU_ASSERT_EQUAL(SHIM_ALL_ASSOC, SCTP_ALL_ASSOC);
	CU_ASSERT_EQUAL(sizeof(sctp_assoc_t), 4);
	CU_ASSERT((sctp_assoc_t)-1 < 0);  /* signed, as __s32 */
}

static void test_notification_types(void)
{
	static const struct { int linux_type, abi; uint16_t shim; } t[] = {
		{ SCTP_DATA_IO_EVENT, 0x8000, SHIM_NOTIFY_DATA_IO },
		{ SCTP_ASSOC_CHANGE, 0x8001, SHIM_NOTIFY_ASSOC_CHANGE },
		{ SCTP_PEER_ADDR_CHANGE, 0x8002, SHIM_NOTIFY_PEER_ADDR_CHANGE },
		{ SCTP_SEND_FAILED, 0x8003, SHIM_NOTIFY_SEND_FAILED },
		{ SCTP_REMOTE_ERROR, 0x8004, SHIM_NOTIFY_REMOTE_ERROR },
		{ SCTP_SHUTDOWN_EVENT, 0x8005, SHIM_NOTIFY_SHUTDOWN },
		{ SCTP_PARTIAL_DELIVERY_EVENT, 0x8006, SHIM_NOTIFY_PARTIAL_DELIVERY },
		{ SCTP_ADAPTATION_INDICATION, 0x8007, SHIM_NOTIFY_ADAPTATION },
		{ SCTP_AUTHENTICATION_EVENT, 0x8008, SHIM_NOTIFY_AUTHENTICATION },
		{ SCTP_AUTHENTICATION_INDICATION, 0x8008, SHIM_NOTIFY_AUTHENTICATION },
		{ SCTP_SENDER_DRY_EVENT, 0x8009, SHIM_NOTIFY_SENDER_DRY },
		{ SCTP_STREAM_RESET_EVENT, 0x800a, SHIM_NOTIFY_STREAM_RESET },
		{ SCTP_ASSOC_RESET_EVENT, 0x800b, SHIM_NOTIFY_ASSOC_RESET },
		{ SCTP_STREAM_CHANGE_EVENT, 0x800c, SHIM_NOTIFY_STREAM_CHANGE },
		{ SCTP_SEND_FAILED_EVENT, 0x800d, SHIM_NOTIFY_SEND_FAILED_EVENT },
	};

	for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
		CU_ASSERT_EQUAL(t[i].linux_type, t[i].abi);
		CU_ASSERT_EQUAL(pers_notify_type_to_linux(t[i].shim), t[i].abi);
		CU_ASSERT_EQUAL(pers_notify_type_from_linux((uint16_t)t[i].abi), t[i].shim);
	}
	CU_ASSERT_EQUAL(SCTP_SN_TYPE_BASE, 0x8000);
	CU_ASSERT_EQUAL(SCTP_SN_TYPE_MAX, 0x800d);
	CU_ASSERT_EQUAL(SHIM_NOTIFY_MAX, SCTP_SN_TYPE_MAX - SCTP_SN_TYPE_BASE + 1);
	CU_ASSERT_EQUAL(pers_notify_type_from_linux(0x7fff), -EINVAL);
	CU_ASSERT_EQUAL(pers_notify_type_from_linux(0x800e), -EINVAL);
	/* one SCTP_EVENTS byte per type, in the same order */
	CU_ASSERT_EQUAL(sizeof(struct sctp_event_subscribe), SHIM_NOTIFY_MAX);
	CU_ASSERT_EQUAL(MSG_NOTIFICATION, 0x8000);
	CU_ASSERT_EQUAL(PERS_MSG_NOTIFICATION, MSG_NOTIFICATION);
	CU_ASSERT_EQUAL(SCTP_NOTIFICATION, MSG_NOTIFICATION);
}

/* The values notify.c passes through or maps (sac_state, spc_state, ssf
 * flags, authentication indications, reset flags). */
static void test_notification_values(void)
{
	CU_ASSERT_EQUAL(SCTP_COMM_UP, 0);
	CU_ASSERT_EQUAL(SCTP_COMM_LOST, 1);
	CU_ASSERT_EQUAL(SCTP_RESTART, 2);
	CU_ASSERT_EQUAL(SCTP_SHUTDOWN_COMP, 3);
	CU_ASSERT_EQUAL(SCTP_CANT_STR_ASSOC, 4);
	/* sac_state is the neutral state as it is */
	CU_ASSERT_EQUAL(SHIM_COMM_UP, SCTP_COMM_UP);
	CU_ASSERT_EQUAL(SHIM_COMM_LOST, SCTP_COMM_LOST);
	CU_ASSERT_EQUAL(SHIM_RESTART, SCTP_RESTART);
	CU_ASSERT_EQUAL(SHIM_SHUTDOWN_COMP, SCTP_SHUTDOWN_COMP);
	CU_ASSERT_EQUAL(SHIM_CANT_STR_ASSOC, SCTP_CANT_STR_ASSOC);
	CU_ASSERT_EQUAL(SCTP_ADDR_AVAILABLE, 0);
	CU_ASSERT_EQUAL(SCTP_ADDR_UNREACHABLE, 1);
	CU_ASSERT_EQUAL(SCTP_ADDR_REMOVED, 2);
	CU_ASSERT_EQUAL(SCTP_ADDR_ADDED, 3);
	CU_ASSERT_EQUAL(SCTP_ADDR_MADE_PRIM, 4);
	CU_ASSERT_EQUAL(SCTP_ADDR_CONFIRMED, 5);
	CU_ASSERT_EQUAL(SCTP_ADDR_POTENTIALLY_FAILED, 6);
	CU_ASSERT_EQUAL(SCTP_ADDR_PF, 6);
	CU_ASSERT_EQUAL(SCTP_DATA_UNSENT, 0);
	CU_ASSERT_EQUAL(SCTP_DATA_SENT, 1);
	CU_ASSERT_EQUAL(SCTP_PARTIAL_DELIVERY_ABORTED, 0);
	CU_ASSERT_EQUAL(SCTP_AUTH_NEW_KEY, 0);
	CU_ASSERT_EQUAL(SCTP_AUTH_NEWKEY, 0);
	CU_ASSERT_EQUAL(SCTP_AUTH_FREE_KEY, 1);
	CU_ASSERT_EQUAL(SCTP_AUTH_NO_AUTH, 2);
	CU_ASSERT_EQUAL(SCTP_STREAM_RESET_INCOMING_SSN, 0x0001);
	CU_ASSERT_EQUAL(SCTP_STREAM_RESET_OUTGOING_SSN, 0x0002);
	CU_ASSERT_EQUAL(SCTP_STREAM_RESET_DENIED, 0x0004);
	CU_ASSERT_EQUAL(SCTP_STREAM_RESET_FAILED, 0x0008);
	CU_ASSERT_EQUAL(SCTP_ASSOC_RESET_DENIED, 0x0004);
	CU_ASSERT_EQUAL(SCTP_ASSOC_RESET_FAILED, 0x0008);
	CU_ASSERT_EQUAL(SCTP_ASSOC_CHANGE_DENIED, 0x0004);
	CU_ASSERT_EQUAL(SCTP_ASSOC_CHANGE_FAILED, 0x0008);
	CU_ASSERT_EQUAL(SCTP_STREAM_CHANGE_DENIED, 0x0004);
	CU_ASSERT_EQUAL(SCTP_STREAM_CHANGE_FAILED, 0x0008);
	CU_ASSERT_EQUAL(SCTP_FAILED_THRESHOLD, 0);
	CU_ASSERT_EQUAL(SCTP_PEER_FAULTY, 6);
}

static void test_cmsg_types(void)
{
	CU_ASSERT_EQUAL(SCTP_INIT, 0);
	CU_ASSERT_EQUAL(SCTP_SNDRCV, 1);
	CU_ASSERT_EQUAL(SCTP_SNDINFO, 2);
	CU_ASSERT_EQUAL(SCTP_RCVINFO, 3);
	CU_ASSERT_EQUAL(SCTP_NXTINFO, 4);
	CU_ASSERT_EQUAL(SCTP_PRINFO, 5);
	CU_ASSERT_EQUAL(SCTP_AUTHINFO, 6);
	CU_ASSERT_EQUAL(SCTP_DSTADDRV4, 7);
	CU_ASSERT_EQUAL(SCTP_DSTADDRV6, 8);
}

static void test_send_recv_flags(void)
{
	static const struct { int linux_flag, abi; uint16_t shim; } t[] = {
		{ SCTP_UNORDERED, 1 << 0, SHIM_MSG_UNORDERED },
		{ SCTP_ADDR_OVER, 1 << 1, SHIM_MSG_ADDR_OVER },
		{ SCTP_ABORT, 1 << 2, SHIM_MSG_ABORT },
		{ SCTP_SACK_IMMEDIATELY, 1 << 3, SHIM_MSG_SACK_IMMEDIATELY },
		{ SCTP_SENDALL, 1 << 6, SHIM_MSG_SENDALL },
		{ SCTP_EOF, 0x200 /* MSG_FIN */, SHIM_MSG_EOF },
	};
	uint16_t f, all = 0;

	for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
		CU_ASSERT_EQUAL(t[i].linux_flag, t[i].abi);
		CU_ASSERT_EQUAL(pers_send_flags_from_linux((uint16_t)t[i].abi, &f), 0);
		CU_ASSERT_EQUAL(f, t[i].shim);
		CU_ASSERT_EQUAL(pers_send_flags_to_linux(t[i].shim), t[i].abi);
		all |= (uint16_t)t[i].abi;
	}
	CU_ASSERT_EQUAL(MSG_FIN, 0x200);
	CU_ASSERT_EQUAL(SCTP_PR_SCTP_ALL, 1 << 7);
	/* sctp_msghdr_parse: any bit beyond these (and the PR policy) is EINVAL */
	for (unsigned bit = 0; bit < 16; bit++) {
		uint16_t b = (uint16_t)(1u << bit);

		if ((b & all) || (b & SCTP_PR_SCTP_MASK))
			continue;
		CU_ASSERT_EQUAL(pers_send_flags_from_linux(b, &f), -EINVAL);
	}
	/* on receive Linux reports SCTP_UNORDERED only */
	CU_ASSERT_EQUAL(pers_recv_flags_to_linux(SHIM_MSG_UNORDERED), SCTP_UNORDERED);
	CU_ASSERT_EQUAL(pers_recv_flags_to_linux((uint16_t)~SHIM_MSG_UNORDERED), 0);
}

static void test_pr_policies(void)
{
	static const struct { int linux_policy, abi; uint16_t shim; } t[] = {
		{ SCTP_PR_SCTP_NONE, 0x00, SHIM_PR_NONE },
		{ SCTP_PR_SCTP_TTL, 0x10, SHIM_PR_TTL },
		{ SCTP_PR_SCTP_RTX, 0x20, SHIM_PR_RTX },
		{ SCTP_PR_SCTP_PRIO, 0x30, SHIM_PR_PRIO },
	};

	for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
		CU_ASSERT_EQUAL(t[i].linux_policy, t[i].abi);
		CU_ASSERT_EQUAL(pers_pr_policy_from_linux((uint16_t)t[i].abi), t[i].shim);
		CU_ASSERT_EQUAL(pers_pr_policy_to_linux(t[i].shim), t[i].abi);
	}
	CU_ASSERT_EQUAL(SCTP_PR_SCTP_MAX, 0x30);
	CU_ASSERT_EQUAL(SCTP_PR_SCTP_MASK, 0x30);
	CU_ASSERT_EQUAL(pers_pr_policy_from_linux(0x40), -EINVAL);
	CU_ASSERT_EQUAL(pers_pr_policy_from_linux(SCTP_PR_SCTP_ALL), -EINVAL);
}

static void test_states(void)
{
	static const struct { uint32_t shim; int linux_state, abi; } t[] = {
		{ SHIM_STATE_CLOSED, SCTP_CLOSED, 1 },
		{ SHIM_STATE_COOKIE_WAIT, SCTP_COOKIE_WAIT, 2 },
		{ SHIM_STATE_COOKIE_ECHOED, SCTP_COOKIE_ECHOED, 3 },
		{ SHIM_STATE_ESTABLISHED, SCTP_ESTABLISHED, 4 },
		{ SHIM_STATE_SHUTDOWN_PENDING, SCTP_SHUTDOWN_PENDING, 5 },
		{ SHIM_STATE_SHUTDOWN_SENT, SCTP_SHUTDOWN_SENT, 6 },
		{ SHIM_STATE_SHUTDOWN_RECEIVED, SCTP_SHUTDOWN_RECEIVED, 7 },
		{ SHIM_STATE_SHUTDOWN_ACK_SENT, SCTP_SHUTDOWN_ACK_SENT, 8 },
	};
	static const struct { uint32_t shim; int linux_state, abi; } p[] = {
		{ SHIM_PATH_INACTIVE, SCTP_INACTIVE, 0 },
		{ SHIM_PATH_PF, SCTP_PF, 1 },
		{ SHIM_PATH_ACTIVE, SCTP_ACTIVE, 2 },
		{ SHIM_PATH_UNCONFIRMED, SCTP_UNCONFIRMED, 3 },
		{ SHIM_PATH_UNKNOWN, SCTP_UNKNOWN, 0xffff },
	};

	for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
		CU_ASSERT_EQUAL(t[i].linux_state, t[i].abi);
		CU_ASSERT_EQUAL(pers_state_to_linux(t[i].shim), t[i].abi);
	}
	CU_ASSERT_EQUAL(SCTP_EMPTY, 0);
	CU_ASSERT_EQUAL(pers_state_to_linux(SHIM_STATE_SHUTDOWN_ACK_SENT + 1), SCTP_EMPTY);
	for (size_t i = 0; i < sizeof p / sizeof *p; i++) {
		CU_ASSERT_EQUAL(p[i].linux_state, p[i].abi);
		CU_ASSERT_EQUAL(pers_path_state_to_linux(p[i].shim), p[i].abi);
	}
	CU_ASSERT_EQUAL(pers_path_state_to_linux(99), SCTP_UNKNOWN);
}

/* Linux 6.1's header stops at SCTP_SS_RR; FC (3) and WFQ (4) came in 6.2. */
static void test_schedulers(void)
{
	struct sctp_assoc_value av = { .assoc_id = 0 };
	struct pers_opt o;

	CU_ASSERT_EQUAL(SCTP_SS_FCFS, 0);
	CU_ASSERT_EQUAL(SCTP_SS_DEFAULT, 0);
	CU_ASSERT_EQUAL(SCTP_SS_PRIO, 1);
	CU_ASSERT_EQUAL(SCTP_SS_RR, 2);
	/* the personality passes Linux's numbers on and takes FC (3); WFQ (4)
	 * is refused as usrsctp has none (docs/compat.md) */
	for (uint32_t ss = 0; ss <= 3; ss++) {
		av.assoc_value = ss;
		CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_STREAM_SCHEDULER, &av, sizeof av, 1, 0, &o), 0);
		CU_ASSERT_EQUAL(o.val.f[0], ss);
	}
	av.assoc_value = 4;
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_STREAM_SCHEDULER, &av, sizeof av, 1, 0, &o), -EINVAL);
}

static void test_option_values(void)
{
	CU_ASSERT_EQUAL(SPP_HB_ENABLE, 1 << 0);
	CU_ASSERT_EQUAL(SPP_HB_DISABLE, 1 << 1);
	CU_ASSERT_EQUAL(SPP_HB, 3);
	CU_ASSERT_EQUAL(SPP_HB_DEMAND, 1 << 2);
	CU_ASSERT_EQUAL(SPP_PMTUD_ENABLE, 1 << 3);
	CU_ASSERT_EQUAL(SPP_PMTUD_DISABLE, 1 << 4);
	CU_ASSERT_EQUAL(SPP_PMTUD, 3 << 3);
	CU_ASSERT_EQUAL(SPP_SACKDELAY_ENABLE, 1 << 5);
	CU_ASSERT_EQUAL(SPP_SACKDELAY_DISABLE, 1 << 6);
	CU_ASSERT_EQUAL(SPP_SACKDELAY, 3 << 5);
	CU_ASSERT_EQUAL(SPP_HB_TIME_IS_ZERO, 1 << 7);
	CU_ASSERT_EQUAL(SPP_IPV6_FLOWLABEL, 1 << 8);
	CU_ASSERT_EQUAL(SPP_DSCP, 1 << 9);
	CU_ASSERT_EQUAL(SCTP_AUTH_HMAC_ID_SHA1, 1);
	CU_ASSERT_EQUAL(SCTP_AUTH_HMAC_ID_SHA256, 3);
	CU_ASSERT_EQUAL(SCTP_ENABLE_RESET_STREAM_REQ, 0x01);
	CU_ASSERT_EQUAL(SCTP_ENABLE_RESET_ASSOC_REQ, 0x02);
	CU_ASSERT_EQUAL(SCTP_ENABLE_CHANGE_ASSOC_REQ, 0x04);
	CU_ASSERT_EQUAL(SCTP_ENABLE_STRRESET_MASK, 0x07);
	CU_ASSERT_EQUAL(SCTP_STREAM_RESET_INCOMING, 0x01);
	CU_ASSERT_EQUAL(SCTP_STREAM_RESET_OUTGOING, 0x02);
	CU_ASSERT_EQUAL(SCTP_BINDX_ADD_ADDR, 0x01);
	CU_ASSERT_EQUAL(SCTP_BINDX_REM_ADDR, 0x02);
}

/* ---- layouts ------------------------------------------------------------- */

/* One row per struct (member NULL) and per member: what the header says
 * and what the ABI is.  Flexible arrays have no size of their own (0). */
struct layout_row {
	const char *type, *member;
	size_t off, size, abi_off, abi_size;
};

#define ST(type, size) { #type, NULL, 0, sizeof(type), 0, (size) }
#define M(type, m, o, s) { #type, #m, offsetof(type, m), sizeof(((type *)0)->m), (o), (s) }
#define FM(type, m, o) { #type, #m, offsetof(type, m), 0, (o), 0 }

static const struct layout_row layouts[] = {
	ST(struct sctp_initmsg, 8),
	M(struct sctp_initmsg, sinit_num_ostreams, 0, 2),
	M(struct sctp_initmsg, sinit_max_instreams, 2, 2),
	M(struct sctp_initmsg, sinit_max_attempts, 4, 2),
	M(struct sctp_initmsg, sinit_max_init_timeo, 6, 2),
	ST(struct sctp_sndrcvinfo, 32),
	M(struct sctp_sndrcvinfo, sinfo_stream, 0, 2),
	M(struct sctp_sndrcvinfo, sinfo_ssn, 2, 2),
	M(struct sctp_sndrcvinfo, sinfo_flags, 4, 2),
	M(struct sctp_sndrcvinfo, sinfo_ppid, 8, 4),
	M(struct sctp_sndrcvinfo, sinfo_context, 12, 4),
	M(struct sctp_sndrcvinfo, sinfo_timetolive, 16, 4),
	M(struct sctp_sndrcvinfo, sinfo_tsn, 20, 4),
	M(struct sctp_sndrcvinfo, sinfo_cumtsn, 24, 4),
	M(struct sctp_sndrcvinfo, sinfo_assoc_id, 28, 4),
	ST(struct sctp_sndinfo, 16),
	M(struct sctp_sndinfo, snd_sid, 0, 2),
	M(struct sctp_sndinfo, snd_flags, 2, 2),
	M(struct sctp_sndinfo, snd_ppid, 4, 4),
	M(struct sctp_sndinfo, snd_context, 8, 4),
	M(struct sctp_sndinfo, snd_assoc_id, 12, 4),
	ST(struct sctp_rcvinfo, 28),
	M(struct sctp_rcvinfo, rcv_sid, 0, 2),
	M(struct sctp_rcvinfo, rcv_ssn, 2, 2),
	M(struct sctp_rcvinfo, rcv_flags, 4, 2),
	M(struct sctp_rcvinfo, rcv_ppid, 8, 4),
	M(struct sctp_rcvinfo, rcv_tsn, 12, 4),
	M(struct sctp_rcvinfo, rcv_cumtsn, 16, 4),
	M(struct sctp_rcvinfo, rcv_context, 20, 4),
	M(struct sctp_rcvinfo, rcv_assoc_id, 24, 4),
	ST(struct sctp_nxtinfo, 16),
	M(struct sctp_nxtinfo, nxt_sid, 0, 2),
	M(struct sctp_nxtinfo, nxt_flags, 2, 2),
	M(struct sctp_nxtinfo, nxt_ppid, 4, 4),
	M(struct sctp_nxtinfo, nxt_length, 8, 4),
	M(struct sctp_nxtinfo, nxt_assoc_id, 12, 4),
	ST(struct sctp_prinfo, 8),
	M(struct sctp_prinfo, pr_policy, 0, 2),
	M(struct sctp_prinfo, pr_value, 4, 4),
	ST(struct sctp_authinfo, 2),
	M(struct sctp_authinfo, auth_keynumber, 0, 2),
	ST(struct sctp_assoc_change, 20),
	M(struct sctp_assoc_change, sac_type, 0, 2),
	M(struct sctp_assoc_change, sac_flags, 2, 2),
	M(struct sctp_assoc_change, sac_length, 4, 4),
	M(struct sctp_assoc_change, sac_state, 8, 2),
	M(struct sctp_assoc_change, sac_error, 10, 2),
	M(struct sctp_assoc_change, sac_outbound_streams, 12, 2),
	M(struct sctp_assoc_change, sac_inbound_streams, 14, 2),
	M(struct sctp_assoc_change, sac_assoc_id, 16, 4),
	FM(struct sctp_assoc_change, sac_info, 20),
	ST(struct sctp_paddr_change, 148),
	M(struct sctp_paddr_change, spc_type, 0, 2),
	M(struct sctp_paddr_change, spc_flags, 2, 2),
	M(struct sctp_paddr_change, spc_length, 4, 4),
	M(struct sctp_paddr_change, spc_aaddr, 8, 128),
	M(struct sctp_paddr_change, spc_state, 136, 4),
	M(struct sctp_paddr_change, spc_error, 140, 4),
	M(struct sctp_paddr_change, spc_assoc_id, 144, 4),
	ST(struct sctp_remote_error, 16),
	M(struct sctp_remote_error, sre_type, 0, 2),
	M(struct sctp_remote_error, sre_flags, 2, 2),
	M(struct sctp_remote_error, sre_length, 4, 4),
	M(struct sctp_remote_error, sre_error, 8, 2),
	M(struct sctp_remote_error, sre_assoc_id, 12, 4),
	FM(struct sctp_remote_error, sre_data, 16),
	ST(struct sctp_send_failed, 48),
	M(struct sctp_send_failed, ssf_type, 0, 2),
	M(struct sctp_send_failed, ssf_flags, 2, 2),
	M(struct sctp_send_failed, ssf_length, 4, 4),
	M(struct sctp_send_failed, ssf_error, 8, 4),
	M(struct sctp_send_failed, ssf_info, 12, 32),
	M(struct sctp_send_failed, ssf_assoc_id, 44, 4),
	FM(struct sctp_send_failed, ssf_data, 48),
	ST(struct sctp_send_failed_event, 32),
	M(struct sctp_send_failed_event, ssf_type, 0, 2),
	M(struct sctp_send_failed_event, ssf_flags, 2, 2),
	M(struct sctp_send_failed_event, ssf_length, 4, 4),
	M(struct sctp_send_failed_event, ssf_error, 8, 4),
	M(struct sctp_send_failed_event, ssfe_info, 12, 16),
	M(struct sctp_send_failed_event, ssf_assoc_id, 28, 4),
	FM(struct sctp_send_failed_event, ssf_data, 32),
	ST(struct sctp_shutdown_event, 12),
	M(struct sctp_shutdown_event, sse_type, 0, 2),
	M(struct sctp_shutdown_event, sse_flags, 2, 2),
	M(struct sctp_shutdown_event, sse_length, 4, 4),
	M(struct sctp_shutdown_event, sse_assoc_id, 8, 4),
	ST(struct sctp_adaptation_event, 16),
	M(struct sctp_adaptation_event, sai_type, 0, 2),
	M(struct sctp_adaptation_event, sai_flags, 2, 2),
	M(struct sctp_adaptation_event, sai_length, 4, 4),
	M(struct sctp_adaptation_event, sai_adaptation_ind, 8, 4),
	M(struct sctp_adaptation_event, sai_assoc_id, 12, 4),
	ST(struct sctp_pdapi_event, 24),
	M(struct sctp_pdapi_event, pdapi_type, 0, 2),
	M(struct sctp_pdapi_event, pdapi_flags, 2, 2),
	M(struct sctp_pdapi_event, pdapi_length, 4, 4),
	M(struct sctp_pdapi_event, pdapi_indication, 8, 4),
	M(struct sctp_pdapi_event, pdapi_assoc_id, 12, 4),
	M(struct sctp_pdapi_event, pdapi_stream, 16, 4),
	M(struct sctp_pdapi_event, pdapi_seq, 20, 4),
	ST(struct sctp_authkey_event, 20),
	M(struct sctp_authkey_event, auth_type, 0, 2),
	M(struct sctp_authkey_event, auth_flags, 2, 2),
	M(struct sctp_authkey_event, auth_length, 4, 4),
	M(struct sctp_authkey_event, auth_keynumber, 8, 2),
	M(struct sctp_authkey_event, auth_altkeynumber, 10, 2),
	M(struct sctp_authkey_event, auth_indication, 12, 4),
	M(struct sctp_authkey_event, auth_assoc_id, 16, 4),
	ST(struct sctp_sender_dry_event, 12),
	M(struct sctp_sender_dry_event, sender_dry_type, 0, 2),
	M(struct sctp_sender_dry_event, sender_dry_flags, 2, 2),
	M(struct sctp_sender_dry_event, sender_dry_length, 4, 4),
	M(struct sctp_sender_dry_event, sender_dry_assoc_id, 8, 4),
	ST(struct sctp_stream_reset_event, 12),
	M(struct sctp_stream_reset_event, strreset_type, 0, 2),
	M(struct sctp_stream_reset_event, strreset_flags, 2, 2),
	M(struct sctp_stream_reset_event, strreset_length, 4, 4),
	M(struct sctp_stream_reset_event, strreset_assoc_id, 8, 4),
	FM(struct sctp_stream_reset_event, strreset_stream_list, 12),
	ST(struct sctp_assoc_reset_event, 20),
	M(struct sctp_assoc_reset_event, assocreset_type, 0, 2),
	M(struct sctp_assoc_reset_event, assocreset_flags, 2, 2),
	M(struct sctp_assoc_reset_event, assocreset_length, 4, 4),
	M(struct sctp_assoc_reset_event, assocreset_assoc_id, 8, 4),
	M(struct sctp_assoc_reset_event, assocreset_local_tsn, 12, 4),
	M(struct sctp_assoc_reset_event, assocreset_remote_tsn, 16, 4),
	ST(struct sctp_stream_change_event, 16),
	M(struct sctp_stream_change_event, strchange_type, 0, 2),
	M(struct sctp_stream_change_event, strchange_flags, 2, 2),
	M(struct sctp_stream_change_event, strchange_length, 4, 4),
	M(struct sctp_stream_change_event, strchange_assoc_id, 8, 4),
	M(struct sctp_stream_change_event, strchange_instrms, 12, 2),
	M(struct sctp_stream_change_event, strchange_outstrms, 14, 2),
	ST(struct sctp_event_subscribe, 14),
	M(struct sctp_event_subscribe, sctp_data_io_event, 0, 1),
	M(struct sctp_event_subscribe, sctp_association_event, 1, 1),
	M(struct sctp_event_subscribe, sctp_address_event, 2, 1),
	M(struct sctp_event_subscribe, sctp_send_failure_event, 3, 1),
	M(struct sctp_event_subscribe, sctp_peer_error_event, 4, 1),
	M(struct sctp_event_subscribe, sctp_shutdown_event, 5, 1),
	M(struct sctp_event_subscribe, sctp_partial_delivery_event, 6, 1),
	M(struct sctp_event_subscribe, sctp_adaptation_layer_event, 7, 1),
	M(struct sctp_event_subscribe, sctp_authentication_event, 8, 1),
	M(struct sctp_event_subscribe, sctp_sender_dry_event, 9, 1),
	M(struct sctp_event_subscribe, sctp_stream_reset_event, 10, 1),
	M(struct sctp_event_subscribe, sctp_assoc_reset_event, 11, 1),
	M(struct sctp_event_subscribe, sctp_stream_change_event, 12, 1),
	M(struct sctp_event_subscribe, sctp_send_failure_event_event, 13, 1),
	ST(struct sctp_rtoinfo, 16),
	M(struct sctp_rtoinfo, srto_assoc_id, 0, 4),
	M(struct sctp_rtoinfo, srto_initial, 4, 4),
	M(struct sctp_rtoinfo, srto_max, 8, 4),
	M(struct sctp_rtoinfo, srto_min, 12, 4),
	ST(struct sctp_assocparams, 20),
	M(struct sctp_assocparams, sasoc_assoc_id, 0, 4),
	M(struct sctp_assocparams, sasoc_asocmaxrxt, 4, 2),
	M(struct sctp_assocparams, sasoc_number_peer_destinations, 6, 2),
	M(struct sctp_assocparams, sasoc_peer_rwnd, 8, 4),
	M(struct sctp_assocparams, sasoc_local_rwnd, 12, 4),
	M(struct sctp_assocparams, sasoc_cookie_life, 16, 4),
	ST(struct sctp_setpeerprim, 132),
	M(struct sctp_setpeerprim, sspp_assoc_id, 0, 4),
	M(struct sctp_setpeerprim, sspp_addr, 4, 128),
	ST(struct sctp_prim, 132),
	M(struct sctp_prim, ssp_assoc_id, 0, 4),
	M(struct sctp_prim, ssp_addr, 4, 128),
	ST(struct sctp_setadaptation, 4),
	M(struct sctp_setadaptation, ssb_adaptation_ind, 0, 4),
	ST(struct sctp_paddrparams, 156),
	M(struct sctp_paddrparams, spp_assoc_id, 0, 4),
	M(struct sctp_paddrparams, spp_address, 4, 128),
	M(struct sctp_paddrparams, spp_hbinterval, 132, 4),
	M(struct sctp_paddrparams, spp_pathmaxrxt, 136, 2),
	M(struct sctp_paddrparams, spp_pathmtu, 138, 4),
	M(struct sctp_paddrparams, spp_sackdelay, 142, 4),
	M(struct sctp_paddrparams, spp_flags, 146, 4),
	M(struct sctp_paddrparams, spp_ipv6_flowlabel, 150, 4),
	M(struct sctp_paddrparams, spp_dscp, 154, 1),
	ST(struct sctp_authchunk, 1),
	M(struct sctp_authchunk, sauth_chunk, 0, 1),
	ST(struct sctp_hmacalgo, 4),
	M(struct sctp_hmacalgo, shmac_num_idents, 0, 4),
	FM(struct sctp_hmacalgo, shmac_idents, 4),
	ST(struct sctp_authkey, 8),
	M(struct sctp_authkey, sca_assoc_id, 0, 4),
	M(struct sctp_authkey, sca_keynumber, 4, 2),
	M(struct sctp_authkey, sca_keylength, 6, 2),
	FM(struct sctp_authkey, sca_key, 8),
	ST(struct sctp_authkeyid, 8),
	M(struct sctp_authkeyid, scact_assoc_id, 0, 4),
	M(struct sctp_authkeyid, scact_keynumber, 4, 2),
	ST(struct sctp_sack_info, 12),
	M(struct sctp_sack_info, sack_assoc_id, 0, 4),
	M(struct sctp_sack_info, sack_delay, 4, 4),
	M(struct sctp_sack_info, sack_freq, 8, 4),
	ST(struct sctp_assoc_value, 8),
	M(struct sctp_assoc_value, assoc_id, 0, 4),
	M(struct sctp_assoc_value, assoc_value, 4, 4),
	ST(struct sctp_stream_value, 8),
	M(struct sctp_stream_value, assoc_id, 0, 4),
	M(struct sctp_stream_value, stream_id, 4, 2),
	M(struct sctp_stream_value, stream_value, 6, 2),
	ST(struct sctp_paddrinfo, 152),
	M(struct sctp_paddrinfo, spinfo_assoc_id, 0, 4),
	M(struct sctp_paddrinfo, spinfo_address, 4, 128),
	M(struct sctp_paddrinfo, spinfo_state, 132, 4),
	M(struct sctp_paddrinfo, spinfo_cwnd, 136, 4),
	M(struct sctp_paddrinfo, spinfo_srtt, 140, 4),
	M(struct sctp_paddrinfo, spinfo_rto, 144, 4),
	M(struct sctp_paddrinfo, spinfo_mtu, 148, 4),
	ST(struct sctp_status, 176),
	M(struct sctp_status, sstat_assoc_id, 0, 4),
	M(struct sctp_status, sstat_state, 4, 4),
	M(struct sctp_status, sstat_rwnd, 8, 4),
	M(struct sctp_status, sstat_unackdata, 12, 2),
	M(struct sctp_status, sstat_penddata, 14, 2),
	M(struct sctp_status, sstat_instrms, 16, 2),
	M(struct sctp_status, sstat_outstrms, 18, 2),
	M(struct sctp_status, sstat_fragmentation_point, 20, 4),
	M(struct sctp_status, sstat_primary, 24, 152),
	M(struct sctp_status, sstat_primary.spinfo_assoc_id, 24, 4),
	M(struct sctp_status, sstat_primary.spinfo_address, 28, 128),
	M(struct sctp_status, sstat_primary.spinfo_state, 156, 4),
	M(struct sctp_status, sstat_primary.spinfo_cwnd, 160, 4),
	M(struct sctp_status, sstat_primary.spinfo_srtt, 164, 4),
	M(struct sctp_status, sstat_primary.spinfo_rto, 168, 4),
	M(struct sctp_status, sstat_primary.spinfo_mtu, 172, 4),
	ST(struct sctp_authchunks, 8),
	M(struct sctp_authchunks, gauth_assoc_id, 0, 4),
	M(struct sctp_authchunks, gauth_number_of_chunks, 4, 4),
	FM(struct sctp_authchunks, gauth_chunks, 8),
	ST(struct sctp_assoc_ids, 4),
	M(struct sctp_assoc_ids, gaids_number_of_ids, 0, 4),
	FM(struct sctp_assoc_ids, gaids_assoc_id, 4),
	ST(struct sctp_getaddrs_old, 16),
	M(struct sctp_getaddrs_old, assoc_id, 0, 4),
	M(struct sctp_getaddrs_old, addr_num, 4, 4),
	M(struct sctp_getaddrs_old, addrs, 8, 8),
	ST(struct sctp_getaddrs, 8),
	M(struct sctp_getaddrs, assoc_id, 0, 4),
	M(struct sctp_getaddrs, addr_num, 4, 4),
	FM(struct sctp_getaddrs, addrs, 8),
	ST(struct sctp_assoc_stats, 256),
	M(struct sctp_assoc_stats, sas_assoc_id, 0, 4),
	M(struct sctp_assoc_stats, sas_obs_rto_ipaddr, 8, 128),
	M(struct sctp_assoc_stats, sas_maxrto, 136, 8),
	M(struct sctp_assoc_stats, sas_isacks, 144, 8),
	M(struct sctp_assoc_stats, sas_osacks, 152, 8),
	M(struct sctp_assoc_stats, sas_opackets, 160, 8),
	M(struct sctp_assoc_stats, sas_ipackets, 168, 8),
	M(struct sctp_assoc_stats, sas_rtxchunks, 176, 8),
	M(struct sctp_assoc_stats, sas_outofseqtsns, 184, 8),
	M(struct sctp_assoc_stats, sas_idupchunks, 192, 8),
	M(struct sctp_assoc_stats, sas_gapcnt, 200, 8),
	M(struct sctp_assoc_stats, sas_ouodchunks, 208, 8),
	M(struct sctp_assoc_stats, sas_iuodchunks, 216, 8),
	M(struct sctp_assoc_stats, sas_oodchunks, 224, 8),
	M(struct sctp_assoc_stats, sas_iodchunks, 232, 8),
	M(struct sctp_assoc_stats, sas_octrlchunks, 240, 8),
	M(struct sctp_assoc_stats, sas_ictrlchunks, 248, 8),
	ST(sctp_peeloff_arg_t, 8),
	M(sctp_peeloff_arg_t, associd, 0, 4),
	M(sctp_peeloff_arg_t, sd, 4, 4),
	ST(sctp_peeloff_flags_arg_t, 12),
	M(sctp_peeloff_flags_arg_t, p_arg, 0, 8),
	M(sctp_peeloff_flags_arg_t, flags, 8, 4),
	ST(struct sctp_paddrthlds, 144),
	M(struct sctp_paddrthlds, spt_assoc_id, 0, 4),
	M(struct sctp_paddrthlds, spt_address, 8, 128),
	M(struct sctp_paddrthlds, spt_pathmaxrxt, 136, 2),
	M(struct sctp_paddrthlds, spt_pathpfthld, 138, 2),
	ST(struct sctp_paddrthlds_v2, 144),
	M(struct sctp_paddrthlds_v2, spt_assoc_id, 0, 4),
	M(struct sctp_paddrthlds_v2, spt_address, 8, 128),
	M(struct sctp_paddrthlds_v2, spt_pathmaxrxt, 136, 2),
	M(struct sctp_paddrthlds_v2, spt_pathpfthld, 138, 2),
	M(struct sctp_paddrthlds_v2, spt_pathcpthld, 140, 2),
	ST(struct sctp_prstatus, 24),
	M(struct sctp_prstatus, sprstat_assoc_id, 0, 4),
	M(struct sctp_prstatus, sprstat_sid, 4, 2),
	M(struct sctp_prstatus, sprstat_policy, 6, 2),
	M(struct sctp_prstatus, sprstat_abandoned_unsent, 8, 8),
	M(struct sctp_prstatus, sprstat_abandoned_sent, 16, 8),
	ST(struct sctp_default_prinfo, 12),
	M(struct sctp_default_prinfo, pr_assoc_id, 0, 4),
	M(struct sctp_default_prinfo, pr_value, 4, 4),
	M(struct sctp_default_prinfo, pr_policy, 8, 2),
	ST(struct sctp_reset_streams, 8),
	M(struct sctp_reset_streams, srs_assoc_id, 0, 4),
	M(struct sctp_reset_streams, srs_flags, 4, 2),
	M(struct sctp_reset_streams, srs_number_streams, 6, 2),
	FM(struct sctp_reset_streams, srs_stream_list, 8),
	ST(struct sctp_add_streams, 8),
	M(struct sctp_add_streams, sas_assoc_id, 0, 4),
	M(struct sctp_add_streams, sas_instrms, 4, 2),
	M(struct sctp_add_streams, sas_outstrms, 6, 2),
	ST(struct sctp_event, 8),
	M(struct sctp_event, se_assoc_id, 0, 4),
	M(struct sctp_event, se_type, 4, 2),
	M(struct sctp_event, se_on, 6, 1),
	ST(struct sctp_udpencaps, 144),
	M(struct sctp_udpencaps, sue_assoc_id, 0, 4),
	M(struct sctp_udpencaps, sue_address, 8, 128),
	M(struct sctp_udpencaps, sue_port, 136, 2),
	ST(struct sctp_probeinterval, 144),
	M(struct sctp_probeinterval, spi_assoc_id, 0, 4),
	M(struct sctp_probeinterval, spi_address, 8, 128),
	M(struct sctp_probeinterval, spi_interval, 136, 4),
	ST(union sctp_notification, 148),
	M(union sctp_notification, sn_header.sn_type, 0, 2),
	M(union sctp_notification, sn_header.sn_flags, 2, 2),
	M(union sctp_notification, sn_header.sn_length, 4, 4),
};

#undef ST
#undef M
#undef FM

static void test_layouts(void)
{
#if __SIZEOF_LONG__ == 8
	for (size_t i = 0; i < sizeof layouts / sizeof *layouts; i++) {
		const struct layout_row *r = &layouts[i];

		if (r->off != r->abi_off || r->size != r->abi_size)
			fprintf(stderr, "\n  %s %s: offset %zu size %zu, ABI %zu %zu\n", r->type,
			        r->member ? r->member : "", r->off, r->size, r->abi_off, r->abi_size);
		CU_ASSERT_EQUAL(r->off, r->abi_off);
		CU_ASSERT_EQUAL(r->size, r->abi_size);
	}
#else
	fprintf(stderr, "\n  (the pinned numbers are LP64's: not checked here)\n");
#endif
}

static const struct layout_row *layout_member(const char *type, const char *member)
{
	for (size_t i = 0; i < sizeof layouts / sizeof *layouts; i++)
		if (!strcmp(layouts[i].type, type)
		    && (member ? layouts[i].member && !strcmp(layouts[i].member, member)
		               : !layouts[i].member))
			return &layouts[i];
	return NULL;
}

/* ---- the personality's tables against the layouts --------------------------- */

/*
 * Per option: the Linux type of its value, where its association id is,
 * and the members its field table lists, in order ("-" for a slot the
 * struct does not have).  The order is proto.h's neutral order; the
 * daemon's tables list usrsctp's members in the same order
 * (test_opt_roundtrip checks that side).  Options whose table lists no
 * fields give "".
 */
static const struct {
	int name;
	const char *type, *assoc, *fields;
} expect[] = {
	{ SCTP_RTOINFO, "struct sctp_rtoinfo", "srto_assoc_id", "srto_initial srto_max srto_min" },
	{ SCTP_ASSOCINFO, "struct sctp_assocparams", "sasoc_assoc_id",
	  "sasoc_asocmaxrxt sasoc_number_peer_destinations sasoc_peer_rwnd sasoc_local_rwnd "
	  "sasoc_cookie_life" },
	{ SCTP_INITMSG, "struct sctp_initmsg", NULL,
	  "sinit_num_ostreams sinit_max_instreams sinit_max_attempts sinit_max_init_timeo" },
	{ SCTP_NODELAY, "int", NULL, "int" },
	{ SCTP_AUTOCLOSE, "int", NULL, "int" },
	{ SCTP_DISABLE_FRAGMENTS, "int", NULL, "int" },
	{ SCTP_I_WANT_MAPPED_V4_ADDR, "int", NULL, "int" },
	{ SCTP_RECVRCVINFO, "int", NULL, "int" },
	{ SCTP_RECVNXTINFO, "int", NULL, "int" },
	{ SCTP_AUTO_ASCONF, "int", NULL, "int" },
	{ SCTP_REUSE_PORT, "int", NULL, "int" },
	{ SCTP_FRAGMENT_INTERLEAVE, "int", NULL, "int" },
	{ SCTP_PARTIAL_DELIVERY_POINT, "uint32_t", NULL, "int" },
	{ SCTP_GET_ASSOC_NUMBER, "uint32_t", NULL, "int" },
	{ SCTP_ADAPTATION_LAYER, "struct sctp_setadaptation", NULL, "ssb_adaptation_ind" },
	{ SCTP_MAXSEG, "struct sctp_assoc_value", "assoc_id", "assoc_value" },
	{ SCTP_MAX_BURST, "struct sctp_assoc_value", "assoc_id", "assoc_value" },
	{ SCTP_CONTEXT, "struct sctp_assoc_value", "assoc_id", "assoc_value" },
	{ SCTP_ASCONF_SUPPORTED, "struct sctp_assoc_value", "assoc_id", "assoc_value" },
	{ SCTP_ECN_SUPPORTED, "struct sctp_assoc_value", "assoc_id", "assoc_value" },
	{ SCTP_AUTH_SUPPORTED, "struct sctp_assoc_value", "assoc_id", "assoc_value" },
	{ SCTP_PR_SUPPORTED, "struct sctp_assoc_value", "assoc_id", "assoc_value" },
	{ SCTP_RECONFIG_SUPPORTED, "struct sctp_assoc_value", "assoc_id", "assoc_value" },
	{ SCTP_ENABLE_STREAM_RESET, "struct sctp_assoc_value", "assoc_id", "assoc_value" },
	{ SCTP_STREAM_SCHEDULER, "struct sctp_assoc_value", "assoc_id", "assoc_value" },
	{ SCTP_INTERLEAVING_SUPPORTED, "struct sctp_assoc_value", "assoc_id", "assoc_value" },
	{ SCTP_EXPOSE_POTENTIALLY_FAILED_STATE, "struct sctp_assoc_value", "assoc_id", "assoc_value" },
	{ SCTP_EVENTS, "struct sctp_event_subscribe", NULL, "" },
	{ SCTP_EVENT, "struct sctp_event", "se_assoc_id", "se_type se_on" },
	{ SCTP_STATUS, "struct sctp_status", "sstat_assoc_id",
	  "sstat_state sstat_rwnd sstat_unackdata sstat_penddata sstat_instrms sstat_outstrms "
	  "sstat_fragmentation_point sstat_primary.spinfo_address sstat_primary.spinfo_state "
	  "sstat_primary.spinfo_cwnd sstat_primary.spinfo_srtt sstat_primary.spinfo_rto "
	  "sstat_primary.spinfo_mtu" },
	{ SCTP_DEFAULT_SEND_PARAM, "struct sctp_sndrcvinfo", "sinfo_assoc_id",
	  "sinfo_stream sinfo_flags sinfo_ppid sinfo_context sinfo_timetolive" },
	{ SCTP_DEFAULT_SNDINFO, "struct sctp_sndinfo", "snd_assoc_id",
	  "snd_sid snd_flags snd_ppid snd_context" },
	{ SCTP_DELAYED_SACK, "struct sctp_sack_info", "sack_assoc_id", "sack_delay sack_freq" },
	{ SCTP_GET_ASSOC_ID_LIST, "struct sctp_assoc_ids", NULL, "" },
	{ SCTP_PEER_ADDR_PARAMS, "struct sctp_paddrparams", "spp_assoc_id",
	  "spp_address spp_hbinterval spp_pathmaxrxt spp_pathmtu spp_sackdelay spp_flags "
	  "spp_ipv6_flowlabel spp_dscp" },
	{ SCTP_PRIMARY_ADDR, "struct sctp_prim", "ssp_assoc_id", "ssp_addr" },
	{ SCTP_SET_PEER_PRIMARY_ADDR, "struct sctp_setpeerprim", "sspp_assoc_id", "sspp_addr" },
	{ SCTP_GET_PEER_ADDR_INFO, "struct sctp_paddrinfo", "spinfo_assoc_id",
	  "spinfo_address spinfo_state spinfo_cwnd spinfo_srtt spinfo_rto spinfo_mtu" },
	{ SCTP_PEER_ADDR_THLDS, "struct sctp_paddrthlds", "spt_assoc_id",
	  "spt_address spt_pathmaxrxt spt_pathpfthld -" },
	{ SCTP_PEER_ADDR_THLDS_V2, "struct sctp_paddrthlds_v2", "spt_assoc_id",
	  "spt_address spt_pathmaxrxt spt_pathpfthld spt_pathcpthld" },
	{ SCTP_REMOTE_UDP_ENCAPS_PORT, "struct sctp_udpencaps", "sue_assoc_id",
	  "sue_address sue_port" },
	{ SCTP_PLPMTUD_PROBE_INTERVAL, "struct sctp_probeinterval", "spi_assoc_id",
	  "spi_address spi_interval" },
	{ SCTP_GET_ASSOC_STATS, "struct sctp_assoc_stats", "sas_assoc_id",
	  "sas_obs_rto_ipaddr sas_maxrto sas_isacks sas_osacks sas_opackets sas_ipackets "
	  "sas_rtxchunks sas_outofseqtsns sas_idupchunks sas_gapcnt sas_ouodchunks "
	  "sas_iuodchunks sas_oodchunks sas_iodchunks sas_octrlchunks sas_ictrlchunks" },
	{ SCTP_AUTH_CHUNK, "struct sctp_authchunk", NULL, "" },
	{ SCTP_HMAC_IDENT, "struct sctp_hmacalgo", NULL, "" },
	{ SCTP_AUTH_KEY, "struct sctp_authkey", "sca_assoc_id", "" },
	{ SCTP_AUTH_ACTIVE_KEY, "struct sctp_authkeyid", "scact_assoc_id", "scact_keynumber" },
	{ SCTP_AUTH_DEACTIVATE_KEY, "struct sctp_authkeyid", "scact_assoc_id", "scact_keynumber" },
	{ SCTP_AUTH_DELETE_KEY, "struct sctp_authkeyid", "scact_assoc_id", "scact_keynumber" },
	{ SCTP_PEER_AUTH_CHUNKS, "struct sctp_authchunks", "gauth_assoc_id", "" },
	{ SCTP_LOCAL_AUTH_CHUNKS, "struct sctp_authchunks", "gauth_assoc_id", "" },
	{ SCTP_DEFAULT_PRINFO, "struct sctp_default_prinfo", "pr_assoc_id", "pr_policy pr_value" },
	{ SCTP_PR_ASSOC_STATUS, "struct sctp_prstatus", "sprstat_assoc_id", "" },
	{ SCTP_PR_STREAM_STATUS, "struct sctp_prstatus", "sprstat_assoc_id", "" },
	{ SCTP_RESET_STREAMS, "struct sctp_reset_streams", "srs_assoc_id", "" },
	{ SCTP_RESET_ASSOC, "sctp_assoc_t", "", "" },
	{ SCTP_ADD_STREAMS, "struct sctp_add_streams", "sas_assoc_id", "sas_instrms sas_outstrms" },
	{ SCTP_STREAM_SCHEDULER_VALUE, "struct sctp_stream_value", "assoc_id",
	  "stream_id stream_value" },
};

static size_t type_size(const char *type)
{
	const struct layout_row *r;

	if (!strcmp(type, "int"))
		return sizeof(int);
	if (!strcmp(type, "uint32_t"))
		return sizeof(uint32_t);
	if (!strcmp(type, "sctp_assoc_t"))
		return sizeof(sctp_assoc_t);
	r = layout_member(type, NULL);
	return r ? r->size : 0;
}

/* Does field f (index i of the table) list the member named by word? */
static int field_is(const struct shim_field *f, const char *type, const char *word)
{
	const struct layout_row *r;

	if (!strcmp(word, "-"))
		return f->kind == SHIM_FIELD_SKIP;
	if (!strcmp(word, "int"))
		return f->off == 0 && f->size == type_size(type)
		       && (f->kind == SHIM_FIELD_U || f->kind == SHIM_FIELD_S);
	r = layout_member(type, word);
	if (!r || f->off != r->off)
		return 0;
	if (f->kind == SHIM_FIELD_ADDR)
		return r->size == sizeof(struct sockaddr_storage);
	return (f->kind == SHIM_FIELD_U || f->kind == SHIM_FIELD_S) && f->size == r->size;
}

static void check_entry(const struct pers_optdesc *d)
{
	size_t e, n = 0;
	char words[512], *save = NULL;

	for (e = 0; e < sizeof expect / sizeof *expect; e++)
		if (expect[e].name == d->name)
			break;
	if (e == sizeof expect / sizeof *expect) {
		fprintf(stderr, "\n  option %d: add it to expect[]\n", d->name);
		CU_FAIL("a table entry test_abi does not know");
		return;
	}
	/* the struct size it expects */
	CU_ASSERT_EQUAL(d->size, type_size(expect[e].type));
	/* where it finds the association id */
	if (!expect[e].assoc) {
		CU_ASSERT_EQUAL(d->assoc_off, PO_NO_ASSOC);
	} else if (!expect[e].assoc[0]) {
		CU_ASSERT_EQUAL(d->assoc_off, 0);  /* the value is the id */
	} else {
		const struct layout_row *r = layout_member(expect[e].type, expect[e].assoc);

		CU_ASSERT_PTR_NOT_NULL_FATAL(r);
		CU_ASSERT_EQUAL(d->assoc_off, (int)r->off);
		CU_ASSERT_EQUAL(r->size, sizeof(sctp_assoc_t));
	}
	/* its fields, in order */
	snprintf(words, sizeof words, "%s", expect[e].fields);
	for (char *w = strtok_r(words, " ", &save); w; w = strtok_r(NULL, " ", &save), n++) {
		if (n > SHIM_OPT_NFIELDS || d->f[n].kind == SHIM_FIELD_END) {
			fprintf(stderr, "\n  option %d: no field for %s\n", d->name, w);
			CU_FAIL("a member missing from the table");
			return;
		}
		if (!field_is(&d->f[n], expect[e].type, w)) {
			fprintf(stderr, "\n  option %d: field %zu (offset %u, size %u, kind %u) is not %s\n",
			        d->name, n, d->f[n].off, d->f[n].size, d->f[n].kind, w);
			CU_FAIL("a table field that is not the member proto.h puts there");
		}
	}
	CU_ASSERT_EQUAL(d->f[n].kind, SHIM_FIELD_END);
	/* every field inside the value */
	for (size_t i = 0; d->f[i].kind != SHIM_FIELD_END; i++)
		if (d->f[i].kind != SHIM_FIELD_SKIP)
			CU_ASSERT(d->f[i].off + (d->f[i].kind == SHIM_FIELD_ADDR
			          ? sizeof(struct sockaddr_storage) : d->f[i].size) <= d->size);
}

static void test_tables_match_layouts(void)
{
	for (size_t i = 0; i < sizeof families / sizeof *families; i++)
		for (const struct pers_optdesc *d = families[i]; d->shim; d++)
			check_entry(d);
}

int main(void)
{
	CU_pSuite s;
	unsigned int failed;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	s = CU_add_suite("linux abi", NULL, NULL);
	CU_add_test(s, "option numbers", test_option_numbers);
	CU_add_test(s, "unknown options", test_unknown_options);
	CU_add_test(s, "tables name each option once", test_tables_named_once);
	CU_add_test(s, "special association ids", test_assoc_ids);
	CU_add_test(s, "notification types", test_notification_types);
	CU_add_test(s, "notification values", test_notification_values);
	CU_add_test(s, "cmsg types", test_cmsg_types);
	CU_add_test(s, "send and receive flags", test_send_recv_flags);
	CU_add_test(s, "PR policies", test_pr_policies);
	CU_add_test(s, "states", test_states);
	CU_add_test(s, "stream schedulers", test_schedulers);
	CU_add_test(s, "option values", test_option_values);
	CU_add_test(s, "struct layouts", test_layouts);
	CU_add_test(s, "option tables against the layouts", test_tables_match_layouts);
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	failed = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
	CU_cleanup_registry();
	return failed ? 1 : 0;
}
