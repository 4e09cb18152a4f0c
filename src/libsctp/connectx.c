/* SPDX-License-Identifier: MIT */
/*
 * sctp_connectx(), in the three ABI versions libsctp has exported:
 *
 *   (unversioned) and VERS_1  int sctp_connectx(sd, addrs, addrcnt):
 *       setsockopt(SCTP_SOCKOPT_CONNECTX_OLD), 0 or -1;
 *   VERS_2  int sctp_connectx(sd, addrs, addrcnt, sctp_assoc_t *id):
 *       setsockopt(SCTP_SOCKOPT_CONNECTX), which returns the association
 *       id; old kernels without it get CONNECTX_OLD when no id is wanted;
 *   VERS_3 (the default)  the same prototype, first through
 *       getsockopt(SCTP_SOCKOPT_CONNECTX3), which also hands back the id
 *       of a non-blocking connect (EINPROGRESS), then as VERS_2.
 *
 * Programs linked against any libsctp keep the version they were linked
 * with; new links get VERS_3 (what <netinet/sctp.h> declares).
 */
#include <config.h>
#include "libsctp/libsctp.h"

#include <fcntl.h>

int connectx_v1(int sd, struct sockaddr *addrs, int addrcnt);
int connectx_v2(int sd, struct sockaddr *addrs, int addrcnt, sctp_assoc_t *id);
int connectx_v3(int sd, struct sockaddr *addrs, int addrcnt, sctp_assoc_t *id);

/* lksctp exports the first version twice: as the base (unversioned)
 * definition, which binaries linked before symbol versioning bind to,
 * and as VERS_1. */
__attribute__((symver("sctp_connectx@"), symver("sctp_connectx@VERS_1")))
int connectx_v1(int sd, struct sockaddr *addrs, int addrcnt)
{
	int size = libsctp_packed_size(addrs, addrcnt);

	if (size < 0)
		return -1;
	return setsockopt(sd, SOL_SCTP, SCTP_SOCKOPT_CONNECTX_OLD, addrs, (socklen_t)size);
}

static int connectx_setsockopt(int sd, struct sockaddr *addrs, int size, sctp_assoc_t *id)
{
	int r = setsockopt(sd, SOL_SCTP, SCTP_SOCKOPT_CONNECTX, addrs, (socklen_t)size);

	if (r >= 0) {
		if (id)
			*id = r;
		return 0;
	}
	/* A kernel older than SCTP_SOCKOPT_CONNECTX cannot tell the id. */
	if (errno != ENOPROTOOPT || id)
		return -1;
	return setsockopt(sd, SOL_SCTP, SCTP_SOCKOPT_CONNECTX_OLD, addrs, (socklen_t)size);
}

__attribute__((symver("sctp_connectx@VERS_2")))
int connectx_v2(int sd, struct sockaddr *addrs, int addrcnt, sctp_assoc_t *id)
{
	int size = libsctp_packed_size(addrs, addrcnt);

	if (size < 0)
		return -1;
	return connectx_setsockopt(sd, addrs, size, id);
}

__attribute__((symver("sctp_connectx@@VERS_3")))
int connectx_v3(int sd, struct sockaddr *addrs, int addrcnt, sctp_assoc_t *id)
{
	int size = libsctp_packed_size(addrs, addrcnt);
	struct sctp_getaddrs_old req;
	socklen_t len = sizeof req;
	int r, fl;

	if (size < 0)
		return -1;
	/* addr_num is the size of the packed list in bytes, not a count */
	req.assoc_id = 0;
	req.addr_num = size;
	req.addrs = addrs;
	r = getsockopt(sd, SOL_SCTP, SCTP_SOCKOPT_CONNECTX3, &req, &len);
	if (r == 0 || errno == EINPROGRESS) {
		if (id)
			*id = req.assoc_id;
		return r;
	}
	if (errno != ENOPROTOOPT)
		return -1;
	/* Kernels before CONNECTX3: SCTP_SOCKOPT_CONNECTX returns the id only
	 * once the association is up, so a non-blocking socket cannot have it. */
	if (id) {
		fl = fcntl(sd, F_GETFL);
		if (fl < 0)
			return -1;
		if (fl & O_NONBLOCK)
			return libsctp_fail(ENOPROTOOPT);
	}
	return connectx_setsockopt(sd, addrs, size, id);
}
