/* SPDX-License-Identifier: MIT */
/*
 * Address prefix lists (sctpshim.native_peers, sctpshim.encap_peers):
 * "10.16.0.0/16 fd00:16::/32 192.0.2.7", parsed and matched the way
 * ip-route(8) reads prefixes.  Pure logic (config.h).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"

void cfg_prefixes_free(struct cfg_prefixes *list)
{
	free(list->p);
	list->p = NULL;
	list->count = 0;
}

/* Longest word worth reading: an IPv6 address and "/128". */
#define WORD_MAX (INET6_ADDRSTRLEN + 8)

/* One "ADDR[/LEN]" word (shorter than WORD_MAX) into p; on error a
 * reason in why. */
static int parse_one(const char *word, struct cfg_prefix *p, char *why, size_t whysize)
{
	char addr[WORD_MAX], *slash, *end;
	size_t bytes;
	long len;

	strcpy(addr, word);
	slash = strchr(addr, '/');
	if (slash)
		*slash++ = '\0';
	memset(p, 0, sizeof *p);
	if (inet_pton(AF_INET, addr, p->addr) == 1)
		p->family = AF_INET;
	else if (inet_pton(AF_INET6, addr, p->addr) == 1)
		p->family = AF_INET6;
	else {
		snprintf(why, whysize, "'%s' is not an IPv4 or IPv6 address prefix", word);
		return -1;
	}
	bytes = p->family == AF_INET ? 4 : 16;
	len = (long)bytes * 8;
	if (slash) {
		if (*slash < '0' || *slash > '9'
		    || (len = strtol(slash, &end, 10), *end) || len > (long)bytes * 8) {
			snprintf(why, whysize, "'%s': the prefix length must be 0..%zu",
				 word, bytes * 8);
			return -1;
		}
	}
	p->len = (uint8_t)len;
	/* as ip-route(8): bits beyond the length make the prefix ambiguous */
	for (size_t bit = (size_t)len; bit < bytes * 8; bit++) {
		if (p->addr[bit / 8] & (0x80 >> (bit % 8))) {
			snprintf(why, whysize, "'%s' has address bits set beyond /%ld", word, len);
			return -1;
		}
	}
	return 0;
}

int cfg_prefixes_parse(const char *text, struct cfg_prefixes *out, char *why, size_t whysize)
{
	struct cfg_prefixes list = { 0 };
	const char *sep = " \t,";

	while (*(text += strspn(text, sep))) {
		size_t n = strcspn(text, sep);
		char word[WORD_MAX];
		struct cfg_prefix *grown;

		if (n >= sizeof word) {
			snprintf(why, whysize, "'%.*s' is not an address prefix", (int)n, text);
			cfg_prefixes_free(&list);
			return -1;
		}
		memcpy(word, text, n);
		word[n] = '\0';
		grown = realloc(list.p, (list.count + 1) * sizeof *list.p);
		if (!grown) {
			snprintf(why, whysize, "out of memory");
			cfg_prefixes_free(&list);
			return -1;
		}
		list.p = grown;
		if (parse_one(word, &list.p[list.count], why, whysize) < 0) {
			cfg_prefixes_free(&list);
			return -1;
		}
		list.count++;
		text += n;
	}
	if (out)
		*out = list;
	else
		cfg_prefixes_free(&list);
	return 0;
}

static bool covers(const struct cfg_prefix *p, int family, const uint8_t *addr)
{
	size_t full = p->len / 8, rest = p->len % 8;

	if (p->family != family || memcmp(p->addr, addr, full) != 0)
		return false;
	return !rest || ((p->addr[full] ^ addr[full]) & (uint8_t)(0xff00 >> rest)) == 0;
}

int cfg_prefixes_longest(const struct cfg_prefixes *list, int family, const void *addr)
{
	static const uint8_t v4mapped[12] = { [10] = 0xff, [11] = 0xff };
	int best = -1;

	/* an IPv4 peer reached through an IPv6 socket is still that peer */
	if (family == AF_INET6 && memcmp(addr, v4mapped, sizeof v4mapped) == 0) {
		family = AF_INET;
		addr = (const uint8_t *)addr + sizeof v4mapped;
	}
	for (size_t i = 0; i < list->count; i++)
		if (list->p[i].len > best && covers(&list->p[i], family, addr))
			best = list->p[i].len;
	return best;
}

bool cfg_prefixes_same(const struct cfg_prefix *a, const struct cfg_prefix *b)
{
	return a->family == b->family && a->len == b->len
		&& memcmp(a->addr, b->addr, a->family == AF_INET ? 4 : 16) == 0;
}
