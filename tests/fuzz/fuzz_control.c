/* SPDX-License-Identifier: MIT */
/* libFuzzer target: one record on the control channel, decoded the way
 * both ends do.  The daemon checks a request's header and body and reads
 * its addresses and option value; the library checks a reply and turns a
 * GETOPT answer into the Linux option (the header's flags, meaningless in
 * a reply, choose the Linux option name and the program's optlen). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "personality/personality.h"
#include "wire/wire.h"

/* A field table covering every slot and an address, so the whole optval
 * goes through shim_fields_write/read. */
static const struct shim_field all_fields[] = {
	{ 0, 8, SHIM_FIELD_U }, { 8, 4, SHIM_FIELD_S }, { 12, 2, SHIM_FIELD_U },
	{ 14, 1, SHIM_FIELD_S }, { 0, 0, SHIM_FIELD_SKIP }, { 16, 8, SHIM_FIELD_S },
	{ 24, sizeof(struct sockaddr_storage), SHIM_FIELD_ADDR },
	{ 0, 0, SHIM_FIELD_END },
};

static void daemon_side(const struct shim_hdr *h, const uint8_t *body, size_t len)
{
	if (h->type >= SHIM_REPLY || shim_body_check(h->type, body, len) < 0)
		return;
	if (h->type == SHIM_REQ_BIND || h->type == SHIM_REQ_CONNECT) {
		struct shim_addrs_req r;
		struct shim_addr a;
		struct sockaddr_storage ss;

		memcpy(&r, body, sizeof r);
		for (uint32_t i = 0; i < r.count; i++) {
			memcpy(&a, body + sizeof r + i * sizeof a, sizeof a);
			shim_addr_to_sockaddr(&a, &ss);
		}
	} else if (h->type == SHIM_REQ_SETOPT || h->type == SHIM_REQ_GETOPT) {
		struct shim_opt_req o;
		struct shim_optval v, back;
		uint8_t c[24 + sizeof(struct sockaddr_storage)];

		memcpy(&o, body, sizeof o);
		if (o.len < sizeof v)
			return;
		memcpy(&v, body + sizeof o, sizeof v);
		memset(&back, 0, sizeof back);
		shim_fields_write(all_fields, &v, c);
		shim_fields_read(all_fields, c, &back);
	}
}

/* As src/lib/sockopt.c's get_sctp does with the daemon's answer. */
static void library_getopt(uint32_t flags, const uint8_t *body, size_t len)
{
	int name = (int)(flags & 0xff);
	socklen_t optlen = (socklen_t)((flags >> 8) & 0x3fff);
	struct shim_optval v;
	struct pers_opt o;
	uint8_t *local;

	if (len < sizeof v)
		return;
	memcpy(&v, body, sizeof v);
	local = calloc(1, (size_t)optlen + 512);
	if (!local)
		return;
	if (pers_getopt_prepare(name, local, optlen, (int)(flags >> 31), &o) == 0)
		pers_getopt_decode(name, &v, body + sizeof v, len - sizeof v, local, &optlen);
	free(local);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct shim_hdr h;
	const uint8_t *body;
	size_t len;

	if (shim_hdr_check(data, size, SHIM_CTRL_MAX) < 0)
		return 0;
	memcpy(&h, data, sizeof h);
	body = data + sizeof h;
	len = size - sizeof h;
	daemon_side(&h, body, len);
	if (h.type == SHIM_REPLY && shim_body_check(SHIM_REPLY, body, len) == 0)
		library_getopt(h.flags, body + sizeof(struct shim_reply),
			       len - sizeof(struct shim_reply));
	return 0;
}
