/* SPDX-License-Identifier: MIT */
/* The usrsctp half of test_cmsg (see test_cmsg.h): a message's neutral
 * send info as the daemon hands it to usrsctp_sendv. */
#include <string.h>

#include "daemon/engine_int.h"
#include "test_cmsg.h"

void tc_usr_convert(const struct shim_msginfo *mi, struct tc_spa *out)
{
	struct sctp_sendv_spa spa;

	memset(&spa, 0xa5, sizeof spa);  /* whatever is not set shows */
	engine_msginfo_to_spa(mi, &spa);
	out->sendv_flags = spa.sendv_flags;
	out->sid = spa.sendv_sndinfo.snd_sid;
	out->flags = spa.sendv_sndinfo.snd_flags;
	out->ppid = spa.sendv_sndinfo.snd_ppid;
	out->context = spa.sendv_sndinfo.snd_context;
	out->assoc_id = spa.sendv_sndinfo.snd_assoc_id;
	out->pr_policy = spa.sendv_prinfo.pr_policy;
	out->pr_value = spa.sendv_prinfo.pr_value;
}

void tc_usr_numbers(struct tc_usr_numbers *out)
{
	out->sndinfo_valid = SCTP_SEND_SNDINFO_VALID;
	out->prinfo_valid = SCTP_SEND_PRINFO_VALID;
	out->unordered = SCTP_UNORDERED;
	out->addr_over = SCTP_ADDR_OVER;
	out->abort = SCTP_ABORT;
	out->eof = SCTP_EOF;
	out->sendall = SCTP_SENDALL;
	out->sack_immediately = SCTP_SACK_IMMEDIATELY;
	out->pr_ttl = SCTP_PR_SCTP_TTL;
	out->pr_rtx = SCTP_PR_SCTP_RTX;
	out->pr_buf = SCTP_PR_SCTP_BUF;
}
