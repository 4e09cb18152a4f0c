/* SPDX-License-Identifier: MIT */
/*
 * The Linux SCTP personality: pure conversions between what Linux programs
 * pass (option numbers and structs of <linux/sctp.h>, cmsgs, notification
 * layouts) and the neutral protocol of proto.h.  No I/O, no global state:
 * everything here is unit-tested against the system headers.
 *
 * This header deliberately does not include <linux/sctp.h>; callers that
 * need the Linux types include it themselves.  Errors are negative errnos,
 * chosen as Linux's SCTP code returns them.
 */
#ifndef SCTPSHIM_PERSONALITY_H
#define SCTPSHIM_PERSONALITY_H

#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include "sctpshim/proto.h"

/* ---- states and flags ---------------------------------------------------- */

/* recvmsg() msg_flags bit of a notification (Linux MSG_NOTIFICATION) */
#define PERS_MSG_NOTIFICATION 0x8000

int pers_state_to_linux(uint32_t shim_state);          /* enum sctp_sstat_state */
int pers_path_state_to_linux(uint32_t shim_path_state); /* enum sctp_spinfo_state */
/* sinfo_flags / snd_flags -> shim_msg_flags; -EINVAL for flags Linux refuses. */
int pers_send_flags_from_linux(uint16_t linux_flags, uint16_t *shim_flags);
uint16_t pers_send_flags_to_linux(uint16_t shim_flags);
uint16_t pers_recv_flags_to_linux(uint16_t shim_flags);
/* SCTP_PR_SCTP_* (0x00, 0x10, 0x20, 0x30) <-> enum shim_pr_policy; -EINVAL if unknown. */
int pers_pr_policy_from_linux(uint16_t linux_policy);
uint16_t pers_pr_policy_to_linux(uint16_t shim_policy);

/* Linux notification type (SCTP_ASSOC_CHANGE ...) <-> enum shim_notify_type. */
int pers_notify_type_from_linux(uint16_t linux_type);
uint16_t pers_notify_type_to_linux(uint16_t shim_type);

/* ---- socket options (level SOL_SCTP) ------------------------------------- */

/* Linux option name -> enum shim_opt, or -ENOPROTOOPT if not supported. */
int pers_opt_from_linux(int optname);

/* A neutral option request (or answer), ready for SHIM_REQ_SETOPT/GETOPT. */
struct pers_opt {
	uint32_t opt;          /* enum shim_opt */
	uint32_t assoc_id;
	uint32_t scope;        /* enum shim_opt_scope */
	struct shim_optval val;
	const uint8_t *tail;   /* variable part: points into the caller's value */
	uint32_t tail_len;
};

/*
 * setsockopt(SOL_SCTP, optname): check optlen, style and values as Linux
 * does and encode.  optval holds min(optlen, what the caller copied) bytes;
 * optlen is the program's.  one_to_many: the socket's style.  SCTP_EVENTS
 * may set only the first optlen events: cur_events is the current mask,
 * which is merged (the caller fetches it when pers_setopt_needs_events()).
 */
int pers_setopt_needs_events(int optname);
int pers_setopt_encode(int optname, const void *optval, socklen_t optlen,
                       int one_to_many, uint32_t cur_events, struct pers_opt *out);

/* getsockopt(SOL_SCTP, optname): check *optlen as Linux does and build the
 * request (input fields such as assoc ids and addresses come from optval). */
int pers_getopt_prepare(int optname, const void *optval, socklen_t optlen,
                        int one_to_many, struct pers_opt *out);
/* Convert the daemon's answer (val, then tail_len bytes of variable part)
 * into optval, which holds the program's input and has room for *optlen
 * bytes; *optlen is in/out as for getsockopt. */
int pers_getopt_decode(int optname, const struct shim_optval *val, const void *tail,
                       size_t tail_len, void *optval, socklen_t *optlen);

/* ---- ancillary data ------------------------------------------------------ */

struct pers_send_params {
	struct shim_msginfo info;  /* stream, ppid, context, flags, PR, auth key */
	int has_init;              /* an SCTP_INIT cmsg was given */
	struct shim_initmsg init;
	/* SCTP_DSTADDRV4/6: extra peer addresses for an association the
	 * message sets up (never the destination: that is msg_name) */
	unsigned dst_count;
	int dst_short;             /* one is shorter than its address: EINVAL
	                              if the message sets an association up */
};

/* Parse the cmsgs of a sendmsg() (msg_control/msg_controllen) as Linux's
 * sctp_msghdr_parse and sctp_sendmsg_parse do: non-SCTP levels are skipped,
 * malformed or unknown SCTP cmsgs and flags Linux refuses give -EINVAL;
 * SNDINFO overrides SNDRCV, PRINFO sets the policy and its value. */
int pers_parse_send_cmsgs(const void *control, size_t controllen,
                          struct pers_send_params *out);

/* Write the receive cmsgs requested in info->cmsgs into control (capacity
 * cap), as Linux's put_cmsg does: a cmsg that does not fit is truncated and
 * *truncated is set (MSG_CTRUNC).  is_notification: Linux attaches only
 * SCTP_SNDRCV (with SCTP_NOTIFICATION) to notifications.  Returns the bytes
 * used (the new msg_controllen). */
size_t pers_build_recv_cmsgs(const struct shim_msginfo *info, int is_notification,
                             void *control, size_t cap, int *truncated);

/* ---- notifications ------------------------------------------------------- */

/*
 * Build the Linux notification (union sctp_notification layouts) for one
 * shim_notify followed by n->len extra bytes.  Field use per type:
 *   ASSOC_CHANGE      state (shim_assoc_change_state), error, streams, extra = sac_info
 *   PEER_ADDR_CHANGE  addr, state (enum sctp_spc_state numbering), error
 *   SEND_FAILED(_EVENT) flags (0 unsent / 1 sent), error, extra = the data
 *   REMOTE_ERROR      error (cause code, host order), extra = the cause
 *   PARTIAL_DELIVERY  state = indication, value = stream
 *   ADAPTATION        value = adaptation indication
 *   AUTHENTICATION    value = key number, state = indication
 *   STREAM_RESET      flags, extra = uint16_t stream list
 *   STREAM_CHANGE     flags, inbound/outbound streams
 *   SHUTDOWN, SENDER_DRY: assoc_id only
 * Returns the length written to out (cap bytes available), -ENOSPC if cap
 * is too small, -EOPNOTSUPP for types without a Linux form here.
 */
ssize_t pers_build_notification(const struct shim_notify *n, const void *extra,
                                void *out, size_t cap);
/* Upper bound of the Linux size of a notification with `extra` bytes. */
size_t pers_notification_max(size_t extra);

#endif
