/* SPDX-License-Identifier: MIT */
/*
 * The neutral protocol between libsctpshim.so and sctpshimd.
 *
 * This header is the contract between the library (which speaks the Linux
 * SCTP ABI to programs) and the daemon (which speaks usrsctp).  It must never
 * include <netinet/sctp.h>, <linux/sctp.h> or <usrsctp.h>: the same names
 * mean different numbers there, so everything here is prefixed SHIM_/shim_
 * and has numbering of its own.
 *
 * Transport: every record, on either channel, is one AF_UNIX SOCK_SEQPACKET
 * record beginning with struct shim_hdr.  All integers are host byte order
 * (both ends always run on one host), except shim_msginfo.ppid, which is
 * opaque and carried as the program wrote it.
 *
 * Channels:
 *  - control: one SEQPACKET connection per process to the daemon's abstract
 *    socket.  Strict request/reply; the socket a request is about travels
 *    with it as SCM_RIGHTS (possession is the capability).  New descriptors
 *    (socket) come back as SCM_RIGHTS on the reply.
 *  - data: the socketpair behind each SCTP socket.  Program -> daemon:
 *    SHIM_DATA, SHIM_FENCE.  Daemon -> program: SHIM_DATA, SHIM_NOTIFY,
 *    SHIM_ACCEPT (+SCM_RIGHTS), SHIM_CONNECTED, SHIM_ERROR.
 */
#ifndef SCTPSHIM_PROTO_H
#define SCTPSHIM_PROTO_H

#include <stdint.h>

#define SHIM_MAGIC   0x4d544353u /* "SCTM" read as little-endian bytes */
#define SHIM_VERSION 2

/* Largest control record either side accepts (header included). */
#define SHIM_CTRL_MAX (64u * 1024u)
/* Largest payload in one data record from the program; longer messages go
 * as fragments. */
#define SHIM_DATA_CHUNK (64u * 1024u)
/* Largest record the daemon accepts from a program: header + msginfo +
 * payload.  Also the largest notification record. */
#define SHIM_DATA_MAX (SHIM_DATA_CHUNK + 1024u)
/* Largest record the daemon writes to a program: a received message up to
 * this size goes as one record, so that of several processes reading one
 * socket exactly one gets it, whole (design.md "Receiving").  Readers must
 * offer this much room. */
#define SHIM_RECORD_MAX (1024u * 1024u)
/* Most addresses in one bind/connect/getaddrs body. */
#define SHIM_MAX_ADDRS 64u

/* Default abstract socket name of the daemon (without the leading NUL). */
#define SHIM_DEFAULT_SOCKET "sctpshimd"
/* Prefix of the abstract name the daemon binds each program end to:
 * "<prefix><instance>/<endpoint id>/<family>/<style>", e.g.
 * "\0sctpshim-ep/5f3a9c1e/17/10/1".  getsockname() on any descriptor tells
 * whether it is one of ours, and the family and style, even after exec or
 * SCM_RIGHTS. */
#define SHIM_EP_PREFIX "sctpshim-ep/"
#define SHIM_DEFAULT_UDP_PORT 9899

struct shim_hdr {
	uint32_t magic;
	uint16_t version;
	uint16_t type;    /* enum shim_type */
	uint32_t len;     /* whole record, header included */
	uint32_t flags;   /* type-specific; 0 where unused */
};

enum shim_type {
	/* control requests, program -> daemon; each gets one SHIM_REPLY */
	SHIM_REQ_HELLO = 1,    /* shim_hello */
	SHIM_REQ_SOCKET,       /* shim_socket_req; reply carries the new fd */
	SHIM_REQ_BIND,         /* shim_addrs_req (+fd) */
	SHIM_REQ_LISTEN,       /* shim_listen_req (+fd) */
	SHIM_REQ_CONNECT,      /* shim_addrs_req (+fd) */
	SHIM_REQ_SETOPT,       /* shim_opt_req + value (+fd) */
	SHIM_REQ_GETOPT,       /* shim_opt_req + input value (+fd); reply body = value */
	SHIM_REQ_SHUTDOWN,     /* shim_shutdown_req (+fd) */
	SHIM_REQ_GETADDRS,     /* shim_getaddrs_req (+fd); reply body = shim_addrs_reply */
	SHIM_REQ_STATUS,       /* no body; reply body = text (sctpshim status) */
	SHIM_REQ_STATS,        /* no body; reply body = text (sctpshim stats) */
	SHIM_REQ_PEELOFF,      /* shim_peeloff_req (+fd of the one-to-many socket);
	                          reply body shim_socket_reply + the new fd */
	/* close() of a one-to-one socket with SO_LINGER {1, t > 0}, on a
	 * connection of its own: LINGER_WAIT (no body, +fd) makes this
	 * connection the waiter for that socket's close (the daemon closes
	 * its copy of the fd before it answers); the library then closes the
	 * socket and sends LINGER_CLOSED (no body), answered at once unless
	 * that was the last close, else when the socket's associations are
	 * gone or the linger time has passed (Linux's sctp_wait_for_close) */
	SHIM_REQ_LINGER_WAIT,
	SHIM_REQ_LINGER_CLOSED,

	SHIM_REPLY = 64,       /* shim_reply + type-specific body */

	/* data channel records */
	SHIM_DATA = 128,       /* shim_msginfo + payload (both directions) */
	SHIM_NOTIFY,           /* shim_notify + extra bytes (daemon -> program) */
	SHIM_ACCEPT,           /* shim_accept + SCM_RIGHTS new fd (daemon -> program) */
	SHIM_CONNECTED,        /* shim_connected (daemon -> program, blocking connect) */
	SHIM_ERROR,            /* shim_error: the next read fails with this errno */
	SHIM_FENCE,            /* program -> daemon, any payload; see SHIM_REQ_CONNECT */
	/* Empty record.  Program -> daemon: the library kept part of a record
	 * in process memory (the caller's buffer was short); the daemon
	 * answers with an empty SHIM_NUDGE record on the same channel so the
	 * descriptor polls readable while that remainder waits.  The library
	 * skips SHIM_NUDGE records it reads. */
	SHIM_NUDGE,
};

/* Address: family is AF_INET or AF_INET6 (the same numbers everywhere on
 * Linux); port in host order; addr holds 4 or 16 bytes in network order. */
struct shim_addr {
	uint16_t family;
	uint16_t port;
	uint32_t scope_id;
	uint32_t flowinfo;
	uint8_t  addr[16];
};

/* ---- control bodies ---------------------------------------------------- */

struct shim_hello {
	uint32_t pid;
	uint32_t reserved;
};

struct shim_reply {
	int32_t  error;   /* 0 or a positive errno (Linux numbering) */
	uint32_t reserved;
	/* followed by the request type's reply body, if any */
};

/* A version mismatch is refused with SHIM_REPLY{error=EPROTO} whose body is
 * one line of text for the program's stderr. */

enum shim_style {
	SHIM_STYLE_ONE_TO_ONE = 1,  /* SOCK_STREAM */
	SHIM_STYLE_ONE_TO_MANY = 2, /* SOCK_SEQPACKET */
};

struct shim_socket_req {
	uint32_t family;  /* AF_INET / AF_INET6 */
	uint32_t style;   /* enum shim_style */
};
/* reply body: struct shim_socket_reply, and SCM_RIGHTS with the program end */
struct shim_socket_reply {
	uint32_t endpoint_id;
	uint32_t reserved;
};

enum shim_bind_flags {
	SHIM_BIND_ADD = 1,  /* sctp_bindx ADD (or plain bind when first) */
	SHIM_BIND_REM = 2,  /* sctp_bindx REM */
	SHIM_BIND_ONCE = 4, /* with ADD: plain bind(), EINVAL once bound (sctp_bind) */
};
enum shim_connect_flags {
	/* The caller does not wait.  The daemon answers 0 ("in progress") and
	 * does not read the socket's data channel until the association is up
	 * or has failed; the library then writes a SHIM_FENCE record big enough
	 * to make its end unwritable, so POLLOUT appears exactly when the daemon
	 * resumes reading.  The outcome is kept for SO_ERROR and for repeated
	 * connect() calls (EALREADY, EISCONN, or the error).  Without this flag
	 * the daemon writes one SHIM_CONNECTED record with the outcome. */
	SHIM_CONNECT_NONBLOCK = 1,
};
struct shim_addrs_req {
	uint32_t flags;   /* shim_bind_flags / shim_connect_flags */
	uint32_t count;   /* 1..SHIM_MAX_ADDRS */
	struct shim_addr addrs[];
};

struct shim_listen_req {
	int32_t backlog;
	uint32_t reserved;
};

struct shim_shutdown_req {
	uint32_t how;     /* SHUT_RD / SHUT_WR / SHUT_RDWR */
	uint32_t reserved;
};

enum shim_addrs_which {
	SHIM_ADDRS_LOCAL = 1,
	SHIM_ADDRS_PEER = 2,
	SHIM_ADDRS_SOCKNAME = 3, /* what getsockname() reports: one address */
};
struct shim_getaddrs_req {
	uint32_t which;
	uint32_t assoc_id; /* 0 on one-to-one sockets */
};
struct shim_addrs_reply {
	uint32_t count;
	uint32_t reserved;
	struct shim_addr addrs[];
};

/* sctp_peeloff(): the association moves to a new one-to-one socket. */
struct shim_peeloff_req {
	uint32_t assoc_id;
	uint32_t reserved;
};

/* ---- options ----------------------------------------------------------- */

/*
 * Every option travels in one generic form: the association it is about
 * (shim_opt_req.assoc_id), the peer address it is about (options on one
 * path), up to SHIM_OPT_NFIELDS integers in the order the enum below lists
 * them (the order of RFC 6458's structs), and for a few options a
 * variable part (lists, keys) after struct shim_optval.  The library maps
 * the program's structs to this form, the daemon maps it to usrsctp's or
 * to its own state; both do it with tables of field offsets.
 *
 * A get request carries the option's inputs in the same form (an address,
 * a stream number, a policy); its reply is a shim_optval (+ variable part)
 * whose assoc_id is the association the daemon answered for.
 */
#define SHIM_OPT_NFIELDS 16

/* Association ids with a meaning of their own (RFC 6458 8.1; the same
 * numbers on Linux and in usrsctp). */
#define SHIM_FUTURE_ASSOC  0u
#define SHIM_CURRENT_ASSOC 1u
#define SHIM_ALL_ASSOC     2u

/* shim_opt_req.scope: which association ids the option takes.  The
 * program's stack decides (the library says it per request); the daemon
 * enforces it.  0: the option is about the socket, the id is ignored.
 * On a one-to-one socket the id is always ignored: the option is about the
 * socket's association if it has one, else about the socket (FUTURE), else
 * EINVAL.  On a one-to-many socket an id above SHIM_ALL_ASSOC must name one
 * of the socket's associations (EINVAL otherwise). */
enum shim_opt_scope {
	SHIM_SCOPE_SOCKET      = 0,
	SHIM_SCOPE_ASSOC       = 1u << 0,  /* an association id */
	SHIM_SCOPE_FUTURE      = 1u << 1,  /* SHIM_FUTURE_ASSOC: the socket's default */
	SHIM_SCOPE_CURRENT_ALL = 1u << 2,  /* SHIM_CURRENT_ASSOC and SHIM_ALL_ASSOC */
};

/* Neutral option names; "f:" lists the fields of struct shim_optval. */
enum shim_opt {
	SHIM_OPT_INITMSG = 1,      /* f: num_ostreams, max_instreams, max_attempts, max_init_timeo (ms) */
	SHIM_OPT_NODELAY,          /* f: on */
	SHIM_OPT_EVENTS,           /* f: mask of (1u << enum shim_notify_type) */
	SHIM_OPT_EVENT,            /* f: enum shim_notify_type, on */
	SHIM_OPT_STATUS,           /* get; f: enum shim_state, rwnd, unackdata, penddata,
	                              instrms, outstrms, fragmentation_point, and of the
	                              primary path (addr): enum shim_path_state, cwnd,
	                              srtt (ms), rto (ms), mtu */
	SHIM_OPT_SNDBUF,           /* f: the effective (doubled) size */
	SHIM_OPT_RCVBUF,           /* f: the effective (doubled) size */
	SHIM_OPT_SO_ERROR,         /* get; f: errno; reading clears it */
	SHIM_OPT_LINGER,           /* f: onoff, linger (s) */
	SHIM_OPT_REUSEADDR,        /* f: on */
	SHIM_OPT_RECVRCVINFO,      /* f: on */
	SHIM_OPT_RECVNXTINFO,      /* f: on */
	SHIM_OPT_ACCEPTCONN,       /* get; f: listening */
	SHIM_OPT_MAXSEG,           /* f: bytes */
	SHIM_OPT_AUTOCLOSE,        /* f: seconds */
	SHIM_OPT_DISABLE_FRAGMENTS,/* f: on */
	SHIM_OPT_V6ONLY,           /* f: on (IPV6_V6ONLY, AF_INET6 sockets) */
	SHIM_OPT_RTOINFO,          /* f: initial, max, min (ms) */
	SHIM_OPT_ASSOCINFO,        /* f: asocmaxrxt, number_peer_destinations, peer_rwnd,
	                              local_rwnd, cookie_life (ms) */
	SHIM_OPT_I_WANT_MAPPED_V4_ADDR, /* f: on */
	SHIM_OPT_FRAGMENT_INTERLEAVE,   /* f: level (0, 1, 2) */
	SHIM_OPT_PARTIAL_DELIVERY_POINT,/* f: bytes */
	SHIM_OPT_MAX_BURST,        /* f: packets */
	SHIM_OPT_CONTEXT,          /* f: context */
	SHIM_OPT_REUSE_PORT,       /* f: on */
	SHIM_OPT_ADAPTATION_LAYER, /* f: indication */
	SHIM_OPT_GET_ASSOC_NUMBER, /* get; f: count */
	SHIM_OPT_GET_ASSOC_ID_LIST,/* get; f: count; variable part: uint32_t ids */
	SHIM_OPT_DELAYED_SACK,     /* f: delay (ms), freq */
	SHIM_OPT_AUTO_ASCONF,      /* f: on */
	SHIM_OPT_ASCONF_SUPPORTED, /* f: on */
	SHIM_OPT_ECN_SUPPORTED,    /* f: on */
	SHIM_OPT_DEFAULT_SEND_PARAM, /* f: stream, shim_msg_flags, ppid, context, timetolive (ms) */
	SHIM_OPT_DEFAULT_SNDINFO,  /* f: stream, shim_msg_flags, ppid, context */
	SHIM_OPT_DEFAULT_PRINFO,   /* f: shim_pr_policy, value */
	/* paths (helper family "path"; addr: the path, none = all of them).
	 * "raw id": the program's assoc id as given, for options Linux
	 * looks up by address first (the request's scope is SOCKET). */
	SHIM_OPT_PEER_ADDR_PARAMS = 64, /* f: hbinterval (ms), pathmaxrxt, pathmtu, sackdelay (ms),
	                              flags (RFC 6458 SPP_* bits, as Linux numbers them),
	                              ipv6_flowlabel, dscp */
	SHIM_OPT_PRIMARY_ADDR,     /* addr; f: raw id (set) */
	SHIM_OPT_SET_PEER_PRIMARY_ADDR, /* addr; f: raw id, short (optlen was wrong) */
	SHIM_OPT_GET_PEER_ADDR_INFO, /* get; addr; f: enum shim_path_state, cwnd, srtt (ms),
	                              rto (ms), mtu, raw id */
	SHIM_OPT_PEER_ADDR_THLDS,  /* f: pathmaxrxt, pathpfthld, pathcpthld, has_cpthld (v2) */
	SHIM_OPT_EXPOSE_PF_STATE,  /* f: 0 unset, 1 disable, 2 enable */
	SHIM_OPT_REMOTE_UDP_ENCAPS_PORT, /* f: port (network order, as the program gives it) */
	SHIM_OPT_PLPMTUD_PROBE_INTERVAL, /* f: interval (ms) */
	SHIM_OPT_GET_ASSOC_STATS,  /* get; addr: of the max observed RTO; f: maxrto, isacks,
	                              osacks, opackets, ipackets, rtxchunks, outofseqtsns,
	                              idupchunks, gapcnt, ouodchunks, iuodchunks, oodchunks,
	                              iodchunks, octrlchunks, ictrlchunks */
	SHIM_OPT_IP_TOS,           /* f: the TOS byte (IP_TOS) */
	SHIM_OPT_IPV6_TCLASS,      /* f: the traffic class (IPV6_TCLASS, AF_INET6 sockets) */
	/* authentication (family "auth") */
	SHIM_OPT_AUTH_SUPPORTED = 96,
	SHIM_OPT_AUTH_CHUNK,
	SHIM_OPT_HMAC_IDENT,
	SHIM_OPT_AUTH_KEY,
	SHIM_OPT_AUTH_ACTIVE_KEY,
	SHIM_OPT_AUTH_DEACTIVATE_KEY,
	SHIM_OPT_AUTH_DELETE_KEY,
	SHIM_OPT_PEER_AUTH_CHUNKS,
	SHIM_OPT_LOCAL_AUTH_CHUNKS,
	/* streams: PR-SCTP, reconfiguration, schedulers, interleaving (family "stream") */
	SHIM_OPT_PR_SUPPORTED = 128,
	SHIM_OPT_PR_ASSOC_STATUS,
	SHIM_OPT_PR_STREAM_STATUS,
	SHIM_OPT_RECONFIG_SUPPORTED,
	SHIM_OPT_ENABLE_STREAM_RESET,
	SHIM_OPT_RESET_STREAMS,
	SHIM_OPT_RESET_ASSOC,
	SHIM_OPT_ADD_STREAMS,
	SHIM_OPT_STREAM_SCHEDULER,
	SHIM_OPT_STREAM_SCHEDULER_VALUE,
	SHIM_OPT_INTERLEAVING_SUPPORTED,
	SHIM_OPT_SO_REUSEPORT,     /* f: on (SOL_SOCKET SO_REUSEPORT) */
	SHIM_OPT_PENDING_ERROR,    /* get; f: errno SO_ERROR would give (not cleared),
	                              settled (1: no error can arise before the
	                              channel hangs up: connected or listening) */
	/* the families document their fields in their own files' tables
	 * (src/daemon/engine_opt_<family>.c); further options are appended */
};

struct shim_opt_req {
	uint32_t opt;       /* enum shim_opt */
	uint32_t assoc_id;
	uint32_t len;       /* bytes of value that follow: 0, or a shim_optval + variable part */
	uint32_t scope;     /* enum shim_opt_scope */
	uint8_t  value[];
};

struct shim_optval {
	struct shim_addr addr;         /* the path the option is about, if any */
	uint32_t assoc_id;             /* get reply: the association answered for */
	uint64_t f[SHIM_OPT_NFIELDS];  /* the option's integers, as the enum lists them */
	/* variable part, if the option has one */
};

/* The SCTP_INIT cmsg (a one-off SHIM_OPT_INITMSG for an implicit setup). */
struct shim_initmsg {
	uint16_t num_ostreams;
	uint16_t max_instreams;
	uint16_t max_attempts;
	uint16_t max_init_timeo; /* milliseconds */
};

struct shim_linger {
	int32_t onoff;
	int32_t linger;     /* seconds */
};

/* Association states, numbered as RFC 6458 lists them. */
enum shim_state {
	SHIM_STATE_CLOSED = 0,
	SHIM_STATE_COOKIE_WAIT,
	SHIM_STATE_COOKIE_ECHOED,
	SHIM_STATE_ESTABLISHED,
	SHIM_STATE_SHUTDOWN_PENDING,
	SHIM_STATE_SHUTDOWN_SENT,
	SHIM_STATE_SHUTDOWN_RECEIVED,
	SHIM_STATE_SHUTDOWN_ACK_SENT,
};

enum shim_path_state {
	SHIM_PATH_INACTIVE = 0,
	SHIM_PATH_PF,
	SHIM_PATH_ACTIVE,
	SHIM_PATH_UNCONFIRMED,
	SHIM_PATH_UNKNOWN,
};

/* ---- data channel ------------------------------------------------------ */

/* shim_msginfo.flags */
enum shim_msg_flags {
	SHIM_MSG_EOR          = 1u << 0,  /* last piece of the message */
	SHIM_MSG_UNORDERED    = 1u << 1,
	SHIM_MSG_ADDR_OVER    = 1u << 2,
	SHIM_MSG_ABORT        = 1u << 3,
	SHIM_MSG_EOF          = 1u << 4,
	SHIM_MSG_SENDALL      = 1u << 5,
	SHIM_MSG_SACK_IMMEDIATELY = 1u << 6,
	SHIM_MSG_HAS_ADDR     = 1u << 7,  /* addr is valid */
	SHIM_MSG_HAS_NEXT     = 1u << 8,  /* receive: next_* are valid */
	SHIM_MSG_CANCEL       = 1u << 9,  /* send: drop the partial message of this token */
	SHIM_MSG_DEFAULTS     = 1u << 10, /* send: no SNDRCV/SNDINFO given: stream, ppid,
	                                     context and flags are the socket's defaults */
	SHIM_MSG_AUTHKEY      = 1u << 11, /* send: auth_keynumber names the key (SCTP_AUTHINFO) */
	SHIM_MSG_MORE         = 1u << 12, /* receive: the daemon cut this piece at its record
	                                     size; the message's next piece follows at once */
};

/* shim_msginfo.cmsgs: which ancillary data the program asked for, decided
 * by the daemon from the socket's options when it queued the record. */
enum shim_msg_cmsgs {
	SHIM_CMSG_SNDRCV  = 1u << 0,  /* data_io_event subscribed */
	SHIM_CMSG_RCVINFO = 1u << 1,  /* SCTP_RECVRCVINFO */
	SHIM_CMSG_NXTINFO = 1u << 2,  /* SCTP_RECVNXTINFO */
};

enum shim_pr_policy {
	SHIM_PR_NONE = 0,
	SHIM_PR_TTL,
	SHIM_PR_RTX,
	SHIM_PR_PRIO,
};

/*
 * Send: the library writes each message as one or more SHIM_DATA records,
 * each carrying at most SHIM_DATA_CHUNK payload bytes, all with the same
 * token (pid << 32 | tid: a thread sends one message at a time) and
 * SHIM_MSG_EOR on the last.  The daemon reassembles per token, so messages
 * from threads or processes sharing the socket never tear.  A sender that
 * must give up half way (non-blocking) writes a record with SHIM_MSG_CANCEL.
 *
 * Receive: the daemon writes each piece it takes from the stack as one
 * record (a whole message up to the socket's receive buffer, the channel
 * permitting, at most SHIM_RECORD_MAX), SHIM_MSG_EOR on the last piece of
 * a message, never interleaving two messages' pieces of one stream.
 */
struct shim_msginfo {
	uint64_t token;       /* send only */
	uint32_t assoc_id;
	uint32_t ppid;        /* opaque, as the program gave it */
	uint32_t context;
	uint32_t pr_value;    /* ttl in ms, or retransmission count, or priority */
	uint32_t tsn;         /* receive; send: the message's number in its
	                         thread, so that a piece of a later message
	                         ends one whose SHIM_MSG_CANCEL was lost */
	uint32_t cumtsn;      /* receive */
	uint16_t stream;
	uint16_t ssn;         /* receive */
	uint16_t flags;       /* enum shim_msg_flags */
	uint16_t pr_policy;   /* enum shim_pr_policy */
	uint32_t cmsgs;       /* enum shim_msg_cmsgs (receive) */
	uint32_t total_len;   /* send: length of the whole message (first piece) */
	struct shim_addr addr;/* send: destination (HAS_ADDR); receive: source */
	/* receive, HAS_NEXT: the next message already queued (SCTP_NXTINFO) */
	uint32_t next_assoc_id;
	uint32_t next_ppid;
	uint32_t next_length;
	uint16_t next_stream;
	uint16_t next_flags;  /* SHIM_MSG_UNORDERED | SHIM_MSG_EOR (complete) */
	uint16_t auth_keynumber; /* send, SHIM_MSG_AUTHKEY: the shared key to use */
	uint16_t reserved;
};

/* Notification types (bit numbers for SHIM_OPT_EVENTS). */
enum shim_notify_type {
	SHIM_NOTIFY_DATA_IO = 0,       /* not a notification: SNDRCV cmsg on data */
	SHIM_NOTIFY_ASSOC_CHANGE,
	SHIM_NOTIFY_PEER_ADDR_CHANGE,
	SHIM_NOTIFY_SEND_FAILED,
	SHIM_NOTIFY_REMOTE_ERROR,
	SHIM_NOTIFY_SHUTDOWN,
	SHIM_NOTIFY_PARTIAL_DELIVERY,
	SHIM_NOTIFY_ADAPTATION,
	SHIM_NOTIFY_AUTHENTICATION,
	SHIM_NOTIFY_SENDER_DRY,
	SHIM_NOTIFY_STREAM_RESET,
	SHIM_NOTIFY_ASSOC_RESET,
	SHIM_NOTIFY_STREAM_CHANGE,
	SHIM_NOTIFY_SEND_FAILED_EVENT,
	SHIM_NOTIFY_MAX
};

enum shim_assoc_change_state {
	SHIM_COMM_UP = 0,
	SHIM_COMM_LOST,
	SHIM_RESTART,
	SHIM_SHUTDOWN_COMP,
	SHIM_CANT_STR_ASSOC,
};

/* One notification; fields not meaningful for a type are 0.  `len` bytes of
 * type-specific extra data follow (ASSOC_CHANGE: sac_info; SEND_FAILED: the
 * unsent payload; REMOTE_ERROR: the error cause). */
/* SEND_FAILED / SEND_FAILED_EVENT: flags is one of these; outbound_streams
 * carries the message's stream, inbound_streams its shim_msg_flags, value its
 * ppid, reserved its context, and the extra bytes are the message. */
enum shim_send_failed_flags {
	SHIM_SEND_FAILED_UNSENT = 1,
	SHIM_SEND_FAILED_SENT = 2,
};

struct shim_notify {
	uint16_t type;        /* enum shim_notify_type */
	uint16_t flags;
	uint32_t assoc_id;
	uint32_t state;       /* ASSOC_CHANGE: shim_assoc_change_state;
	                         PEER_ADDR_CHANGE: address state */
	uint32_t error;
	uint16_t outbound_streams;
	uint16_t inbound_streams;
	uint32_t value;       /* type-specific (adaptation indication, ...) */
	struct shim_addr addr;
	uint32_t len;         /* extra bytes that follow */
	uint32_t reserved;
};

struct shim_accept {
	uint32_t assoc_id;
	uint32_t endpoint_id; /* of the new socket */
	struct shim_addr peer;
};

struct shim_connected {
	int32_t  error;       /* 0, or ECONNREFUSED / ETIMEDOUT / ... */
	uint32_t assoc_id;
};

struct shim_error {
	int32_t  error;
	uint32_t reserved;
};

#endif
