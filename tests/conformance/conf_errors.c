/* SPDX-License-Identifier: MIT */
/*
 * Conformance: the errors of every call that is not an option family's or
 * a send call's (see conf.h): socket, bind, listen, accept, connect,
 * getsockname/getpeername, shutdown, close, the receive calls, the
 * generic rules of setsockopt/getsockopt and libsctp's address calls.
 * Where the errno is not obvious, the comment names the Linux function
 * that decides it.  A bad pointer must give EFAULT, never a crash.
 */
#define _GNU_SOURCE
#include "conf.h"

#include <arpa/inet.h>
#include <dlfcn.h>
#include <linux/capability.h>
#include <sys/syscall.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <unistd.h>

/* A page nothing can read or write: the program's bad pointer. */
static void *bad_page(void)
{
	static void *p;

	if (!p)
		p = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return p;
}
#define BAD (bad_page())

/* Under an --enable-asan build `sctpshim run` preloads AddressSanitizer,
 * whose own accept(), getsockname() and getpeername() read the length
 * pointer before the call goes on to the shim: a bad one crashes there. */
#define SKIP_UNDER_ASAN() do { \
	if (dlsym(RTLD_DEFAULT, "__asan_init")) { \
		conf_note("AddressSanitizer's interceptor reads the bad pointer first"); \
		return CONF_SKIP; \
	} \
} while (0)

static struct sockaddr_in v4(const char *ip, uint16_t port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };

	inet_pton(AF_INET, ip, &a.sin_addr);
	return a;
}

static struct sockaddr_in6 v6(const char *ip, uint16_t port)
{
	struct sockaddr_in6 a = { .sin6_family = AF_INET6, .sin6_port = htons(port) };

	inet_pton(AF_INET6, ip, &a.sin6_addr);
	return a;
}

#define SA(x) ((struct sockaddr *)&(x))

static uint16_t port_of(const struct sockaddr_storage *ss)
{
	return ntohs(((const struct sockaddr_in *)ss)->sin_port);
}

/* A listening one-to-one socket on the loopback; *ss its address. */
static int listener(struct sockaddr_storage *ss, socklen_t *len)
{
	int fd = conf_socket(AF_INET, SOCK_STREAM);

	if (fd < 0 || conf_bind_loopback(fd, AF_INET, ss, len) < 0 || listen(fd, 8) < 0)
		return -1;
	return fd;
}

static int wait_fd(int fd, short events)
{
	struct pollfd p = { .fd = fd, .events = events };

	return poll(&p, 1, 20000) == 1 ? 0 : -1;
}

/* ---- socket(): inet_create() ------------------------------------------- */

static int socket_seqpacket_default_protocol(void)
{
	int fd = socket(AF_INET, SOCK_SEQPACKET, 0), v = 0;
	socklen_t l = sizeof v;

	CHECK_OK(fd);
	CHECK_OK(getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &v, &l));
	CHECK(v == IPPROTO_SCTP);
	return 0;
}

/* inetsw has no SCTP entry for these types, nor TCP for SEQPACKET */
static int socket_wrong_type_eprotonosupport(void)
{
	CHECK_ERRNO(socket(AF_INET, SOCK_DGRAM, IPPROTO_SCTP), EPROTONOSUPPORT);
	CHECK_ERRNO(socket(AF_INET6, SOCK_DGRAM, IPPROTO_SCTP), EPROTONOSUPPORT);
	CHECK_ERRNO(socket(AF_INET, SOCK_SEQPACKET, IPPROTO_TCP), EPROTONOSUPPORT);
	return 0;
}

/* __sys_socket(): flags other than NONBLOCK/CLOEXEC; __sock_create():
 * a type past SOCK_MAX; inet_create(): a negative protocol */
static int socket_bad_arguments_einval(void)
{
	CHECK_ERRNO(socket(AF_INET, SOCK_STREAM | 0x100000, IPPROTO_SCTP), EINVAL);
	CHECK_ERRNO(socket(AF_INET, 15, IPPROTO_SCTP), EINVAL);
	CHECK_ERRNO(socket(AF_INET, SOCK_SEQPACKET, -1), EINVAL);
	return 0;
}

static int socket_bad_family_eafnosupport(void)
{
	CHECK_ERRNO(socket(4242, SOCK_SEQPACKET, IPPROTO_SCTP), EAFNOSUPPORT);
	return 0;
}

static int socket_flags_taken(void)
{
	int fd = socket(AF_INET, SOCK_SEQPACKET | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_SCTP);

	CHECK_OK(fd);
	CHECK(fcntl(fd, F_GETFL) & O_NONBLOCK);
	CHECK(fcntl(fd, F_GETFD) & FD_CLOEXEC);
	return 0;
}

/* ---- bind(): move_addr_to_kernel(), sctp_bind(), sctp_do_bind() -------- */

static int bind_efault(void)
{
	int fd = conf_socket(AF_INET, SOCK_STREAM);

	CHECK_OK(fd);
	CHECK_ERRNO(bind(fd, BAD, sizeof(struct sockaddr_in)), EFAULT);
	CHECK_ERRNO(bind(fd, NULL, sizeof(struct sockaddr_in)), EFAULT);
	return 0;
}

static int bind_bad_length_einval(void)
{
	struct sockaddr_in a = v4("127.0.0.1", 0);
	struct sockaddr_in6 a6 = v6("::1", 0);
	int fd = conf_socket(AF_INET, SOCK_STREAM), fd6 = conf_socket(AF_INET6, SOCK_STREAM);

	CHECK_OK(fd);
	CHECK_OK(fd6);
	CHECK_ERRNO(bind(fd, NULL, 0), EINVAL);
	CHECK_ERRNO(bind(fd, SA(a), 8), EINVAL);
	/* longer than a sockaddr_storage, or "negative" */
	CHECK_ERRNO(bind(fd, SA(a), 200), EINVAL);
	CHECK_ERRNO(bind(fd, SA(a), (socklen_t)-1), EINVAL);
	/* sctp_sockaddr_af(): an AF_INET6 address needs sockaddr_in6's length */
	CHECK_ERRNO(bind(fd6, SA(a6), 20), EINVAL);
	return 0;
}

/* sctp_sockaddr_af(): the socket's pf must support the family */
static int bind_wrong_family_einval(void)
{
	struct sockaddr_in6 a6 = v6("::1", 0);
	struct sockaddr_in a = v4("127.0.0.1", 0);
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET);

	/* (an IPV6_V6ONLY socket would refuse IPv4 too: the shim cannot turn
	 * IPV6_V6ONLY on, docs/compat.md) */
	CHECK_OK(fd);
	CHECK_ERRNO(bind(fd, SA(a6), sizeof a6), EINVAL);
	a.sin_family = AF_UNIX;
	CHECK_ERRNO(bind(fd, SA(a), sizeof a), EINVAL);
	return 0;
}

/* sctp_bind(): "Disallow binding twice" */
static int bind_twice_einval(void)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int fd = conf_socket(AF_INET, SOCK_STREAM);

	CHECK_OK(fd);
	CHECK_OK(conf_bind_loopback(fd, AF_INET, &ss, &len));
	CHECK_ERRNO(bind(fd, SA(ss), len), EINVAL);
	return 0;
}

/* sctp_do_bind(): sctp_get_port_local() finds the port taken */
static int bind_eaddrinuse(void)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int a = conf_socket(AF_INET, SOCK_STREAM), b = conf_socket(AF_INET, SOCK_SEQPACKET);

	CHECK_OK(a);
	CHECK_OK(b);
	CHECK_OK(conf_bind_loopback(a, AF_INET, &ss, &len));
	CHECK_OK(listen(a, 1));
	CHECK_ERRNO(bind(b, SA(ss), len), EADDRINUSE);
	return 0;
}

/* sctp_do_bind(): bind_verify() finds no such local address */
static int bind_eaddrnotavail(void)
{
	struct sockaddr_in a = v4("198.51.100.7", 0);
	int fd = conf_socket(AF_INET, SOCK_STREAM);

	CHECK_OK(fd);
	CHECK_ERRNO(bind(fd, SA(a), sizeof a), EADDRNOTAVAIL);
	return 0;
}

/* sctp_do_bind(): ports below ip_unprivileged_port_start need privilege */
static int drop_net_bind_service(void)
{
	struct __user_cap_header_struct h = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct d[2];

	if (syscall(SYS_capget, &h, d) < 0)
		return -1;
	d[0].effective &= ~(1u << CAP_NET_BIND_SERVICE);
	return (int)syscall(SYS_capset, &h, d);
}

static int bind_privileged_port_eacces(void)
{
	struct sockaddr_in a = v4("127.0.0.1", 7);
	int fd = conf_socket(AF_INET, SOCK_STREAM);

	/* root too, without CAP_NET_BIND_SERVICE (cap_net_bind_service()):
	 * the case runs in a child of its own, single-threaded */
	if (drop_net_bind_service() < 0) {
		conf_note("cannot drop CAP_NET_BIND_SERVICE: %s", strerror(errno));
		return CONF_SKIP;
	}
	CHECK_OK(fd);
	CHECK_ERRNO(bind(fd, SA(a), sizeof a), EACCES);
	return 0;
}

/* ---- listen(): __sys_listen(), sctp_inet_listen() ----------------------- */

/* backlog 0 "disables listening", which a socket not listening refuses */
static int listen_zero_not_listening_einval(void)
{
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET), fd1 = conf_socket(AF_INET, SOCK_STREAM);

	CHECK_OK(fd);
	CHECK_OK(fd1);
	CHECK_ERRNO(listen(fd, 0), EINVAL);
	CHECK_ERRNO(listen(fd1, 0), EINVAL);
	CHECK_OK(listen(fd, 4));
	CHECK_OK(listen(fd, 0));
	return 0;
}

/* __sys_listen() clamps a negative backlog to somaxconn */
static int listen_negative_backlog_ok(void)
{
	int fd = conf_socket(AF_INET, SOCK_STREAM);

	CHECK_OK(fd);
	CHECK_OK(listen(fd, -1));
	return 0;
}

/* sctp_inet_listen(): a connected socket (sock->state != SS_UNCONNECTED) */
static int listen_connected_einval(void)
{
	struct conf_pair p;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_STREAM));
	CHECK_ERRNO(listen(p.cli, 4), EINVAL);
	CHECK_ERRNO(listen(p.srv, 4), EINVAL);
	return 0;
}

/* sctp_inet_listen(): "Peeled-off sockets are not allowed to listen()" */
static int listen_peeled_off_einval(void)
{
	struct conf_pair p;
	int sd;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_SEQPACKET));
	CHECK_OK(sd = sctp_peeloff(p.srv, p.srv_id));
	CHECK_ERRNO(listen(sd, 4), EINVAL);
	return 0;
}

/* ---- accept(): __sys_accept4(), sctp_accept() ----------------------------- */

static int accept_one_to_many_eopnotsupp(void)
{
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET);

	CHECK_OK(fd);
	CHECK_OK(listen(fd, 4));
	CHECK_ERRNO(accept(fd, NULL, NULL), EOPNOTSUPP);
	return 0;
}

static int accept_not_listening_einval(void)
{
	int fd = conf_socket(AF_INET, SOCK_STREAM);

	CHECK_OK(fd);
	CHECK_ERRNO(accept(fd, NULL, NULL), EINVAL);
	return 0;
}

static int accept4_bad_flags_einval(void)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int fd = listener(&ss, &len);

	CHECK_OK(fd);
	CHECK_ERRNO(accept4(fd, NULL, NULL, 0x4000), EINVAL);
	return 0;
}

static int accept_nonblock_eagain(void)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int fd = listener(&ss, &len);

	CHECK_OK(fd);
	CHECK_OK(fcntl(fd, F_SETFL, O_NONBLOCK));
	CHECK_ERRNO(accept(fd, NULL, NULL), EAGAIN);
	return 0;
}

/* move_addr_to_user() after the accept: the new socket is dropped */
static int accept_efault(void)
{
	struct sockaddr_storage ss, peer;
	socklen_t len, plen = sizeof peer;
	int fd = listener(&ss, &len), cli = conf_socket(AF_INET, SOCK_STREAM);
	int cli2 = conf_socket(AF_INET, SOCK_STREAM);

	SKIP_UNDER_ASAN();
	CHECK_OK(fd);
	CHECK_OK(cli);
	CHECK_OK(cli2);
	CHECK_OK(connect(cli, SA(ss), len));
	CHECK_OK(connect(cli2, SA(ss), len));
	CHECK_OK(wait_fd(fd, POLLIN));
	CHECK_ERRNO(accept(fd, SA(peer), BAD), EFAULT);
	CHECK_OK(wait_fd(fd, POLLIN));
	CHECK_ERRNO(accept(fd, BAD, &plen), EFAULT);
	return 0;
}

static int accept_negative_len_einval(void)
{
	struct sockaddr_storage ss, peer;
	socklen_t len, plen = (socklen_t)-1;
	int fd = listener(&ss, &len), cli = conf_socket(AF_INET, SOCK_STREAM);

	CHECK_OK(fd);
	CHECK_OK(cli);
	CHECK_OK(connect(cli, SA(ss), len));
	CHECK_OK(wait_fd(fd, POLLIN));
	CHECK_ERRNO(accept(fd, SA(peer), &plen), EINVAL);
	return 0;
}

/* ---- connect(): sctp_inet_connect(), sctp_connect(), __sctp_connect() -- */

static int connect_efault(void)
{
	int fd = conf_socket(AF_INET, SOCK_STREAM);

	CHECK_OK(fd);
	CHECK_ERRNO(connect(fd, BAD, sizeof(struct sockaddr_in)), EFAULT);
	CHECK_ERRNO(connect(fd, NULL, sizeof(struct sockaddr_in)), EFAULT);
	return 0;
}

static int connect_bad_length_einval(void)
{
	struct sockaddr_in a = v4("127.0.0.1", 9);
	int fd = conf_socket(AF_INET, SOCK_STREAM);

	CHECK_OK(fd);
	CHECK_ERRNO(connect(fd, SA(a), 0), EINVAL);
	CHECK_ERRNO(connect(fd, SA(a), 1), EINVAL);
	CHECK_ERRNO(connect(fd, SA(a), 8), EINVAL);
	CHECK_ERRNO(connect(fd, SA(a), 200), EINVAL);
	return 0;
}

static int connect_unspec_eopnotsupp(void)
{
	struct sockaddr_in a = v4("127.0.0.1", 9);
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET);

	CHECK_OK(fd);
	a.sin_family = AF_UNSPEC;
	CHECK_ERRNO(connect(fd, SA(a), sizeof a), EOPNOTSUPP);
	return 0;
}

/* sctp_verify_addr(): family not the socket's, or not a unicast address */
static int connect_bad_address_einval(void)
{
	struct sockaddr_in6 a6 = v6("::1", 9);
	struct sockaddr_in mc = v4("224.0.0.1", 9), bc = v4("255.255.255.255", 9);
	int fd = conf_socket(AF_INET, SOCK_STREAM);

	CHECK_OK(fd);
	CHECK_ERRNO(connect(fd, SA(a6), sizeof a6), EINVAL);
	CHECK_ERRNO(connect(fd, SA(mc), sizeof mc), EINVAL);
	CHECK_ERRNO(connect(fd, SA(bc), sizeof bc), EINVAL);
	return 0;
}

/* __sctp_connect(): ESTABLISHED, or a one-to-one socket listening */
static int connect_eisconn(void)
{
	struct conf_pair p;
	struct sockaddr_storage ss;
	socklen_t len;
	int lsn;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_STREAM));
	CHECK_ERRNO(connect(p.cli, SA(p.srv_addr), p.srv_addr_len), EISCONN);
	CHECK_OK(lsn = listener(&ss, &len));
	CHECK_ERRNO(connect(lsn, SA(p.srv_addr), p.srv_addr_len), EISCONN);
	return 0;
}

/* __sctp_connect(): an association to that peer exists and is up */
static int connect_one_to_many_same_peer_eisconn(void)
{
	struct conf_pair p;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_SEQPACKET));
	CHECK_ERRNO(connect(p.cli, SA(p.srv_addr), p.srv_addr_len), EISCONN);
	return 0;
}

/* __sctp_connect(): one still being set up gives EALREADY */
static int connect_again_ealready(void)
{
	struct sockaddr_in a = v4("198.51.100.7", 9);
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, IPPROTO_SCTP);

	CHECK_OK(fd);
	CHECK_ERRNO(connect(fd, SA(a), sizeof a), EINPROGRESS);
	CHECK_ERRNO(connect(fd, SA(a), sizeof a), EALREADY);
	return 0;
}

static int connect_refused(void)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int fd = conf_socket(AF_INET, SOCK_STREAM), cli = conf_socket(AF_INET, SOCK_STREAM);

	CHECK_OK(fd);
	CHECK_OK(cli);
	CHECK_OK(conf_bind_loopback(fd, AF_INET, &ss, &len));  /* bound, not listening */
	CHECK_ERRNO(connect(cli, SA(ss), len), ECONNREFUSED);
	return 0;
}

/* ---- getsockname / getpeername: move_addr_to_user(), inet_getname() ----- */

static int getsockname_efault(void)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;
	int fd = conf_socket(AF_INET, SOCK_STREAM);

	SKIP_UNDER_ASAN();
	CHECK_OK(fd);
	CHECK_ERRNO(getsockname(fd, SA(ss), NULL), EFAULT);
	CHECK_ERRNO(getsockname(fd, SA(ss), BAD), EFAULT);
	CHECK_ERRNO(getsockname(fd, BAD, &len), EFAULT);
	len = sizeof ss;
	CHECK_ERRNO(getsockname(fd, NULL, &len), EFAULT);
	return 0;
}

/* nothing to copy when *len is 0: only the full length is written */
static int getsockname_zero_length_ok(void)
{
	socklen_t len = 0;
	int fd = conf_socket(AF_INET, SOCK_STREAM);

	CHECK_OK(fd);
	CHECK_OK(getsockname(fd, NULL, &len));
	CHECK(len == sizeof(struct sockaddr_in));
	return 0;
}

static int getsockname_negative_length_einval(void)
{
	struct sockaddr_storage ss;
	socklen_t len = (socklen_t)-1;
	int fd = conf_socket(AF_INET, SOCK_STREAM);

	CHECK_OK(fd);
	CHECK_ERRNO(getsockname(fd, SA(ss), &len), EINVAL);
	len = (socklen_t)-1;
	CHECK_ERRNO(getpeername(fd, SA(ss), &len), ENOTCONN);  /* getname() comes first */
	return 0;
}

/* inet_getname(): a one-to-many socket is never "connected" (its state
 * stays CLOSED), nor is a listener or an unconnected one-to-one socket */
static int getpeername_enotconn(void)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;
	struct conf_pair p;
	int fd = conf_socket(AF_INET, SOCK_STREAM);

	CHECK_OK(fd);
	CHECK_ERRNO(getpeername(fd, SA(ss), &len), ENOTCONN);
	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_SEQPACKET));
	len = sizeof ss;
	CHECK_ERRNO(getpeername(p.cli, SA(ss), &len), ENOTCONN);
	CHECK_ERRNO(getpeername(p.lsn, SA(ss), &len), ENOTCONN);
	return 0;
}

static int getpeername_efault(void)
{
	struct conf_pair p;
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;

	SKIP_UNDER_ASAN();
	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_STREAM));
	CHECK_ERRNO(getpeername(p.cli, SA(ss), BAD), EFAULT);
	CHECK_ERRNO(getpeername(p.cli, BAD, &len), EFAULT);
	return 0;
}

/* ---- shutdown(): inet_shutdown(), sctp_shutdown() ------------------------ */

static int shutdown_bad_how_einval(void)
{
	int fd = conf_socket(AF_INET, SOCK_STREAM);

	CHECK_OK(fd);
	CHECK_ERRNO(shutdown(fd, 3), EINVAL);
	CHECK_ERRNO(shutdown(fd, -1), EINVAL);
	return 0;
}

/* inet_shutdown(): a socket in CLOSED state is not connected; one-to-many
 * sockets stay CLOSED (ENOTCONN even with associations) */
static int shutdown_not_connected_enotconn(void)
{
	int fd = conf_socket(AF_INET, SOCK_STREAM), fdm = conf_socket(AF_INET, SOCK_SEQPACKET);

	CHECK_OK(fd);
	CHECK_OK(fdm);
	CHECK_ERRNO(shutdown(fd, SHUT_WR), ENOTCONN);
	CHECK_ERRNO(shutdown(fdm, SHUT_RDWR), ENOTCONN);
	return 0;
}

/* inet_shutdown(): a listener ignores SHUT_WR; SHUT_RD would disconnect,
 * which sctp_disconnect() does not support */
static int shutdown_listening(void)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int fd = listener(&ss, &len);

	CHECK_OK(fd);
	CHECK_OK(shutdown(fd, SHUT_WR));
	CHECK_ERRNO(shutdown(fd, SHUT_RD), EOPNOTSUPP);
	return 0;
}

static int shutdown_connected_ok(void)
{
	struct conf_pair p;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_STREAM));
	CHECK_OK(shutdown(p.cli, SHUT_WR));
	return 0;
}

static int close_twice_ebadf(void)
{
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET);

	CHECK_OK(fd);
	CHECK_OK(close(fd));
	CHECK_ERRNO(close(fd), EBADF);
	CHECK_ERRNO(bind(fd, NULL, 0), EBADF);
	return 0;
}

/* ---- the receive calls: sctp_recvmsg(), ____sys_recvmsg() --------------- */

/* sctp_recvmsg(): a one-to-one socket not ESTABLISHED/CLOSING/CLOSED */
static int recv_not_connected_enotconn(void)
{
	struct sockaddr_storage ss;
	socklen_t len;
	char buf[16];
	struct iovec iov = { buf, sizeof buf };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	int fd = conf_socket(AF_INET, SOCK_STREAM), lsn = listener(&ss, &len);

	CHECK_OK(fd);
	CHECK_OK(lsn);
	CHECK_ERRNO(recv(fd, buf, sizeof buf, MSG_DONTWAIT), ENOTCONN);
	CHECK_ERRNO(read(fd, buf, sizeof buf), ENOTCONN);
	CHECK_ERRNO(recvmsg(fd, &m, 0), ENOTCONN);
	CHECK_ERRNO(recvfrom(lsn, buf, sizeof buf, 0, NULL, NULL), ENOTCONN);
	CHECK_ERRNO(readv(lsn, &iov, 1), ENOTCONN);
	return 0;
}

static int recv_one_to_many_nothing_eagain(void)
{
	char buf[16];
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET);

	CHECK_OK(fd);
	CHECK_ERRNO(recv(fd, buf, sizeof buf, MSG_DONTWAIT), EAGAIN);
	CHECK_OK(fcntl(fd, F_SETFL, O_NONBLOCK));
	CHECK_ERRNO(read(fd, buf, sizeof buf), EAGAIN);
	return 0;
}

/* sctp_recvmsg(): MSG_ERRQUEUE reads the (empty) error queue */
static int recv_errqueue_eagain(void)
{
	char buf[16];
	int fd = conf_socket(AF_INET, SOCK_STREAM);

	CHECK_OK(fd);
	CHECK_ERRNO(recv(fd, buf, sizeof buf, MSG_ERRQUEUE), EAGAIN);
	return 0;
}

/* ____sys_recvmsg() copies the msghdr and the iovec array first */
static int recvmsg_efault(void)
{
	struct iovec iov = { BAD, 16 };
	struct msghdr m = { .msg_iov = BAD, .msg_iovlen = 1 };
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET);

	CHECK_OK(fd);
	CHECK_ERRNO(recvmsg(fd, BAD, MSG_DONTWAIT), EFAULT);
	CHECK_ERRNO(recvmsg(fd, NULL, MSG_DONTWAIT), EFAULT);
	CHECK_ERRNO(recvmsg(fd, &m, MSG_DONTWAIT), EFAULT);
	m.msg_iov = &iov;
	CHECK_ERRNO(recvmsg(fd, &m, MSG_DONTWAIT), EAGAIN);  /* the buffer is not touched yet */
	return 0;
}

static int recvmsg_too_many_iovecs_emsgsize(void)
{
	static struct iovec iov[1025];
	char b;
	struct msghdr m = { .msg_iov = iov, .msg_iovlen = 1025 };
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET);

	for (size_t i = 0; i < 1025; i++)
		iov[i] = (struct iovec){ &b, 1 };
	CHECK_OK(fd);
	CHECK_ERRNO(recvmsg(fd, &m, MSG_DONTWAIT), EMSGSIZE);
	{
		volatile int minus_one = -1;  /* the compiler would refuse the constant */

		CHECK_ERRNO(readv(fd, iov, minus_one), EINVAL);
	}
	return 0;
}

static int recvmmsg_efault(void)
{
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET);

	CHECK_OK(fd);
	CHECK_ERRNO(recvmmsg(fd, BAD, 1, MSG_DONTWAIT, NULL), EFAULT);
	return 0;
}

/* A message for a buffer the program cannot write: EFAULT (and Linux
 * drops the message, sctp_recvmsg() out_free) */
static int recv_bad_buffer_efault(void)
{
	struct conf_pair p;
	struct sockaddr_storage ss;
	char buf[16];

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_STREAM));
	CHECK(send(p.cli, "hello", 5, 0) == 5);
	CHECK(send(p.cli, "again", 5, 0) == 5);
	CHECK_OK(wait_fd(p.srv, POLLIN));
	CHECK_ERRNO(recv(p.srv, BAD, 16, 0), EFAULT);
	CHECK_OK(wait_fd(p.srv, POLLIN));
	/* __sys_recvfrom(): the address is copied out after the data */
	CHECK_ERRNO(recvfrom(p.srv, buf, sizeof buf, 0, BAD, &(socklen_t){ sizeof ss }), EFAULT);
	/* ... with its length, which must be readable (move_addr_to_user()) */
	CHECK_ERRNO(recvfrom(p.srv, buf, sizeof buf, MSG_DONTWAIT, (struct sockaddr *)&ss, BAD),
	            EFAULT);
	CHECK_ERRNO(recvfrom(p.srv, buf, sizeof buf, MSG_DONTWAIT, (struct sockaddr *)&ss, NULL),
	            EFAULT);
	return 0;
}

/* the fortified entry points take the same path */
extern ssize_t __recv_chk(int, void *, size_t, size_t, int);
extern ssize_t __recvfrom_chk(int, void *, size_t, size_t, int, struct sockaddr *, socklen_t *);
extern ssize_t __read_chk(int, void *, size_t, size_t);

static int recv_chk_same_errors(void)
{
	char buf[16];
	int fd = conf_socket(AF_INET, SOCK_STREAM), fdm = conf_socket(AF_INET, SOCK_SEQPACKET);

	CHECK_OK(fd);
	CHECK_OK(fdm);
	CHECK_ERRNO(__recv_chk(fd, buf, sizeof buf, sizeof buf, 0), ENOTCONN);
	CHECK_ERRNO(__read_chk(fd, buf, sizeof buf, sizeof buf), ENOTCONN);
	CHECK_ERRNO(__recvfrom_chk(fdm, buf, sizeof buf, sizeof buf, MSG_DONTWAIT, NULL, NULL),
	            EAGAIN);
	return 0;
}

/* ---- setsockopt / getsockopt in general ---------------------------------- */

#define LAST_SCTP_OPTION 135

/* sctp_setsockopt(): memdup_sockptr() of the value comes before the
 * switch, so every option number (known or not) gives EFAULT */
static int setsockopt_efault_every_option(void)
{
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET), fd1 = conf_socket(AF_INET, SOCK_STREAM);

	CHECK_OK(fd);
	CHECK_OK(fd1);
	for (int name = 0; name <= LAST_SCTP_OPTION; name++) {
		errno = 0;
		if (setsockopt(fd, SOL_SCTP, name, BAD, 64) != -1 || errno != EFAULT
		    || setsockopt(fd1, SOL_SCTP, name, BAD, 64) != -1 || errno != EFAULT) {
			conf_note("option %d: %s", name, strerror(errno));
			return 1;
		}
	}
	return 0;
}

/* sctp_getsockopt(): get_user(len, optlen) before the switch */
static int getsockopt_efault_every_option(void)
{
	char buf[512];
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET), fd1 = conf_socket(AF_INET, SOCK_STREAM);

	CHECK_OK(fd);
	CHECK_OK(fd1);
	for (int name = 0; name <= LAST_SCTP_OPTION; name++) {
		errno = 0;
		if (getsockopt(fd, SOL_SCTP, name, buf, BAD) != -1 || errno != EFAULT
		    || getsockopt(fd1, SOL_SCTP, name, buf, NULL) != -1 || errno != EFAULT) {
			conf_note("option %d: %s", name, strerror(errno));
			return 1;
		}
	}
	return 0;
}

/* A bad value pointer: never a crash nor a success.  Where the same call
 * with a good buffer succeeds, EFAULT; where it fails, the option may
 * refuse before it reads the value (that errno) or after (EFAULT). */
static int getsockopt_bad_value_every_option(void)
{
	int fds[2] = { conf_socket(AF_INET, SOCK_SEQPACKET), conf_socket(AF_INET, SOCK_STREAM) };

	CHECK_OK(fds[0]);
	CHECK_OK(fds[1]);
	for (int i = 0; i < 2; i++)
		for (int name = 0; name <= LAST_SCTP_OPTION; name++) {
			char buf[512];
			socklen_t len = sizeof buf;
			int r, good_errno;

			if (name == SCTP_SOCKOPT_PEELOFF || name == SCTP_SOCKOPT_PEELOFF_FLAGS
			    || name == SCTP_SOCKOPT_CONNECTX3)
				continue;  /* a zeroed argument means something: below */
			memset(buf, 0, sizeof buf);
			errno = 0;
			r = getsockopt(fds[i], SOL_SCTP, name, buf, &len);
			good_errno = r < 0 ? errno : 0;
			len = sizeof buf;
			errno = 0;
			r = getsockopt(fds[i], SOL_SCTP, name, BAD, &len);
			if (r != -1 || (errno != EFAULT && errno != good_errno)
			    || (good_errno == 0 && errno != EFAULT)) {
				conf_note("socket %d option %d: %d %s (good buffer: %s)", i, name, r,
				          strerror(errno), strerror(good_errno));
				return 1;
			}
		}
	return 0;
}

/* sctp_getsockopt(): a negative length, before the switch */
static int getsockopt_negative_length_einval(void)
{
	char buf[64];
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET);

	CHECK_OK(fd);
	for (int name = 0; name <= LAST_SCTP_OPTION; name++) {
		socklen_t len = (socklen_t)-1;

		errno = 0;
		if (getsockopt(fd, SOL_SCTP, name, buf, &len) != -1 || errno != EINVAL) {
			conf_note("option %d: %s", name, strerror(errno));
			return 1;
		}
	}
	return 0;
}

/* __sys_setsockopt(): a negative optlen, at every level */
static int setsockopt_negative_length_einval(void)
{
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET), v = 1;

	CHECK_OK(fd);
	CHECK_ERRNO(setsockopt(fd, SOL_SCTP, SCTP_NODELAY, &v, (socklen_t)-1), EINVAL);
	CHECK_ERRNO(setsockopt(fd, SOL_SCTP, 99, &v, (socklen_t)-1), EINVAL);
	CHECK_ERRNO(setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &v, (socklen_t)-1), EINVAL);
	CHECK_ERRNO(setsockopt(fd, SOL_SOCKET, SO_LINGER, &v, (socklen_t)-1), EINVAL);
	CHECK_ERRNO(setsockopt(fd, IPPROTO_IP, IP_TOS, &v, (socklen_t)-1), EINVAL);
	return 0;
}

/* numbers no SCTP option has */
static int unknown_options_enoprotoopt(void)
{
	static const int names[] = { 38, 50, 99, 103, 104, 105, 106, SCTP_SENDMSG_CONNECT,
	                             134, 135, 1000 };
	char buf[256];
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET);

	CHECK_OK(fd);
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		socklen_t len = sizeof buf;

		memset(buf, 0, sizeof buf);
		errno = 0;
		if (setsockopt(fd, SOL_SCTP, names[i], buf, sizeof buf) != -1 || errno != ENOPROTOOPT
		    || getsockopt(fd, SOL_SCTP, names[i], buf, &len) != -1 || errno != ENOPROTOOPT) {
			conf_note("option %d: %s", names[i], strerror(errno));
			return 1;
		}
	}
	return 0;
}

static int socket_level_efault(void)
{
	int fd = conf_socket(AF_INET, SOCK_STREAM), v;
	socklen_t len = sizeof v;
	static const int names[] = { SO_REUSEADDR, SO_LINGER, SO_SNDBUF, SO_RCVBUF, SO_KEEPALIVE,
	                             SO_RCVTIMEO, SO_SNDTIMEO };

	CHECK_OK(fd);
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		errno = 0;
		if (setsockopt(fd, SOL_SOCKET, names[i], BAD, 16) != -1 || errno != EFAULT) {
			conf_note("set SOL_SOCKET %d: %s", names[i], strerror(errno));
			return 1;
		}
	}
	CHECK_ERRNO(getsockopt(fd, SOL_SOCKET, SO_TYPE, BAD, &len), EFAULT);
	CHECK_ERRNO(getsockopt(fd, SOL_SOCKET, SO_ERROR, &v, BAD), EFAULT);
	CHECK_ERRNO(getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &v, NULL), EFAULT);
	CHECK_ERRNO(getsockopt(fd, SOL_SOCKET, SO_SNDBUF, BAD, &len), EFAULT);
	CHECK_ERRNO(getsockopt(fd, SOL_SOCKET, SO_LINGER, &v, BAD), EFAULT);
	len = (socklen_t)-1;
	CHECK_ERRNO(getsockopt(fd, SOL_SOCKET, SO_TYPE, &v, &len), EINVAL);
	return 0;
}

static int ip_level_efault(void)
{
	int fd = conf_socket(AF_INET, SOCK_STREAM), fd6 = conf_socket(AF_INET6, SOCK_STREAM), v;
	socklen_t len = sizeof v;

	CHECK_OK(fd);
	CHECK_OK(fd6);
	CHECK_ERRNO(setsockopt(fd, IPPROTO_IP, IP_TOS, BAD, sizeof v), EFAULT);
	CHECK_ERRNO(getsockopt(fd, IPPROTO_IP, IP_TOS, BAD, &len), EFAULT);
	CHECK_ERRNO(getsockopt(fd, IPPROTO_IP, IP_TOS, &v, BAD), EFAULT);
	CHECK_ERRNO(setsockopt(fd6, IPPROTO_IPV6, IPV6_V6ONLY, BAD, sizeof v), EFAULT);
	CHECK_ERRNO(getsockopt(fd6, IPPROTO_IPV6, IPV6_V6ONLY, BAD, &len), EFAULT);
	CHECK_ERRNO(getsockopt(fd6, IPPROTO_IPV6, IPV6_V6ONLY, &v, BAD), EFAULT);
	CHECK_ERRNO(setsockopt(fd6, IPPROTO_IPV6, IPV6_TCLASS, BAD, sizeof v), EFAULT);
	return 0;
}

/* ---- libsctp's address calls ---------------------------------------------- */

static int bindx_bad_arguments_einval(void)
{
	struct sockaddr_in a = v4("127.0.0.1", 0);
	struct sockaddr_in6 a6 = v6("::1", 0);
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET);

	CHECK_OK(fd);
	CHECK_ERRNO(sctp_bindx(fd, SA(a), 1, 0), EINVAL);   /* libsctp: flags */
	CHECK_ERRNO(sctp_bindx(fd, SA(a), 0, SCTP_BINDX_ADD_ADDR), EINVAL);
	/* sctp_do_bind(): not the socket's family */
	CHECK_ERRNO(sctp_bindx(fd, SA(a6), 1, SCTP_BINDX_ADD_ADDR), EINVAL);
	/* sctp_setsockopt_bindx(): an address cut short */
	CHECK_ERRNO(setsockopt(fd, SOL_SCTP, SCTP_SOCKOPT_BINDX_ADD, &a, sizeof a - 4), EINVAL);
	CHECK_ERRNO(setsockopt(fd, SOL_SCTP, SCTP_SOCKOPT_BINDX_ADD, &a, 1), EINVAL);
	a.sin_family = AF_UNIX;
	CHECK_ERRNO(setsockopt(fd, SOL_SCTP, SCTP_SOCKOPT_BINDX_ADD, &a, sizeof a), EINVAL);
	return 0;
}

static int bindx_efault(void)
{
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET);

	CHECK_OK(fd);
	CHECK_ERRNO(setsockopt(fd, SOL_SCTP, SCTP_SOCKOPT_BINDX_ADD, BAD, 16), EFAULT);
	CHECK_ERRNO(setsockopt(fd, SOL_SCTP, SCTP_SOCKOPT_BINDX_REM, BAD, 16), EFAULT);
	return 0;
}

/* sctp_do_bind(): a second port, or an address bound already */
static int bindx_add_conflicts_einval(void)
{
	struct sockaddr_storage ss;
	socklen_t len;
	struct sockaddr_in other;
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET);

	CHECK_OK(fd);
	CHECK_OK(conf_bind_loopback(fd, AF_INET, &ss, &len));
	CHECK_ERRNO(sctp_bindx(fd, SA(ss), 1, SCTP_BINDX_ADD_ADDR), EINVAL);
	other = v4("127.0.0.1", (uint16_t)(port_of(&ss) + 1));
	CHECK_ERRNO(sctp_bindx(fd, SA(other), 1, SCTP_BINDX_ADD_ADDR), EINVAL);
	return 0;
}

/* sctp_bindx_rem(): the last address stays (EBUSY), also when none is */
static int bindx_rem_last_ebusy(void)
{
	struct sockaddr_storage ss;
	socklen_t len;
	struct sockaddr_in a = v4("127.0.0.1", 0);
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET), fd2 = conf_socket(AF_INET, SOCK_SEQPACKET);

	CHECK_OK(fd);
	CHECK_OK(fd2);
	CHECK_ERRNO(sctp_bindx(fd2, SA(a), 1, SCTP_BINDX_REM_ADDR), EBUSY);
	CHECK_OK(conf_bind_loopback(fd, AF_INET, &ss, &len));
	CHECK_ERRNO(sctp_bindx(fd, SA(ss), 1, SCTP_BINDX_REM_ADDR), EBUSY);
	return 0;
}

/* A local IPv4 address other than the loopback's; 0 if none. */
static int second_ipv4(struct sockaddr_in *out)
{
	struct ifaddrs *ifs, *i;
	int found = 0;

	if (getifaddrs(&ifs) < 0)
		return 0;
	for (i = ifs; i && !found; i = i->ifa_next)
		if (i->ifa_addr && i->ifa_addr->sa_family == AF_INET) {
			memcpy(out, i->ifa_addr, sizeof *out);
			found = ntohl(out->sin_addr.s_addr) >> 24 != 127;
		}
	freeifaddrs(ifs);
	return found;
}

/* sctp_bindx_rem(): another port, or an address not bound, EINVAL; the
 * last address stays (EBUSY).  Needs a second local IPv4 address. */
static int bindx_rem_errors(void)
{
	struct sockaddr_storage ss;
	socklen_t len;
	struct sockaddr_in second, other = v4("127.0.0.2", 0);
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET);

	if (!second_ipv4(&second))
		return CONF_SKIP;
	CHECK_OK(fd);
	CHECK_OK(conf_bind_loopback(fd, AF_INET, &ss, &len));
	second.sin_port = htons(port_of(&ss));
	CHECK_OK(sctp_bindx(fd, SA(second), 1, SCTP_BINDX_ADD_ADDR));
	second.sin_port = htons((uint16_t)(port_of(&ss) + 1));
	CHECK_ERRNO(sctp_bindx(fd, SA(second), 1, SCTP_BINDX_REM_ADDR), EINVAL);
	CHECK_ERRNO(sctp_bindx(fd, SA(other), 1, SCTP_BINDX_REM_ADDR), EINVAL);
	second.sin_port = 0;  /* the bound port */
	CHECK_OK(sctp_bindx(fd, SA(second), 1, SCTP_BINDX_REM_ADDR));
	CHECK_ERRNO(sctp_bindx(fd, SA(ss), 1, SCTP_BINDX_REM_ADDR), EBUSY);
	return 0;
}

static int connectx_bad_arguments_einval(void)
{
	struct sockaddr_in a[2] = { v4("127.0.0.1", 9), v4("127.0.0.1", 10) };
	struct sockaddr_in6 a6 = v6("::1", 9);
	sctp_assoc_t id;
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET);

	CHECK_OK(fd);
	CHECK_ERRNO(sctp_connectx(fd, SA(a), 0, &id), EINVAL);
	CHECK_ERRNO(sctp_connectx(fd, SA(a6), 1, &id), EINVAL);
	/* __sctp_connect(): every address must have the first one's port */
	CHECK_ERRNO(sctp_connectx(fd, SA(a), 2, &id), EINVAL);
	CHECK_ERRNO(setsockopt(fd, SOL_SCTP, SCTP_SOCKOPT_CONNECTX, &a, 1), EINVAL);
	CHECK_ERRNO(setsockopt(fd, SOL_SCTP, SCTP_SOCKOPT_CONNECTX, &a, sizeof a[0] - 2), EINVAL);
	return 0;
}

static int connectx_efault(void)
{
	struct sctp_getaddrs_old p = { .assoc_id = 0, .addr_num = 16, .addrs = BAD };
	socklen_t len = sizeof p;
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET);

	CHECK_OK(fd);
	CHECK_ERRNO(setsockopt(fd, SOL_SCTP, SCTP_SOCKOPT_CONNECTX, BAD, 16), EFAULT);
	CHECK_ERRNO(setsockopt(fd, SOL_SCTP, SCTP_SOCKOPT_CONNECTX_OLD, BAD, 16), EFAULT);
	CHECK_ERRNO(getsockopt(fd, SOL_SCTP, SCTP_SOCKOPT_CONNECTX3, &p, &len), EFAULT);
	CHECK_ERRNO(getsockopt(fd, SOL_SCTP, SCTP_SOCKOPT_CONNECTX3, BAD, &len), EFAULT);
	len = sizeof p - 1;
	CHECK_ERRNO(getsockopt(fd, SOL_SCTP, SCTP_SOCKOPT_CONNECTX3, &p, &len), EINVAL);
	return 0;
}

/* sctp_do_peeloff(): no such association, or not a one-to-many socket */
static int peeloff_errors(void)
{
	sctp_peeloff_arg_t arg = { .associd = 1 };
	socklen_t len = sizeof arg - 1;
	struct conf_pair p;
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET), fd1 = conf_socket(AF_INET, SOCK_STREAM);

	CHECK_OK(fd);
	CHECK_OK(fd1);
	CHECK_ERRNO(sctp_peeloff(fd, 12345), EINVAL);
	CHECK_ERRNO(sctp_peeloff(fd1, 1), EINVAL);
	CHECK_ERRNO(getsockopt(fd, SOL_SCTP, SCTP_SOCKOPT_PEELOFF, &arg, &len), EINVAL);
	len = sizeof arg;
	CHECK_ERRNO(getsockopt(fd, SOL_SCTP, SCTP_SOCKOPT_PEELOFF, BAD, &len), EFAULT);
	len = sizeof(sctp_peeloff_flags_arg_t);
	CHECK_ERRNO(getsockopt(fd, SOL_SCTP, SCTP_SOCKOPT_PEELOFF_FLAGS, BAD, &len), EFAULT);
	/* and one that was peeled off already */
	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_SEQPACKET));
	CHECK_OK(sctp_peeloff(p.srv, p.srv_id));
	CHECK_ERRNO(sctp_peeloff(p.srv, p.srv_id), EINVAL);
	return 0;
}

/* sctp_getsockopt_peer_addrs(): sctp_id2assoc() finds no association */
static int getpaddrs_errors(void)
{
	struct sockaddr *addrs = NULL;
	struct sctp_getaddrs ga = { 0 };
	socklen_t len = sizeof ga - 1;
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET), fd1 = conf_socket(AF_INET, SOCK_STREAM);

	CHECK_OK(fd);
	CHECK_OK(fd1);
	CHECK(sctp_getpaddrs(fd, 0, &addrs) == -1 && errno == EINVAL);
	CHECK(sctp_getpaddrs(fd1, 0, &addrs) == -1 && errno == EINVAL);
	CHECK_ERRNO(getsockopt(fd, SOL_SCTP, SCTP_GET_PEER_ADDRS, &ga, &len), EINVAL);
	CHECK_ERRNO(getsockopt(fd, SOL_SCTP, SCTP_GET_LOCAL_ADDRS, &ga, &len), EINVAL);
	len = sizeof ga + 64;
	CHECK_ERRNO(getsockopt(fd, SOL_SCTP, SCTP_GET_PEER_ADDRS, BAD, &len), EFAULT);
	CHECK_ERRNO(getsockopt(fd, SOL_SCTP, SCTP_GET_LOCAL_ADDRS, BAD, &len), EFAULT);
	CHECK_ERRNO(getsockopt(fd, SOL_SCTP, SCTP_GET_LOCAL_ADDRS, &ga, BAD), EFAULT);
	return 0;
}

/* sctp_getsockopt_local_addrs(): a list that does not fit is ENOMEM */
static int getladdrs_short_buffer_enomem(void)
{
	struct sockaddr_storage ss;
	socklen_t sl;
	struct {
		struct sctp_getaddrs ga;
		char room[4];
	} b;
	socklen_t len = sizeof b;
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET);

	CHECK_OK(fd);
	CHECK_OK(conf_bind_loopback(fd, AF_INET, &ss, &sl));
	memset(&b, 0, sizeof b);
	CHECK_ERRNO(getsockopt(fd, SOL_SCTP, SCTP_GET_LOCAL_ADDRS, &b, &len), ENOMEM);
	return 0;
}

/* lksctp's sctp_opt_info() itself: options it does not know */
static int opt_info_errors(void)
{
	struct sctp_rtoinfo rto;
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET);

	CHECK_OK(fd);
	memset(&rto, 0, sizeof rto);
	CHECK(sctp_opt_info(fd, 0, SCTP_RTOINFO, &rto, BAD) == -1 && errno == EFAULT);
	CHECK(sctp_opt_info(fd, 12345, SCTP_STATUS, &rto, &(socklen_t){ sizeof rto }) == -1
	      && errno == EINVAL);
	return 0;
}

static const struct conf_case cases[] = {
	{ "socket-seqpacket-default-protocol", socket_seqpacket_default_protocol },
	{ "socket-wrong-type-eprotonosupport", socket_wrong_type_eprotonosupport },
	{ "socket-bad-arguments-einval", socket_bad_arguments_einval },
	{ "socket-bad-family-eafnosupport", socket_bad_family_eafnosupport },
	{ "socket-flags-taken", socket_flags_taken },
	{ "bind-efault", bind_efault },
	{ "bind-bad-length-einval", bind_bad_length_einval },
	{ "bind-wrong-family-einval", bind_wrong_family_einval },
	{ "bind-twice-einval", bind_twice_einval },
	{ "bind-eaddrinuse", bind_eaddrinuse },
	{ "bind-eaddrnotavail", bind_eaddrnotavail },
	{ "bind-privileged-port-eacces", bind_privileged_port_eacces },
	{ "listen-zero-not-listening-einval", listen_zero_not_listening_einval },
	{ "listen-negative-backlog-ok", listen_negative_backlog_ok },
	{ "listen-connected-einval", listen_connected_einval },
	{ "listen-peeled-off-einval", listen_peeled_off_einval },
	{ "accept-one-to-many-eopnotsupp", accept_one_to_many_eopnotsupp },
	{ "accept-not-listening-einval", accept_not_listening_einval },
	{ "accept4-bad-flags-einval", accept4_bad_flags_einval },
	{ "accept-nonblock-eagain", accept_nonblock_eagain },
	{ "accept-efault", accept_efault },
	{ "accept-negative-len-einval", accept_negative_len_einval },
	{ "connect-efault", connect_efault },
	{ "connect-bad-length-einval", connect_bad_length_einval },
	{ "connect-unspec-eopnotsupp", connect_unspec_eopnotsupp },
	{ "connect-bad-address-einval", connect_bad_address_einval },
	{ "connect-eisconn", connect_eisconn },
	{ "connect-one-to-many-same-peer-eisconn", connect_one_to_many_same_peer_eisconn },
	{ "connect-again-ealready", connect_again_ealready },
	{ "connect-refused", connect_refused },
	{ "getsockname-efault", getsockname_efault },
	{ "getsockname-zero-length-ok", getsockname_zero_length_ok },
	{ "getsockname-negative-length-einval", getsockname_negative_length_einval },
	{ "getpeername-enotconn", getpeername_enotconn },
	{ "getpeername-efault", getpeername_efault },
	{ "shutdown-bad-how-einval", shutdown_bad_how_einval },
	{ "shutdown-not-connected-enotconn", shutdown_not_connected_enotconn },
	{ "shutdown-listening", shutdown_listening },
	{ "shutdown-connected-ok", shutdown_connected_ok },
	{ "close-twice-ebadf", close_twice_ebadf },
	{ "recv-not-connected-enotconn", recv_not_connected_enotconn },
	{ "recv-one-to-many-nothing-eagain", recv_one_to_many_nothing_eagain },
	{ "recv-errqueue-eagain", recv_errqueue_eagain },
	{ "recvmsg-efault", recvmsg_efault },
	{ "recvmsg-too-many-iovecs-emsgsize", recvmsg_too_many_iovecs_emsgsize },
	{ "recvmmsg-efault", recvmmsg_efault },
	{ "recv-bad-buffer-efault", recv_bad_buffer_efault },
	{ "recv-chk-same-errors", recv_chk_same_errors },
	{ "setsockopt-efault-every-option", setsockopt_efault_every_option },
	{ "getsockopt-efault-every-option", getsockopt_efault_every_option },
	{ "getsockopt-bad-value-every-option", getsockopt_bad_value_every_option },
	{ "getsockopt-negative-length-einval", getsockopt_negative_length_einval },
	{ "setsockopt-negative-length-einval", setsockopt_negative_length_einval },
	{ "unknown-options-enoprotoopt", unknown_options_enoprotoopt },
	{ "socket-level-efault", socket_level_efault },
	{ "ip-level-efault", ip_level_efault },
	{ "bindx-bad-arguments-einval", bindx_bad_arguments_einval },
	{ "bindx-efault", bindx_efault },
	{ "bindx-add-conflicts-einval", bindx_add_conflicts_einval },
	{ "bindx-rem-last-ebusy", bindx_rem_last_ebusy },
	{ "bindx-rem-errors", bindx_rem_errors },
	{ "connectx-bad-arguments-einval", connectx_bad_arguments_einval },
	{ "connectx-efault", connectx_efault },
	{ "peeloff-errors", peeloff_errors },
	{ "getpaddrs-errors", getpaddrs_errors },
	{ "getladdrs-short-buffer-enomem", getladdrs_short_buffer_enomem },
	{ "opt-info-errors", opt_info_errors },
};

int main(int argc, char **argv)
{
	return conf_main(argc, argv, cases, sizeof cases / sizeof *cases);
}
