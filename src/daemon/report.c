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
	char local[80], peer[80];
	unsigned in_streams, out_streams;

	engine_describe(ep, local, sizeof local, peer, sizeof peer, &in_streams, &out_streams);
	fprintf(t->f, "%-6u %-11s %-5s %-12s %-30s %-30s %3u/%-3u %d\n", ep->id,
		ep->style == SHIM_STYLE_ONE_TO_ONE ? "one-to-one" : "one-to-many",
		ep->family == AF_INET6 ? "ipv6" : "ipv4", endpoint_state_name(ep),
		local, peer, in_streams, out_streams, (int)ep->owner_pid);
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
		"bytes out              %" PRIu64 "\n",
		endpoints_count(), s->endpoints, clients_count(), e.current,
		s->associations, e.active, e.passive, e.aborted,
		e.shutdowns, s->msgs_in, s->bytes_in, s->msgs_out, s->bytes_out);
	return finish(f, &buf, &len);
}
