/* SPDX-License-Identifier: MIT */
/* Framing and validation of protocol records (see include/sctpshim/proto.h).
 * Pure logic plus two I/O helpers that use raw syscalls, so they are safe to
 * call from inside the interposer without re-entering its wrappers. */
#ifndef SCTPSHIM_WIRE_H
#define SCTPSHIM_WIRE_H

#include <stddef.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/un.h>
#include "sctpshim/proto.h"

void shim_hdr_init(struct shim_hdr *h, uint16_t type, uint32_t len, uint32_t flags);

/* Check a received record of `received` bytes whose first bytes are a
 * header, against the largest record the channel accepts.  Returns 0, or
 * -EBADMSG (short, or len disagrees with what arrived), -EPROTO (bad magic
 * or version), -EMSGSIZE (larger than max). */
int shim_hdr_check(const void *rec, size_t received, size_t max);

/* Check a body of a known type for its minimum size and internal counts.
 * Returns 0 or -EBADMSG. */
int shim_body_check(uint16_t type, const void *body, size_t len);

/* Body size of a shim_addrs_req / shim_addrs_reply carrying `count` addresses. */
size_t shim_addrs_size(uint32_t count);

const char *shim_type_name(uint16_t type);

/* sockaddr <-> shim_addr.  Returns 0, -EINVAL (short length) or
 * -EAFNOSUPPORT (neither AF_INET nor AF_INET6). */
int shim_addr_from_sockaddr(struct shim_addr *out, const struct sockaddr *sa, socklen_t len);
/* Returns the sockaddr length written (sizeof sockaddr_in or _in6), 0 if the
 * family is unknown. */
socklen_t shim_addr_to_sockaddr(const struct shim_addr *a, struct sockaddr_storage *out);

/* Send one record gathered from iov, passing pass_fd (if >= 0) with
 * SCM_RIGHTS.  Returns bytes sent or -errno. */
ssize_t shim_send_record(int sock, const struct iovec *iov, int iovcnt, int pass_fd, int flags);

/* Longest daemon name: the abstract address also holds the leading NUL,
 * and one byte stays spare. */
#define SHIM_DAEMON_NAME_MAX (sizeof(((struct sockaddr_un *)0)->sun_path) - 2)

/* The daemon's name: $SCTPSHIM_SOCKET, or SHIM_DEFAULT_SOCKET when unset or
 * empty. */
const char *shim_daemon_name(void);

/* Fill the abstract address "\0<name>" of a daemon.  Returns its length, or
 * -EINVAL (empty name) or -ENAMETOOLONG (over SHIM_DAEMON_NAME_MAX). */
int shim_daemon_address(const char *name, struct sockaddr_un *out);

/* Call fn for every descriptor passed with SCM_RIGHTS in m's control data. */
void shim_for_each_passed_fd(const struct msghdr *m, void (*fn)(int fd, void *arg), void *arg);

/* Receive one record into buf.  If recv_fd is non-NULL it receives a passed
 * descriptor (or -1); extra passed descriptors are closed.  A record larger
 * than cap is reported as -EMSGSIZE (and discarded, as SEQPACKET does).
 * Returns bytes received (0 at EOF) or -errno.  flags may include
 * MSG_CMSG_CLOEXEC, MSG_DONTWAIT. */
ssize_t shim_recv_record(int sock, void *buf, size_t cap, int *recv_fd, int flags);

/* ---- option fields (optfield.c) ----------------------------------------- */

/* Where one integer of a struct shim_optval lives in a C struct, so that
 * the library (Linux structs) and the daemon (usrsctp structs) convert
 * options with tables instead of code. */
enum shim_field_kind {
	SHIM_FIELD_END = 0,   /* terminates a field list */
	SHIM_FIELD_U,         /* unsigned integer of 1, 2, 4 or 8 bytes */
	SHIM_FIELD_S,         /* signed integer: sign-extended into the uint64_t */
	SHIM_FIELD_ADDR,      /* struct sockaddr_storage <-> shim_optval.addr (no f[] slot) */
	SHIM_FIELD_SKIP,      /* f[] slot this struct does not have (left alone) */
};
struct shim_field {
	uint16_t off;
	uint8_t size;
	uint8_t kind;
};
#define SHIM_FIELD_OF(kind, type, member) \
	{ offsetof(type, member), sizeof(((type *)0)->member), (kind) }
#define SHIM_UF(type, member) SHIM_FIELD_OF(SHIM_FIELD_U, type, member)
#define SHIM_SF(type, member) SHIM_FIELD_OF(SHIM_FIELD_S, type, member)
#define SHIM_AF(type, member) SHIM_FIELD_OF(SHIM_FIELD_ADDR, type, member)
#define SHIM_NOF { 0, 0, SHIM_FIELD_SKIP }

/* Copy the fields listed (up to SHIM_OPT_NFIELDS integer slots plus
 * addresses, END-terminated) from the C struct at s into v, or back.
 * Integers wider than their C field are truncated, as a C assignment
 * would. */
void shim_fields_read(const struct shim_field *f, const void *s, struct shim_optval *v);
void shim_fields_write(const struct shim_field *f, const struct shim_optval *v, void *s);

#endif
