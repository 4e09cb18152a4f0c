/* SPDX-License-Identifier: MIT */
/*
 * The socket layer the benchmark's workloads are written against.  Two
 * implementations, one per program, so that both run the same workload
 * code and only the stack underneath differs:
 *
 *   net_linux.c    the Linux SCTP API (socket(..., IPPROTO_SCTP), epoll):
 *                  bench/sctpbench, run under sctpshim;
 *   net_usrsctp.c  usrsctp called directly (UDP encapsulation, its own
 *                  threads, upcalls for readiness): bench/sctpbench-usrsctp.
 *
 * Every socket is one-to-one (SOCK_STREAM) and non-blocking.  Errors are
 * negative errno values.  Readiness is edge-triggered: a socket is
 * reported when it may have become readable or writable, so the workload
 * reads (or writes) until -EAGAIN before it waits again.
 */
#ifndef SCTPBENCH_NET_H
#define SCTPBENCH_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>

struct net_options {
	uint16_t udp_port;       /* usrsctp only: our UDP encapsulation port */
	uint16_t peer_udp_port;  /* usrsctp only: the peer's */
	int sndbuf;              /* SO_SNDBUF as a Linux program sets it, 0: untouched */
	int rcvbuf;              /* SO_RCVBUF as a Linux program sets it, 0: untouched */
};

enum { NET_IN = 1, NET_OUT = 2, NET_ERR = 4 };

struct net_sock;

struct net_event {
	void *udata;
	unsigned events;         /* NET_IN | NET_OUT | NET_ERR */
};

/* "linux" or "usrsctp", for messages */
extern const char net_name[];

int net_init(const struct net_options *opt);
/* Ends what is still shutting down (bounded) and stops the stack. */
void net_finish(void);

int net_socket(int family, struct net_sock **out);
int net_bind(struct net_sock *s, const struct sockaddr *sa, socklen_t len);
int net_listen(struct net_sock *s, int backlog);
/* -EAGAIN when nobody waits to be accepted */
int net_accept(struct net_sock *listener, struct net_sock **out);
/* 0 (connected at once) or -EINPROGRESS; then net_connected() with the
 * events the socket reports. */
int net_connect(struct net_sock *s, const struct sockaddr *sa, socklen_t len);
/* 0 up, -EINPROGRESS still setting up, else why it failed */
int net_connected(struct net_sock *s, unsigned events);
int net_set_nodelay(struct net_sock *s, bool on);

/* One whole message: its length, or -EAGAIN when it does not fit now. */
ssize_t net_send(struct net_sock *s, const void *buf, size_t len);
/* Part or all of one message: its length (*eor set on the message's
 * last byte), 0 at end of file, -EAGAIN when nothing is there. */
ssize_t net_recv(struct net_sock *s, void *buf, size_t cap, bool *eor);

/* Graceful: SHUTDOWN after what is queued; the handle is gone at once. */
void net_close(struct net_sock *s);

/* Report s's events in interest to net_wait with udata (0: none). */
int net_watch(struct net_sock *s, unsigned interest, void *udata);
/* Up to max events; 0 when none came within timeout_ms (-1: no limit;
 * it may return 0 sooner), -EINTR on a signal. */
int net_wait(struct net_event *ev, int max, int timeout_ms);

#endif
