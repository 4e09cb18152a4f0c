/* SPDX-License-Identifier: MIT */
/* e2e cases about sctp_peeloff() and sctp_peeloff_flags(). */
#define _GNU_SOURCE
#include "e2e.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/sctp.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* A one-to-many server on port with two one-to-one clients, each known
 * to the server by the association id of its first message. */
struct peeloff_setup {
	int server, a, b;
	sctp_assoc_t id_a, id_b;
};

/* One message with the association it came on (SCTP_SNDRCV). */
static size_t recv_on(int fd, char *buf, size_t cap, sctp_assoc_t *id)
{
	struct sctp_sndrcvinfo sinfo;
	int flags = 0;
	ssize_t n;

	memset(&sinfo, 0, sizeof sinfo);
	n = sctp_recvmsg(fd, buf, cap - 1, NULL, NULL, &sinfo, &flags);
	CHECK(n > 0, "sctp_recvmsg returned %zd", n);
	CHECK(!(flags & MSG_NOTIFICATION), "a notification where data was due");
	CHECK(flags & MSG_EOR, "no MSG_EOR (flags 0x%x)", flags);
	buf[n] = '\0';
	if (id)
		*id = sinfo.sinfo_assoc_id;
	return (size_t)n;
}

static void expect_on(int fd, const char *want, sctp_assoc_t want_id)
{
	char buf[128];
	sctp_assoc_t id = 0;

	recv_on(fd, buf, sizeof buf, &id);
	CHECK(strcmp(buf, want) == 0, "got '%s', want '%s'", buf, want);
	if (want_id)
		CHECK(id == want_id, "'%s' came on association %d, want %d", buf, (int)id,
		      (int)want_id);
}

static void send_str(int fd, const char *s)
{
	ssize_t n = send(fd, s, strlen(s), 0);

	CHECK(n == (ssize_t)strlen(s), "send '%s' returned %zd", s, n);
}

/* A one-to-many send to one association, by id. */
static void send_to_assoc(int fd, const char *s, sctp_assoc_t id)
{
	struct sctp_sndrcvinfo sinfo = { .sinfo_assoc_id = id };
	ssize_t n = sctp_send(fd, s, strlen(s), &sinfo, 0);

	CHECK(n == (ssize_t)strlen(s), "sctp_send '%s' to association %d returned %zd", s,
	      (int)id, n);
}

static int client_to(uint16_t port)
{
	struct e2e_addr to = e2e_loopback(AF_INET, port);
	int fd = MUST(socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP));

	MUST(connect(fd, (struct sockaddr *)&to.ss, to.len));
	return fd;
}

static struct peeloff_setup setup(void)
{
	struct sctp_event_subscribe ev = { .sctp_data_io_event = 1 };
	struct peeloff_setup s;
	char buf[64];
	sctp_assoc_t id;

	snprintf(e2e_context, sizeof e2e_context, "setting two associations up");
	s.server = e2e_socket(AF_INET, SOCK_SEQPACKET, e2e_port, 8);
	MUST(setsockopt(s.server, IPPROTO_SCTP, SCTP_EVENTS, &ev, sizeof ev));
	s.a = client_to(e2e_port);
	s.b = client_to(e2e_port);
	send_str(s.a, "from-a");
	send_str(s.b, "from-b");
	s.id_a = s.id_b = 0;
	for (int i = 0; i < 2; i++) {
		recv_on(s.server, buf, sizeof buf, &id);
		if (strcmp(buf, "from-a") == 0)
			s.id_a = id;
		else if (strcmp(buf, "from-b") == 0)
			s.id_b = id;
		else
			CHECK(0, "unexpected message '%s'", buf);
	}
	CHECK(s.id_a > 0 && s.id_b > 0 && s.id_a != s.id_b, "association ids %d and %d",
	      (int)s.id_a, (int)s.id_b);
	e2e_context[0] = '\0';
	return s;
}

static void teardown(struct peeloff_setup *s)
{
	close(s->a);
	close(s->b);
	close(s->server);
}

/* The peeled-off socket carries its association both ways, as a
 * connected one-to-one socket; the other association stays on the
 * parent and keeps working there. */
void e2e_case_peeloff(void)
{
	struct peeloff_setup s = setup();
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;
	uint16_t a_port;
	int peeled;

	struct timeval timeo = { .tv_sec = 7 }, got_timeo = { 0 };
	int sndbuf = 65536, parent_sndbuf = 0, got_sndbuf = 0;
	socklen_t ilen = sizeof sndbuf, tlen = sizeof got_timeo;

	MUST(getsockname(s.a, (struct sockaddr *)&ss, &len));
	a_port = e2e_port_of((struct sockaddr *)&ss);
	/* socket-level options come along (sctp_copy_sock) */
	MUST(setsockopt(s.server, SOL_SOCKET, SO_RCVTIMEO, &timeo, sizeof timeo));
	MUST(setsockopt(s.server, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof sndbuf));
	MUST(getsockopt(s.server, SOL_SOCKET, SO_SNDBUF, &parent_sndbuf, &ilen));
	snprintf(e2e_context, sizeof e2e_context, "peeling association %d off", (int)s.id_a);
	peeled = MUST(sctp_peeloff(s.server, s.id_a));
	CHECK(peeled != s.server, "the same descriptor back");
	MUST(getsockopt(peeled, SOL_SOCKET, SO_RCVTIMEO, &got_timeo, &tlen));
	CHECK(got_timeo.tv_sec == 7, "SO_RCVTIMEO %ld s, the parent's is 7", (long)got_timeo.tv_sec);
	ilen = sizeof got_sndbuf;
	MUST(getsockopt(peeled, SOL_SOCKET, SO_SNDBUF, &got_sndbuf, &ilen));
	CHECK(got_sndbuf == parent_sndbuf, "SO_SNDBUF %d, the parent's is %d", got_sndbuf,
	      parent_sndbuf);

	len = sizeof ss;
	MUST(getpeername(peeled, (struct sockaddr *)&ss, &len));
	CHECK(e2e_is_loopback((struct sockaddr *)&ss, AF_INET)
	      && e2e_port_of((struct sockaddr *)&ss) == a_port,
	      "peeled socket's peer port %u, want %u", e2e_port_of((struct sockaddr *)&ss), a_port);
	len = sizeof ss;
	MUST(getsockname(peeled, (struct sockaddr *)&ss, &len));
	CHECK(e2e_port_of((struct sockaddr *)&ss) == e2e_port, "peeled socket's port %u",
	      e2e_port_of((struct sockaddr *)&ss));

	snprintf(e2e_context, sizeof e2e_context, "data on the peeled-off socket");
	send_str(peeled, "to-a");
	expect_on(s.a, "to-a", 0);
	send_str(s.a, "a-again");
	/* the subscription (SCTP_SNDRCV) came along, with the same id */
	expect_on(peeled, "a-again", s.id_a);

	snprintf(e2e_context, sizeof e2e_context, "data on the parent");
	send_str(s.b, "b-again");
	expect_on(s.server, "b-again", s.id_b);
	send_to_assoc(s.server, "to-b", s.id_b);
	expect_on(s.b, "to-b", 0);
	/* and once more on the peeled one: nothing got crossed */
	send_str(s.a, "a-third");
	expect_on(peeled, "a-third", s.id_a);
	e2e_context[0] = '\0';
	close(peeled);
	teardown(&s);
}

/* libsctp's sctp_peeloff_flags(), which Debian's libsctp1 1.0.19 declares
 * but does not export: the same getsockopt. */
static int peeloff_flags(int fd, sctp_assoc_t id, unsigned flags)
{
	sctp_peeloff_flags_arg_t arg = { .p_arg = { .associd = id }, .flags = flags };
	socklen_t len = sizeof arg;

	if (getsockopt(fd, SOL_SCTP, SCTP_SOCKOPT_PEELOFF_FLAGS, &arg, &len) < 0)
		return -1;
	return arg.p_arg.sd;
}

/* sctp_peeloff_flags() applies SOCK_NONBLOCK and SOCK_CLOEXEC to the new
 * descriptor; sctp_peeloff() gives neither. */
void e2e_case_peeloff_flags(void)
{
	struct peeloff_setup s = setup();
	int flagged = MUST(peeloff_flags(s.server, s.id_a, SOCK_NONBLOCK | SOCK_CLOEXEC));
	int plain = MUST(sctp_peeloff(s.server, s.id_b));
	char buf[16];

	CHECK(MUST(fcntl(flagged, F_GETFL)) & O_NONBLOCK, "no O_NONBLOCK with SOCK_NONBLOCK");
	CHECK(MUST(fcntl(flagged, F_GETFD)) & FD_CLOEXEC, "no FD_CLOEXEC with SOCK_CLOEXEC");
	CHECK(!(MUST(fcntl(plain, F_GETFL)) & O_NONBLOCK), "O_NONBLOCK without the flag");
	CHECK(!(MUST(fcntl(plain, F_GETFD)) & FD_CLOEXEC), "FD_CLOEXEC without the flag");
	/* non-blocking indeed: nothing to read yet */
	errno = 0;
	CHECK(recv(flagged, buf, sizeof buf, 0) == -1 && errno == EAGAIN,
	      "recv on the empty non-blocking socket: errno %d", errno);
	send_str(s.a, "a");
	send_str(s.b, "b");
	expect_on(plain, "b", s.id_b);
	CHECK(MUST(poll(&(struct pollfd){ .fd = flagged, .events = POLLIN }, 1, 10000)) == 1,
	      "nothing to read on the non-blocking socket within 10 s");
	CHECK(recv(flagged, buf, sizeof buf, 0) == 1 && buf[0] == 'a', "the message from a");
	close(flagged);
	close(plain);
	teardown(&s);
}

static void expect_einval(int fd, int name, void *arg, socklen_t len, const char *what)
{
	errno = 0;
	CHECK(getsockopt(fd, SOL_SCTP, name, arg, &len) == -1 && errno == EINVAL,
	      "%s: errno %d, want EINVAL", what, errno);
}

/* Linux's errors: EINVAL for a one-to-one socket (peeled-off ones too),
 * for an id that names no association, and for a short optlen; EFAULT
 * for a bad pointer. */
void e2e_case_peeloff_errors(void)
{
	struct peeloff_setup s = setup();
	sctp_peeloff_arg_t arg = { .associd = s.id_a };
	sctp_peeloff_flags_arg_t farg = { .p_arg = { .associd = s.id_a } };
	socklen_t len = sizeof arg;
	int peeled;

	errno = 0;
	CHECK(sctp_peeloff(s.a, 0) == -1 && errno == EINVAL, "one-to-one socket: errno %d", errno);
	errno = 0;
	CHECK(sctp_peeloff(s.server, s.id_a + s.id_b + 100) == -1 && errno == EINVAL,
	      "unknown association: errno %d", errno);
	errno = 0;
	CHECK(sctp_peeloff(s.server, 0) == -1 && errno == EINVAL, "association 0: errno %d",
	      errno);
	expect_einval(s.server, SCTP_SOCKOPT_PEELOFF, &arg, sizeof arg - 1, "short optlen");
	expect_einval(s.server, SCTP_SOCKOPT_PEELOFF_FLAGS, &farg, sizeof farg - 1,
		      "short optlen (flags)");
	errno = 0;
	CHECK(getsockopt(s.server, SOL_SCTP, SCTP_SOCKOPT_PEELOFF, (void *)8, &len) == -1
	      && errno == EFAULT, "bad pointer: errno %d", errno);
	/* none of that peeled anything off: the association is still here */
	peeled = MUST(sctp_peeloff(s.server, s.id_a));
	errno = 0;
	CHECK(sctp_peeloff(peeled, s.id_a) == -1 && errno == EINVAL,
	      "peeled-off socket: errno %d", errno);
	errno = 0;
	CHECK(sctp_peeloff(s.server, s.id_a) == -1 && errno == EINVAL,
	      "association already peeled off: errno %d", errno);
	send_str(s.a, "still-here");
	expect_on(peeled, "still-here", s.id_a);
	close(peeled);
	teardown(&s);
}

/* Closing the peeled-off socket shuts its association down (the peer
 * sees SHUTDOWN_COMP, then EOF) and nothing else: the parent keeps the
 * other association. */
void e2e_case_peeloff_close(void)
{
	struct peeloff_setup s = setup();
	struct sctp_event assoc = { .se_type = SCTP_ASSOC_CHANGE, .se_on = 1 };
	union sctp_notification sn;
	char buf[64];
	int peeled;

	MUST(setsockopt(s.a, IPPROTO_SCTP, SCTP_EVENT, &assoc, sizeof assoc));
	peeled = MUST(sctp_peeloff(s.server, s.id_a));
	send_str(peeled, "bye");
	MUST(close(peeled));
	snprintf(e2e_context, sizeof e2e_context, "waiting for the peer's SHUTDOWN_COMP");
	expect_on(s.a, "bye", 0);
	e2e_recv_notification(s.a, &sn, sizeof sn);
	CHECK(sn.sn_header.sn_type == SCTP_ASSOC_CHANGE
	      && sn.sn_assoc_change.sac_state == SCTP_SHUTDOWN_COMP,
	      "notification type 0x%x state %u", sn.sn_header.sn_type,
	      sn.sn_assoc_change.sac_state);
	CHECK(recv(s.a, buf, sizeof buf, 0) == 0, "no EOF after SHUTDOWN_COMP");

	snprintf(e2e_context, sizeof e2e_context, "the other association on the parent");
	send_str(s.b, "b-after");
	expect_on(s.server, "b-after", s.id_b);
	send_to_assoc(s.server, "to-b", s.id_b);
	expect_on(s.b, "to-b", 0);
	e2e_context[0] = '\0';
	teardown(&s);
}

/* Linux peels off an association still being set up, too: a non-blocking
 * sctp_connectx on a one-to-many socket, peeled off at once, carries data
 * once it is up, and what is sent before waits for it. */
void e2e_case_peeloff_connecting(void)
{
	struct sctp_event_subscribe ev = { .sctp_data_io_event = 1 };
	struct e2e_addr to = e2e_loopback(AF_INET, e2e_port);
	int server = e2e_socket(AF_INET, SOCK_SEQPACKET, e2e_port, 8);
	int client = MUST(socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP));
	sctp_assoc_t id = 0, server_id = 0;
	char buf[64];
	int peeled;

	MUST(setsockopt(server, IPPROTO_SCTP, SCTP_EVENTS, &ev, sizeof ev));
	MUST(fcntl(client, F_SETFL, O_NONBLOCK));
	errno = 0;
	CHECK(sctp_connectx(client, (struct sockaddr *)&to.ss, 1, &id) == -1
	      && errno == EINPROGRESS, "non-blocking sctp_connectx: errno %d", errno);
	CHECK(id > 0, "no association id from sctp_connectx");
	peeled = MUST(sctp_peeloff(client, id));
	snprintf(e2e_context, sizeof e2e_context, "data on the association peeled off early");
	send_str(peeled, "early");
	recv_on(server, buf, sizeof buf, &server_id);
	CHECK(strcmp(buf, "early") == 0, "server got '%s'", buf);
	send_to_assoc(server, "reply", server_id);
	expect_on(peeled, "reply", 0);
	e2e_context[0] = '\0';
	close(peeled);
	close(client);
	close(server);
}
