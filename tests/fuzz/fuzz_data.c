/* SPDX-License-Identifier: MIT */
/* libFuzzer target: one record on a socket's data channel.  The daemon
 * reads SHIM_DATA (and the fence, nudge, cancel) from the program; the
 * library reads data, notifications, accepts, connect outcomes and errors
 * from the daemon and converts them to what Linux gives: receive cmsgs
 * and notifications, into buffers as short as a program may pass (the
 * header's flags, unused by these records' checks here, choose the
 * control buffer's size). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "personality/personality.h"
#include "wire/wire.h"

static void to_sockaddr(const struct shim_addr *a)
{
	struct sockaddr_storage ss;

	shim_addr_to_sockaddr(a, &ss);
}

static void data(const uint8_t *body, size_t len, uint32_t flags)
{
	struct shim_msginfo info;
	size_t cap = flags & 0x3ff;
	uint8_t *control = malloc(cap ? cap : 1);
	int truncated = 0;

	memcpy(&info, body, sizeof info);
	to_sockaddr(&info.addr);
	if (control) {
		pers_build_recv_cmsgs(&info, (int)(flags >> 31), control, cap, &truncated);
		free(control);
	}
}

static void notification(const uint8_t *body, size_t len, uint32_t flags)
{
	struct shim_notify n;
	size_t max, cap;
	uint8_t *out;

	memcpy(&n, body, sizeof n);
	max = pers_notification_max(n.len);
	/* the whole notification, and a buffer cut short */
	cap = flags & 1 ? max : max / 2;
	out = malloc(cap ? cap : 1);
	if (out) {
		pers_build_notification(&n, body + sizeof n, out, cap);
		free(out);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *rec, size_t size)
{
	struct shim_hdr h;
	const uint8_t *body;
	size_t len;

	if (shim_hdr_check(rec, size, SHIM_DATA_MAX) < 0)
		return 0;
	memcpy(&h, rec, sizeof h);
	body = rec + sizeof h;
	len = size - sizeof h;
	if (shim_body_check(h.type, body, len) < 0)
		return 0;
	switch (h.type) {
	case SHIM_DATA:
		data(body, len, h.flags);
		break;
	case SHIM_NOTIFY:
		notification(body, len, h.flags);
		break;
	case SHIM_ACCEPT: {
		struct shim_accept a;

		memcpy(&a, body, sizeof a);
		to_sockaddr(&a.peer);
		break;
	}
	default:
		break;
	}
	return 0;
}
