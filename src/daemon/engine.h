/* SPDX-License-Identifier: MIT */
/* The usrsctp glue.  engine*.c are the only files that include <usrsctp.h>;
 * everything else sees the neutral protocol types only. */
#ifndef SCTPSHIMD_ENGINE_H
#define SCTPSHIMD_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "sctpshim/proto.h"

struct endpoint;
struct socket;
struct unsent_report;

struct sockaddr;

int engine_init(uint16_t udp_port, uint16_t encap_port, bool debug);
/* Which peers the associations the daemon starts speak to in SCTP
 * straight over IP (protocol 132) instead of UDP: native_for(peer), or
 * native_for(NULL) for the daemon's default.  NULL (the start): none.
 * Associations peers start follow their packets either way. */
void engine_set_native(bool (*native_for)(const struct sockaddr *peer));
/* The remote UDP port (network order) of a new association to peer
 * (NULL: the default): 0 is native SCTP. */
uint16_t engine_encap_port_for(const struct sockaddr *peer);
/* Returns 0 once usrsctp let go of everything, -EBUSY if it still holds
 * sockets after a bounded wait. */
int engine_finish(void);
/* usrsctp's own MIB counters (RFC 3873), both ends of a same-host
 * association counted. */
struct engine_counters {
	unsigned current, active, passive, aborted, shutdowns;
	unsigned packets_in, packets_out, data_in, data_out, dup_data_in;
	unsigned retransmitted, fast_retransmitted, t3_expired, window_probes;
	unsigned dropped_rwnd, out_of_the_blue, checksum_errors, send_errors, unsent_kicks;
};
void engine_counters(struct engine_counters *out);

/* Every UNSENT_TICK_MS while there are sockets: after usrsctp failed to
 * send a packet, timed out or lost a path, heartbeats an association that
 * holds data with no timer to send it (engine_unsent.c says why).  engine_unsent_path_lost: a path
 * became unreachable.  engine_unsent_kicks: how often it sent. */
#define UNSENT_TICK_MS 250
void engine_unsent_tick(void);
void engine_unsent_path_lost(void);
unsigned engine_unsent_kicks(void);
void engine_unsent_deinit(void);

/* Give the endpoint a usrsctp socket (new when so == NULL). */
int engine_socket_open(struct endpoint *ep, struct socket *so);
/* The endpoint lets go of its usrsctp socket: its associations shut
 * down (abortive: abort) and the socket is closed once they are gone
 * (engine_close.c says why it waits). */
void engine_socket_close(struct endpoint *ep, bool abortive);
/* The association's SHUTDOWN, once the program's data is all handed over
 * after its shutdown(SHUT_WR) (endpoint_input_shut). */
void engine_send_shutdown(struct endpoint *ep);
/* connect() after a failed one on a one-to-one socket: a new usrsctp
 * socket with the same port and options (engine_renew.c).  Bind and
 * setsockopt requests are noted for it as they succeed. */
void engine_renew_note(struct endpoint *ep, uint16_t type, const void *body, size_t len);
int engine_renew_socket(struct endpoint *ep);
void engine_renew_free(struct endpoint *ep);
/* shutdown() during a one-to-one connect: the association being set up
 * runs out of INIT attempts now, or is aborted should it come up. */
void engine_cancel_setup(struct endpoint *ep);
/* Abort a usrsctp socket no endpoint took (accept failed half way). */
void engine_socket_discard(struct socket *so);
/* A wake-up for id that no endpoint has any more: a closed socket's. */
void engine_closing_service(uint32_t id);
void engine_closing_service_all(void);
/* Closed sockets whose associations are not gone yet. */
size_t engine_closing_count(void);
/* Look at each again (their last wake-up can come too early), and abort
 * those that have been shutting down too long. */
void engine_closing_recheck(void);
struct engine_closing_info {
	uint32_t id;
	bool one_to_many;
	bool aborted;
	bool releasing;         /* none left; usrsctp still counts references */
	uint16_t port;
	uint32_t associations;
	unsigned seconds;       /* since the close */
};
void engine_closing_foreach(void (*fn)(const struct engine_closing_info *, void *), void *arg);
/* Is one of them bound to port? */
bool engine_closing_holds_port(uint16_t port);
/* Is the endpoint's closed socket still ending its associations? */
bool engine_closing_holds(uint32_t id);
/* At exit: abort what is left of them and close them. */
void engine_closing_abort_all(void);

int engine_bind(struct endpoint *ep, uint32_t flags, const struct shim_addr *addrs,
		uint32_t count, bool privileged);
int engine_listen(struct endpoint *ep, int backlog);
/* Starts the association; *assoc_id gets its id.  0 or -errno. */
int engine_connect(struct endpoint *ep, const struct shim_addr *addrs, uint32_t count,
		   uint32_t *assoc_id);
int engine_shutdown(struct endpoint *ep, uint32_t how);
/* One whole message.  0, -EAGAIN (no room: keep it), or -errno. */
int engine_send(struct endpoint *ep, const struct shim_msginfo *info,
		const void *data, size_t len);
/* usrsctp refused a message the program already counts as sent (error: a
 * positive errno): log it, and hand it back as SEND_FAILED(_EVENT) with
 * flags "unsent" where the program subscribed. */
void engine_send_refused(struct endpoint *ep, const struct shim_msginfo *info,
			 const void *data, size_t len, int error);
/* A message of an association that failed before usrsctp had it: hand it
 * back as SEND_FAILED(_EVENT) "unsent", per the subscriptions in u. */
void engine_report_unsent(struct endpoint *ep, const struct unsent_report *u,
			  const struct shim_msginfo *info, const void *data, size_t len);
/* A socket made from another (accept, peeloff) takes over the daemon's
 * share of its options and its bound address, as Linux's sctp_copy_sock
 * and sctp_sock_migrate copy them; usrsctp copies its own. */
void engine_inherit(struct endpoint *ep, const struct endpoint *from);
/* sctp_peeloff(): association assoc_id of the one-to-many parent moves to
 * a new one-to-one endpoint (engine_peeloff.c).  parent_fd is the
 * program's end of the parent, whose socket-level options the new end
 * takes.  On success *program_fd is the new end, as endpoint_create. */
int engine_peeloff(struct endpoint *parent, int parent_fd, uint32_t assoc_id, pid_t owner,
		   struct endpoint **out, int *program_fd);
/* Accept (listeners) and move what usrsctp has for the program onto the
 * channel, as long as the channel has room. */
void engine_service(struct endpoint *ep);

/* SHIM_REQ_SETOPT / GETOPT: rq and its value (rq->len bytes: a
 * shim_optval and the variable part) as the wire delivered them.  get:
 * the answer (shim_optval + variable part) goes to out, *out_len in/out. */
int engine_setopt(struct endpoint *ep, const struct shim_opt_req *rq, const uint8_t *value);
int engine_getopt(struct endpoint *ep, const struct shim_opt_req *rq, const uint8_t *value,
		  uint8_t *out, size_t *out_len);
/* Addresses for GETADDRS; *out is malloc'd shim_addrs_reply. */
int engine_getaddrs(struct endpoint *ep, uint32_t which, uint32_t assoc_id,
		    struct shim_addrs_reply **out, size_t *out_len);
/* What `sctpshim status` shows of an endpoint: its addresses as text,
 * and for its (first) association usrsctp's SCTP_STATUS, whose numbers
 * say where a stalled transfer waits: the peer's window, the bytes held
 * (queued), data sent and not acknowledged, data received and not
 * deliverable yet, and the
 * primary path's congestion window and timers. */
struct engine_view {
	char local[80], peer[80], primary[80];
	unsigned in_streams, out_streams;
	bool has_assoc;
	uint32_t assoc_id, state, peer_rwnd, unacked, pending, queued;
	uint32_t cwnd, srtt_ms, rto_ms, mtu;
	bool path_active;
};
void engine_describe(struct endpoint *ep, struct engine_view *out);

#endif
