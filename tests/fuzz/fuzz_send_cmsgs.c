/* SPDX-License-Identifier: MIT */
/* libFuzzer target: a program's sendmsg() control data, parsed as Linux's
 * sctp_msghdr_parse would (pers_parse_send_cmsgs), before any of it
 * becomes a SHIM_DATA record.  The input is msg_control as is; the first
 * byte only chooses whether the length is the input's or a little less,
 * as a program may pass a msg_controllen shorter than its cmsgs. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "personality/personality.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pers_send_params p;
	size_t len;
	void *control;

	if (size < 1)
		return 0;
	len = size - 1;
	if (data[0] & 1 && len > 0)
		len -= data[0] % len;
	/* msg_control is aligned in any program that builds it with CMSG_* */
	control = aligned_alloc(sizeof(size_t), (size - 1 + sizeof(size_t)) & ~(sizeof(size_t) - 1));
	if (!control)
		return 0;
	memcpy(control, data + 1, size - 1);
	memset(&p, 0, sizeof p);
	pers_parse_send_cmsgs(control, len, &p);
	free(control);
	return 0;
}
