/* SPDX-License-Identifier: MIT */
/*
 * The calls of sctpshim's own libsctp.so.1 (src/libsctp) over real
 * associations, run under the shim.  Linked against that library, not
 * Debian's (tests/local.mk); every case first prints the file the calls
 * come from, which the scripts check.  Usage: libsctp_api CASE PORT.
 */
#define _GNU_SOURCE
#include "e2e.h"
#include "libsctp/libsctp.h"

#include <arpa/inet.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define port e2e_port

typedef int connectx_old_fn(int, struct sockaddr *, int);
typedef int connectx_fn(int, struct sockaddr *, int, sctp_assoc_t *);

/* Only data, with its SCTP_SNDRCV: no notification gets in the way. */
static void data_io_only(int fd)
{
	struct sctp_event_subscribe ev = { .sctp_data_io_event = 1 };

	MUST(setsockopt(fd, IPPROTO_SCTP, SCTP_EVENTS, &ev, sizeof ev));
}

/* A one-to-many socket on 127.0.0.1:p bound with sctp_bindx(), listening. */
static int bindx_listener(uint16_t p)
{
	struct e2e_addr a = e2e_loopback(AF_INET, p);
	int fd = MUST(socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP));

	MUST(sctp_bindx(fd, (struct sockaddr *)&a.ss, 1, SCTP_BINDX_ADD_ADDR));
	MUST(listen(fd, 8));
	data_io_only(fd);
	return fd;
}

static void expect_state(int fd, sctp_assoc_t id, int state)
{
	struct sctp_status st;
	socklen_t len = sizeof st;

	memset(&st, 0, sizeof st);
	MUST(sctp_opt_info(fd, id, SCTP_STATUS, &st, &len));
	CHECK(st.sstat_state == state, "association %d: state %d, want %d", id, st.sstat_state,
	      state);
	CHECK(st.sstat_assoc_id == id, "SCTP_STATUS of %d answered for %d", id, st.sstat_assoc_id);
}

/* One whole data message of a one-to-many or one-to-one socket. */
static size_t recv_data(int fd, char *buf, size_t cap, struct sctp_sndrcvinfo *sinfo)
{
	int flags = 0;
	int n = sctp_recvmsg(fd, buf, cap, NULL, NULL, sinfo, &flags);

	CHECK(n > 0, "sctp_recvmsg returned %d", n);
	CHECK(!(flags & MSG_NOTIFICATION), "a notification where data was due");
	CHECK(flags & MSG_EOR, "message of %d bytes without MSG_EOR", n);
	return (size_t)n;
}

/* sctp_bindx, sctp_connectx (VERS_3), sctp_getpaddrs / sctp_getladdrs and
 * their frees, sctp_opt_info(SCTP_STATUS), sctp_getaddrlen. */
static void case_addrs(void)
{
	struct e2e_addr to = e2e_loopback(AF_INET, port);
	int server = bindx_listener(port);
	int client = MUST(socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP));
	struct sockaddr *addrs;
	sctp_assoc_t id = 0;
	int n;

	MUST(sctp_connectx(client, (struct sockaddr *)&to.ss, 1, &id));
	CHECK(id != 0, "sctp_connectx gave no association id");
	expect_state(client, id, SCTP_ESTABLISHED);

	n = MUST(sctp_getpaddrs(client, id, &addrs));
	CHECK(n == 1, "%d peer addresses, want 1", n);
	CHECK(e2e_is_loopback(addrs, AF_INET) && e2e_port_of(addrs) == port,
	      "peer address is not 127.0.0.1:%u", port);
	CHECK(sctp_freepaddrs(addrs) == 0, "sctp_freepaddrs");

	n = MUST(sctp_getladdrs(server, 0, &addrs));
	CHECK(n >= 1, "%d local addresses of the listener", n);
	CHECK(e2e_is_loopback(addrs, AF_INET) && e2e_port_of(addrs) == port,
	      "the listener's first local address is not 127.0.0.1:%u", port);
	CHECK(sctp_freeladdrs(addrs) == 0, "sctp_freeladdrs");

	CHECK(sctp_getaddrlen(AF_INET) == sizeof(struct sockaddr_in), "sctp_getaddrlen(AF_INET)");
	CHECK(sctp_getaddrlen(AF_INET6) == sizeof(struct sockaddr_in6), "sctp_getaddrlen(AF_INET6)");
	close(client);
	close(server);
}

/* sctp_sendmsg (implicit association), sctp_recvmsg with its sinfo and
 * source address, sctp_send back to the association by id. */
static void case_sendmsg(void)
{
	struct e2e_addr to = e2e_loopback(AF_INET, port);
	int server = bindx_listener(port);
	int client = e2e_socket(AF_INET, SOCK_SEQPACKET, (uint16_t)(port + 1), -1);
	struct sctp_sndrcvinfo sinfo, reply = { .sinfo_stream = 0 };
	struct sockaddr_storage from;
	socklen_t fromlen = sizeof from;
	char buf[64];
	int flags = 0, n;

	data_io_only(client);
	n = sctp_sendmsg(client, "ping", 4, (struct sockaddr *)&to.ss, to.len, htonl(7), 0, 1, 0, 0);
	CHECK(n == 4, "sctp_sendmsg returned %d", n);
	n = sctp_recvmsg(server, buf, sizeof buf, (struct sockaddr *)&from, &fromlen, &sinfo, &flags);
	CHECK(n == 4 && memcmp(buf, "ping", 4) == 0, "server got %d bytes", n);
	CHECK(flags & MSG_EOR, "no MSG_EOR");
	CHECK(sinfo.sinfo_ppid == htonl(7) && sinfo.sinfo_stream == 1,
	      "sinfo ppid %u stream %u, want 7 and 1", ntohl(sinfo.sinfo_ppid), sinfo.sinfo_stream);
	CHECK(sinfo.sinfo_assoc_id != 0, "no association id in the sinfo");
	CHECK(fromlen == sizeof(struct sockaddr_in) && e2e_port_of((struct sockaddr *)&from) == port + 1,
	      "source address length %u port %u", fromlen, e2e_port_of((struct sockaddr *)&from));

	reply.sinfo_ppid = htonl(9);
	reply.sinfo_assoc_id = sinfo.sinfo_assoc_id;
	n = sctp_send(server, "pong!", 5, &reply, 0);
	CHECK(n == 5, "sctp_send returned %d", n);
	n = (int)recv_data(client, buf, sizeof buf, &sinfo);
	CHECK(n == 5 && memcmp(buf, "pong!", 5) == 0, "client got %d bytes", n);
	CHECK(sinfo.sinfo_ppid == htonl(9), "reply ppid %u, want 9", ntohl(sinfo.sinfo_ppid));
	close(client);
	close(server);
}

static void enable(int fd, int option)
{
	int on = 1;

	MUST(setsockopt(fd, IPPROTO_SCTP, option, &on, sizeof on));
}

/* One message by sctp_recvv: its bytes, RCVINFO and flags. */
static size_t recvv_one(int fd, char *buf, size_t cap, struct sctp_rcvinfo *rcv)
{
	struct iovec iov = { .iov_base = buf, .iov_len = cap };
	socklen_t infolen = sizeof *rcv;
	unsigned int infotype = 99;
	int flags = 0;
	int n = sctp_recvv(fd, &iov, 1, NULL, NULL, rcv, &infolen, &infotype, &flags);

	CHECK(n > 0, "sctp_recvv returned %d", n);
	CHECK(flags & MSG_EOR, "no MSG_EOR (flags 0x%x)", flags);
	CHECK(infotype == SCTP_RECVV_RCVINFO && infolen == sizeof *rcv,
	      "infotype %u infolen %u, want RCVINFO", infotype, infolen);
	return (size_t)n;
}

/* sctp_sendv with SNDINFO, SPA and no info; sctp_recvv with RCVINFO. */
static void case_sendv(void)
{
	struct e2e_pair p = e2e_connect_pair(AF_INET, port);
	struct iovec two[2] = { { "hel", 3 }, { "lo", 2 } };
	struct sctp_sndinfo snd = { .snd_sid = 2, .snd_ppid = htonl(5) };
	struct sctp_sendv_spa spa = {
		.sendv_flags = SCTP_SEND_SNDINFO_VALID,
		.sendv_sndinfo = { .snd_sid = 3, .snd_ppid = htonl(6) },
	};
	struct sctp_rcvinfo rcv;
	struct iovec iov;
	unsigned int infotype = 99;
	char buf[64];
	int n, flags = 0;

	enable(p.server, SCTP_RECVRCVINFO);
	n = sctp_sendv(p.client, two, 2, NULL, 0, &snd, sizeof snd, SCTP_SENDV_SNDINFO, 0);
	CHECK(n == 5, "sctp_sendv (SNDINFO) returned %d", n);
	n = (int)recvv_one(p.server, buf, sizeof buf, &rcv);
	CHECK(n == 5 && memcmp(buf, "hello", 5) == 0, "got %d bytes", n);
	CHECK(rcv.rcv_sid == 2 && rcv.rcv_ppid == htonl(5), "rcvinfo sid %u ppid %u, want 2 5",
	      rcv.rcv_sid, ntohl(rcv.rcv_ppid));
	CHECK(rcv.rcv_assoc_id != 0, "no association id in the rcvinfo");

	n = sctp_sendv(p.client, two, 1, NULL, 0, &spa, sizeof spa, SCTP_SENDV_SPA, 0);
	CHECK(n == 3, "sctp_sendv (SPA) returned %d", n);
	recvv_one(p.server, buf, sizeof buf, &rcv);
	CHECK(rcv.rcv_sid == 3 && rcv.rcv_ppid == htonl(6), "rcvinfo sid %u ppid %u, want 3 6",
	      rcv.rcv_sid, ntohl(rcv.rcv_ppid));

	n = sctp_sendv(p.client, two + 1, 1, NULL, 0, NULL, 0, SCTP_SENDV_NOINFO, 0);
	CHECK(n == 2, "sctp_sendv (NOINFO) returned %d", n);
	/* no info wanted: the type says so */
	iov.iov_base = buf;
	iov.iov_len = sizeof buf;
	n = sctp_recvv(p.server, &iov, 1, NULL, NULL, NULL, NULL, &infotype, &flags);
	CHECK(n == 2 && memcmp(buf, "lo", 2) == 0, "got %d bytes", n);
	CHECK(infotype == SCTP_RECVV_NOINFO, "infotype %u without an info buffer", infotype);
	e2e_close_pair(&p);
}

/* The VERS_1 and VERS_2 definitions of sctp_connectx, for programs linked
 * against older libsctp, next to VERS_3, the default. */
static void case_connectx_versions(void)
{
	struct e2e_addr to = e2e_loopback(AF_INET, port);
	connectx_old_fn *v1 = (connectx_old_fn *)dlvsym(RTLD_DEFAULT, "sctp_connectx", "VERS_1");
	connectx_fn *v2 = (connectx_fn *)dlvsym(RTLD_DEFAULT, "sctp_connectx", "VERS_2");
	connectx_fn *v3 = (connectx_fn *)dlvsym(RTLD_DEFAULT, "sctp_connectx", "VERS_3");
	int server = bindx_listener(port);
	int c1 = MUST(socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP));
	int c2 = MUST(socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP));
	sctp_assoc_t id = 0;

	CHECK(v1 && v2 && v3, "sctp_connectx@VERS_1 %p, @VERS_2 %p, @VERS_3 %p", (void *)v1,
	      (void *)v2, (void *)v3);
	CHECK(v3 == sctp_connectx, "the default sctp_connectx is not VERS_3");
	CHECK((void *)v1 != (void *)v2 && (void *)v2 != (void *)v3, "the versions are one function");

	MUST(v2(c2, (struct sockaddr *)&to.ss, 1, &id));
	CHECK(id != 0, "sctp_connectx@VERS_2 gave no association id");
	expect_state(c2, id, SCTP_ESTABLISHED);

	/* VERS_1 is SCTP_SOCKOPT_CONNECTX_OLD, which libsctpshim may lack */
	if (v1(c1, (struct sockaddr *)&to.ss, 1) < 0) {
		CHECK(errno == ENOPROTOOPT, "sctp_connectx@VERS_1");
		printf("libsctp_api: sctp_connectx@VERS_1: ENOPROTOOPT (SCTP_SOCKOPT_CONNECTX_OLD)\n");
	}
	close(c1);
	close(c2);
	close(server);
}

/* FreeBSD's sctp_sendx / sctp_sendmsgx: an implicit association from an
 * address list, then the same association again; on a one-to-one socket
 * the sinfo comes back with the association's id. */
static void case_sendx(void)
{
	struct e2e_addr to = e2e_loopback(AF_INET, port);
	struct sockaddr_in list[2];
	int server = bindx_listener(port);
	int client = MUST(socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP));
	struct sctp_sndrcvinfo sinfo = { .sinfo_stream = 1, .sinfo_ppid = htonl(11) }, got;
	struct sctp_status st;
	socklen_t len = sizeof st;
	struct e2e_pair p;
	sctp_assoc_t first;
	char buf[64];
	ssize_t n;

	/* two entries, the second a SCTP_DSTADDRV4 cmsg; the same address,
	 * so that any stack accepts it */
	memcpy(&list[0], &to.ss, sizeof list[0]);
	memcpy(&list[1], &to.ss, sizeof list[1]);
	n = sctp_sendx(client, "first", 5, (struct sockaddr *)list, 2, &sinfo, 0);
	CHECK(n == 5, "sctp_sendx returned %zd", n);
	CHECK(recv_data(server, buf, sizeof buf, &got) == 5 && memcmp(buf, "first", 5) == 0,
	      "server did not get 'first'");
	CHECK(got.sinfo_ppid == htonl(11) && got.sinfo_stream == 1, "ppid %u stream %u",
	      ntohl(got.sinfo_ppid), got.sinfo_stream);
	first = got.sinfo_assoc_id;
	/* 0: the stack cannot map an address to its association */
	if (sinfo.sinfo_assoc_id != 0)
		expect_state(client, sinfo.sinfo_assoc_id, SCTP_ESTABLISHED);

	n = sctp_sendmsgx(client, "second", 6, (struct sockaddr *)list, 1, htonl(12), 0, 0, 0, 0);
	CHECK(n == 6, "sctp_sendmsgx returned %zd", n);
	CHECK(recv_data(server, buf, sizeof buf, &got) == 6 && memcmp(buf, "second", 6) == 0,
	      "server did not get 'second'");
	CHECK(got.sinfo_ppid == htonl(12), "ppid %u, want 12", ntohl(got.sinfo_ppid));
	CHECK(got.sinfo_assoc_id == first, "sctp_sendmsgx made a new association");
	close(client);
	close(server);

	p = e2e_connect_pair(AF_INET, (uint16_t)(port + 2));
	to = e2e_loopback(AF_INET, (uint16_t)(port + 2));
	memset(&sinfo, 0, sizeof sinfo);
	n = sctp_sendx(p.client, "third", 5, (struct sockaddr *)&to.ss, 1, &sinfo, 0);
	CHECK(n == 5, "sctp_sendx (one-to-one) returned %zd", n);
	memset(&st, 0, sizeof st);
	MUST(getsockopt(p.client, IPPROTO_SCTP, SCTP_STATUS, &st, &len));
	CHECK(sinfo.sinfo_assoc_id == st.sstat_assoc_id, "sinfo_assoc_id %d, SCTP_STATUS says %d",
	      sinfo.sinfo_assoc_id, st.sstat_assoc_id);
	CHECK(recv_data(p.server, buf, sizeof buf, &got) == 5 && memcmp(buf, "third", 5) == 0,
	      "server did not get 'third'");
	e2e_close_pair(&p);
}

/* sctp_peeloff and sctp_peeloff_flags: the association moves to a socket
 * of its own, which talks to the same peer. */
static void case_peeloff(void)
{
	struct e2e_addr to = e2e_loopback(AF_INET, port);
	int server = bindx_listener(port);
	int client = MUST(socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP));
	int client2 = MUST(socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP));
	struct sctp_sndrcvinfo got, hi = { 0 };
	char buf[64];
	int peeled, peeled2;

	/* the server learns each association's id from its first message */
	data_io_only(client);
	MUST(sctp_connectx(client, (struct sockaddr *)&to.ss, 1, &hi.sinfo_assoc_id));
	MUST(sctp_send(client, "hi", 2, &hi, 0));
	recv_data(server, buf, sizeof buf, &got);
	peeled = sctp_peeloff(server, got.sinfo_assoc_id);
	CHECK(peeled >= 0, "sctp_peeloff");
	CHECK(sctp_send(peeled, "back", 4, NULL, 0) == 4, "sctp_send on the peeled-off socket");
	CHECK(recv_data(client, buf, sizeof buf, &got) == 4 && memcmp(buf, "back", 4) == 0,
	      "client did not get 'back'");

	MUST(sctp_connectx(client2, (struct sockaddr *)&to.ss, 1, &hi.sinfo_assoc_id));
	MUST(sctp_send(client2, "hi", 2, &hi, 0));
	recv_data(server, buf, sizeof buf, &got);
	peeled2 = sctp_peeloff_flags(server, got.sinfo_assoc_id, SOCK_CLOEXEC);
	CHECK(peeled2 >= 0, "sctp_peeloff_flags");
	CHECK(fcntl(peeled2, F_GETFD) & FD_CLOEXEC, "SOCK_CLOEXEC did not reach the new socket");

	CHECK(sctp_peeloff(server, 12345) < 0 && errno == EINVAL,
	      "sctp_peeloff of an association that does not exist");
	close(peeled2);
	close(peeled);
	close(client2);
	close(client);
	close(server);
}

/* Arguments the library refuses itself, with Linux's errnos. */
static void case_errors(void)
{
	int fd = MUST(socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP));
	struct e2e_addr a = e2e_loopback(AF_INET, port);
	struct sockaddr bad = { .sa_family = AF_UNIX };
	struct sctp_sndinfo snd = { 0 };
	struct sctp_status st;
	struct iovec iov = { .iov_base = "x", .iov_len = 1 };
	char info[64];
	unsigned int infotype;
	socklen_t len;

#define EXPECT_ERRNO(call, err) \
	CHECK((call) == -1 && errno == (err), "%s, want errno %d", #call, err)
	EXPECT_ERRNO(sctp_bindx(fd, (struct sockaddr *)&a.ss, 1, 0), EINVAL);
	EXPECT_ERRNO(sctp_bindx(fd, &bad, 1, SCTP_BINDX_ADD_ADDR), EINVAL);
	EXPECT_ERRNO(sctp_connectx(fd, &bad, 1, NULL), EINVAL);
	EXPECT_ERRNO(sctp_sendv(fd, &iov, 1, NULL, 0, &snd, sizeof snd, 99, 0), EINVAL);
	EXPECT_ERRNO(sctp_sendv(fd, &iov, 1, NULL, 0, &snd, sizeof snd - 1, SCTP_SENDV_SNDINFO, 0),
	             EINVAL);
	EXPECT_ERRNO(sctp_sendv(fd, &iov, 1, NULL, 0, NULL, 0, SCTP_SENDV_SNDINFO, 0), EINVAL);
	EXPECT_ERRNO(sctp_sendv(fd, &iov, 1, NULL, 1, NULL, 0, SCTP_SENDV_NOINFO, 0), EINVAL);
	EXPECT_ERRNO(sctp_recvv(fd, &iov, 1, NULL, NULL, info, NULL, &infotype, NULL), EINVAL);
	EXPECT_ERRNO(sctp_sendx(fd, "x", 1, NULL, 1, NULL, 0), EINVAL);
	EXPECT_ERRNO(sctp_sendx(fd, "x", 1, (struct sockaddr *)&a.ss, 0, NULL, 0), EINVAL);
	EXPECT_ERRNO(sctp_sendx(fd, "x", 1, &bad, 1, NULL, 0), EINVAL);
	len = sizeof st;
	EXPECT_ERRNO(sctp_opt_info(fd, 0, 12345, &st, &len), EOPNOTSUPP);
	len = 2;
	EXPECT_ERRNO(sctp_opt_info(fd, 0, SCTP_STATUS, &st, &len), EINVAL);
	EXPECT_ERRNO(sctp_getaddrlen(AF_UNIX), EINVAL);
	EXPECT_ERRNO(sctp_getpaddrs(fd, 0, NULL), EFAULT);
	close(fd);
}

/* The file the library's calls come from. */
static void print_library(void)
{
	Dl_info info;

	CHECK(dladdr((void *)sctp_bindx, &info) && info.dli_fname, "dladdr(sctp_bindx)");
	printf("libsctp: %s\n", info.dli_fname);
}

static const struct e2e_case cases[] = {
	{ "addrs", case_addrs },
	{ "sendmsg", case_sendmsg },
	{ "sendv", case_sendv },
	{ "connectx-versions", case_connectx_versions },
	{ "sendx", case_sendx },
	{ "peeloff", case_peeloff },
	{ "errors", case_errors },
};

int main(int argc, char **argv)
{
	return e2e_main("libsctp_api", argc, argv, cases, sizeof cases / sizeof *cases, print_library);
}
