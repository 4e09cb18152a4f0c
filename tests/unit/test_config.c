/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the daemon's configuration (src/config): sysctl.conf
 * parsing, every key's range edges, the rules between keys, the order
 * file < environment < options, unknown keys and keys without effect.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <CUnit/Basic.h>

#include "config/config.h"

static struct cfg c;
static struct cfg_msgs errors, warnings;

static int setup(void)
{
	cfg_init(&c);
	return 0;
}

static void fresh(void)
{
	cfg_free(&c);
	cfg_init(&c);
	cfg_msgs_free(&errors);
	cfg_msgs_free(&warnings);
}

static void test_comments_and_spacing(void)
{
	fresh();
	CU_ASSERT_EQUAL(cfg_load_text(&c, "f", "# a comment\n; another\n\n   \n"
				      "net.sctp.rto_min=500\n"
				      "  net.sctp.rto_max   =\t 7000  \n"
				      "net/sctp/hb_interval = 1234\n"
				      "net.sctp.sctp_rmem = 4096\t87380  6291456\n"
				      "-net.sctp.not_in_this_kernel = 1\n"
				      "net.sctp.sack_timeout = 100", &errors), 0);
	CU_ASSERT_EQUAL(errors.count, 0);
	CU_ASSERT_EQUAL(cfg_num(&c, CFG_RTO_MIN), 500);
	CU_ASSERT_EQUAL(cfg_num(&c, CFG_RTO_MAX), 7000);
	CU_ASSERT_EQUAL(cfg_num(&c, CFG_HB_INTERVAL), 1234);
	CU_ASSERT_EQUAL(cfg_num(&c, CFG_SACK_TIMEOUT), 100);
	CU_ASSERT_STRING_EQUAL(cfg_text(&c, CFG_SCTP_RMEM), "4096\t87380  6291456");
	CU_ASSERT_STRING_EQUAL(c.v[CFG_RTO_MAX].where, "f:6");
	CU_ASSERT_EQUAL(c.v[CFG_RTO_MAX].source, CFG_FROM_FILE);
	CU_ASSERT_EQUAL(c.v[CFG_RTO_INITIAL].source, CFG_FROM_DEFAULT);
}

static void test_bad_lines(void)
{
	fresh();
	CU_ASSERT_EQUAL(cfg_load_text(&c, "f", "no equals sign\n= 3\nnet.sctp.rto_min = \n"
				      "net.sctp.rto_min = 12 # trailing comments are values\n"
				      "net.sctp.rto_min = 0x10\nnet.sctp.sctp_wmem = 1 2\n", &errors), 6);
	CU_ASSERT_EQUAL(errors.count, 6);
	if (errors.count == 6) {
		CU_ASSERT_STRING_EQUAL(errors.line[0], "f:1: expected 'key = value', not 'no equals sign'");
		CU_ASSERT_STRING_EQUAL(errors.line[2],
				       "f:3: net.sctp.rto_min: '' is not a number in range 1..86400000");
		CU_ASSERT_STRING_EQUAL(errors.line[5],
				       "f:6: net.sctp.sctp_wmem: '1 2' is not three numbers in range 0..2147483647");
	}
	CU_ASSERT_EQUAL(cfg_num(&c, CFG_RTO_MIN), 1000); /* untouched */
}

static void test_unknown_key(void)
{
	fresh();
	CU_ASSERT_EQUAL(cfg_load_text(&c, "f", "net.sctp.rto_minimum = 1\n", &errors), 1);
	CU_ASSERT_EQUAL(errors.count, 1);
	if (errors.count)
		CU_ASSERT_STRING_EQUAL(errors.line[0], "f:1: unknown key 'net.sctp.rto_minimum'");
}

/* min-1 and max+1 are refused with the range named, min and max taken */
static void test_range_edges(void)
{
	for (int i = 0; i < CFG_COUNT; i++) {
		const struct cfg_key *k = &cfg_keys[i];
		char text[64], msg[256];

		if (k->kind != CFG_NUMBER)
			continue;
		fresh();
		snprintf(text, sizeof text, "%lld", k->min);
		CU_ASSERT_EQUAL(cfg_set(&c, i, text, CFG_FROM_OPTION, "o", &errors), 0);
		CU_ASSERT_EQUAL(cfg_num(&c, i), k->min);
		snprintf(text, sizeof text, "%lld", k->max);
		CU_ASSERT_EQUAL(cfg_set(&c, i, text, CFG_FROM_OPTION, "o", &errors), 0);
		CU_ASSERT_EQUAL(cfg_num(&c, i), k->max);
		snprintf(text, sizeof text, "%lld", k->max + 1);
		CU_ASSERT_EQUAL(cfg_set(&c, i, text, CFG_FROM_OPTION, "o", &errors), -1);
		if (k->min > 0 && !(k->zero_allowed && k->min == 1)) {
			snprintf(text, sizeof text, "%lld", k->min - 1);
			CU_ASSERT_EQUAL(cfg_set(&c, i, text, CFG_FROM_OPTION, "o", &errors), -1);
		} else {
			CU_ASSERT_EQUAL(cfg_set(&c, i, "-1", CFG_FROM_OPTION, "o", &errors), -1);
		}
		CU_ASSERT_EQUAL(errors.count, 2);
		snprintf(msg, sizeof msg, "o: %s: %lld is out of range %s%lld..%lld", k->name, k->max + 1,
			 k->zero_allowed ? "0 or " : "", k->min, k->max);
		if (errors.count)
			CU_ASSERT_STRING_EQUAL(errors.line[0], msg);
		CU_ASSERT_EQUAL(cfg_num(&c, i), k->max);
	}
	fresh();
	/* Linux's "0 = off" beside a range */
	CU_ASSERT_EQUAL(cfg_set(&c, CFG_PLPMTUD_PROBE_INTERVAL, "0", CFG_FROM_FILE, "f", &errors), 0);
	CU_ASSERT_EQUAL(cfg_set(&c, CFG_PLPMTUD_PROBE_INTERVAL, "4999", CFG_FROM_FILE, "f", &errors), -1);
	/* text lengths */
	CU_ASSERT_EQUAL(cfg_set(&c, CFG_SOCKET, "", CFG_FROM_ENV, "e", &errors), -1);
	CU_ASSERT_EQUAL(cfg_set(&c, CFG_SOCKET, "x", CFG_FROM_ENV, "e", &errors), 0);
	/* choices are whole words */
	CU_ASSERT_EQUAL(cfg_set(&c, CFG_COOKIE_HMAC_ALG, "sha", CFG_FROM_FILE, "f", &errors), -1);
	CU_ASSERT_EQUAL(cfg_set(&c, CFG_COOKIE_HMAC_ALG, "none", CFG_FROM_FILE, "f", &errors), 0);
}

static void test_cross_keys(void)
{
	fresh();
	CU_ASSERT_EQUAL(cfg_check(&c, &errors), 0);
	/* rto_min above the default rto_max: rto_min is the one to change */
	cfg_load_text(&c, "f", "net.sctp.rto_min = 70000\n", &errors);
	CU_ASSERT_EQUAL(cfg_check(&c, &errors), 1);
	if (errors.count == 1)
		CU_ASSERT_STRING_EQUAL(errors.line[0], "f:1: net.sctp.rto_min: 70000 is out of range "
				       "1..60000 (net.sctp.rto_max is 60000)");
	fresh();
	cfg_load_text(&c, "f", "net.sctp.rto_initial = 500\n", &errors);
	CU_ASSERT_EQUAL(cfg_check(&c, &errors), 1);
	if (errors.count == 1)
		CU_ASSERT_STRING_EQUAL(errors.line[0], "f:1: net.sctp.rto_initial: 500 is out of range "
				       "1000..86400000 (net.sctp.rto_min is 1000)");
	fresh();
	cfg_load_text(&c, "f", "net.sctp.rto_initial = 500\nnet.sctp.rto_min = 400\n", &errors);
	CU_ASSERT_EQUAL(cfg_check(&c, &errors), 0);
	fresh();
	cfg_load_text(&c, "f", "net.sctp.pf_retrans = 9\nnet.sctp.ps_retrans = 8\n", &errors);
	CU_ASSERT_EQUAL(cfg_check(&c, &errors), 1);
}

/* sctpshim.native_peers and encap_peers: prefixes as ip-route(8) reads
 * them, the longest match, and one prefix in both lists refused */
static void test_peer_prefixes(void)
{
	struct cfg_prefixes list = { 0 };
	uint8_t a4[4], a6[16];
	char why[200];

	fresh();
	CU_ASSERT_EQUAL(cfg_load_text(&c, "f", "sctpshim.native = 1\n"
				      "sctpshim.native_peers = 10.16.0.0/16, fd00:16::/32 192.0.2.7\n"
				      "sctpshim.encap_peers = 10.16.1.0/24\n", &errors), 0);
	CU_ASSERT_EQUAL(cfg_check(&c, &errors), 0);
	CU_ASSERT_EQUAL(cfg_num(&c, CFG_NATIVE), 1);
	CU_ASSERT_EQUAL(cfg_prefixes_parse(cfg_text(&c, CFG_NATIVE_PEERS), &list, why, sizeof why), 0);
	CU_ASSERT_EQUAL(list.count, 3);
	inet_pton(AF_INET, "10.16.1.2", a4);
	CU_ASSERT_EQUAL(cfg_prefixes_longest(&list, AF_INET, a4), 16);
	inet_pton(AF_INET, "192.0.2.7", a4);
	CU_ASSERT_EQUAL(cfg_prefixes_longest(&list, AF_INET, a4), 32);
	inet_pton(AF_INET, "10.17.0.1", a4);
	CU_ASSERT_EQUAL(cfg_prefixes_longest(&list, AF_INET, a4), -1);
	inet_pton(AF_INET6, "fd00:16:1::2", a6);
	CU_ASSERT_EQUAL(cfg_prefixes_longest(&list, AF_INET6, a6), 32);
	inet_pton(AF_INET6, "::ffff:10.16.3.4", a6);   /* IPv4 through an IPv6 socket */
	CU_ASSERT_EQUAL(cfg_prefixes_longest(&list, AF_INET6, a6), 16);
	inet_pton(AF_INET6, "fd00:17::1", a6);
	CU_ASSERT_EQUAL(cfg_prefixes_longest(&list, AF_INET6, a6), -1);
	cfg_prefixes_free(&list);

	fresh();
	CU_ASSERT_EQUAL(cfg_load_text(&c, "f", "sctpshim.native_peers = 10.16.1.1/16\n"
				      "sctpshim.native_peers = 10.16.0.0/33\n"
				      "sctpshim.encap_peers = fd00::/129\n"
				      "sctpshim.encap_peers = example.org\n"
				      "sctpshim.native = 2\n", &errors), 5);
	CU_ASSERT_EQUAL(errors.count, 5);
	if (errors.count == 5) {
		CU_ASSERT_STRING_EQUAL(errors.line[0], "f:1: sctpshim.native_peers: '10.16.1.1/16' has "
				       "address bits set beyond /16 (expected address prefixes such as "
				       "10.16.0.0/16 fd00:16::/32)");
		CU_ASSERT_PTR_NOT_NULL(strstr(errors.line[1], "'10.16.0.0/33': the prefix length must be 0..32"));
		CU_ASSERT_PTR_NOT_NULL(strstr(errors.line[2], "'fd00::/129': the prefix length must be 0..128"));
		CU_ASSERT_PTR_NOT_NULL(strstr(errors.line[3], "'example.org' is not an IPv4 or IPv6"));
		CU_ASSERT_STRING_EQUAL(errors.line[4], "f:5: sctpshim.native: 2 is out of range 0..1");
	}
	CU_ASSERT_STRING_EQUAL(cfg_text(&c, CFG_NATIVE_PEERS), ""); /* untouched */

	fresh();
	cfg_load_text(&c, "f", "sctpshim.native_peers = 10.16.0.0/16\n"
		      "sctpshim.encap_peers = 10.17.0.0/16 10.16.0.0/16\n", &errors);
	CU_ASSERT_EQUAL(cfg_check(&c, &errors), 1);
	if (errors.count == 1)
		CU_ASSERT_STRING_EQUAL(errors.line[0], "f:2: sctpshim.encap_peers: 10.16.0.0/16 is "
				       "also in sctpshim.native_peers");
}

static const char *fake_env(const char *name)
{
	if (strcmp(name, "SCTPSHIM_RTO_MIN") == 0)
		return "200";
	if (strcmp(name, "SCTPSHIM_UDP_PORT") == 0)
		return "4000";
	if (strcmp(name, "SCTPSHIM_DEBUG") == 0)
		return "yes";   /* anything but 0, as always */
	if (strcmp(name, "SCTPSHIM_LOG") == 0)
		return "";      /* empty: unset */
	return NULL;
}

static void test_precedence(void)
{
	char env[64];

	fresh();
	CU_ASSERT_STRING_EQUAL(cfg_env_name(CFG_RTO_INITIAL, env, sizeof env), "SCTPSHIM_RTO_INITIAL");
	CU_ASSERT_STRING_EQUAL(cfg_env_name(CFG_IDLE_TIMEOUT, env, sizeof env), "SCTPSHIM_IDLE_TIMEOUT");
	cfg_load_text(&c, "f", "net.sctp.rto_min = 100\nnet.sctp.udp_port = 3000\n"
		      "net.sctp.rto_max = 9000\nsctpshim.log = /tmp/x\n", &errors);
	CU_ASSERT_EQUAL(cfg_load_env(&c, fake_env, &errors), 0);
	CU_ASSERT_EQUAL(cfg_set(&c, CFG_UDP_PORT, "5000", CFG_FROM_OPTION, "--udp-port", &errors), 0);
	CU_ASSERT_EQUAL(errors.count, 0);
	CU_ASSERT_EQUAL(cfg_num(&c, CFG_RTO_MIN), 200);
	CU_ASSERT_STRING_EQUAL(c.v[CFG_RTO_MIN].where, "SCTPSHIM_RTO_MIN");
	CU_ASSERT_EQUAL(cfg_num(&c, CFG_UDP_PORT), 5000);
	CU_ASSERT_STRING_EQUAL(c.v[CFG_UDP_PORT].where, "--udp-port");
	CU_ASSERT_EQUAL(cfg_num(&c, CFG_RTO_MAX), 9000);
	CU_ASSERT_STRING_EQUAL(c.v[CFG_RTO_MAX].where, "f:3");
	CU_ASSERT_STRING_EQUAL(cfg_text(&c, CFG_LOG), "/tmp/x");
	CU_ASSERT_EQUAL(cfg_num(&c, CFG_DEBUG), 1);
	CU_ASSERT_EQUAL(cfg_num(&c, CFG_HB_INTERVAL), 30000);
	CU_ASSERT_STRING_EQUAL(c.v[CFG_HB_INTERVAL].where, "default");
}

static void test_no_effect_keys(void)
{
	fresh();
	/* a Linux file's usual values: sctpshim behaves so, no warning */
	cfg_load_text(&c, "f", "net.sctp.sndbuf_policy = 0\nnet.sctp.rto_alpha_exp_divisor = 3\n"
		      "net.sctp.cookie_hmac_alg = sha1\nnet.sctp.rto_min = 10\n", &errors);
	CU_ASSERT_EQUAL(cfg_warnings(&c, &warnings), 0);
	/* other values load, with one warning each */
	cfg_load_text(&c, "g", "net.sctp.sndbuf_policy = 1\nnet.sctp.l3mdev_accept = 1\n", &errors);
	CU_ASSERT_EQUAL(errors.count, 0);
	CU_ASSERT_EQUAL(cfg_warnings(&c, &warnings), 2);
	if (warnings.count == 2) {
		CU_ASSERT_STRING_EQUAL(warnings.line[0], "g:1: net.sctp.sndbuf_policy = 1 has no effect: "
				       "usrsctp accounts the send buffer per socket (policy 0)");
		CU_ASSERT_PTR_NOT_NULL(strstr(warnings.line[1], "g:2: net.sctp.l3mdev_accept = 1 has no effect: "));
	}
}

static void test_print(void)
{
	char *text = NULL;
	size_t size = 0;
	FILE *out;

	fresh();
	cfg_load_text(&c, "f", "net.sctp.max_init_retransmits = 3\n", &errors);
	out = open_memstream(&text, &size);
	cfg_print(&c, out);
	fclose(out);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "\nnet.sctp.max_init_retransmits = 3\t# f:1\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "\nnet.sctp.rto_initial = 3000\t# default\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "\nnet.sctp.l3mdev_accept = 1\t# default, no effect in sctpshim\n"));
	free(text);
}

int main(void)
{
	CU_pSuite s;
	unsigned failures;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 99;
	s = CU_add_suite("config", setup, NULL);
	CU_add_test(s, "comments and spacing", test_comments_and_spacing);
	CU_add_test(s, "bad lines", test_bad_lines);
	CU_add_test(s, "unknown key", test_unknown_key);
	CU_add_test(s, "range edges", test_range_edges);
	CU_add_test(s, "rules between keys", test_cross_keys);
	CU_add_test(s, "native and encapsulated peers", test_peer_prefixes);
	CU_add_test(s, "precedence", test_precedence);
	CU_add_test(s, "keys without effect", test_no_effect_keys);
	CU_add_test(s, "print", test_print);
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	failures = CU_get_number_of_failures();
	fresh();
	cfg_free(&c);
	CU_cleanup_registry();
	return failures ? 1 : 0;
}
