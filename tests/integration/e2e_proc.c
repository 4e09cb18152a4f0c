/* SPDX-License-Identifier: MIT */
/* e2e cases about associations and processes: sctp_connectx, sendmmsg /
 * recvmmsg, closefrom, a socket inherited across execve, and descriptors
 * that are not ours passing straight through. */
#define _GNU_SOURCE
#include "e2e.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/sctp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void subscribe_assoc(int fd)
{
	struct sctp_event_subscribe ev = { .sctp_association_event = 1 };

	MUST(setsockopt(fd, IPPROTO_SCTP, SCTP_EVENTS, &ev, sizeof ev));
}

/* Wait for COMM_UP of association id on a one-to-many socket. */
static void wait_comm_up(int fd, sctp_assoc_t id)
{
	union sctp_notification sn;
	struct pollfd pfd = { .fd = fd, .events = POLLIN };

	CHECK(MUST(poll(&pfd, 1, 10000)) == 1, "no notification within 10 s");
	e2e_recv_notification(fd, &sn, sizeof sn);
	CHECK(sn.sn_header.sn_type == SCTP_ASSOC_CHANGE, "notification type 0x%x",
	      sn.sn_header.sn_type);
	CHECK(sn.sn_assoc_change.sac_state == SCTP_COMM_UP, "sac_state %u",
	      sn.sn_assoc_change.sac_state);
	CHECK(sn.sn_assoc_change.sac_assoc_id == id, "COMM_UP for association %d, connectx gave %d",
	      sn.sn_assoc_change.sac_assoc_id, id);
}

static void expect_status_of(int fd, sctp_assoc_t id)
{
	struct sctp_status st = { .sstat_assoc_id = id };
	socklen_t len = sizeof st;

	MUST(getsockopt(fd, IPPROTO_SCTP, SCTP_STATUS, &st, &len));
	CHECK(st.sstat_assoc_id == id, "SCTP_STATUS reports association %d, connectx gave %d",
	      st.sstat_assoc_id, id);
	CHECK(st.sstat_state == SCTP_ESTABLISHED, "sstat_state %d", st.sstat_state);
}

/* sctp_connectx: 0 (blocking) or EINPROGRESS (O_NONBLOCK), an association
 * id either way, and SCTP_STATUS of that id reports the same id. */
static void connectx(int type, bool nonblock)
{
	struct e2e_addr to = e2e_loopback(AF_INET, e2e_port);
	int server = e2e_socket(AF_INET, type, e2e_port, 8);
	int client = e2e_socket(AF_INET, type, type == SOCK_SEQPACKET ? e2e_port + 1 : 0, -1);
	sctp_assoc_t id = 0;
	int r, accepted = -1;

	if (type == SOCK_SEQPACKET)
		subscribe_assoc(client);
	if (nonblock)
		MUST(fcntl(client, F_SETFL, fcntl(client, F_GETFL) | O_NONBLOCK));
	errno = 0;
	r = sctp_connectx(client, (struct sockaddr *)&to.ss, 1, &id);
	if (nonblock)
		CHECK(r == -1 && errno == EINPROGRESS, "non-blocking sctp_connectx returned %d", r);
	else
		CHECK(r == 0, "blocking sctp_connectx returned %d", r);
	CHECK(id != 0, "sctp_connectx gave association id 0");
	if (type == SOCK_STREAM) {
		struct pollfd pfd = { .fd = client, .events = POLLOUT };

		CHECK(MUST(poll(&pfd, 1, 10000)) == 1 && (pfd.revents & POLLOUT),
		      "not writable within 10 s (revents 0x%x)", pfd.revents);
		accepted = MUST(accept(server, NULL, NULL));
	} else {
		wait_comm_up(client, id);
	}
	expect_status_of(client, id);
	if (accepted >= 0)
		close(accepted);
	close(client);
	close(server);
}

void e2e_case_connectx_one_to_one(void) { connectx(SOCK_STREAM, false); }
void e2e_case_connectx_one_to_one_nonblock(void) { connectx(SOCK_STREAM, true); }
void e2e_case_connectx_one_to_many(void) { connectx(SOCK_SEQPACKET, false); }
void e2e_case_connectx_one_to_many_nonblock(void) { connectx(SOCK_SEQPACKET, true); }

/* sendmmsg of three addressed messages on a one-to-many socket; recvmmsg
 * with MSG_WAITFORONE until all three are in, each whole (MSG_EOR). */
void e2e_case_mmsg(void)
{
	static const char *const words[] = { "one", "two", "three" };
	struct e2e_addr to = e2e_loopback(AF_INET, e2e_port);
	int server = e2e_socket(AF_INET, SOCK_SEQPACKET, e2e_port, 8);
	int client = e2e_socket(AF_INET, SOCK_SEQPACKET, e2e_port + 1, -1);
	struct mmsghdr out[3], in[3];
	struct iovec out_iov[3], in_iov[3];
	char bufs[3][32];
	int n, got = 0;

	for (int i = 0; i < 3; i++) {
		out_iov[i] = (struct iovec){ .iov_base = (void *)words[i], .iov_len = strlen(words[i]) };
		out[i] = (struct mmsghdr){ .msg_hdr = { .msg_name = &to.ss, .msg_namelen = to.len,
							.msg_iov = &out_iov[i], .msg_iovlen = 1 },
					   .msg_len = 12345 };
	}
	n = sendmmsg(client, out, 3, 0);
	CHECK(n == 3, "sendmmsg returned %d", n);
	for (int i = 0; i < 3; i++)
		CHECK(out[i].msg_len == strlen(words[i]), "message %d: msg_len %u", i, out[i].msg_len);

	while (got < 3) {
		struct timespec patience = { .tv_sec = 10 };

		for (int i = got; i < 3; i++) {
			in_iov[i] = (struct iovec){ .iov_base = bufs[i], .iov_len = sizeof bufs[i] };
			in[i] = (struct mmsghdr){ .msg_hdr = { .msg_iov = &in_iov[i], .msg_iovlen = 1 } };
		}
		n = recvmmsg(server, in + got, 3 - got, MSG_WAITFORONE, &patience);
		CHECK(n > 0, "recvmmsg returned %d after %d messages", n, got);
		got += n;
	}
	for (int i = 0; i < 3; i++) {
		size_t len = strlen(words[i]);

		CHECK(in[i].msg_len == len && memcmp(bufs[i], words[i], len) == 0,
		      "message %d: %u bytes '%.*s', want '%s'", i, in[i].msg_len,
		      (int)in[i].msg_len, bufs[i], words[i]);
		CHECK(in[i].msg_hdr.msg_flags & MSG_EOR, "message %d without MSG_EOR (flags 0x%x)", i,
		      in[i].msg_hdr.msg_flags);
	}
	close(client);
	close(server);
}

static int protocol_of(int fd)
{
	int value = -1;
	socklen_t len = sizeof value;

	MUST(getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &value, &len));
	return value;
}

/* closefrom() closes an SCTP descriptor (and the library's own ones above
 * it); the number then belongs to an ordinary file, and SCTP still works. */
void e2e_case_closefrom(void)
{
	int fd = MUST(socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP)), zero, again;
	char byte = 1;

	closefrom(fd);
	zero = MUST(open("/dev/zero", O_RDONLY));
	CHECK(zero == fd, "/dev/zero got descriptor %d, not the closed %d", zero, fd);
	CHECK(read(zero, &byte, 1) == 1 && byte == 0, "read on /dev/zero");
	again = MUST(socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP));
	CHECK(protocol_of(again) == IPPROTO_SCTP, "new socket's SO_PROTOCOL");
	close(again);
	close(zero);
}

static void send_text(int fd, const char *text)
{
	ssize_t n = send(fd, text, strlen(text), 0);

	CHECK(n == (ssize_t)strlen(text), "send of '%s' returned %zd", text, n);
}

static void expect_text(int fd, const char *want)
{
	uint8_t buf[64];
	size_t n = e2e_recv_message(fd, buf, sizeof buf, NULL);

	CHECK(n == strlen(want) && memcmp(buf, want, n) == 0, "got '%.*s', want '%s'", (int)n,
	      (char *)buf, want);
}

/* The parent's side: fork, exec ourselves with the client's descriptor
 * number, talk to the new program over the association. */
void e2e_case_exec(void)
{
	struct e2e_pair p = e2e_connect_pair(AF_INET, e2e_port);
	char fdnum[16];
	pid_t child;

	snprintf(fdnum, sizeof fdnum, "%d", p.client);
	child = MUST(fork());
	if (child == 0) {
		execl("/proc/self/exe", "e2e", "exec-child", fdnum, (char *)NULL);
		_exit(127);
	}
	expect_text(p.server, "from the exec'd program");
	send_text(p.server, "to the exec'd program");
	e2e_wait_ok(child, "exec'd child");
	e2e_close_pair(&p);
}

/* The exec'd side: the port argument is the inherited descriptor. */
void e2e_case_exec_child(void)
{
	int fd = e2e_port;

	CHECK(protocol_of(fd) == IPPROTO_SCTP, "inherited descriptor %d: SO_PROTOCOL", fd);
	send_text(fd, "from the exec'd program");
	expect_text(fd, "to the exec'd program");
}

/* Reads on descriptors that are not SCTP sockets, for strace to count the
 * library's getsockname() calls (tests/integration/passthrough.sh). */
void e2e_case_passthrough(void)
{
	int zero = MUST(open("/dev/zero", O_RDONLY)), pipefd[2];
	char byte;

	MUST(pipe(pipefd));
	for (int i = 0; i < 1000; i++) {
		CHECK(read(zero, &byte, 1) == 1, "read %d on /dev/zero", i);
		CHECK(write(pipefd[1], "p", 1) == 1, "write %d on the pipe", i);
		CHECK(read(pipefd[0], &byte, 1) == 1 && byte == 'p', "read %d on the pipe", i);
	}
	close(pipefd[0]);
	close(pipefd[1]);
	close(zero);
}
