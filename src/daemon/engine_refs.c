/* SPDX-License-Identifier: MIT */
/*
 * usrsctp's reference count on a socket, read from outside.
 *
 * Debian's usrsctp 0.9.5 leaks one: its timer handler takes a reference on
 * the socket of the association it serves (to call the upcall at the end),
 * but the ASOCKILL case, which frees an association whose free had to
 * wait, leaves through a label past the release (sctp_timeout_handler's
 * "goto out_no_decr").  usrsctp_close() then never frees such a socket:
 * it keeps its port for as long as the daemon runs (found by uprobes on
 * the count's increments and decrements: a timer increment with no
 * decrement, right before that free).
 *
 * usrsctp has no call to read or drop the count.  struct socket keeps it
 * in its first member, so_count, in every usrsctp release; the daemon
 * checks that a fresh socket reads 1 there before trusting it, and drops
 * stray references with usrsctp_close() only once nothing can hold a real
 * one (engine_close.c).
 */
#define _GNU_SOURCE
#include "daemon/engine_int.h"

#include "daemon/log.h"

static bool layout_checked, layout_known;

void engine_refs_check(struct socket *fresh)
{
	if (layout_checked)
		return;
	layout_checked = true;
	layout_known = __atomic_load_n((const int *)fresh, __ATOMIC_ACQUIRE) == 1;
	if (!layout_known)
		log_warn("usrsctp's socket layout is not the one expected: references it "
			 "leaks are not dropped, and closed sockets may keep their ports");
}

int engine_socket_refs(struct socket *so)
{
	return layout_known ? __atomic_load_n((const int *)so, __ATOMIC_ACQUIRE) : 1;
}
