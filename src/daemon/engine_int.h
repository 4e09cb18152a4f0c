/* SPDX-License-Identifier: MIT */
/* Shared between engine*.c only: these include <usrsctp.h>. */
#ifndef SCTPSHIMD_ENGINE_INT_H
#define SCTPSHIMD_ENGINE_INT_H

#include <usrsctp.h>

#include "daemon/endpoint.h"
#include "daemon/engine.h"

/* A usrsctp notification (one whole one) for this endpoint; from is the
 * address usrsctp_recvv gave with it (the association's primary path when
 * the notification was made), from_len 0 if none. */
void engine_notification(struct endpoint *ep, const void *buf, size_t len,
			 const struct sockaddr *from, socklen_t from_len);

/* Size usrsctp's receive side for a program receive buffer of rcvbuf
 * bytes (0: usrsctp's default), so messages up to that size arrive whole. */
void engine_set_rcvbuf(struct endpoint *ep, uint32_t rcvbuf);

/* Subscribe usrsctp to what the program's events_mask needs beyond the
 * notifications the daemon always takes. */
void engine_sync_events(struct endpoint *ep);

/* The sending flags a program can give (shim_msg_flags), in usrsctp's
 * numbers and back: one table serves sendv and SEND_FAILED. */
uint16_t engine_send_flags_to_sctp(uint16_t shim_flags);
uint16_t engine_send_flags_from_sctp(uint16_t sctp_flags);
/* A message's send info in usrsctp's sendv form: SNDINFO (stream, ppid
 * and context left 0 when the socket's defaults apply), PRINFO for a PR
 * policy.  Not its key: usrsctp_sendv refuses AUTHINFO, engine_send makes
 * the key active around the send instead. */
void engine_msginfo_to_spa(const struct shim_msginfo *info, struct sctp_sendv_spa *spa);
/* The same, with the socket's send defaults where the message has none
 * (SHIM_MSG_DEFAULTS): what usrsctp is handed, and what a SEND_FAILED of
 * the message says. */
void engine_message_spa(struct endpoint *ep, const struct shim_msginfo *info,
			struct sctp_sendv_spa *spa);

/* What an accepted endpoint takes over from its listener for I-DATA
 * (engine_opt_stream.c). */
void engine_stream_inherit(struct endpoint *ep, const struct endpoint *from);

/* The ids of the socket's associations, as usrsctp has them, malloc'd
 * (*ids NULL when there are none).  Returns 0 or -ENOMEM. */
int engine_list_assocs(struct socket *so, uint32_t **ids, uint32_t *n);

/* The bytes of user data the association holds to send or to see
 * acknowledged (0 if it cannot tell). */
uint32_t engine_assoc_queued(struct socket *so, sctp_assoc_t id);

/* Each closed socket whose associations are still ending, with its
 * endpoint's id; engine_closing_socket: the one of that id, or NULL. */
void engine_closing_sockets(void (*fn)(uint32_t id, struct socket *so, void *arg), void *arg);
struct socket *engine_closing_socket(uint32_t id);

/* sockaddrs as usrsctp returns them, packed by family size */
size_t engine_sockaddr_size(const struct sockaddr *sa);

/* usrsctp's reference count on a socket (engine_refs.c says why); 1 when
 * it cannot be read.  engine_refs_check looks at the first fresh socket. */
void engine_refs_check(struct socket *fresh);
int engine_socket_refs(struct socket *so);

#endif
