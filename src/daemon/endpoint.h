/* SPDX-License-Identifier: MIT */
/* The endpoint table: one entry per SCTP socket a program holds.  Each has
 * the daemon's end of the socketpair (the data channel) and a usrsctp
 * socket (engine.c).  Ids are never reused within a daemon run. */
#ifndef SCTPSHIMD_ENDPOINT_H
#define SCTPSHIMD_ENDPOINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/uio.h>

#include "daemon/loop.h"
#include "sctpshim/proto.h"

struct socket; /* usrsctp's; opaque outside engine*.c */

enum ep_state {
	EP_IDLE,        /* fresh, maybe bound */
	EP_LISTENING,
	EP_CONNECTING,  /* one-to-one only */
	EP_CONNECTED,   /* one-to-one only */
	EP_ENDED,       /* one-to-one association over; draining to the program */
};

/* A record waiting for room on the program's channel. */
struct out_rec {
	struct out_rec *next;
	int pass_fd;
	size_t len;
	uint8_t data[];
};

/* A message being reassembled from the program's SHIM_DATA records. */
struct partial {
	uint64_t token;
	struct shim_msginfo info;   /* of the first piece */
	uint8_t *buf;
	size_t len, cap;
};

#define EP_MAX_PARTIALS 64

#define EP_FAILED_KEPT 8

/* An association that failed, as its messages are to be handed back. */
struct unsent_report {
	uint32_t assoc_id;
	uint32_t error;         /* ssf_error: the COMM_LOST's sac_error */
	uint32_t events;        /* the association's subscriptions when it ended */
	struct shim_addr addr;  /* msg_name: its primary peer address */
};

/* The associations the last sends set up (implicitly, by sending to a new
 * peer): Linux's sendmsg waits until such an association is up, so a close
 * right after the send never finds it still being set up.  Here the close
 * can, and must then let it finish and deliver (engine_close.c). */
#define EP_SEND_SETUPS 16
struct send_setups {
	uint32_t ids[EP_SEND_SETUPS];  /* a ring: the most recent ones */
	unsigned next;
};

/* One association's subscriptions. */
struct assoc_events {
	uint32_t assoc_id;
	uint32_t mask;
};

struct endpoint {
	uint32_t id;
	uint16_t family;
	uint16_t style;
	enum ep_state state;
	bool dead;              /* closed; memory freed after this loop round */
	struct endpoint *next_dead;

	struct loop_source chan;
	struct socket *so;
	ino_t inode;            /* of the program's end */
	pid_t owner_pid;
	uint32_t assoc_id;      /* one-to-one: the association */

	/* towards the program */
	struct out_rec *outq, **outq_tail;
	unsigned outq_len;
	bool program_gone;      /* writes fail with EPIPE */

	/* from the program */
	struct partial *partials;
	unsigned n_partials;
	struct partial held;    /* whole message usrsctp had no room for */
	bool has_held;
	bool program_eof;
	bool program_hup;       /* it closed its end while we were not reading */
	unsigned refused;       /* messages usrsctp refused after we took them */
	bool fence_pending;     /* non-blocking connect: a fence will arrive */
	bool nb_connecting;     /* don't read the channel until resolved */
	bool blocking_connect;  /* one-to-one: answer with SHIM_CONNECTED, which
				 * must come first: other records are held */
	uint32_t waiting_client;/* one-to-many blocking connect: client id */
	uint32_t waiting_assoc;
	bool shut_rd;
	bool shut_wr;           /* shutdown(SHUT_WR): the program's end is shut
				 * for sending (engine_shutdown); an EOF on the
				 * channel is then not its close */
	bool input_finished;    /* ... and everything it sent is read */
	bool connect_failed;    /* one-to-one: a connect failed; a new one needs
				 * a new usrsctp socket (engine_renew.c) */
	struct renew_log *renew;/* what makes that socket like this one */
	bool setup_cancelled;   /* shutdown() during a one-to-one connect: the
				 * association being set up is the program's
				 * no more (engine_shutdown) */
	/* one-to-one association failed: every whole message still in the
	 * channel is reported (SEND_FAILED), never sent, until the channel
	 * is empty; then end_error, then EOF */
	bool draining_unsent;
	bool rd_shut;           /* our end is shut for reading: the program's
				 * sends fail with EPIPE */
	struct unsent_report unsent;
	int32_t end_error;      /* SHIM_ERROR still to write (positive errno) */
	bool held_gone;         /* held: usrsctp said its association is gone
				 * before the daemon read why */
	struct unsent_report failed[EP_FAILED_KEPT];  /* one-to-many: the last
				 * associations that failed, for their messages
				 * still in the channel */
	unsigned failed_next;
	struct send_setups send_setups;

	/* bound address as getsockname() would tell */
	bool bound;
	bool bound_wildcard;
	struct shim_addr bound_addr;

	/* options */
	uint32_t events_mask;   /* (1u << enum shim_notify_type): the socket's
				 * subscriptions (Linux's sp->subscribe), which
				 * new associations start from */
	struct assoc_events *assoc_events;  /* Linux's asoc->subscribe, kept only
				 * where it differs from events_mask; by id */
	unsigned n_assoc_events, cap_assoc_events;
	bool send_failed_on;    /* usrsctp subscribed to SEND_FAILED_EVENT */
	bool recvrcvinfo, recvnxtinfo;
	uint32_t sndbuf, rcvbuf;
	uint32_t record_max;    /* largest record our channel end can send */
	struct shim_linger linger;
	int32_t so_error;
	bool reuseaddr;
	bool so_reuseport;      /* SO_REUSEPORT (not SCTP_REUSE_PORT) */
	bool sctp_reuse;        /* SCTP_REUSE_PORT as the program set it */
	uid_t owner_uid;        /* creator's: SO_REUSEPORT shares only within a uid */
	bool v4mapped_off;      /* SCTP_I_WANT_MAPPED_V4_ADDR 0 */
	uint32_t pd_point;      /* SCTP_PARTIAL_DELIVERY_POINT; 0: not set */
	bool send_defaults;     /* the program set send defaults: a message
				 * without send info looks them up */
	struct {                /* one-to-one: the SCTP_DEFAULT_SNDINFO set last,
				 * for messages reported once the association
				 * that had them is gone */
		bool set;
		uint16_t sid, flags;   /* flags: shim_msg_flags */
		uint32_t ppid, context;
	} last_sndinfo;
	struct {                /* kept by engine_opt_path.c */
		uint8_t ip_tos, ipv6_tclass;
		uint8_t pf_expose;      /* SCTP_EXPOSE_POTENTIALLY_FAILED_STATE */
		uint16_t encap_socket;  /* the socket's remote UDP port in usrsctp,
					 * network order (0: native SCTP) */
		bool encap_chosen;      /* the program set it: no choice per peer */
	} path;
	bool frag_interleave;   /* SCTP_FRAGMENT_INTERLEAVE, as set (engine_opt_stream.c) */

	/* notification being reassembled from usrsctp pieces */
	uint8_t *notif_buf;
	size_t notif_len;
};

int endpoints_init(void);
void endpoints_deinit(void);      /* closes every endpoint */
size_t endpoints_count(void);
struct endpoint *endpoint_lookup(uint32_t id);
void endpoints_foreach(void (*fn)(struct endpoint *ep, void *arg), void *arg);
void endpoints_reap(void);        /* frees endpoints closed this round */
/* Take the closes of port's holders whose programs closed them already
 * (their hang-ups unread); true if any.  For a bind that found it taken. */
bool endpoints_take_pending_closes(uint16_t port, const struct endpoint *except);

/* New endpoint with a fresh usrsctp socket (so == NULL) or an accepted
 * one, which it owns from now on, even when it fails.  On success
 * *program_fd is the program's end, for the caller to pass on and close. */
int endpoint_create(uint16_t family, uint16_t style, pid_t owner,
		    struct socket *so, struct endpoint **out, int *program_fd);
/* Identify the endpoint behind a descriptor a client passed.  Returns 0,
 * -ENOTSOCK (not ours), -ENOTCONN (ours but gone). */
int endpoint_from_fd(int fd, struct endpoint **out);

/* Write a record to the program, queueing it if the channel is full.
 * Takes ownership of pass_fd.  Returns 0 (sent or queued) or -errno. */
int endpoint_emit(struct endpoint *ep, const struct iovec *iov, int iovcnt, int pass_fd);
int endpoint_emit_simple(struct endpoint *ep, uint16_t type, const void *body, size_t len);
/* Room to take more from usrsctp for this endpoint? */
bool endpoint_can_deliver(const struct endpoint *ep);

/* Re-evaluate what to wait for on the channel (after state changes). */
void endpoint_update_events(struct endpoint *ep);
/* Something changed in usrsctp for this endpoint (upcall) or the channel
 * drained: send held data, accept, receive. */
void endpoint_service(struct endpoint *ep);

/* shutdown(SHUT_WR) shut the program's sending side: read what it sent
 * before, then let the association's SHUTDOWN go (engine_send_shutdown). */
void endpoint_input_shut(struct endpoint *ep);
/* Outcome of a connect this endpoint started (0 or a positive errno). */
void endpoint_connect_resolved(struct endpoint *ep, uint32_t assoc_id, int error);
/* One-to-one association over: deliver what is queued, then (after an
 * error) report what the program sent that never reached usrsctp, then
 * the error, then EOF.  An error is also the socket's pending SO_ERROR. */
void endpoint_assoc_ended(struct endpoint *ep, int error);
/* The association failed (COMM_LOST, CANT_STR_ASSOC; called before its
 * subscriptions are forgotten): messages the daemon holds for it are
 * reported as SEND_FAILED "unsent", and on a one-to-one socket those still
 * in the channel as they are read.  Linux had them on the association's
 * queue already (sendmsg returned), and reports them after COMM_LOST. */
void endpoint_fail_unsent(struct endpoint *ep, uint32_t assoc_id, uint32_t error,
			  const struct shim_addr *addr);
/* The one-to-one association failed: before the program can learn it
 * (COMM_LOST), make its sends fail with EPIPE, as Linux's do. */
void endpoint_assoc_failing(struct endpoint *ep);
/* Tear down now; abortive sends ABORT instead of SHUTDOWN. */
void endpoint_close(struct endpoint *ep, bool abortive);

const char *endpoint_state_name(const struct endpoint *ep);

/*
 * Per-association subscriptions.  An association without an entry has the
 * socket's (events_mask): whoever changes events_mask first gives the
 * associations that must keep the old one an entry of their own.
 */
uint32_t endpoint_events_of(const struct endpoint *ep, uint32_t assoc_id);
/* Has the association an entry? */
bool endpoint_events_pinned(const struct endpoint *ep, uint32_t assoc_id);
/* Room for n more entries, so that the next n sets cannot fail. */
int endpoint_events_reserve(struct endpoint *ep, unsigned n);
/* Give an association its own mask (dropped when it equals events_mask). */
int endpoint_events_set(struct endpoint *ep, uint32_t assoc_id, uint32_t mask);
/* Drop the entries that equal events_mask (after events_mask changed). */
void endpoint_events_compact(struct endpoint *ep);
/* The association has ended. */
void endpoint_events_forget(struct endpoint *ep, uint32_t assoc_id);
/* What any association or the socket subscribes to. */
uint32_t endpoint_events_union(const struct endpoint *ep);

#endif
