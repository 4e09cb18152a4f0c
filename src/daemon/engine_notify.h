/* SPDX-License-Identifier: MIT */
/* usrsctp notifications -> neutral ones (engine_notify.c).  Free of
 * <usrsctp.h>, so that unit tests may include it next to either header. */
#ifndef SCTPSHIMD_ENGINE_NOTIFY_H
#define SCTPSHIMD_ENGINE_NOTIFY_H

#include <stddef.h>
#include <stdint.h>

#include "sctpshim/proto.h"

struct endpoint;

/*
 * One notification as usrsctp_recvv gave it (len bytes at buf) -> *sn, the
 * neutral form, and the bytes that follow it (*extra, *extra_len, pointing
 * into buf).  peer is the address usrsctp gave with it (may be NULL).
 * usrsctp's SEND_FAILED_EVENT becomes SHIM_NOTIFY_SEND_FAILED_EVENT; the
 * caller makes the old SEND_FAILED from it too.  Pure: no I/O, no state.
 * Returns 0, -EINVAL for a short or malformed one, -ENOENT for a type the
 * program never sees.
 */
int engine_notify_convert(const void *buf, size_t len, const struct shim_addr *peer,
			  struct shim_notify *sn, const void **extra, size_t *extra_len);

/*
 * The program has just subscribed to SENDER_DRY for assoc_id (an
 * association, SHIM_CURRENT_ASSOC or SHIM_ALL_ASSOC; SHIM_FUTURE_ASSOC
 * names none).  Linux queues the event at once for each of those
 * associations that has nothing to send (sctp_assoc_ulpevent_type_set):
 * so does this.  One-to-one: the association, whatever the id.
 */
void engine_notify_dry_on_subscribe(struct endpoint *ep, uint32_t assoc_id);

/* The program made addr the association's primary path (SCTP_PRIMARY_ADDR
 * succeeded): Linux reports PEER_ADDR_CHANGE ADDR_MADE_PRIM for it, even
 * when it already was (sctp_assoc_set_primary); usrsctp reports nothing. */
void engine_notify_made_primary(struct endpoint *ep, uint32_t assoc_id, const struct shim_addr *addr);

#endif
