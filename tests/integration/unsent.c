/* SPDX-License-Identifier: MIT */
/* An association that aborts hands back every message the program sent
 * and the peer never acknowledged, as Linux does: sendmsg() had put it on
 * the association's queue, so it comes back as SEND_FAILED(_EVENT), once,
 * with its data and send info, after COMM_LOST; and the socket's pending
 * error (SO_ERROR) is ECONNRESET.  Under the shim a message may still be
 * in the socket's channel or in the daemon when the abort comes; those
 * count as sent too.
 * Usage: unsent CASE PORT. */
#define _GNU_SOURCE
#include "e2e.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/sctp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MESSAGE_SIZE 1000
#define MAX_MESSAGES 20000

static void subscribe(int fd, uint16_t type)
{
	struct sctp_event ev = { .se_type = type, .se_on = 1 };

	MUST(setsockopt(fd, IPPROTO_SCTP, SCTP_EVENT, &ev, sizeof ev));
}

/* Message i: its number, then the test pattern. */
static void make_message(uint8_t *msg, uint32_t i)
{
	e2e_fill(msg, MESSAGE_SIZE);
	memcpy(msg, &i, sizeof i);
}

static bool is_message(const uint8_t *data, uint32_t i)
{
	return memcmp(data, &i, sizeof i) == 0
	       && e2e_check_fill(data + sizeof i, sizeof i, MESSAGE_SIZE - sizeof i);
}

static uint32_t fill_with(int fd, sctp_assoc_t assoc, bool plain);

static uint32_t fill(int fd, sctp_assoc_t assoc)
{
	return fill_with(fd, assoc, false);
}

/* Has the peer closed its window, with data of ours unacknowledged?
 * (assoc: 0 on a one-to-one socket) */
static bool window_closed(int fd, sctp_assoc_t assoc)
{
	struct sctp_status st = { .sstat_assoc_id = assoc };
	socklen_t len = sizeof st;

	MUST(getsockopt(fd, IPPROTO_SCTP, SCTP_STATUS, &st, &len));
	return st.sstat_rwnd < MESSAGE_SIZE && st.sstat_unackdata > 0;
}

/*
 * Send numbered messages (context = number) without blocking until the
 * peer, which reads nothing, has closed its window and the socket stays
 * unwritable: then the stack's send buffer is full, the daemon holds a
 * message and the socket's channel is full.  (On a loaded machine a
 * second may not be enough for the daemon to move what it can into the
 * stack: then fewer messages are left in the channel, which changes
 * nothing of what is checked.)  Returns how many were sent.
 */
static uint32_t fill_with(int fd, sctp_assoc_t assoc, bool plain)
{
	static uint8_t msg[MESSAGE_SIZE];
	uint32_t sent = 0;

	snprintf(e2e_context, sizeof e2e_context, "filling the association");
	MUST(fcntl(fd, F_SETFL, O_NONBLOCK));
	for (;;) {
		struct pollfd pfd = { .fd = fd, .events = POLLOUT };
		ssize_t n;

		struct sctp_sndrcvinfo info = { .sinfo_assoc_id = assoc, .sinfo_context = sent };

		make_message(msg, sent);
		n = plain ? send(fd, msg, sizeof msg, 0) : sctp_send(fd, msg, sizeof msg, &info, 0);
		if (n < 0 && errno == EAGAIN) {
			bool closed = window_closed(fd, assoc);

			if (MUST(poll(&pfd, 1, closed ? 1000 : 100)) == 0 && closed)
				break;
			continue;
		}
		CHECK(n == MESSAGE_SIZE, "message %u: sctp_sendmsg returned %zd", sent, n);
		CHECK(++sent < MAX_MESSAGES, "%u messages and the window still open", sent);
	}
	return sent;
}

static void abort_peer(int fd)
{
	struct linger abort_on_close = { .l_onoff = 1, .l_linger = 0 };

	MUST(setsockopt(fd, SOL_SOCKET, SO_LINGER, &abort_on_close, sizeof abort_on_close));
	MUST(close(fd));
}

/* What a SEND_FAILED(_EVENT) says, whichever layout. */
struct failure {
	uint32_t flags, length, context, ppid;
	const uint8_t *data;
};

static struct failure failure_of(const union sctp_notification *sn)
{
	struct failure f;

	if (sn->sn_header.sn_type == SCTP_SEND_FAILED_EVENT) {
		f.flags = sn->sn_send_failed_event.ssf_flags;
		f.length = sn->sn_send_failed_event.ssf_length
			   - (uint32_t)sizeof(struct sctp_send_failed_event);
		f.context = sn->sn_send_failed_event.ssfe_info.snd_context;
		f.ppid = sn->sn_send_failed_event.ssfe_info.snd_ppid;
		f.data = sn->sn_send_failed_event.ssf_data;
	} else {
		f.flags = sn->sn_send_failed.ssf_flags;
		f.length = sn->sn_send_failed.ssf_length - (uint32_t)sizeof(struct sctp_send_failed);
		f.context = sn->sn_send_failed.ssf_info.sinfo_context;
		f.ppid = sn->sn_send_failed.ssf_info.sinfo_ppid;
		f.data = sn->sn_send_failed.ssf_data;
	}
	return f;
}

/*
 * Read what follows the abort until the end of the stream: COMM_LOST,
 * then one failure of type `type` per message the peer did not
 * acknowledge.  SCTP acknowledges in order, so those are the messages
 * from some number on up to the last one sent, and they come in that
 * order (sent but unacknowledged ones first, then never sent ones).
 */
static uint32_t number_of(const struct failure *f)
{
	uint32_t i = UINT32_MAX;

	if (f->length >= sizeof i)
		memcpy(&i, f->data, sizeof i);
	return i;
}

/* With defaults given: each failure says the socket's default send info
 * (context and ppid), and the message's number is in its data only. */
struct defaults {
	bool on;
	uint32_t context, ppid;
};

static void expect_failures(int fd, uint16_t type, uint32_t sent, const struct defaults *d)
{
	uint32_t first = 0, next = 0;
	bool lost = false, any = false, unsent_seen = false;

	snprintf(e2e_context, sizeof e2e_context, "reading what follows the abort");
	for (;;) {
		static uint8_t buf[sizeof(union sctp_notification) + MESSAGE_SIZE + 64];
		const union sctp_notification *sn = (const void *)buf;
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		struct iovec iov = { .iov_base = buf, .iov_len = sizeof buf };
		struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
		struct failure f;
		ssize_t n;

		CHECK(MUST(poll(&pfd, 1, 20000)) == 1, "nothing within 20 s after %u failures",
		      next - first);
		n = recvmsg(fd, &m, 0);
		if (n == 0 || (n < 0 && errno == ECONNRESET))
			break;
		CHECK(n > 0 && (m.msg_flags & MSG_NOTIFICATION) && (m.msg_flags & MSG_EOR),
		      "recvmsg %zd, flags 0x%x", n, m.msg_flags);
		if (sn->sn_header.sn_type == SCTP_ASSOC_CHANGE) {
			CHECK(sn->sn_assoc_change.sac_state == SCTP_COMM_LOST && !lost,
			      "sac_state %u (COMM_LOST seen: %d)", sn->sn_assoc_change.sac_state, lost);
			lost = true;
			continue;
		}
		CHECK(sn->sn_header.sn_type == type, "notification type 0x%x, want 0x%x",
		      sn->sn_header.sn_type, type);
		CHECK(lost, "a failure before COMM_LOST");
		f = failure_of(sn);
		if (!any)
			first = next = number_of(&f);  /* the peer acknowledged those before */
		any = true;
		CHECK(number_of(&f) == next, "failure for message %u, want %u (%u sent)",
		      number_of(&f), next, sent);
		CHECK(d->on ? f.context == d->context && f.ppid == d->ppid : f.context == next,
		      "message %u: context %u, ppid 0x%x", next, f.context, f.ppid);
		CHECK(f.length == MESSAGE_SIZE && is_message(f.data, next),
		      "message %u: %u bytes, not its data", next, f.length);
		/* Linux's values: SCTP_DATA_UNSENT 0, SCTP_DATA_SENT 1 */
		CHECK(f.flags == SCTP_DATA_UNSENT || (f.flags == SCTP_DATA_SENT && !unsent_seen),
		      "message %u: ssf_flags 0x%x after an unsent one: %d", next, f.flags,
		      unsent_seen);
		unsent_seen |= f.flags == SCTP_DATA_UNSENT;
		next++;
	}
	CHECK(lost, "no COMM_LOST");
	CHECK(next == sent, "failures for messages %u to %u, but %u were sent: %u lost silently",
	      first, next, sent, sent - next);
	printf("%u messages sent, %u acknowledged, %u handed back\n", sent, first, next - first);
}

static void aborted_with_queue(uint16_t type, const struct defaults *d)
{
	struct e2e_pair p = e2e_connect_pair(AF_INET, e2e_port);
	uint32_t sent;

	subscribe(p.client, SCTP_ASSOC_CHANGE);
	subscribe(p.client, type);
	if (d->on) {
		struct sctp_sndinfo si = { .snd_ppid = d->ppid, .snd_context = d->context };

		MUST(setsockopt(p.client, IPPROTO_SCTP, SCTP_DEFAULT_SNDINFO, &si, sizeof si));
	}
	sent = fill_with(p.client, 0, d->on);
	CHECK(sent > 0, "nothing could be sent");
	abort_peer(p.server);
	expect_failures(p.client, type, sent, d);
	close(p.client);
	close(p.listener);
}

/* Each message the aborted association did not deliver comes back as
 * SCTP_SEND_FAILED_EVENT exactly once, in order, none lost. */
static void case_event_each_once(void)
{
	aborted_with_queue(SCTP_SEND_FAILED_EVENT, &(struct defaults){ .on = false });
}

/* The same with the old SCTP_SEND_FAILED (struct sctp_send_failed). */
static void case_old_each_once(void)
{
	aborted_with_queue(SCTP_SEND_FAILED, &(struct defaults){ .on = false });
}

/* Messages sent without send info (send()) come back with the socket's
 * defaults (SCTP_DEFAULT_SNDINFO), as Linux applied them when queueing. */
static void case_defaults(void)
{
	aborted_with_queue(SCTP_SEND_FAILED_EVENT,
			   &(struct defaults){ .on = true, .context = 77, .ppid = 0x01020304 });
}

/* A one-to-many socket's association to a one-to-one listener on port,
 * once its COMM_UP is read. */
static sctp_assoc_t associate(int fd, uint16_t port)
{
	struct e2e_addr to = e2e_loopback(AF_INET, port);

	MUST(connect(fd, (struct sockaddr *)&to.ss, to.len));
	return e2e_recv_comm_up(fd);
}

/*
 * Once the program can know of the abort (COMM_LOST is readable), a send
 * fails with EPIPE, as on Linux, although messages sent before are still
 * being handed back and fill its socket: it is not left blocked.
 */
static void case_writer_epipe(void)
{
	struct e2e_pair p = e2e_connect_pair(AF_INET, e2e_port);
	struct pollfd pfd = { .fd = p.client, .events = POLLIN };
	static uint8_t msg[MESSAGE_SIZE];
	union sctp_notification sn;
	int flags = 0;
	ssize_t n;

	subscribe(p.client, SCTP_ASSOC_CHANGE);
	subscribe(p.client, SCTP_SEND_FAILED_EVENT);
	fill(p.client, 0);
	abort_peer(p.server);
	snprintf(e2e_context, sizeof e2e_context, "waiting for the abort");
	CHECK(MUST(poll(&pfd, 1, 20000)) == 1, "nothing arrived within 20 s of the abort");
	n = sctp_recvmsg(p.client, &sn, sizeof sn, NULL, NULL, NULL, &flags);
	CHECK(n > 0 && (flags & MSG_NOTIFICATION) && sn.sn_header.sn_type == SCTP_ASSOC_CHANGE
	      && sn.sn_assoc_change.sac_state == SCTP_COMM_LOST,
	      "recvmsg %zd, flags 0x%x, type 0x%x: not COMM_LOST", n, flags, sn.sn_header.sn_type);
	snprintf(e2e_context, sizeof e2e_context, "sending after COMM_LOST");
	MUST(fcntl(p.client, F_SETFL, 0));
	e2e_fill(msg, sizeof msg);
	errno = 0;
	CHECK(send(p.client, msg, sizeof msg, MSG_NOSIGNAL) < 0 && errno == EPIPE,
	      "a send after COMM_LOST: want EPIPE");
	close(p.client);
	close(p.listener);
}

/*
 * One-to-many: the association that aborts gets every message back, in
 * order, none lost (those the daemon still had too, and those still in
 * the socket's channel behind them); the other association goes on.
 */
static void case_many_each_once(void)
{
	int listener_a = e2e_socket(AF_INET, SOCK_STREAM, e2e_port, 8);
	int listener_b = e2e_socket(AF_INET, SOCK_STREAM, e2e_port + 1, 8);
	int fd = MUST(socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP));
	sctp_assoc_t a, b;
	struct sctp_sndrcvinfo info;
	int server_a, server_b, flags = 0;
	uint32_t sent, first = 0, next = 0;
	bool lost = false, any = false;
	uint8_t got[64];
	ssize_t n;

	subscribe(fd, SCTP_ASSOC_CHANGE);
	subscribe(fd, SCTP_SEND_FAILED_EVENT);
	snprintf(e2e_context, sizeof e2e_context, "associating");
	a = associate(fd, e2e_port);
	b = associate(fd, e2e_port + 1);
	server_a = MUST(accept(listener_a, NULL, NULL));
	server_b = MUST(accept(listener_b, NULL, NULL));
	sent = fill(fd, a);
	abort_peer(server_a);
	snprintf(e2e_context, sizeof e2e_context, "reading what follows the abort");
	while (next < sent || !lost) {
		static uint8_t buf[sizeof(union sctp_notification) + MESSAGE_SIZE + 64];
		const union sctp_notification *sn = (const void *)buf;
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		struct iovec iov = { .iov_base = buf, .iov_len = sizeof buf };
		struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
		struct failure f;

		CHECK(MUST(poll(&pfd, 1, 20000)) == 1,
		      "nothing within 20 s: failures for messages %u to %u of %u, COMM_LOST %d",
		      first, next, sent, lost);
		n = MUST(recvmsg(fd, &m, 0));
		CHECK((m.msg_flags & MSG_NOTIFICATION) && (m.msg_flags & MSG_EOR),
		      "recvmsg %zd, flags 0x%x", n, m.msg_flags);
		if (sn->sn_header.sn_type == SCTP_ASSOC_CHANGE) {
			CHECK(sn->sn_assoc_change.sac_state == SCTP_COMM_LOST && !lost
			      && sn->sn_assoc_change.sac_assoc_id == a,
			      "sac_state %u of association %d (COMM_LOST seen: %d)",
			      sn->sn_assoc_change.sac_state, sn->sn_assoc_change.sac_assoc_id, lost);
			lost = true;
			continue;
		}
		CHECK(sn->sn_header.sn_type == SCTP_SEND_FAILED_EVENT, "notification type 0x%x",
		      sn->sn_header.sn_type);
		CHECK(lost, "a failure before COMM_LOST");
		CHECK(sn->sn_send_failed_event.ssf_assoc_id == a, "a failure of association %d",
		      sn->sn_send_failed_event.ssf_assoc_id);
		f = failure_of(sn);
		if (!any)
			first = next = f.context;
		any = true;
		CHECK(f.context == next, "failure for message %u, want %u (%u sent)", f.context,
		      next, sent);
		CHECK(f.length == MESSAGE_SIZE && is_message(f.data, next),
		      "message %u: %u bytes, not its data", next, f.length);
		next++;
	}
	printf("%u messages sent, %u acknowledged, %u handed back\n", sent, first, next - first);
	snprintf(e2e_context, sizeof e2e_context, "the other association");
	memset(&info, 0, sizeof info);
	info.sinfo_assoc_id = b;
	MUST(fcntl(fd, F_SETFL, 0));
	CHECK(sctp_send(fd, "still here", 10, &info, 0) == 10, "send on the other association");
	n = sctp_recvmsg(server_b, got, sizeof got, NULL, NULL, NULL, &flags);
	CHECK(n == 10 && memcmp(got, "still here", 10) == 0, "the other peer read %zd bytes", n);
	close(fd);
	close(server_b);
	close(listener_a);
	close(listener_b);
}

/* After the peer's ABORT a one-to-one socket's pending error is
 * ECONNRESET (Linux: sk_err set by the ABORT), read once, then 0. */
static void case_so_error(void)
{
	struct e2e_pair p = e2e_connect_pair(AF_INET, e2e_port);
	struct pollfd pfd = { .fd = p.client, .events = POLLIN };
	int err;

	CHECK(e2e_so_error(p.client) == 0, "SO_ERROR before the abort");
	abort_peer(p.server);
	snprintf(e2e_context, sizeof e2e_context, "waiting for the abort");
	/* the read that reports the abort is readable, and stays so */
	CHECK(MUST(poll(&pfd, 1, 20000)) == 1, "the abort did not arrive within 20 s");
	err = e2e_so_error(p.client);
	CHECK(err == ECONNRESET, "SO_ERROR %d (%s), want ECONNRESET", err, strerror(err));
	err = e2e_so_error(p.client);
	CHECK(err == 0, "SO_ERROR read a second time: %d (%s)", err, strerror(err));
	close(p.client);
	close(p.listener);
}

/* Has every thread of pid stopped (SIGSTOP takes effect thread by
 * thread, after kill() returns)? */
static bool all_stopped(pid_t pid)
{
	char path[320], line[512];
	struct dirent *d;
	DIR *dir;
	bool all = true;

	snprintf(path, sizeof path, "/proc/%d/task", (int)pid);
	dir = opendir(path);
	if (!dir)
		return false;
	while (all && (d = readdir(dir))) {
		FILE *f;
		char *state;

		if (d->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "/proc/%d/task/%s/stat", (int)pid, d->d_name);
		f = fopen(path, "re");
		if (!f)
			continue;  /* gone meanwhile */
		if (fgets(line, sizeof line, f) && (state = strrchr(line, ')')))
			all = state[2] == 'T' || state[2] == 't';
		fclose(f);
	}
	closedir(dir);
	return all;
}

/*
 * The association times out instead (the peer's daemon stops answering,
 * see unsent_so_error_timeout.sh): the pending error is ETIMEDOUT, as
 * Linux's sctp_sf_do_6_3_3_rtx sets it, read once.
 */
static void case_so_error_timeout(void)
{
	const char *peer = getenv("UNSENT_PEER_SOCKET"), *peer_port = getenv("UNSENT_PEER_PORT");
	const char *our_port = getenv("SCTPSHIM_UDP_PORT");
	struct e2e_addr to = e2e_loopback(AF_INET, e2e_port);
	struct sctp_rtoinfo rto = { .srto_initial = 100, .srto_min = 50, .srto_max = 200 };
	struct sctp_assocparams ap = { .sasoc_asocmaxrxt = 2 };
	int to_child[2], from_child[2], fd, err;
	struct pollfd pfd = { .events = POLLIN };
	pid_t child, peer_daemon;
	char done = 'x';

	CHECK(peer && peer_port && our_port, "to be run by unsent_so_error_timeout.sh");
	MUST(pipe(to_child));
	MUST(pipe(from_child));
	child = MUST(fork());
	if (child == 0) {
		/* the peer, served by a daemon of its own */
		int listener;

		/* the parent's end of each pipe: its exit must end our wait */
		close(to_child[1]);
		close(from_child[0]);
		setenv("SCTPSHIM_SOCKET", peer, 1);
		setenv("SCTPSHIM_UDP_PORT", peer_port, 1);
		setenv("SCTPSHIM_ENCAP_PORT", our_port, 1);
		listener = e2e_socket(AF_INET, SOCK_STREAM, e2e_port, 8);
		peer_daemon = e2e_daemon_pid();
		CHECK(write(from_child[1], &peer_daemon, sizeof peer_daemon) == sizeof peer_daemon,
		      "write");
		MUST(accept(listener, NULL, NULL));
		CHECK(read(to_child[0], &done, 1) == 1, "read");  /* until the parent is done */
		_exit(0);
	}
	close(to_child[0]);
	close(from_child[1]);
	CHECK(read(from_child[0], &peer_daemon, sizeof peer_daemon) == sizeof peer_daemon,
	      "the peer's daemon");
	fd = MUST(socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP));
	MUST(setsockopt(fd, IPPROTO_SCTP, SCTP_RTOINFO, &rto, sizeof rto));
	MUST(setsockopt(fd, IPPROTO_SCTP, SCTP_ASSOCINFO, &ap, sizeof ap));
	snprintf(e2e_context, sizeof e2e_context, "connecting through the peer's daemon");
	MUST(connect(fd, (struct sockaddr *)&to.ss, to.len));
	MUST(kill(peer_daemon, SIGSTOP));
	snprintf(e2e_context, sizeof e2e_context, "stopping the peer's daemon");
	for (int i = 0; !all_stopped(peer_daemon); i++) {
		CHECK(i < 10000, "the peer's daemon did not stop within 10 s");
		usleep(1000);
	}
	snprintf(e2e_context, sizeof e2e_context, "waiting for the retransmissions to run out");
	CHECK(send(fd, "lost", 4, MSG_NOSIGNAL) == 4, "send");
	pfd.fd = fd;
	err = poll(&pfd, 1, 30000);
	kill(peer_daemon, SIGCONT);
	CHECK(err == 1, "the association did not time out within 30 s");
	err = e2e_so_error(fd);
	CHECK(err == ETIMEDOUT, "SO_ERROR %d (%s), want ETIMEDOUT", err, strerror(err));
	err = e2e_so_error(fd);
	CHECK(err == 0, "SO_ERROR read a second time: %d (%s)", err, strerror(err));
	close(fd);
	CHECK(write(to_child[1], &done, 1) == 1, "write");
	e2e_wait_ok(child, "the peer");
}

static const struct e2e_case cases[] = {
	{ "event-each-once", case_event_each_once },
	{ "old-each-once", case_old_each_once },
	{ "so-error", case_so_error },
	{ "many-each-once", case_many_each_once },
	{ "writer-epipe", case_writer_epipe },
	{ "defaults", case_defaults },
	{ "so-error-timeout", case_so_error_timeout },
};

int main(int argc, char **argv)
{
	return e2e_main("e2e", argc, argv, cases, sizeof cases / sizeof *cases, NULL);
}
