/* SPDX-License-Identifier: MIT */
/* Shared helpers of the end-to-end test program (run under sctpshim). */
#ifndef SCTPSHIM_E2E_H
#define SCTPSHIM_E2E_H

#include <netinet/in.h>
#include <netinet/sctp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>

/* Fail the test with a located message, including errno when meaningful. */
#define CHECK(cond, ...) \
	do { if (!(cond)) e2e_fail(__FILE__, __LINE__, #cond, __VA_ARGS__); } while (0)
/* A system call that must succeed (returns >= 0). */
#define MUST(call) \
	({ __typeof__(call) r_ = (call); CHECK(r_ >= 0, "%s", #call); r_; })

/* The PORT argument (the exec'd child's descriptor number in exec-child). */
extern uint16_t e2e_port;

/* What the test is doing, for failure messages (may be empty). */
extern char e2e_context[128];

__attribute__((noreturn, format(printf, 4, 5)))
void e2e_fail(const char *file, int line, const char *cond, const char *fmt, ...);

/* A case that hangs fails after 50 s, saying what it was doing (e2e_context)
 * rather than being killed silently by the harness's time limit. */
void e2e_watchdog(void);

struct e2e_case {
	const char *name;
	void (*run)(void);
};
/* A test program's main: "PROG CASE PORT" runs that case (after before(),
 * if given) with e2e_port set, prints "PROG CASE: ok" and returns 0; a
 * failing case exits from inside.  Anything else prints the usage: 99. */
int e2e_main(const char *prog, int argc, char **argv, const struct e2e_case *cases,
	     size_t n, void (*before)(void));

struct e2e_addr {
	struct sockaddr_storage ss;
	socklen_t len;
};

/* 127.0.0.1 or ::1 with the given port. */
struct e2e_addr e2e_loopback(int family, uint16_t port);
uint16_t e2e_port_of(const struct sockaddr *sa);
bool e2e_is_loopback(const struct sockaddr *sa, int family);

/* A bound socket of the given type; listening when backlog >= 0. */
int e2e_socket(int family, int type, uint16_t port, int backlog);
/* Until a bind to port succeeds (EADDRINUSE only; fails after timeout_ms). */
void e2e_wait_port_free(int family, uint16_t port, int timeout_ms);
/* One-to-one: listener on port, connected client, accepted server end. */
struct e2e_pair {
	int listener, client, server;
};
struct e2e_pair e2e_connect_pair(int family, uint16_t port);
/* The same, calling prepare() on the listener and the client before connecting. */
struct e2e_pair e2e_connect_pair_with(int family, uint16_t port, void (*prepare)(int fd));
void e2e_close_pair(struct e2e_pair *p);

/* Wait for a child, which must have exited with status 0. */
void e2e_wait_ok(pid_t pid, const char *who);
/* The pid of the daemon serving $SCTPSHIM_SOCKET (its peer credentials). */
pid_t e2e_daemon_pid(void);

/* Deterministic payload byte i of a test message. */
static inline uint8_t e2e_byte(size_t i) { return (uint8_t)(i * 7 + i / 251); }
void e2e_fill(uint8_t *buf, size_t len);
bool e2e_check_fill(const uint8_t *buf, size_t off, size_t len);

/* Receive one whole message (until MSG_EOR) into buf; returns its length. */
size_t e2e_recv_message(int fd, uint8_t *buf, size_t cap, int *msg_flags);
/* Receive the next notification (skipping none); returns its length. */
size_t e2e_recv_notification(int fd, void *buf, size_t cap);
/* The next notification must be ASSOC_CHANGE COMM_UP: its association. */
sctp_assoc_t e2e_recv_comm_up(int fd);
/* getsockopt SO_ERROR (which clears it). */
int e2e_so_error(int fd);

/* Cases in e2e_read.c, e2e_proc.c, e2e_churn.c and e2e_notify.c. */
void e2e_case_nudge(void);
void e2e_case_nudge_epollet(void);
void e2e_case_dup(void);
void e2e_case_never_connected(void);
void e2e_case_close_connecting(void);
void e2e_case_ended(void);
void e2e_case_connectx_one_to_one(void);
void e2e_case_connectx_one_to_one_nonblock(void);
void e2e_case_connectx_one_to_many(void);
void e2e_case_connectx_one_to_many_nonblock(void);
void e2e_case_mmsg(void);
void e2e_case_closefrom(void);
void e2e_case_exec(void);
void e2e_case_exec_child(void);
void e2e_case_passthrough(void);
void e2e_case_close_churn_one_to_one(void);
void e2e_case_close_churn_one_to_many(void);
void e2e_case_send_failed_event(void);
/* e2e_peeloff.c */
void e2e_case_peeloff(void);
void e2e_case_peeloff_flags(void);
void e2e_case_peeloff_errors(void);
void e2e_case_peeloff_close(void);
void e2e_case_peeloff_connecting(void);
/* e2e_abort.c */
void e2e_case_stream_einval(void);
void e2e_case_abort_comm_lost(void);

#endif
