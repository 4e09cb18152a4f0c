/* SPDX-License-Identifier: MIT */
/* e2e cases about what a sender is told at once: a stream the association
 * does not have, and the ABORT it sends (gen_sctp's documentation example
 * does both). */
#define _GNU_SOURCE
#include "e2e.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/sctp.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* SCTP error cause "User-Initiated Abort" (RFC 4960 3.3.10.12) */
#define CAUSE_USER_ABORT 12

static void subscribe(int fd, uint16_t type)
{
	struct sctp_event ev = { .se_type = type, .se_on = 1 };

	MUST(setsockopt(fd, IPPROTO_SCTP, SCTP_EVENT, &ev, sizeof ev));
}

static void five_streams(int fd)
{
	struct sctp_initmsg im = { .sinit_num_ostreams = 5, .sinit_max_instreams = 10 };

	MUST(setsockopt(fd, IPPROTO_SCTP, SCTP_INITMSG, &im, sizeof im));
}

/* A one-to-many client connected to a one-to-many server on port; both
 * have read their COMM_UP, whose association ids are returned. */
struct many_pair {
	int server, client;
	sctp_assoc_t server_assoc, client_assoc;
};

static struct many_pair many_pair(void (*prepare)(int fd))
{
	struct e2e_addr to = e2e_loopback(AF_INET, e2e_port);
	struct many_pair p;
	struct sctp_event_subscribe data_io = {
		.sctp_data_io_event = 1, .sctp_association_event = 1,
	};

	p.server = e2e_socket(AF_INET, SOCK_SEQPACKET, e2e_port, 8);
	p.client = MUST(socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP));
	MUST(setsockopt(p.server, IPPROTO_SCTP, SCTP_EVENTS, &data_io, sizeof data_io));
	subscribe(p.client, SCTP_ASSOC_CHANGE);
	subscribe(p.client, SCTP_SEND_FAILED_EVENT);
	if (prepare)
		prepare(p.client);
	snprintf(e2e_context, sizeof e2e_context, "connecting");
	MUST(connect(p.client, (struct sockaddr *)&to.ss, to.len));
	p.client_assoc = e2e_recv_comm_up(p.client);
	p.server_assoc = e2e_recv_comm_up(p.server);
	e2e_context[0] = '\0';
	return p;
}

static ssize_t send_on(int fd, sctp_assoc_t assoc, uint16_t stream, uint16_t flags,
		       const char *text)
{
	struct sctp_sndrcvinfo info = {
		.sinfo_stream = stream, .sinfo_flags = flags, .sinfo_assoc_id = assoc,
	};

	return sctp_send(fd, text, strlen(text), &info, 0);
}

static bool readable(int fd, int timeout_ms)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };

	return MUST(poll(&pfd, 1, timeout_ms)) == 1;
}

/* A message for a stream at or above the association's outbound streams
 * fails with EINVAL at once on Linux (sctp_sendmsg_to_asoc), on both
 * styles; nothing is queued, so no SEND_FAILED follows. */
void e2e_case_stream_einval(void)
{
	struct many_pair p = many_pair(five_streams);
	struct e2e_pair one;
	struct sctp_sndrcvinfo info;
	char buf[64];
	int flags = 0;
	ssize_t n;

	errno = 0;
	CHECK(send_on(p.client, p.client_assoc, 5, 0, "stream 5") < 0 && errno == EINVAL,
	      "send on stream 5 of 5: errno %d, want EINVAL", errno);
	CHECK(send_on(p.client, p.client_assoc, 4, 0, "stream 4") == 8, "send on stream 4");
	memset(&info, 0, sizeof info);
	n = sctp_recvmsg(p.server, buf, sizeof buf, NULL, NULL, &info, &flags);
	CHECK(n == 8 && memcmp(buf, "stream 4", 8) == 0 && info.sinfo_stream == 4,
	      "the server read %zd bytes on stream %u", n, info.sinfo_stream);
	/* had the daemon been handed the first message, its SEND_FAILED would
	 * have been queued before the second went out */
	CHECK(!readable(p.client, 0), "something arrived for the client (a SEND_FAILED?)");
	close(p.client);
	close(p.server);

	one = e2e_connect_pair_with(AF_INET, e2e_port, five_streams);
	errno = 0;
	CHECK(send_on(one.client, 0, 5, 0, "stream 5") < 0 && errno == EINVAL,
	      "one-to-one send on stream 5 of 5: errno %d, want EINVAL", errno);
	CHECK(send_on(one.client, 0, 4, 0, "stream 4") == 8, "one-to-one send on stream 4");
	e2e_close_pair(&one);
}

/* SCTP_ABORT ends the association at once.  The peer's COMM_LOST is what
 * Linux makes of the ABORT chunk: no streams, sac_error the cause code as
 * the chunk carries it (network order), sac_info the error causes.  The
 * aborting end gets its own COMM_LOST straight away. */
void e2e_case_abort_comm_lost(void)
{
	struct many_pair p = many_pair(NULL);
	uint8_t buf[256];
	struct sctp_assoc_change *sac = (struct sctp_assoc_change *)buf;
	const uint8_t user_abort_cause[4] = { 0, CAUSE_USER_ABORT, 0, 4 };
	size_t n;

	CHECK(send_on(p.client, p.client_assoc, 0, SCTP_ABORT, "") == 0, "SCTP_ABORT");

	snprintf(e2e_context, sizeof e2e_context, "the server's COMM_LOST");
	CHECK(readable(p.server, 10000), "no notification within 10 s");
	n = e2e_recv_notification(p.server, buf, sizeof buf);
	CHECK(sac->sac_type == SCTP_ASSOC_CHANGE && sac->sac_state == SCTP_COMM_LOST,
	      "type 0x%x state %u", sac->sac_type, sac->sac_state);
	CHECK(sac->sac_assoc_id == p.server_assoc, "assoc id %d, want %d", sac->sac_assoc_id,
	      p.server_assoc);
	CHECK(sac->sac_error == htons(CAUSE_USER_ABORT), "sac_error 0x%x, want 0x%x",
	      sac->sac_error, htons(CAUSE_USER_ABORT));
	CHECK(sac->sac_outbound_streams == 0 && sac->sac_inbound_streams == 0,
	      "streams out %u in %u", sac->sac_outbound_streams, sac->sac_inbound_streams);
	CHECK(n == sizeof *sac + sizeof user_abort_cause && sac->sac_length == n,
	      "%zu bytes, sac_length %u", n, sac->sac_length);
	CHECK(memcmp(sac->sac_info, user_abort_cause, sizeof user_abort_cause) == 0,
	      "sac_info %02x %02x %02x %02x", sac->sac_info[0], sac->sac_info[1],
	      sac->sac_info[2], sac->sac_info[3]);

	snprintf(e2e_context, sizeof e2e_context, "the client's COMM_LOST");
	CHECK(readable(p.client, 10000), "no notification within 10 s");
	e2e_recv_notification(p.client, buf, sizeof buf);
	CHECK(sac->sac_type == SCTP_ASSOC_CHANGE && sac->sac_state == SCTP_COMM_LOST,
	      "type 0x%x state %u", sac->sac_type, sac->sac_state);
	CHECK(sac->sac_assoc_id == p.client_assoc, "assoc id %d", sac->sac_assoc_id);
	CHECK(sac->sac_outbound_streams == 0 && sac->sac_inbound_streams == 0,
	      "streams out %u in %u", sac->sac_outbound_streams, sac->sac_inbound_streams);
	close(p.client);
	close(p.server);
}
