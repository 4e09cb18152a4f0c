/* SPDX-License-Identifier: MIT */
/*
 * The conformance suite: programs built against Debian's libsctp-dev like
 * any SCTP program, run under the shim, one TAP test point per behaviour
 * (each case runs in a child of its own, bounded in time).  A case returns
 * 0 when Linux's behaviour held, 1 otherwise (after saying why), 77 to skip.
 */
#ifndef SCTPSHIM_CONF_H
#define SCTPSHIM_CONF_H

#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/sctp.h>

struct conf_case {
	const char *name;
	int (*run)(void);
};

/* Run every case (or those named on the command line) and print TAP. */
int conf_main(int argc, char **argv, const struct conf_case *cases, size_t n);

/* Say why a case fails (a TAP comment line). */
void conf_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#define CONF_SKIP 77

#define CHECK(cond) do { \
	if (!(cond)) { conf_note("%s:%d: %s", __FILE__, __LINE__, #cond); return 1; } \
} while (0)
/* The call must succeed (return >= 0). */
#define CHECK_OK(call) do { \
	if ((call) < 0) { \
		conf_note("%s:%d: %s: %s", __FILE__, __LINE__, #call, strerror(errno)); \
		return 1; \
	} \
} while (0)
/* The call must fail with errno e. */
#define CHECK_ERRNO(call, e) do { \
	int conf_r_; \
	errno = 0; \
	conf_r_ = (call); \
	if (conf_r_ != -1 || errno != (e)) { \
		conf_note("%s:%d: %s: got %d (%s), want -1 (%s)", __FILE__, __LINE__, #call, \
		          conf_r_, strerror(errno), strerror(e)); \
		return 1; \
	} \
} while (0)

/* Two ends of one association over the loopback.  One-to-one: lsn is the
 * listener, srv the accepted socket.  One-to-many: srv == lsn.  The ids
 * are each side's id of the association (what SCTP_STATUS reports). */
struct conf_pair {
	int style;                 /* SOCK_STREAM or SOCK_SEQPACKET */
	int family;
	int lsn, srv, cli;
	sctp_assoc_t srv_id, cli_id;
	struct sockaddr_storage srv_addr;  /* the server's bound address */
	socklen_t srv_addr_len;
};

/* A fresh SCTP socket; -1 and errno on failure. */
int conf_socket(int family, int style);
/* Bind to the loopback of family, port chosen by the stack. */
int conf_bind_loopback(int fd, int family, struct sockaddr_storage *ss, socklen_t *len);
/* Set up (0) or tear down a pair.  Both ends subscribe to association
 * events (SCTP_EVENT); one-to-many ends learn their ids from COMM_UP. */
int conf_pair_open(struct conf_pair *p, int family, int style);
void conf_pair_close(struct conf_pair *p);

/* Wait (bounded) until fd has a notification of this type; copies it into
 * buf (cap bytes) and returns its length, -1 on timeout or error.  Data
 * messages met on the way are skipped. */
int conf_wait_notification(int fd, uint16_t type, void *buf, size_t cap);
/* Receive one message (bounded wait); returns its length, -1 on timeout
 * or error; *info gets SCTP_RCVINFO if the socket asked for it and
 * *flags the msg_flags. */
int conf_recv(int fd, void *buf, size_t cap, struct sctp_rcvinfo *info, int *flags);

#endif
