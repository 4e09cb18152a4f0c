/* SPDX-License-Identifier: MIT */
/*
 * Shared by the two halves of test_cmsg: the Linux half (test_cmsg.c,
 * <linux/sctp.h>) parses Linux cmsgs into the neutral shim_msginfo and
 * builds them back; the usrsctp half (test_cmsg_usr.c, <usrsctp.h>) hands a
 * neutral shim_msginfo to the daemon's conversion (engine_msginfo_to_spa)
 * and reports what usrsctp would be given, in plain numbers.  They meet on
 * the neutral form.
 */
#ifndef SCTPSHIM_TEST_CMSG_H
#define SCTPSHIM_TEST_CMSG_H

#include <stdint.h>
#include "sctpshim/proto.h"

/* What engine_msginfo_to_spa made, flags and policies in usrsctp's numbers. */
struct tc_spa {
	uint32_t sendv_flags;
	uint16_t sid, flags;
	uint32_t ppid, context, assoc_id;
	uint16_t pr_policy;
	uint32_t pr_value;
};

void tc_usr_convert(const struct shim_msginfo *mi, struct tc_spa *out);

/* usrsctp's numbers, for the Linux half to compare against */
struct tc_usr_numbers {
	uint32_t sndinfo_valid, prinfo_valid;
	uint16_t unordered, addr_over, abort, eof, sendall, sack_immediately;
	uint16_t pr_ttl, pr_rtx, pr_buf;
};

void tc_usr_numbers(struct tc_usr_numbers *out);

#endif
