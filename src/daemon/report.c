/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE
#include "daemon/report.h"

#include <inttypes.h>
#include <sys/socket.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "daemon/client.h"
#include "daemon/daemon.h"
#include "daemon/endpoint.h"
#include "daemon/engine.h"

/* The reply must fit one control record. */
#define REPORT_MAX (SHIM_CTRL_MAX - 256)

struct text {
	FILE *f;
	size_t lines;
};

static void status_line(struct endpoint *ep, void *arg)
{
	struct text *t = arg;
	struct engine_view v;

	engine_describe(ep, &v);
	fprintf(t->f, "%-6u %-11s %-5s %-12s %-30s %-30s %3u/%-3u %d\n", ep->id,
		ep->style == SHIM_STYLE_ONE_TO_ONE ? "one-to-one" : "one-to-many",
		ep->family == AF_INET6 ? "ipv6" : "ipv4", endpoint_state_name(ep),
		v.local, v.peer, v.in_streams, v.out_streams, (int)ep->owner_pid);
	if (v.has_assoc)
		fprintf(t->f, "       association %u: state 0x%x, peer rwnd %u, queued %u bytes, "
			"unacked %u, pending %u; primary %s %s, cwnd %u, srtt %u ms, rto %u ms, "
			"mtu %u\n",
			v.assoc_id, v.state, v.peer_rwnd, v.queued, v.unacked, v.pending, v.primary,
			v.path_active ? "active" : "inactive", v.cwnd, v.srtt_ms, v.rto_ms,
			v.mtu);
	t->lines++;
}

static void closing_line(const struct engine_closing_info *c, void *arg)
{
	struct text *t = arg;

	if (!t->lines++)
		fprintf(t->f, "closed, still ending their associations:\n"
			"%-6s %-11s %-6s %-6s %-8s %s\n", "id", "style", "port", "assocs", "seconds",
			"how");
	fprintf(t->f, "%-6u %-11s %-6u %-6u %-8u %s\n", c->id,
		c->one_to_many ? "one-to-many" : "one-to-one", c->port, c->associations,
		c->seconds, c->releasing ? "release" : c->aborted ? "abort" : "shutdown");
}

/* buf and len are only valid once the stream is closed */
static char *finish(FILE *f, char **buf, size_t *len)
{
	fclose(f);
	if (*buf && *len > REPORT_MAX) {
		(*buf)[REPORT_MAX - 1] = '\n';
		(*buf)[REPORT_MAX] = '\0';
	}
	return *buf;
}

char *report_status(void)
{
	char *buf = NULL;
	size_t len = 0;
	struct text t = { .f = open_memstream(&buf, &len) };

	if (!t.f)
		return NULL;
	fprintf(t.f, "sctpshimd pid %d, instance %s, socket @%s, UDP port %u, encapsulating to %u, "
		"%zu client(s), %zu endpoint(s)\n", (int)getpid(), shimd.instance,
		shimd.cfg.socket_name, shimd.cfg.udp_port, shimd.cfg.encap_port,
		clients_count(), endpoints_count());
	fprintf(t.f, "%-6s %-11s %-5s %-12s %-30s %-30s %-7s %s\n", "id", "style", "fam",
		"state", "local", "peer", "in/out", "pid");
	endpoints_foreach(status_line, &t);
	t.lines = 0;
	engine_closing_foreach(closing_line, &t);
	return finish(t.f, &buf, &len);
}

char *report_stats(void)
{
	const struct shimd_stats *s = &shimd.stats;
	struct engine_counters e;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return NULL;
	engine_counters(&e);
	fprintf(f,
		"endpoints open         %zu\n"
		"endpoints created      %" PRIu64 "\n"
		"clients                %zu\n"
		"associations now       %u\n"
		"associations up        %" PRIu64 "\n"
		"established active     %u\n"
		"established passive    %u\n"
		"aborted or lost        %u\n"
		"shutdowns              %u\n"
		"messages in            %" PRIu64 "\n"
		"bytes in               %" PRIu64 "\n"
		"messages out           %" PRIu64 "\n"
		"bytes out              %" PRIu64 "\n"
		"packets in             %u\n"
		"packets out            %u\n"
		"data chunks in         %u\n"
		"data chunks out        %u\n"
		"duplicate chunks in    %u\n"
		"retransmitted chunks   %u\n"
		"fast retransmitted     %u\n"
		"T3 timeouts            %u\n"
		"window probes          %u\n"
		"dropped for rwnd       %u\n"
		"out of the blue        %u\n"
		"checksum errors        %u\n"
		"packets not sent       %u\n"
		"unsent data resent     %u\n",
		endpoints_count(), s->endpoints, clients_count(), e.current,
		s->associations, e.active, e.passive, e.aborted,
		e.shutdowns, s->msgs_in, s->bytes_in, s->msgs_out, s->bytes_out,
		e.packets_in, e.packets_out, e.data_in, e.data_out, e.dup_data_in,
		e.retransmitted, e.fast_retransmitted, e.t3_expired, e.window_probes,
		e.dropped_rwnd, e.out_of_the_blue, e.checksum_errors, e.send_errors, e.unsent_kicks);
	return finish(f, &buf, &len);
}
