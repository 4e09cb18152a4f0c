/* SPDX-License-Identifier: MIT */
/*
 * Shared by the two halves of test_notify: the usrsctp half
 * (test_notify_usr.c, <usrsctp.h>) makes each notification as usrsctp
 * hands it to the daemon and converts it with engine_notify_convert; the
 * Linux half (test_notify.c, <linux/sctp.h>) checks the neutral form and
 * what the personality makes of it.  They meet on the neutral form.
 */
#ifndef SCTPSHIM_TEST_NOTIFY_H
#define SCTPSHIM_TEST_NOTIFY_H

#include <stddef.h>
#include <stdint.h>
#include "sctpshim/proto.h"

/* The values every made-up notification carries. */
#define TN_ID       0x01020304u
#define TN_OUT      10
#define TN_IN       7
#define TN_PPID     0xa1b2c3d4u
#define TN_CONTEXT  0x55667788u
#define TN_STREAM   5
#define TN_ADAPT    0xc0ffeeu
#define TN_KEY      3
#define TN_LTSN     0x11111111u
#define TN_RTSN     0x22222222u
#define TN_PORT     4242
#define TN_CAUSE    12          /* a User-Initiated Abort */
#define TN_REASON   "goodbye"   /* its 7 bytes */
#define TN_DATA     "unsent message"

enum tn_kind {
	TN_COMM_UP,          /* with usrsctp's feature list in sac_info */
	TN_COMM_LOST_ABORT,  /* sac_info: the ABORT chunk with one cause */
	TN_CANT_STR_ASSOC,
	TN_SHUTDOWN_COMP,
	TN_RESTART,
	TN_ADDR_CONFIRMED,   /* 127.0.0.1:TN_PORT */
	TN_ADDR_UNREACHABLE,
	TN_REMOTE_ERROR,     /* one cause TN_CAUSE with TN_REASON */
	TN_SEND_FAILED_UNSENT, /* unordered, stream TN_STREAM, TN_DATA */
	TN_SEND_FAILED_SENT,
	TN_SHUTDOWN,
	TN_ADAPTATION,
	TN_PDAPI_ABORTED,
	TN_AUTH_NEW_KEY,
	TN_AUTH_NO_AUTH,
	TN_AUTH_FREE_KEY,
	TN_SENDER_DRY,
	TN_STREAM_RESET,     /* streams 1 and 2, outgoing */
	TN_ASSOC_RESET,
	TN_STREAM_CHANGE,
	TN_KINDS
};

/* Make one notification as usrsctp does, `cut` bytes shorter than it is,
 * and convert it: engine_notify_convert's result; *sn, and the extra
 * bytes copied to extra (*extra_len of them, at most cap). */
int tn_usr_convert(enum tn_kind k, size_t cut, struct shim_notify *sn, uint8_t *extra,
		   size_t cap, size_t *extra_len);
/* A notification type usrsctp has and Linux programs never see. */
int tn_usr_convert_unknown(void);

#endif
