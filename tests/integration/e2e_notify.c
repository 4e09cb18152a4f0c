/* SPDX-License-Identifier: MIT */
/* e2e cases about notifications the stack makes on its own. */
#define _GNU_SOURCE
#include "e2e.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/sctp.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define MESSAGE_SIZE 1000

static void subscribe_send_failed(int fd)
{
	struct sctp_event ev = { .se_type = SCTP_SEND_FAILED_EVENT, .se_on = 1 };
	struct sctp_event assoc = { .se_type = SCTP_ASSOC_CHANGE, .se_on = 1 };

	MUST(setsockopt(fd, IPPROTO_SCTP, SCTP_EVENT, &ev, sizeof ev));
	MUST(setsockopt(fd, IPPROTO_SCTP, SCTP_EVENT, &assoc, sizeof assoc));
}

/*
 * Fill the way to a peer that reads nothing, so that what is queued at the
 * sender stays queued: send until no room comes for a second, and at least
 * MIN_FILL messages, more than the peer's side can take (its window, from
 * its small SO_RCVBUF, and the daemon's channel to the peer program, which
 * holds up to about net.core.wmem_default: docs/design.md).  With 64
 * messages the peer's side could take them all under load, leaving nothing
 * to report.  SCTP_STATUS then confirms data is queued.
 */
enum { MIN_FILL = 400 };

static int fill(int fd)
{
	uint8_t msg[MESSAGE_SIZE];
	int sent = 0, idle_ms = 0;

	memset(msg, 's', sizeof msg);
	MUST(fcntl(fd, F_SETFL, O_NONBLOCK));
	for (;;) {
		struct pollfd pfd = { .fd = fd, .events = POLLOUT };

		if (send(fd, msg, sizeof msg, MSG_NOSIGNAL) == sizeof msg) {
			sent++;
			idle_ms = 0;
			continue;
		}
		CHECK(errno == EAGAIN, "send");
		if (MUST(poll(&pfd, 1, 1000)) == 1)
			continue;
		if (sent >= MIN_FILL)
			break;
		idle_ms += 1000;
		CHECK(idle_ms < 20000, "no room to send after %d messages", sent);
	}
	for (int i = 0; i < 1000; i++) {
		struct sctp_status st = { 0 };
		socklen_t len = sizeof st;

		MUST(getsockopt(fd, IPPROTO_SCTP, SCTP_STATUS, &st, &len));
		if (st.sstat_unackdata + st.sstat_penddata > 0)
			return sent;
		usleep(10000);
	}
	CHECK(0, "nothing queued after %d messages to a peer that reads nothing", sent);
	return sent;
}

static void small_window(int fd)
{
	int size = 4096;

	subscribe_send_failed(fd);
	MUST(setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size));
}

/* The peer aborts while messages it never read are queued: a program
 * subscribed to SCTP_SEND_FAILED_EVENT is told ASSOC_CHANGE COMM_LOST,
 * then gets the messages back, each with its data, as on Linux
 * (sctp_cmd_assoc_failed: "SEND_FAILED sent later when cleaning up the
 * association"), then the end of the stream. */
void e2e_case_send_failed_event(void)
{
	struct e2e_pair p = e2e_connect_pair_with(AF_INET, e2e_port, small_window);
	struct linger abort_on_close = { .l_onoff = 1, .l_linger = 0 };
	int sent, failed = 0;
	bool lost = false;

	snprintf(e2e_context, sizeof e2e_context, "filling the association");
	e2e_recv_notification(p.client, &(union sctp_notification){ 0 }, sizeof(union sctp_notification));
	sent = fill(p.client);
	CHECK(sent > 0, "nothing could be sent");
	MUST(setsockopt(p.server, SOL_SOCKET, SO_LINGER, &abort_on_close, sizeof abort_on_close));
	MUST(close(p.server));
	snprintf(e2e_context, sizeof e2e_context, "reading notifications after the abort");
	for (;;) {
		uint8_t buf[sizeof(struct sctp_send_failed_event) + MESSAGE_SIZE + 64];
		union sctp_notification *sn = (union sctp_notification *)buf;
		struct pollfd pfd = { .fd = p.client, .events = POLLIN };
		struct iovec iov = { .iov_base = buf, .iov_len = sizeof buf };
		struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
		ssize_t n;

		CHECK(MUST(poll(&pfd, 1, 10000)) == 1, "no notification within 10 s");
		n = recvmsg(p.client, &m, 0);
		if (n == 0 || (n < 0 && errno == ECONNRESET))
			break;  /* the end of the stream */
		CHECK(n > 0 && (m.msg_flags & MSG_NOTIFICATION) && (m.msg_flags & MSG_EOR),
		      "recvmsg %zd, flags 0x%x", n, m.msg_flags);
		if (sn->sn_header.sn_type == SCTP_ASSOC_CHANGE) {
			CHECK(sn->sn_assoc_change.sac_state == SCTP_COMM_LOST, "sac_state %u",
			      sn->sn_assoc_change.sac_state);
			CHECK(!lost, "a second COMM_LOST");
			lost = true;
			continue;
		}
		CHECK(sn->sn_header.sn_type == SCTP_SEND_FAILED_EVENT, "notification type 0x%x",
		      sn->sn_header.sn_type);
		CHECK(lost, "SEND_FAILED_EVENT before COMM_LOST");
		/* Linux's values: SCTP_DATA_UNSENT is 0, SCTP_DATA_SENT 1 */
		CHECK(sn->sn_send_failed_event.ssf_flags == SCTP_DATA_UNSENT
		      || sn->sn_send_failed_event.ssf_flags == SCTP_DATA_SENT,
		      "ssf_flags 0x%x", sn->sn_send_failed_event.ssf_flags);
		CHECK(sn->sn_send_failed_event.ssf_length
		      == sizeof(struct sctp_send_failed_event) + MESSAGE_SIZE,
		      "ssf_length %u", sn->sn_send_failed_event.ssf_length);
		CHECK(buf[sizeof(struct sctp_send_failed_event)] == 's', "the message's data");
		failed++;
	}
	CHECK(lost, "no COMM_LOST");
	CHECK(failed > 0, "no SEND_FAILED_EVENT for %d queued messages", sent);
	CHECK(failed <= sent, "%d SEND_FAILED_EVENTs for %d messages", failed, sent);
	close(p.client);
	close(p.listener);
}
