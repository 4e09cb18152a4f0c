/* SPDX-License-Identifier: MIT */
/*
 * sctpshimd's configuration: sysctl.conf-style files with Linux's
 * net.sctp.* names, SCTPSHIM_* environment variables and command-line
 * options, checked as a whole before anything is applied (man
 * sctpshim.conf(5)).  Pure logic: nothing here touches usrsctp.
 */
#ifndef SCTPSHIM_CONFIG_H
#define SCTPSHIM_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum cfg_id {
	/* sctpshim's own */
	CFG_SOCKET, CFG_IDLE_TIMEOUT, CFG_LOG, CFG_DEBUG,
	CFG_NATIVE, CFG_NATIVE_PEERS, CFG_ENCAP_PEERS,
	/* Linux's net.sctp.*, honoured */
	CFG_UDP_PORT, CFG_ENCAP_PORT,
	CFG_RTO_INITIAL, CFG_RTO_MIN, CFG_RTO_MAX,
	CFG_HB_INTERVAL, CFG_PATH_MAX_RETRANS, CFG_ASSOCIATION_MAX_RETRANS,
	CFG_MAX_INIT_RETRANSMITS, CFG_SACK_TIMEOUT, CFG_VALID_COOKIE_LIFE,
	CFG_MAX_BURST, CFG_AUTH_ENABLE, CFG_PRSCTP_ENABLE, CFG_ADDIP_ENABLE,
	CFG_DEFAULT_AUTO_ASCONF, CFG_INTL_ENABLE, CFG_RECONF_ENABLE,
	CFG_ECN_ENABLE,
	/* Linux's net.sctp.*, accepted without effect (a warning says why) */
	CFG_SNDBUF_POLICY, CFG_RCVBUF_POLICY, CFG_RTO_ALPHA, CFG_RTO_BETA,
	CFG_COOKIE_PRESERVE_ENABLE, CFG_COOKIE_HMAC_ALG, CFG_ADDIP_NOAUTH_ENABLE,
	CFG_PF_RETRANS, CFG_PS_RETRANS, CFG_PF_ENABLE, CFG_PF_EXPOSE,
	CFG_ADDR_SCOPE_POLICY, CFG_RWND_UPDATE_SHIFT, CFG_MAX_AUTOCLOSE,
	CFG_L3MDEV_ACCEPT, CFG_PLPMTUD_PROBE_INTERVAL,
	CFG_SCTP_MEM, CFG_SCTP_RMEM, CFG_SCTP_WMEM,
	CFG_COUNT
};

enum cfg_kind {
	CFG_NUMBER,   /* decimal integer in min..max */
	CFG_TEXT,     /* min..max characters */
	CFG_CHOICE,   /* one word of choices */
	CFG_TRIPLE,   /* three integers in min..max ("min default max") */
	CFG_PREFIXES, /* address prefixes ("10.16.0.0/16 fd00::/8") */
};

enum cfg_source { CFG_FROM_DEFAULT, CFG_FROM_FILE, CFG_FROM_ENV, CFG_FROM_OPTION };

struct cfg_key {
	const char *name;       /* "net.sctp.rto_min", "sctpshim.socket" */
	enum cfg_kind kind;
	long long min, max;
	const char *def;        /* the default, as text */
	const char *option;     /* sctpshimd's option for it, or NULL */
	const char *choices;    /* CFG_CHOICE: words separated by spaces */
	/* Keys sctpshim cannot honour: why, and the value it behaves as
	 * (NULL: none); setting another value draws one warning. */
	const char *no_effect;
	const char *behaves_as;
	/* a special value allowed outside min..max (Linux's "0 = off") */
	bool zero_allowed;
};

struct cfg_value {
	long long num;          /* CFG_NUMBER */
	char *text;             /* always: the value as given */
	enum cfg_source source;
	char *where;            /* "file:line", "SCTPSHIM_X", "--opt", "default" */
};

struct cfg {
	struct cfg_value v[CFG_COUNT];
};

/* Messages collected while loading; the caller prints them. */
struct cfg_msgs {
	char **line;
	size_t count;
};

extern const struct cfg_key cfg_keys[CFG_COUNT];

/* "SCTPSHIM_" and the key's last part upper-cased, into buf. */
const char *cfg_env_name(enum cfg_id id, char *buf, size_t size);
/* The key called name, or -1. */
int cfg_lookup(const char *name);

void cfg_init(struct cfg *c);
void cfg_free(struct cfg *c);
void cfg_msgs_free(struct cfg_msgs *m);

/* Set one key from text; on error a message "where: key: ..." goes to
 * errors.  Returns 0 or -1. */
int cfg_set(struct cfg *c, enum cfg_id id, const char *text, enum cfg_source source,
	    const char *where, struct cfg_msgs *errors);

/* sysctl.conf text: "key = value" lines, '#' and ';' comments.  name is
 * the file's name for messages.  Returns the number of errors added. */
int cfg_load_text(struct cfg *c, const char *name, const char *text, struct cfg_msgs *errors);
/* The same from a file; a file that cannot be read is one error. */
int cfg_load_file(struct cfg *c, const char *path, struct cfg_msgs *errors);
/* Every key's SCTPSHIM_* variable through lookup (getenv, or a test's);
 * unset or empty variables are skipped. */
int cfg_load_env(struct cfg *c, const char *(*lookup)(const char *name), struct cfg_msgs *errors);

/* Rules between keys (rto_min <= rto_initial <= rto_max, pf_retrans <=
 * ps_retrans).  Returns the number of errors added. */
int cfg_check(const struct cfg *c, struct cfg_msgs *errors);

/* One warning for each key set (not defaulted) that has no effect with
 * the value given.  Returns how many. */
int cfg_warnings(const struct cfg *c, struct cfg_msgs *warnings);

/* The effective configuration as sysctl.conf lines with the source of
 * each value as a comment. */
void cfg_print(const struct cfg *c, FILE *out);

/* Address prefixes, as ip-route(8) reads them. */
struct cfg_prefix {
	uint8_t family;         /* AF_INET, AF_INET6 */
	uint8_t len;            /* prefix length in bits */
	uint8_t addr[16];       /* network order, bits past len zero */
};

struct cfg_prefixes {
	struct cfg_prefix *p;
	size_t count;
};

/* Words "ADDR[/LEN]" separated by spaces or commas (none: an empty
 * list).  Returns 0 with the list in *out (out may be NULL: only check),
 * or -1 with the reason in why. */
int cfg_prefixes_parse(const char *text, struct cfg_prefixes *out, char *why, size_t whysize);
void cfg_prefixes_free(struct cfg_prefixes *list);
/* The length of the longest prefix of list covering addr (4 or 16 bytes
 * of family; an IPv4-mapped IPv6 address counts as IPv4), or -1. */
int cfg_prefixes_longest(const struct cfg_prefixes *list, int family, const void *addr);
bool cfg_prefixes_same(const struct cfg_prefix *a, const struct cfg_prefix *b);

static inline long long cfg_num(const struct cfg *c, enum cfg_id id)
{
	return c->v[id].num;
}

static inline const char *cfg_text(const struct cfg *c, enum cfg_id id)
{
	return c->v[id].text;
}

#endif
