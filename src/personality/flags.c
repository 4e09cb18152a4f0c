/* SPDX-License-Identifier: MIT */
/* State, flag and type numbering: Linux <-> neutral. */
#include "personality/personality.h"

#include <errno.h>
#include <netinet/in.h>
#include <linux/sctp.h>

_Static_assert(PERS_MSG_NOTIFICATION == MSG_NOTIFICATION, "Linux value");

int pers_state_to_linux(uint32_t shim_state)
{
	/* RFC 6458 order, Linux puts SCTP_EMPTY in front of it. */
	if (shim_state > SHIM_STATE_SHUTDOWN_ACK_SENT)
		return SCTP_EMPTY;
	return (int)shim_state + SCTP_CLOSED;
}

int pers_path_state_to_linux(uint32_t shim_path_state)
{
	switch (shim_path_state) {
	case SHIM_PATH_INACTIVE:    return SCTP_INACTIVE;
	case SHIM_PATH_PF:          return SCTP_PF;
	case SHIM_PATH_ACTIVE:      return SCTP_ACTIVE;
	case SHIM_PATH_UNCONFIRMED: return SCTP_UNCONFIRMED;
	default:                    return SCTP_UNKNOWN;
	}
}

static const struct {
	uint16_t linux_flag;
	uint16_t shim_flag;
} send_flags[] = {
	{ SCTP_UNORDERED,        SHIM_MSG_UNORDERED },
	{ SCTP_ADDR_OVER,        SHIM_MSG_ADDR_OVER },
	{ SCTP_ABORT,            SHIM_MSG_ABORT },
	{ SCTP_SACK_IMMEDIATELY, SHIM_MSG_SACK_IMMEDIATELY },
	{ SCTP_SENDALL,          SHIM_MSG_SENDALL },
	{ SCTP_EOF,              SHIM_MSG_EOF },
};

int pers_send_flags_from_linux(uint16_t linux_flags, uint16_t *shim_flags)
{
	uint16_t known = SCTP_PR_SCTP_MASK, out = 0;
	size_t i;

	for (i = 0; i < sizeof send_flags / sizeof send_flags[0]; i++) {
		known |= send_flags[i].linux_flag;
		if (linux_flags & send_flags[i].linux_flag)
			out |= send_flags[i].shim_flag;
	}
	/* sctp_msghdr_parse refuses anything else, SCTP_PR_SCTP_ALL included */
	if (linux_flags & ~known)
		return -EINVAL;
	*shim_flags = out;
	return 0;
}

uint16_t pers_send_flags_to_linux(uint16_t shim_flags)
{
	uint16_t out = 0;
	size_t i;

	for (i = 0; i < sizeof send_flags / sizeof send_flags[0]; i++)
		if (shim_flags & send_flags[i].shim_flag)
			out |= send_flags[i].linux_flag;
	return out;
}

uint16_t pers_recv_flags_to_linux(uint16_t shim_flags)
{
	return (shim_flags & SHIM_MSG_UNORDERED) ? SCTP_UNORDERED : 0;
}

int pers_pr_policy_from_linux(uint16_t linux_policy)
{
	switch (linux_policy) {
	case SCTP_PR_SCTP_NONE: return SHIM_PR_NONE;
	case SCTP_PR_SCTP_TTL:  return SHIM_PR_TTL;
	case SCTP_PR_SCTP_RTX:  return SHIM_PR_RTX;
	case SCTP_PR_SCTP_PRIO: return SHIM_PR_PRIO;
	default:                return -EINVAL;
	}
}

uint16_t pers_pr_policy_to_linux(uint16_t shim_policy)
{
	switch (shim_policy) {
	case SHIM_PR_TTL:  return SCTP_PR_SCTP_TTL;
	case SHIM_PR_RTX:  return SCTP_PR_SCTP_RTX;
	case SHIM_PR_PRIO: return SCTP_PR_SCTP_PRIO;
	default:           return SCTP_PR_SCTP_NONE;
	}
}

/* Linux numbers notifications from SCTP_SN_TYPE_BASE in the order the
 * neutral enum follows, data_io_event first. */
int pers_notify_type_from_linux(uint16_t linux_type)
{
	if (linux_type < SCTP_SN_TYPE_BASE || linux_type > SCTP_SN_TYPE_MAX)
		return -EINVAL;
	return linux_type - SCTP_SN_TYPE_BASE;
}

uint16_t pers_notify_type_to_linux(uint16_t shim_type)
{
	return (uint16_t)(SCTP_SN_TYPE_BASE + shim_type);
}
