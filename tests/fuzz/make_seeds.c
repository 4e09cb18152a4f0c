/* SPDX-License-Identifier: MIT */
/* Writes the seed corpus of the fuzz targets (tests/fuzz/corpus/<target>/):
 * one well-formed input per record type, option and cmsg, so the fuzzers
 * start past the header checks.  Run by hand when the protocol changes:
 *   cc -Iinclude -Isrc tests/fuzz/make_seeds.c src/wire/wire.c -o /tmp/seeds
 *   /tmp/seeds tests/fuzz/corpus */
#define _GNU_SOURCE
#include <netinet/in.h>
#include <netinet/sctp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "wire/wire.h"

static const char *dir;

static void put(const char *target, const char *name, const void *p, size_t len)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, target);
	mkdir(path, 0755);
	snprintf(path, sizeof path, "%s/%s/%s", dir, target, name);
	f = fopen(path, "wb");
	if (!f || fwrite(p, 1, len, f) != len) {
		perror(path);
		exit(1);
	}
	fclose(f);
}

/* header + body as one record */
static void record(const char *target, const char *name, uint16_t type, uint32_t flags,
		   const void *body, size_t len)
{
	uint8_t buf[4096];
	struct shim_hdr h;

	shim_hdr_init(&h, type, (uint32_t)(sizeof h + len), flags);
	memcpy(buf, &h, sizeof h);
	memcpy(buf + sizeof h, body, len);
	put(target, name, buf, sizeof h + len);
}

static struct shim_addr v4(uint16_t port)
{
	struct shim_addr a = { .family = AF_INET, .port = port };

	a.addr[0] = 127;
	a.addr[3] = 1;
	return a;
}

static void control(void)
{
	uint8_t b[2048];
	struct shim_hello hello = { .pid = 1 };
	struct shim_socket_req sock = { .family = AF_INET, .style = SHIM_STYLE_ONE_TO_MANY };
	struct shim_listen_req listen = { .backlog = 5 };
	struct shim_shutdown_req shut = { .how = 1 };
	struct shim_getaddrs_req ga = { .which = 1, .assoc_id = 3 };
	struct shim_peeloff_req po = { .assoc_id = 3 };
	struct shim_addrs_req *ar = (void *)b;
	struct shim_opt_req o = { .opt = SHIM_OPT_RTOINFO, .assoc_id = 0, .scope = 0 };
	struct shim_optval v;
	/* Linux option names the library reads answers for */
	static const int names[] = {
		SCTP_RTOINFO, SCTP_ASSOCINFO, SCTP_INITMSG, SCTP_NODELAY, SCTP_AUTOCLOSE,
		SCTP_PRIMARY_ADDR, SCTP_ADAPTATION_LAYER, SCTP_DISABLE_FRAGMENTS,
		SCTP_PEER_ADDR_PARAMS, SCTP_DEFAULT_SEND_PARAM, SCTP_EVENTS,
		SCTP_I_WANT_MAPPED_V4_ADDR, SCTP_MAXSEG, SCTP_STATUS, SCTP_GET_PEER_ADDR_INFO,
		SCTP_DELAYED_ACK_TIME, SCTP_CONTEXT, SCTP_FRAGMENT_INTERLEAVE,
		SCTP_PARTIAL_DELIVERY_POINT, SCTP_MAX_BURST, SCTP_PEER_AUTH_CHUNKS,
		SCTP_LOCAL_AUTH_CHUNKS, SCTP_GET_ASSOC_NUMBER, SCTP_GET_ASSOC_ID_LIST,
		SCTP_AUTO_ASCONF, SCTP_PEER_ADDR_THLDS, SCTP_RECVRCVINFO, SCTP_RECVNXTINFO,
		SCTP_DEFAULT_SNDINFO, SCTP_DEFAULT_PRINFO, SCTP_PR_ASSOC_STATUS,
		SCTP_PR_STREAM_STATUS, SCTP_ENABLE_STREAM_RESET, SCTP_STREAM_SCHEDULER,
		SCTP_STREAM_SCHEDULER_VALUE, SCTP_INTERLEAVING_SUPPORTED, SCTP_REUSE_PORT,
		SCTP_EVENT, SCTP_ASCONF_SUPPORTED, SCTP_AUTH_SUPPORTED, SCTP_ECN_SUPPORTED,
		SCTP_PR_SUPPORTED, SCTP_RECONFIG_SUPPORTED, SCTP_EXPOSE_POTENTIALLY_FAILED_STATE,
		SCTP_REMOTE_UDP_ENCAPS_PORT, SCTP_PLPMTUD_PROBE_INTERVAL, SCTP_GET_ASSOC_STATS,
		SCTP_AUTH_ACTIVE_KEY, SCTP_HMAC_IDENT,
	};
	char name[64];

	record("control", "hello", SHIM_REQ_HELLO, 0, &hello, sizeof hello);
	record("control", "socket", SHIM_REQ_SOCKET, 0, &sock, sizeof sock);
	record("control", "listen", SHIM_REQ_LISTEN, 0, &listen, sizeof listen);
	record("control", "shutdown", SHIM_REQ_SHUTDOWN, 0, &shut, sizeof shut);
	record("control", "getaddrs", SHIM_REQ_GETADDRS, 0, &ga, sizeof ga);
	record("control", "peeloff", SHIM_REQ_PEELOFF, 0, &po, sizeof po);
	record("control", "status", SHIM_REQ_STATUS, 0, NULL, 0);
	record("control", "linger-wait", SHIM_REQ_LINGER_WAIT, 0, NULL, 0);
	record("control", "linger-closed", SHIM_REQ_LINGER_CLOSED, 0, NULL, 0);
	memset(b, 0, sizeof b);
	ar->count = 2;
	ar->addrs[0] = v4(5000);
	ar->addrs[1] = v4(5000);
	ar->addrs[1].family = AF_INET6;
	record("control", "bind", SHIM_REQ_BIND, 0, b, shim_addrs_size(2));
	record("control", "connect", SHIM_REQ_CONNECT, 0, b, shim_addrs_size(1));
	memset(&v, 0, sizeof v);
	v.addr = v4(5000);
	v.f[0] = 3000;
	v.f[1] = 60000;
	o.len = sizeof v + 8;
	memcpy(b, &o, sizeof o);
	memcpy(b + sizeof o, &v, sizeof v);
	memset(b + sizeof o + sizeof v, 1, 8);
	record("control", "setopt", SHIM_REQ_SETOPT, 0, b, sizeof o + o.len);
	/* GETOPT answers: flags = Linux name | optlen << 8 (| one-to-many) */
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		struct shim_reply r = { 0 };
		uint32_t len = sizeof r + sizeof v + 16;

		v.f[0] = 2;
		memcpy(b, &r, sizeof r);
		memcpy(b + sizeof r, &v, sizeof v);
		memset(b + sizeof r + sizeof v, 0, 16);
		b[sizeof r + sizeof v] = 1;
		snprintf(name, sizeof name, "getopt-reply-%d", names[i]);
		record("control", name, SHIM_REPLY,
		       (uint32_t)names[i] | 256u << 8 | (i & 1 ? 1u << 31 : 0), b, len);
	}
}

static void data(void)
{
	uint8_t b[1024];
	struct shim_msginfo info;
	struct shim_notify n;
	struct shim_accept acc = { .assoc_id = 1, .endpoint_id = 2, .peer = v4(5000) };
	struct shim_connected con = { .error = 111, .assoc_id = 1 };
	struct shim_error err = { .error = 104 };
	char name[64];

	memset(&info, 0, sizeof info);
	info.assoc_id = 1;
	info.stream = 2;
	info.flags = SHIM_MSG_EOR;
	info.cmsgs = ~0u;
	info.addr = v4(5000);
	memcpy(b, &info, sizeof info);
	memcpy(b + sizeof info, "hello", 5);
	record("data", "data", SHIM_DATA, 512, b, sizeof info + 5);
	record("data", "data-short-control", SHIM_DATA, 20, b, sizeof info + 5);
	for (uint16_t t = 0; t < 16; t++) {
		memset(&n, 0, sizeof n);
		n.type = t;
		n.assoc_id = 1;
		n.len = 8;
		n.addr = v4(5000);
		memcpy(b, &n, sizeof n);
		memset(b + sizeof n, 0x11, 8);
		snprintf(name, sizeof name, "notify-%u", t);
		record("data", name, SHIM_NOTIFY, 1, b, sizeof n + 8);
	}
	record("data", "accept", SHIM_ACCEPT, 0, &acc, sizeof acc);
	record("data", "connected", SHIM_CONNECTED, 0, &con, sizeof con);
	record("data", "error", SHIM_ERROR, 0, &err, sizeof err);
	record("data", "nudge", SHIM_NUDGE, 0, NULL, 0);
}

static void cmsg(const char *name, int type, const void *v, size_t len)
{
	uint8_t b[1 + CMSG_SPACE(256)];
	struct cmsghdr c = { .cmsg_len = CMSG_LEN(len), .cmsg_level = IPPROTO_SCTP,
			     .cmsg_type = type };

	memset(b, 0, sizeof b);
	memcpy(b + 1, &c, sizeof c);
	memcpy(b + 1 + CMSG_LEN(0), v, len);
	put("send_cmsgs", name, b, 1 + CMSG_SPACE(len));
}

static void send_cmsgs(void)
{
	struct sctp_sndrcvinfo sr = { .sinfo_stream = 1, .sinfo_flags = SCTP_UNORDERED };
	struct sctp_sndinfo si = { .snd_sid = 1, .snd_flags = SCTP_EOF };
	struct sctp_prinfo pr = { .pr_policy = SCTP_PR_SCTP_TTL, .pr_value = 100 };
	struct sctp_authinfo au = { .auth_keynumber = 1 };
	struct in_addr a4 = { htonl(INADDR_LOOPBACK) };
	struct in6_addr a6 = IN6ADDR_LOOPBACK_INIT;
	struct sctp_initmsg im = { .sinit_num_ostreams = 5 };

	cmsg("sndrcv", SCTP_SNDRCV, &sr, sizeof sr);
	cmsg("sndinfo", SCTP_SNDINFO, &si, sizeof si);
	cmsg("prinfo", SCTP_PRINFO, &pr, sizeof pr);
	cmsg("authinfo", SCTP_AUTHINFO, &au, sizeof au);
	cmsg("dstaddrv4", SCTP_DSTADDRV4, &a4, sizeof a4);
	cmsg("dstaddrv6", SCTP_DSTADDRV6, &a6, sizeof a6);
	cmsg("init", SCTP_INIT, &im, sizeof im);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s CORPUS_DIR\n", argv[0]);
		return 2;
	}
	dir = argv[1];
	mkdir(dir, 0755);
	control();
	data();
	send_cmsgs();
	return 0;
}
