/* SPDX-License-Identifier: MIT */
/* The daemon-wide state and policy (daemon.h), in libengine so that every
 * program linking the engine, the unit tests included, has them. */
#include "daemon/daemon.h"

struct shimd shimd;

bool shimd_peer_allowed(uid_t uid)
{
	return uid == shimd.uid || uid == 0;
}
