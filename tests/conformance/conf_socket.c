/* SPDX-License-Identifier: MIT */
/* Conformance: the socket-level (SOL_SOCKET) and IPV6_V6ONLY options
 * programs use on SCTP sockets, and association ids that agree everywhere
 * (see conf.h). */
#include "conf.h"

#include <arpa/inet.h>
#include <unistd.h>

static int sock_get(int fd, int name)
{
	int v = -1;
	socklen_t len = sizeof v;

	if (getsockopt(fd, SOL_SOCKET, name, &v, &len) < 0)
		return -1;
	return v;
}

static int sock_set(int fd, int name, int v)
{
	return setsockopt(fd, SOL_SOCKET, name, &v, sizeof v);
}

static int type_protocol_domain(void)
{
	static const int families[] = { AF_INET, AF_INET6 };
	static const int styles[] = { SOCK_STREAM, SOCK_SEQPACKET };

	for (int f = 0; f < 2; f++)
		for (int s = 0; s < 2; s++) {
			int fd = conf_socket(families[f], styles[s]);

			CHECK_OK(fd);
			CHECK(sock_get(fd, SO_TYPE) == styles[s]);
			CHECK(sock_get(fd, SO_PROTOCOL) == IPPROTO_SCTP);
			CHECK(sock_get(fd, SO_DOMAIN) == families[f]);
			close(fd);
		}
	return 0;
}

static int acceptconn_after_listen(void)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;
	int fd = conf_socket(AF_INET, SOCK_STREAM);

	CHECK_OK(fd);
	CHECK(sock_get(fd, SO_ACCEPTCONN) == 0);
	CHECK_OK(conf_bind_loopback(fd, AF_INET, &ss, &len));
	CHECK_OK(listen(fd, 1));
	CHECK(sock_get(fd, SO_ACCEPTCONN) == 1);
	return 0;
}

static int error_zero_when_up(void)
{
	struct conf_pair p;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_STREAM));
	CHECK(sock_get(p.cli, SO_ERROR) == 0);
	CHECK(sock_get(p.srv, SO_ERROR) == 0);
	return 0;
}

/* Linux doubles the value given, for its bookkeeping overhead. */
static int buffers_doubled(void)
{
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET);

	CHECK_OK(fd);
	CHECK_OK(sock_set(fd, SO_RCVBUF, 65536));
	CHECK(sock_get(fd, SO_RCVBUF) == 131072);
	CHECK_OK(sock_set(fd, SO_SNDBUF, 65536));
	CHECK(sock_get(fd, SO_SNDBUF) == 131072);
	return 0;
}

/* A receive with nothing to read ends after SO_RCVTIMEO with EAGAIN. */
static int rcvtimeo_ends_wait(void)
{
	struct conf_pair p;
	struct timeval tv = { .tv_usec = 200 * 1000 }, out;
	socklen_t len = sizeof out;
	char buf[16];

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_STREAM));
	CHECK_OK(setsockopt(p.srv, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv));
	CHECK_OK(getsockopt(p.srv, SOL_SOCKET, SO_RCVTIMEO, &out, &len));
	CHECK(out.tv_sec == 0 && out.tv_usec == 200 * 1000);
	CHECK_ERRNO(recv(p.srv, buf, sizeof buf, 0), EAGAIN);
	return 0;
}

static int sndtimeo_set_get(void)
{
	struct timeval tv = { .tv_sec = 3 }, out;
	socklen_t len = sizeof out;
	int fd = conf_socket(AF_INET, SOCK_STREAM);

	CHECK_OK(fd);
	CHECK_OK(setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv));
	CHECK_OK(getsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &out, &len));
	CHECK(out.tv_sec == 3 && out.tv_usec == 0);
	return 0;
}

static int linger_set_get(void)
{
	struct linger l = { 1, 5 }, out;
	socklen_t len = sizeof out;
	int fd = conf_socket(AF_INET, SOCK_STREAM);

	CHECK_OK(fd);
	CHECK_OK(setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l));
	CHECK_OK(getsockopt(fd, SOL_SOCKET, SO_LINGER, &out, &len));
	CHECK(out.l_onoff == 1 && out.l_linger == 5);
	CHECK_ERRNO(setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l - 1), EINVAL);
	return 0;
}

static int boolean_options_kept(void)
{
	static const int names[] = { SO_REUSEADDR, SO_REUSEPORT, SO_KEEPALIVE };
	int fd = conf_socket(AF_INET, SOCK_STREAM);

	CHECK_OK(fd);
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		CHECK(sock_get(fd, names[i]) == 0);
		CHECK_OK(sock_set(fd, names[i], 7));
		CHECK(sock_get(fd, names[i]) == 1);
	}
	return 0;
}

/* Linux's AF_INET6 SCTP sockets are dual-stack unless IPV6_V6ONLY. */
static int v6only_default_off(void)
{
	int fd = conf_socket(AF_INET6, SOCK_SEQPACKET), v = -1;
	socklen_t len = sizeof v;

	CHECK_OK(fd);
	CHECK_OK(getsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &v, &len));
	CHECK(v == 0);
	v = 0;
	CHECK_OK(setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &v, sizeof v));
	return 0;
}

/* One association, one id: COMM_UP, SCTP_RCVINFO, SCTP_STATUS and the id
 * list of a one-to-many socket agree, for each of two associations. */
static int ids_agree_everywhere(void)
{
	struct conf_pair p;
	int on = 1, other;
	sctp_assoc_t second = 0;
	struct sctp_rcvinfo ri;
	struct sctp_status st;
	union sctp_notification n;
	socklen_t len;
	char buf[64];
	union {
		struct sctp_assoc_ids ids;
		char bytes[sizeof(struct sctp_assoc_ids) + 4 * sizeof(sctp_assoc_t)];
	} u;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_SEQPACKET));
	CHECK_OK(setsockopt(p.srv, IPPROTO_SCTP, SCTP_RECVRCVINFO, &on, sizeof on));
	CHECK_OK(other = conf_socket(AF_INET, SOCK_STREAM));
	CHECK_OK(connect(other, (struct sockaddr *)&p.srv_addr, p.srv_addr_len));
	while (!second) {
		CHECK(conf_wait_notification(p.srv, SCTP_ASSOC_CHANGE, &n, sizeof n) > 0);
		if (n.sn_assoc_change.sac_state == SCTP_COMM_UP)
			second = n.sn_assoc_change.sac_assoc_id;
	}
	CHECK(second != p.srv_id);
	CHECK(send(other, "second", 6, 0) == 6);
	CHECK(sctp_sendmsg(p.cli, "first", 5, (struct sockaddr *)&p.srv_addr, p.srv_addr_len,
	                   0, 0, 0, 0, 0) == 5);
	for (int got = 0; got < 2; got++) {
		memset(&ri, 0, sizeof ri);
		CHECK(conf_recv(p.srv, buf, sizeof buf, &ri, NULL) > 0);
		CHECK(ri.rcv_assoc_id == (buf[0] == 'f' ? p.srv_id : second));
	}
	memset(&st, 0, sizeof st);
	st.sstat_assoc_id = second;
	len = sizeof st;
	CHECK_OK(getsockopt(p.srv, IPPROTO_SCTP, SCTP_STATUS, &st, &len));
	CHECK(st.sstat_assoc_id == second);
	CHECK(st.sstat_primary.spinfo_assoc_id == second);
	memset(&u, 0, sizeof u);
	len = sizeof u;
	CHECK_OK(getsockopt(p.srv, IPPROTO_SCTP, SCTP_GET_ASSOC_ID_LIST, &u, &len));
	CHECK(u.ids.gaids_number_of_ids == 2);
	CHECK((u.ids.gaids_assoc_id[0] == p.srv_id && u.ids.gaids_assoc_id[1] == second)
	      || (u.ids.gaids_assoc_id[0] == second && u.ids.gaids_assoc_id[1] == p.srv_id));
	return 0;
}

static const struct conf_case cases[] = {
	{ "type-protocol-domain", type_protocol_domain },
	{ "acceptconn-after-listen", acceptconn_after_listen },
	{ "error-zero-when-up", error_zero_when_up },
	{ "buffers-doubled", buffers_doubled },
	{ "rcvtimeo-ends-wait", rcvtimeo_ends_wait },
	{ "sndtimeo-set-get", sndtimeo_set_get },
	{ "linger-set-get", linger_set_get },
	{ "boolean-options-kept", boolean_options_kept },
	{ "v6only-default-off", v6only_default_off },
	{ "ids-agree-everywhere", ids_agree_everywhere },
};

int main(int argc, char **argv)
{
	return conf_main(argc, argv, cases, sizeof cases / sizeof *cases);
}
