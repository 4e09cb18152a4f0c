/* SPDX-License-Identifier: MIT */
/* Conformance: the core SOL_SCTP options (see conf.h). */
#include "conf.h"

#include <unistd.h>

#define SO(fd, name, val) setsockopt((fd), IPPROTO_SCTP, (name), &(val), sizeof(val))

static int get(int fd, int name, void *val, socklen_t len)
{
	return getsockopt(fd, IPPROTO_SCTP, name, val, &len);
}

static int rtoinfo_set_get(void)
{
	int fd = conf_socket(AF_INET, SOCK_STREAM);
	struct sctp_rtoinfo in = { 0, 500, 10000, 200 }, out = { 0 };

	CHECK_OK(fd);
	CHECK_OK(SO(fd, SCTP_RTOINFO, in));
	CHECK_OK(get(fd, SCTP_RTOINFO, &out, sizeof out));
	CHECK(out.srto_initial == 500 && out.srto_max == 10000 && out.srto_min == 200);
	return 0;
}

static int rtoinfo_min_above_max(void)
{
	int fd = conf_socket(AF_INET, SOCK_STREAM);
	struct sctp_rtoinfo in = { 0, 0, 1000, 5000 };

	CHECK_OK(fd);
	CHECK_ERRNO(SO(fd, SCTP_RTOINFO, in), EINVAL);
	return 0;
}

static int rtoinfo_short(void)
{
	int fd = conf_socket(AF_INET, SOCK_STREAM);
	struct sctp_rtoinfo in = { 0, 500, 10000, 200 };

	CHECK_OK(fd);
	CHECK_ERRNO(setsockopt(fd, IPPROTO_SCTP, SCTP_RTOINFO, &in, sizeof in - 1), EINVAL);
	CHECK_ERRNO(get(fd, SCTP_RTOINFO, &in, sizeof in - 1), EINVAL);
	return 0;
}

static int rtoinfo_unknown_assoc_one_to_many(void)
{
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET);
	struct sctp_rtoinfo in = { 12345, 500, 10000, 200 };

	CHECK_OK(fd);
	CHECK_ERRNO(SO(fd, SCTP_RTOINFO, in), EINVAL);
	return 0;
}

static int rtoinfo_one_to_one_ignores_id(void)
{
	int fd = conf_socket(AF_INET, SOCK_STREAM);
	struct sctp_rtoinfo in = { 12345, 500, 10000, 200 };

	CHECK_OK(fd);
	CHECK_OK(SO(fd, SCTP_RTOINFO, in));
	return 0;
}

static int associnfo_set_get(void)
{
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET);
	struct sctp_assocparams in = { .sasoc_asocmaxrxt = 7, .sasoc_cookie_life = 30000 }, out;

	CHECK_OK(fd);
	CHECK_OK(SO(fd, SCTP_ASSOCINFO, in));
	memset(&out, 0, sizeof out);
	CHECK_OK(get(fd, SCTP_ASSOCINFO, &out, sizeof out));
	CHECK(out.sasoc_asocmaxrxt == 7 && out.sasoc_cookie_life == 30000);
	return 0;
}

/* INIT parameters take effect: the peer sees the streams asked for. */
static int initmsg_streams_negotiated(void)
{
	struct sctp_initmsg im = { .sinit_num_ostreams = 3, .sinit_max_instreams = 4 }, out;
	struct sockaddr_storage ss;
	struct sctp_status st;
	socklen_t len;
	int lsn = conf_socket(AF_INET, SOCK_STREAM), cli = conf_socket(AF_INET, SOCK_STREAM), srv;

	CHECK_OK(lsn);
	CHECK_OK(cli);
	CHECK_OK(SO(cli, SCTP_INITMSG, im));
	memset(&out, 0, sizeof out);
	CHECK_OK(get(cli, SCTP_INITMSG, &out, sizeof out));
	CHECK(out.sinit_num_ostreams == 3 && out.sinit_max_instreams == 4);
	CHECK_OK(conf_bind_loopback(lsn, AF_INET, &ss, &len));
	CHECK_OK(listen(lsn, 1));
	CHECK_OK(connect(cli, (struct sockaddr *)&ss, len));
	CHECK_OK(srv = accept(lsn, NULL, NULL));
	memset(&st, 0, sizeof st);
	CHECK_OK(get(cli, SCTP_STATUS, &st, sizeof st));
	CHECK(st.sstat_outstrms == 3 && st.sstat_instrms <= 4);
	memset(&st, 0, sizeof st);
	CHECK_OK(get(srv, SCTP_STATUS, &st, sizeof st));
	CHECK(st.sstat_instrms == 3);
	return 0;
}

static int nodelay_is_boolean(void)
{
	int fd = conf_socket(AF_INET, SOCK_STREAM), v = 5, out = -1;

	CHECK_OK(fd);
	CHECK_OK(SO(fd, SCTP_NODELAY, v));
	CHECK_OK(get(fd, SCTP_NODELAY, &out, sizeof out));
	CHECK(out == 1);
	CHECK_ERRNO(setsockopt(fd, IPPROTO_SCTP, SCTP_NODELAY, &v, 2), EINVAL);
	return 0;
}

static int autoclose_one_to_one_refused(void)
{
	int fd = conf_socket(AF_INET, SOCK_STREAM), v = 10;

	CHECK_OK(fd);
	CHECK_ERRNO(SO(fd, SCTP_AUTOCLOSE, v), EOPNOTSUPP);
	CHECK_ERRNO(get(fd, SCTP_AUTOCLOSE, &v, sizeof v), EOPNOTSUPP);
	return 0;
}

static int autoclose_set_get(void)
{
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET), v = 10, out = 0;

	CHECK_OK(fd);
	CHECK_OK(SO(fd, SCTP_AUTOCLOSE, v));
	CHECK_OK(get(fd, SCTP_AUTOCLOSE, &out, sizeof out));
	CHECK(out == 10);
	return 0;
}

/* Programs built against older headers pass shorter structs. */
static int events_every_size(void)
{
	struct sctp_event_subscribe ev;
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET);
	static const socklen_t sizes[] = { 8, 10, 11, 13, sizeof ev };
	socklen_t len = sizeof ev + 8;

	CHECK_OK(fd);
	memset(&ev, 1, sizeof ev);
	for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++)
		CHECK_OK(setsockopt(fd, IPPROTO_SCTP, SCTP_EVENTS, &ev, sizes[i]));
	CHECK_ERRNO(setsockopt(fd, IPPROTO_SCTP, SCTP_EVENTS, &ev, sizeof ev + 1), EINVAL);
	memset(&ev, 0, sizeof ev);
	CHECK_OK(getsockopt(fd, IPPROTO_SCTP, SCTP_EVENTS, &ev, &len));
	CHECK(len == sizeof ev);
	CHECK(ev.sctp_data_io_event == 1 && ev.sctp_association_event == 1);
	return 0;
}

static int event_set_get(void)
{
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET);
	struct sctp_event ev = { .se_type = SCTP_SHUTDOWN_EVENT, .se_on = 1 }, out;

	CHECK_OK(fd);
	CHECK_OK(SO(fd, SCTP_EVENT, ev));
	out = ev;
	out.se_on = 0;
	CHECK_OK(get(fd, SCTP_EVENT, &out, sizeof out));
	CHECK(out.se_on == 1);
	ev.se_type = 3;
	CHECK_ERRNO(SO(fd, SCTP_EVENT, ev), EINVAL);
	return 0;
}

static int maxseg_both_forms(void)
{
	int fd = conf_socket(AF_INET, SOCK_STREAM), v = 1000, out = 0;
	struct sctp_assoc_value av = { 0, 1200 };

	CHECK_OK(fd);
	CHECK_OK(SO(fd, SCTP_MAXSEG, v));
	CHECK_OK(get(fd, SCTP_MAXSEG, &out, sizeof out));
	CHECK(out == 1000);
	CHECK_OK(SO(fd, SCTP_MAXSEG, av));
	av.assoc_value = 0;
	CHECK_OK(get(fd, SCTP_MAXSEG, &av, sizeof av));
	CHECK(av.assoc_value == 1200);
	return 0;
}

static int max_burst_current_assoc(void)
{
	struct conf_pair p;
	struct sctp_assoc_value av = { SCTP_CURRENT_ASSOC, 7 };

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_SEQPACKET));
	CHECK_OK(SO(p.srv, SCTP_MAX_BURST, av));
	av.assoc_id = p.srv_id;
	av.assoc_value = 0;
	CHECK_OK(get(p.srv, SCTP_MAX_BURST, &av, sizeof av));
	CHECK(av.assoc_value == 7);
	/* getsockopt takes no CURRENT_ASSOC */
	av.assoc_id = SCTP_CURRENT_ASSOC;
	CHECK_ERRNO(get(p.srv, SCTP_MAX_BURST, &av, sizeof av), EINVAL);
	return 0;
}

static int context_set_get(void)
{
	struct conf_pair p;
	struct sctp_assoc_value av;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_SEQPACKET));
	av.assoc_id = p.srv_id;
	av.assoc_value = 42;
	CHECK_OK(SO(p.srv, SCTP_CONTEXT, av));
	av.assoc_value = 0;
	CHECK_OK(get(p.srv, SCTP_CONTEXT, &av, sizeof av));
	CHECK(av.assoc_value == 42);
	return 0;
}

/* A message sent without any cmsg takes the socket's defaults. */
static int default_sndinfo_used(void)
{
	struct conf_pair p;
	struct sctp_sndinfo si = { .snd_sid = 2, .snd_ppid = htonl(77) }, out;
	struct sctp_rcvinfo ri;
	char buf[64];
	int on = 1;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_STREAM));
	CHECK_OK(SO(p.cli, SCTP_DEFAULT_SNDINFO, si));
	memset(&out, 0, sizeof out);
	CHECK_OK(get(p.cli, SCTP_DEFAULT_SNDINFO, &out, sizeof out));
	CHECK(out.snd_sid == 2 && out.snd_ppid == htonl(77));
	CHECK_OK(SO(p.srv, SCTP_RECVRCVINFO, on));
	CHECK(send(p.cli, "hello", 5, 0) == 5);
	memset(&ri, 0, sizeof ri);
	CHECK(conf_recv(p.srv, buf, sizeof buf, &ri, NULL) == 5);
	CHECK(ri.rcv_sid == 2 && ri.rcv_ppid == htonl(77));
	return 0;
}

static int default_send_param_flags_checked(void)
{
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET);
	struct sctp_sndrcvinfo si = { .sinfo_flags = SCTP_SACK_IMMEDIATELY };

	CHECK_OK(fd);
	CHECK_ERRNO(SO(fd, SCTP_DEFAULT_SEND_PARAM, si), EINVAL);
	si.sinfo_flags = SCTP_UNORDERED;
	si.sinfo_stream = 1;
	si.sinfo_timetolive = 3000;
	CHECK_OK(SO(fd, SCTP_DEFAULT_SEND_PARAM, si));
	memset(&si, 0, sizeof si);
	CHECK_OK(get(fd, SCTP_DEFAULT_SEND_PARAM, &si, sizeof si));
	CHECK(si.sinfo_flags == SCTP_UNORDERED && si.sinfo_stream == 1);
	CHECK(si.sinfo_timetolive == 3000);
	return 0;
}

static int assoc_number_and_ids(void)
{
	struct conf_pair p;
	uint32_t n = 0;
	union {
		struct sctp_assoc_ids ids;
		char bytes[sizeof(struct sctp_assoc_ids) + 4 * sizeof(sctp_assoc_t)];
	} u;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_SEQPACKET));
	CHECK_OK(get(p.srv, SCTP_GET_ASSOC_NUMBER, &n, sizeof n));
	CHECK(n == 1);
	memset(&u, 0, sizeof u);
	CHECK_OK(get(p.srv, SCTP_GET_ASSOC_ID_LIST, &u, sizeof u));
	CHECK(u.ids.gaids_number_of_ids == 1 && u.ids.gaids_assoc_id[0] == p.srv_id);
	/* no room for the one id */
	CHECK_ERRNO(get(p.srv, SCTP_GET_ASSOC_ID_LIST, &u, sizeof(struct sctp_assoc_ids)), EINVAL);
	return 0;
}

static int assoc_number_one_to_one_refused(void)
{
	int fd = conf_socket(AF_INET, SOCK_STREAM);
	uint32_t n;

	CHECK_OK(fd);
	CHECK_ERRNO(get(fd, SCTP_GET_ASSOC_NUMBER, &n, sizeof n), EOPNOTSUPP);
	return 0;
}

static int delayed_sack_set_get(void)
{
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET);
	struct sctp_sack_info si = { 0, 100, 2 }, out = { 0 };

	CHECK_OK(fd);
	CHECK_OK(SO(fd, SCTP_DELAYED_SACK, si));
	CHECK_OK(get(fd, SCTP_DELAYED_SACK, &out, sizeof out));
	CHECK(out.sack_delay == 100 && out.sack_freq == 2);
	si.sack_delay = 600;
	CHECK_ERRNO(SO(fd, SCTP_DELAYED_SACK, si), EINVAL);
	return 0;
}

static int pd_point_bounded_by_rcvbuf(void)
{
	int fd = conf_socket(AF_INET, SOCK_STREAM), rcvbuf = 0;
	socklen_t l = sizeof rcvbuf;
	uint32_t v = 1000, out = 0;

	CHECK_OK(fd);
	CHECK_OK(SO(fd, SCTP_PARTIAL_DELIVERY_POINT, v));
	CHECK_OK(get(fd, SCTP_PARTIAL_DELIVERY_POINT, &out, sizeof out));
	CHECK(out == 1000);
	CHECK_OK(getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, &l));
	v = (uint32_t)rcvbuf / 2 + 1;
	CHECK_ERRNO(SO(fd, SCTP_PARTIAL_DELIVERY_POINT, v), EINVAL);
	return 0;
}

/* The indication set on one side reaches the other in its INIT. */
static int adaptation_layer_reaches_peer(void)
{
	struct sctp_setadaptation ad = { 0x1234 };
	struct sctp_event ev = { .se_type = SCTP_ADAPTATION_INDICATION, .se_on = 1 };
	struct sockaddr_storage ss;
	union sctp_notification n;
	socklen_t len;
	int lsn = conf_socket(AF_INET, SOCK_SEQPACKET), cli = conf_socket(AF_INET, SOCK_SEQPACKET);

	CHECK_OK(lsn);
	CHECK_OK(cli);
	CHECK_OK(SO(cli, SCTP_ADAPTATION_LAYER, ad));
	CHECK_OK(SO(lsn, SCTP_EVENT, ev));
	CHECK_OK(conf_bind_loopback(lsn, AF_INET, &ss, &len));
	CHECK_OK(listen(lsn, 1));
	CHECK_OK(connect(cli, (struct sockaddr *)&ss, len));
	CHECK(conf_wait_notification(lsn, SCTP_ADAPTATION_INDICATION, &n, sizeof n) > 0);
	CHECK(n.sn_adaptation_event.sai_adaptation_ind == 0x1234);
	return 0;
}

static int status_needs_assoc(void)
{
	int one = conf_socket(AF_INET, SOCK_STREAM), many = conf_socket(AF_INET, SOCK_SEQPACKET);
	struct sctp_status st = { .sstat_assoc_id = 12345 };

	CHECK_OK(one);
	CHECK_OK(many);
	CHECK_ERRNO(get(one, SCTP_STATUS, &st, sizeof st), EINVAL);
	CHECK_ERRNO(get(many, SCTP_STATUS, &st, sizeof st), EINVAL);
	return 0;
}

static int reuse_port_one_to_one_only(void)
{
	int many = conf_socket(AF_INET, SOCK_SEQPACKET), one = conf_socket(AF_INET, SOCK_STREAM);
	int v = 1, out = 0;
	struct sockaddr_storage ss;
	socklen_t len;

	CHECK_OK(many);
	CHECK_OK(one);
	CHECK_ERRNO(SO(many, SCTP_REUSE_PORT, v), EOPNOTSUPP);
	CHECK_OK(SO(one, SCTP_REUSE_PORT, v));
	CHECK_OK(get(one, SCTP_REUSE_PORT, &out, sizeof out));
	CHECK(out == 1);
	CHECK_OK(conf_bind_loopback(one, AF_INET, &ss, &len));
	CHECK_ERRNO(SO(one, SCTP_REUSE_PORT, v), EFAULT);
	return 0;
}

static int unknown_and_read_only(void)
{
	int fd = conf_socket(AF_INET, SOCK_STREAM), v = 1;
	struct sctp_status st;

	CHECK_OK(fd);
	CHECK_ERRNO(SO(fd, 9999, v), ENOPROTOOPT);
	memset(&st, 0, sizeof st);
	CHECK_ERRNO(SO(fd, SCTP_STATUS, st), ENOPROTOOPT);
	return 0;
}

/* Linux's defaults: net.sctp.addip_enable 0, ecn_enable 1, v4 mapped on,
 * INIT parameters 10 / 65535 / 8 / 60000 ms. */
static int linux_defaults(void)
{
	int fd = conf_socket(AF_INET6, SOCK_SEQPACKET), mapped = 0;
	struct sctp_initmsg im;
	struct sctp_assoc_value av = { 0, 99 };

	CHECK_OK(fd);
	CHECK_OK(get(fd, SCTP_ASCONF_SUPPORTED, &av, sizeof av));
	CHECK(av.assoc_value == 0);
	av.assoc_value = 99;
	CHECK_OK(get(fd, SCTP_ECN_SUPPORTED, &av, sizeof av));
	CHECK(av.assoc_value == 1);
	CHECK_OK(get(fd, SCTP_I_WANT_MAPPED_V4_ADDR, &mapped, sizeof mapped));
	CHECK(mapped == 1);
	CHECK_OK(get(fd, SCTP_INITMSG, &im, sizeof im));
	CHECK(im.sinit_num_ostreams == 10 && im.sinit_max_instreams == 65535);
	CHECK(im.sinit_max_attempts == 8 && im.sinit_max_init_timeo == 60000);
	return 0;
}

/* An AF_INET6 listener on the wildcard; an IPv4 client connects to it. */
static int v4_peer_family(int mapped)
{
	struct sockaddr_in6 any = { .sin6_family = AF_INET6 };
	struct sockaddr_in to = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	struct sockaddr_storage peer;
	socklen_t len = sizeof any;
	int lsn = conf_socket(AF_INET6, SOCK_STREAM), cli = conf_socket(AF_INET, SOCK_STREAM), srv;

	CHECK_OK(lsn);
	CHECK_OK(cli);
	CHECK_OK(SO(lsn, SCTP_I_WANT_MAPPED_V4_ADDR, mapped));
	CHECK_OK(bind(lsn, (struct sockaddr *)&any, sizeof any));
	CHECK_OK(getsockname(lsn, (struct sockaddr *)&any, &len));
	CHECK_OK(listen(lsn, 1));
	to.sin_port = any.sin6_port;
	CHECK_OK(connect(cli, (struct sockaddr *)&to, sizeof to));
	len = sizeof peer;
	CHECK_OK(srv = accept(lsn, (struct sockaddr *)&peer, &len));
	if (mapped) {
		struct sockaddr_in6 *p6 = (struct sockaddr_in6 *)&peer;

		CHECK(peer.ss_family == AF_INET6 && len == sizeof *p6);
		CHECK(IN6_IS_ADDR_V4MAPPED(&p6->sin6_addr));
	} else {
		CHECK(peer.ss_family == AF_INET && len == sizeof(struct sockaddr_in));
	}
	/* the accepted socket keeps the setting */
	len = sizeof peer;
	CHECK_OK(getpeername(srv, (struct sockaddr *)&peer, &len));
	CHECK(peer.ss_family == (mapped ? AF_INET6 : AF_INET));
	return 0;
}

static int v4mapped_on_by_default(void) { return v4_peer_family(1); }
static int v4mapped_off_native_v4(void) { return v4_peer_family(0); }

/* A one-to-many server with its options set before the association, and
 * a one-to-one client with its own; the server hears association changes. */
static int server_and_client(int *srv, int *cli, int srv_opt, const void *srv_val,
                             socklen_t srv_len, int cli_opt, const void *cli_val,
                             socklen_t cli_len)
{
	struct sctp_event ev = { .se_type = SCTP_ASSOC_CHANGE, .se_on = 1 };
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;

	*srv = conf_socket(AF_INET, SOCK_SEQPACKET);
	*cli = conf_socket(AF_INET, SOCK_STREAM);
	if (*srv < 0 || *cli < 0 || SO(*srv, SCTP_EVENT, ev) < 0)
		return -1;
	if (srv_opt && setsockopt(*srv, IPPROTO_SCTP, srv_opt, srv_val, srv_len) < 0)
		return -1;
	if (cli_opt && setsockopt(*cli, IPPROTO_SCTP, cli_opt, cli_val, cli_len) < 0)
		return -1;
	if (conf_bind_loopback(*srv, AF_INET, &ss, &len) < 0 || listen(*srv, 1) < 0
	    || connect(*cli, (struct sockaddr *)&ss, len) < 0)
		return -1;
	return 0;
}

/* An association idle for the autoclose time is shut down gracefully. */
static int autoclose_closes_idle(void)
{
	union sctp_notification n;
	int srv, cli, secs = 1;

	CHECK_OK(server_and_client(&srv, &cli, SCTP_AUTOCLOSE, &secs, sizeof secs, 0, NULL, 0));
	CHECK(conf_wait_notification(srv, SCTP_ASSOC_CHANGE, &n, sizeof n) > 0);
	CHECK(n.sn_assoc_change.sac_state == SCTP_COMM_UP);
	CHECK(conf_wait_notification(srv, SCTP_ASSOC_CHANGE, &n, sizeof n) > 0);
	CHECK(n.sn_assoc_change.sac_state == SCTP_SHUTDOWN_COMP);
	return 0;
}

/* With an association, SCTP_ECN_SUPPORTED reads what both ends negotiated. */
static int ecn_negotiated(void)
{
	union sctp_notification n;
	struct sctp_assoc_value off = { 0, 0 }, av;
	int srv, cli;

	CHECK_OK(server_and_client(&srv, &cli, 0, NULL, 0, SCTP_ECN_SUPPORTED, &off, sizeof off));
	CHECK(conf_wait_notification(srv, SCTP_ASSOC_CHANGE, &n, sizeof n) > 0);
	av.assoc_id = n.sn_assoc_change.sac_assoc_id;
	av.assoc_value = 99;
	CHECK_OK(get(srv, SCTP_ECN_SUPPORTED, &av, sizeof av));
	CHECK(av.assoc_value == 0);
	av.assoc_id = 0;
	CHECK_OK(get(srv, SCTP_ECN_SUPPORTED, &av, sizeof av));
	CHECK(av.assoc_value == 1);  /* the socket's own switch is unchanged */
	return 0;
}

static const struct conf_case cases[] = {
	{ "rtoinfo-set-get", rtoinfo_set_get },
	{ "rtoinfo-min-above-max", rtoinfo_min_above_max },
	{ "rtoinfo-short", rtoinfo_short },
	{ "rtoinfo-unknown-assoc-one-to-many", rtoinfo_unknown_assoc_one_to_many },
	{ "rtoinfo-one-to-one-ignores-id", rtoinfo_one_to_one_ignores_id },
	{ "associnfo-set-get", associnfo_set_get },
	{ "initmsg-streams-negotiated", initmsg_streams_negotiated },
	{ "nodelay-is-boolean", nodelay_is_boolean },
	{ "autoclose-one-to-one-refused", autoclose_one_to_one_refused },
	{ "autoclose-set-get", autoclose_set_get },
	{ "events-every-size", events_every_size },
	{ "event-set-get", event_set_get },
	{ "maxseg-both-forms", maxseg_both_forms },
	{ "max-burst-current-assoc", max_burst_current_assoc },
	{ "context-set-get", context_set_get },
	{ "default-sndinfo-used", default_sndinfo_used },
	{ "default-send-param-flags-checked", default_send_param_flags_checked },
	{ "assoc-number-and-ids", assoc_number_and_ids },
	{ "assoc-number-one-to-one-refused", assoc_number_one_to_one_refused },
	{ "delayed-sack-set-get", delayed_sack_set_get },
	{ "pd-point-bounded-by-rcvbuf", pd_point_bounded_by_rcvbuf },
	{ "adaptation-layer-reaches-peer", adaptation_layer_reaches_peer },
	{ "status-needs-assoc", status_needs_assoc },
	{ "reuse-port-one-to-one-only", reuse_port_one_to_one_only },
	{ "unknown-and-read-only", unknown_and_read_only },
	{ "linux-defaults", linux_defaults },
	{ "autoclose-closes-idle", autoclose_closes_idle },
	{ "ecn-negotiated", ecn_negotiated },
	{ "v4mapped-on-by-default", v4mapped_on_by_default },
	{ "v4mapped-off-native-v4", v4mapped_off_native_v4 },
};

int main(int argc, char **argv)
{
	return conf_main(argc, argv, cases, sizeof cases / sizeof *cases);
}
