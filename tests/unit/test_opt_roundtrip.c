/* SPDX-License-Identifier: MIT */
/*
 * Every option the personality and the daemon both convert with a field
 * table goes Linux struct -> neutral (pers_setopt_encode) -> usrsctp struct
 * (the daemon's table) -> neutral -> Linux struct (pers_getopt_decode) and
 * comes back equal, each value landing in the usrsctp member of the same
 * name; answers go the other way, usrsctp -> neutral -> Linux.  The tables
 * are iterated, so a new option with tables on both sides is covered as
 * soon as RT_LAYOUTS (test_opt_roundtrip.h) names its members.
 *
 * This half sees only <linux/sctp.h>; test_opt_roundtrip_usr.c only
 * <usrsctp.h>.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <linux/sctp.h>
#include <CUnit/Basic.h>

#include "personality/optdesc.h"
#include "test_opt_roundtrip.h"

RT_DEFINE_LAYOUTS(rt_linux_layouts)

/*
 * Options with a hook instead of a table conversion on one side, which
 * their family tests cover (test_personality, test_opt_*) and this test
 * skips.  The test fails if one of them gains tables on both sides (then
 * it belongs in RT_LAYOUTS) or if a table entry is in neither list.
 */
static const struct {
	int name;
	const char *why;
} skipped[] = {
	{ SCTP_EVENTS, "a bit mask built by hooks on both sides" },
	{ SCTP_EVENT, "the daemon keeps subscriptions itself (no usrsctp struct)" },
	{ SCTP_I_WANT_MAPPED_V4_ADDR, "the daemon's own state" },
	{ SCTP_RECVRCVINFO, "the daemon's own state" },
	{ SCTP_RECVNXTINFO, "the daemon's own state" },
	{ SCTP_PARTIAL_DELIVERY_POINT, "the daemon's own state" },
	{ SCTP_DEFAULT_SEND_PARAM, "the daemon keeps the defaults (timetolive) itself" },
	{ SCTP_GET_ASSOC_ID_LIST, "a count and a list: hooks on both sides" },
	{ SCTP_FRAGMENT_INTERLEAVE, "the daemon's hooks (usrsctp numbers levels differently)" },
	{ SCTP_PEER_ADDR_PARAMS, "daemon hooks: usrsctp's layouts in engine_opt_path.c, flags mapped" },
	{ SCTP_PRIMARY_ADDR, "daemon hooks: address looked up first" },
	{ SCTP_SET_PEER_PRIMARY_ADDR, "daemon hooks: address looked up first" },
	{ SCTP_GET_PEER_ADDR_INFO, "daemon hooks: address looked up first" },
	{ SCTP_PEER_ADDR_THLDS, "daemon hooks: usrsctp.h lacks the struct" },
	{ SCTP_PEER_ADDR_THLDS_V2, "daemon hooks: usrsctp.h lacks the struct" },
	{ SCTP_EXPOSE_POTENTIALLY_FAILED_STATE, "the daemon's own state" },
	{ SCTP_REMOTE_UDP_ENCAPS_PORT, "daemon hooks: usrsctp's layout in engine_opt_path.c" },
	{ SCTP_PLPMTUD_PROBE_INTERVAL, "the daemon's own state (usrsctp has no PLPMTUD)" },
	{ SCTP_GET_ASSOC_STATS, "daemon hooks: counters the daemon gathers" },
	{ SCTP_AUTH_CHUNK, "hooks: deferred errnos" },
	{ SCTP_HMAC_IDENT, "hooks: a list" },
	{ SCTP_AUTH_KEY, "hooks: a key of variable length" },
	{ SCTP_PEER_AUTH_CHUNKS, "hooks: a list" },
	{ SCTP_LOCAL_AUTH_CHUNKS, "hooks: a list" },
	{ SCTP_PR_ASSOC_STATUS, "personality hooks (test_prstatus below)" },
	{ SCTP_PR_STREAM_STATUS, "personality hooks (test_prstatus below)" },
	{ SCTP_RESET_STREAMS, "hooks: a list" },
	{ SCTP_RESET_ASSOC, "hooks: a bare association id" },
	{ SCTP_ADD_STREAMS, "daemon hook (usrsctp adds in and out separately)" },
	{ SCTP_INTERLEAVING_SUPPORTED, "daemon hooks: usrsctp's switch is per endpoint" },
};

static const struct pers_optdesc *const families[] = {
	pers_opts_core, pers_opts_path, pers_opts_auth, pers_opts_stream,
};

#define LINUX_ID 0x1234  /* the program's association id */
#define USR_ID   0x4321  /* the one usrsctp answers for */

/* ---- values ------------------------------------------------------------------ */

/* Members whose numbering differs: the value a program uses, its neutral
 * form (what usrsctp's struct holds after the daemon's table) and the way
 * back. */
static uint64_t flags_to_linux(uint64_t v) { return pers_send_flags_to_linux((uint16_t)v); }
static uint64_t policy_to_linux(uint64_t v) { return pers_pr_policy_to_linux((uint16_t)v); }
static uint64_t state_to_linux(uint64_t v) { return (uint64_t)pers_state_to_linux((uint32_t)v); }
static uint64_t path_to_linux(uint64_t v) { return (uint64_t)pers_path_state_to_linux((uint32_t)v); }

static const struct {
	uint16_t shim;
	const char *member;
	uint64_t linux_value, neutral_value;
	uint64_t (*to_linux)(uint64_t neutral);  /* NULL: the same number */
} special[] = {
	{ SHIM_OPT_DEFAULT_SNDINFO, "snd_flags", SCTP_UNORDERED | SCTP_EOF,
	  SHIM_MSG_UNORDERED | SHIM_MSG_EOF, flags_to_linux },
	{ SHIM_OPT_DEFAULT_PRINFO, "pr_policy", SCTP_PR_SCTP_RTX, SHIM_PR_RTX, policy_to_linux },
	{ SHIM_OPT_STATUS, "sstat_state", SCTP_ESTABLISHED, SHIM_STATE_ESTABLISHED, state_to_linux },
	{ SHIM_OPT_STATUS, "sstat_primary.spinfo_state", SCTP_PF, SHIM_PATH_PF, path_to_linux },
	/* values Linux refuses otherwise */
	{ SHIM_OPT_DELAYED_SACK, "sack_delay", 200, 200, NULL },
	{ SHIM_OPT_ENABLE_STREAM_RESET, "assoc_value",
	  SCTP_ENABLE_RESET_STREAM_REQ | SCTP_ENABLE_CHANGE_ASSOC_REQ,
	  SCTP_ENABLE_RESET_STREAM_REQ | SCTP_ENABLE_CHANGE_ASSOC_REQ, NULL },
	{ SHIM_OPT_STREAM_SCHEDULER, "assoc_value", SCTP_SS_RR, SCTP_SS_RR, NULL },
};

/* The value member k of an option gets: distinct, non-zero, decreasing
 * (SCTP_RTOINFO: min <= max), a boolean's 1, or a special one. */
static uint64_t value_of(const struct pers_optdesc *d, const char *member, unsigned k,
                         int neutral, uint64_t (**to_linux)(uint64_t))
{
	*to_linux = NULL;
	for (size_t i = 0; i < sizeof special / sizeof *special; i++)
		if (special[i].shim == d->shim && !strcmp(special[i].member, member)) {
			*to_linux = special[i].to_linux;
			return neutral ? special[i].neutral_value : special[i].linux_value;
		}
	if ((d->flags & PO_BOOL) && k == 0)
		return 1;
	return 0x4000 - 0x111 * (k + 1);
}

static uint64_t load(const uint8_t *p, size_t size)
{
	uint8_t b1; uint16_t b2; uint32_t b4; uint64_t b8 = 0;

	switch (size) {
	case 1: memcpy(&b1, p, 1); return b1;
	case 2: memcpy(&b2, p, 2); return b2;
	case 4: memcpy(&b4, p, 4); return b4;
	case 8: memcpy(&b8, p, 8); return b8;
	}
	return 0;
}

static void store(uint8_t *p, size_t size, uint64_t v)
{
	uint8_t b1 = (uint8_t)v; uint16_t b2 = (uint16_t)v; uint32_t b4 = (uint32_t)v;

	switch (size) {
	case 1: memcpy(p, &b1, 1); break;
	case 2: memcpy(p, &b2, 2); break;
	case 4: memcpy(p, &b4, 4); break;
	case 8: memcpy(p, &v, 8); break;
	}
}

static int is_addr(const struct rt_member *m)
{
	return m->size == sizeof(struct sockaddr_storage);
}

static void put_addr(uint8_t *p, unsigned k)
{
	struct sockaddr_storage ss;
	struct sockaddr_in *sin = (struct sockaddr_in *)&ss;

	memset(&ss, 0, sizeof ss);
	sin->sin_family = AF_INET;
	sin->sin_port = htons((uint16_t)(5000 + k));
	sin->sin_addr.s_addr = htonl(0x0a000001 + k);
	memcpy(p, &ss, sizeof ss);
}

/* Fill one side's struct: Linux values, or neutral ones for usrsctp's. */
static void fill(const struct pers_optdesc *d, const struct rt_layout *l, uint8_t *buf,
                 int neutral, uint32_t assoc_id)
{
	uint64_t (*conv)(uint64_t);

	memset(buf, 0, l->size);
	for (unsigned k = 0; l->m[k].name; k++) {
		if (is_addr(&l->m[k]))
			put_addr(buf + l->m[k].off, k);
		else
			store(buf + l->m[k].off, l->m[k].size,
			      value_of(d, l->m[k].name, k, neutral, &conv));
	}
	if (l->assoc.name)
		store(buf + l->assoc.off, l->assoc.size, assoc_id);
}

static const struct rt_layout *layout(const struct rt_layout *all, uint16_t shim)
{
	for (; all->shim; all++)
		if (all->shim == shim)
			return all;
	return NULL;
}

static const struct rt_member *member(const struct rt_layout *l, const char *name)
{
	for (unsigned k = 0; l->m[k].name; k++)
		if (!strcmp(l->m[k].name, name))
			return &l->m[k];
	return NULL;
}

static void report(const struct pers_optdesc *d, const char *what, const char *name,
                   uint64_t got, uint64_t want)
{
	fprintf(stderr, "\n  option %d (neutral %u) %s %s: %#llx, want %#llx\n", d->name, d->shim,
	        what, name, (unsigned long long)got, (unsigned long long)want);
}

/* Each Linux member's value is in usrsctp's member of the same name (in
 * its neutral form for the members numbered differently). */
static void check_by_name(const struct pers_optdesc *d, const struct rt_layout *ll,
                          const uint8_t *lin, const struct rt_layout *ul, const uint8_t *usr,
                          const char *what)
{
	for (unsigned k = 0; ll->m[k].name; k++) {
		const struct rt_member *lm = &ll->m[k], *um = member(ul, lm->name);
		uint64_t (*conv)(uint64_t);
		uint64_t lv, uv;

		CU_ASSERT_PTR_NOT_NULL_FATAL(um);
		if (is_addr(lm)) {
			CU_ASSERT(is_addr(um));
			CU_ASSERT(memcmp(lin + lm->off, usr + um->off, sizeof(struct sockaddr_storage)) == 0);
			continue;
		}
		value_of(d, lm->name, k, 0, &conv);
		lv = load(lin + lm->off, lm->size);
		uv = load(usr + um->off, um->size);
		if (conv)
			uv = conv(uv);
		if (lv != uv)
			report(d, what, lm->name, uv, lv);
		CU_ASSERT_EQUAL(lv, uv);
	}
}

/* ---- the round trips ------------------------------------------------------ */

/* setsockopt: Linux -> neutral -> usrsctp -> neutral -> Linux */
static void set_round_trip(const struct pers_optdesc *d, const struct rt_layout *ll,
                           const struct rt_layout *ul)
{
	uint8_t lin[512], usr[512] = { 0 }, back[512] = { 0 };
	struct pers_opt o;
	struct shim_optval v;
	uint32_t id;
	socklen_t len = d->size;
	int r;

	fill(d, ll, lin, 0, LINUX_ID);
	r = pers_setopt_encode(d->name, lin, d->size, 1, 0, &o);
	if (r)
		report(d, "set", "pers_setopt_encode", (uint64_t)r, 0);
	CU_ASSERT_EQUAL_FATAL(r, 0);
	if (ll->assoc.name)
		CU_ASSERT_EQUAL(o.assoc_id, LINUX_ID);

	rt_usr_from_neutral(d->shim, &o.val, o.assoc_id, usr);
	check_by_name(d, ll, lin, ul, usr, "set: usrsctp's");
	if (ul->assoc.name)
		CU_ASSERT_EQUAL(load(usr + ul->assoc.off, ul->assoc.size), o.assoc_id);

	memset(&v, 0, sizeof v);
	rt_usr_to_neutral(d->shim, usr, &v, &id);
	CU_ASSERT(memcmp(v.f, o.val.f, sizeof v.f) == 0);
	CU_ASSERT(memcmp(&v.addr, &o.val.addr, sizeof v.addr) == 0);
	CU_ASSERT_EQUAL(id, ul->assoc.name ? o.assoc_id : 0);
	v.assoc_id = id;

	if (!(d->flags & PO_GET))
		return;  /* set-only: nothing decodes it */
	if (ll->assoc.name)
		store(back + ll->assoc.off, ll->assoc.size, LINUX_ID);  /* the program's input */
	r = pers_getopt_decode(d->name, &v, NULL, 0, back, &len);
	CU_ASSERT_EQUAL(r, 0);
	CU_ASSERT_EQUAL(len, d->size);
	for (unsigned k = 0; ll->m[k].name; k++)
		if (memcmp(back + ll->m[k].off, lin + ll->m[k].off, ll->m[k].size))
			report(d, "set: back in Linux's", ll->m[k].name,
			       load(back + ll->m[k].off, ll->m[k].size),
			       load(lin + ll->m[k].off, ll->m[k].size));
	CU_ASSERT(memcmp(back, lin, d->size) == 0);
}

/* getsockopt's answer: usrsctp -> neutral -> Linux, and the neutral form
 * back into usrsctp's struct unchanged. */
static void get_round_trip(const struct pers_optdesc *d, const struct rt_layout *ll,
                           const struct rt_layout *ul)
{
	uint8_t usr[512], lin[512] = { 0 }, again[512] = { 0 };
	struct shim_optval v;
	uint32_t id;
	socklen_t len = d->size;
	int r;

	fill(d, ul, usr, 1, USR_ID);
	memset(&v, 0, sizeof v);
	rt_usr_to_neutral(d->shim, usr, &v, &id);
	v.assoc_id = id;

	if (ll->assoc.name)
		store(lin + ll->assoc.off, ll->assoc.size, USR_ID);  /* the program's input */
	r = pers_getopt_decode(d->name, &v, NULL, 0, lin, &len);
	CU_ASSERT_EQUAL(r, 0);
	CU_ASSERT_EQUAL(len, d->size);
	check_by_name(d, ll, lin, ul, usr, "get: Linux's");
	if (ll->assoc.name)
		CU_ASSERT_EQUAL(load(lin + ll->assoc.off, ll->assoc.size), USR_ID);

	rt_usr_from_neutral(d->shim, &v, v.assoc_id, again);
	CU_ASSERT(memcmp(again, usr, ul->size) == 0);
}

static int is_skipped(int name)
{
	for (size_t i = 0; i < sizeof skipped / sizeof *skipped; i++)
		if (skipped[i].name == name)
			return 1;
	return 0;
}

static unsigned count_members(const struct rt_layout *l)
{
	unsigned n = 0;

	while (l->m[n].name)
		n++;
	return n;
}

static unsigned count_fields(const struct shim_field *f)
{
	unsigned n = 0;

	for (; f->kind != SHIM_FIELD_END; f++)
		n += f->kind != SHIM_FIELD_SKIP;
	return n;
}

static void test_tables(void)
{
	unsigned tripped = 0;

	for (size_t i = 0; i < sizeof families / sizeof *families; i++)
		for (const struct pers_optdesc *d = families[i]; d->shim; d++) {
			int both = d->f[0].kind != SHIM_FIELD_END && rt_usr_has_table(d->shim);
			const struct rt_layout *ll, *ul;

			if (both == is_skipped(d->name)) {
				fprintf(stderr, "\n  option %d: %s\n", d->name, both
				        ? "has tables on both sides: move it from skipped[] to RT_LAYOUTS"
				        : "has a hook: list it in skipped[]");
				CU_FAIL("skipped[] out of date");
				continue;
			}
			if (!both)
				continue;
			ll = layout(rt_linux_layouts, d->shim);
			ul = layout(rt_usr_layouts, d->shim);
			if (!ll || !ul) {
				fprintf(stderr, "\n  option %d: name its members in RT_LAYOUTS\n", d->name);
				CU_FAIL("an option missing from RT_LAYOUTS");
				continue;
			}
			/* the lists name every member the tables carry, and the
			 * sizes and ids are the tables' */
			CU_ASSERT_EQUAL(ll->size, d->size);
			CU_ASSERT_EQUAL(count_members(ll), count_fields(d->f));
			CU_ASSERT_EQUAL(ll->assoc.name ? (int)ll->assoc.off : PO_NO_ASSOC, d->assoc_off);
			CU_ASSERT_EQUAL(ul->size, rt_usr_size(d->shim));
			CU_ASSERT_EQUAL(count_members(ul), rt_usr_nfields(d->shim));
			CU_ASSERT_EQUAL(ul->assoc.name ? (long)ul->assoc.off : -1L,
			                rt_usr_assoc_off(d->shim));
			if (d->flags & PO_SET)
				set_round_trip(d, ll, ul);
			if (d->flags & PO_GET)
				get_round_trip(d, ll, ul);
			tripped++;
		}
	CU_ASSERT(tripped >= 25);
}

/* SCTP_PR_*_STATUS: the personality's hooks put the inputs in the slots the
 * daemon's table gives sid and policy, and take the counters from its. */
static void test_prstatus(void)
{
	static const int names[] = { SCTP_PR_ASSOC_STATUS, SCTP_PR_STREAM_STATUS };

	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		struct sctp_prstatus ps = { .sprstat_assoc_id = LINUX_ID, .sprstat_sid = 3,
		                            .sprstat_policy = SCTP_PR_SCTP_TTL };
		uint8_t usr[512] = { 0 };
		struct pers_opt o;
		struct shim_optval v;
		uint32_t id;
		socklen_t len = sizeof ps;
		uint16_t shim = (uint16_t)pers_opt_from_linux(names[i]);

		CU_ASSERT_FATAL(rt_usr_has_table(shim));
		CU_ASSERT_EQUAL_FATAL(pers_getopt_prepare(names[i], &ps, sizeof ps, 1, &o), 0);
		/* the request as the daemon reads it into usrsctp's struct */
		rt_usr_from_neutral(shim, &o.val, o.assoc_id, usr);
		memset(&v, 0, sizeof v);
		rt_usr_to_neutral(shim, usr, &v, &id);
		CU_ASSERT_EQUAL(id, LINUX_ID);
		CU_ASSERT_EQUAL(v.f[0], 3);
		CU_ASSERT_EQUAL(v.f[1], SHIM_PR_TTL);
		/* the answer: usrsctp's counters in the next two slots */
		v.f[2] = 0x1122334455ull;
		v.f[3] = 0x66778899aaull;
		CU_ASSERT_EQUAL(pers_getopt_decode(names[i], &v, NULL, 0, &ps, &len), 0);
		CU_ASSERT_EQUAL(len, sizeof ps);
		CU_ASSERT_EQUAL(ps.sprstat_abandoned_unsent, 0x1122334455ull);
		CU_ASSERT_EQUAL(ps.sprstat_abandoned_sent, 0x66778899aaull);
		CU_ASSERT_EQUAL(ps.sprstat_sid, 3);
		CU_ASSERT_EQUAL(ps.sprstat_policy, SCTP_PR_SCTP_TTL);
		CU_ASSERT_EQUAL(ps.sprstat_assoc_id, LINUX_ID);
	}
}

int main(void)
{
	CU_pSuite s;
	unsigned int failed;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	s = CU_add_suite("option round trips", NULL, NULL);
	CU_add_test(s, "Linux <-> neutral <-> usrsctp, every table option", test_tables);
	CU_add_test(s, "PR status: hooks against the daemon's table", test_prstatus);
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	failed = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
	CU_cleanup_registry();
	return failed ? 1 : 0;
}
