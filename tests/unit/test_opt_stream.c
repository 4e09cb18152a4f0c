/* SPDX-License-Identifier: MIT */
/* Unit tests of the "stream" option family of the Linux personality: the
 * Linux ABI of its structs, Linux values <-> neutral options, and the
 * ASSOC_RESET notification. */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>
#include <netinet/sctp.h>
#include <CUnit/Basic.h>

#include "personality/personality.h"

static void test_layouts(void)
{
	CU_ASSERT_EQUAL(sizeof(struct sctp_default_prinfo), 12);
	CU_ASSERT_EQUAL(offsetof(struct sctp_default_prinfo, pr_value), 4);
	CU_ASSERT_EQUAL(offsetof(struct sctp_default_prinfo, pr_policy), 8);
	CU_ASSERT_EQUAL(sizeof(struct sctp_prstatus), 24);
	CU_ASSERT_EQUAL(offsetof(struct sctp_prstatus, sprstat_sid), 4);
	CU_ASSERT_EQUAL(offsetof(struct sctp_prstatus, sprstat_policy), 6);
	CU_ASSERT_EQUAL(offsetof(struct sctp_prstatus, sprstat_abandoned_unsent), 8);
	CU_ASSERT_EQUAL(offsetof(struct sctp_prstatus, sprstat_abandoned_sent), 16);
	CU_ASSERT_EQUAL(sizeof(struct sctp_reset_streams), 8);
	CU_ASSERT_EQUAL(offsetof(struct sctp_reset_streams, srs_stream_list), 8);
	CU_ASSERT_EQUAL(sizeof(struct sctp_add_streams), 8);
	CU_ASSERT_EQUAL(sizeof(struct sctp_stream_value), 8);
	CU_ASSERT_EQUAL(offsetof(struct sctp_stream_value, stream_value), 6);
	CU_ASSERT_EQUAL(sizeof(struct sctp_assoc_reset_event), 20);
	CU_ASSERT_EQUAL(offsetof(struct sctp_assoc_reset_event, assocreset_remote_tsn), 16);
}

static void test_names(void)
{
	CU_ASSERT_EQUAL(pers_opt_from_linux(SCTP_PR_SUPPORTED), SHIM_OPT_PR_SUPPORTED);
	CU_ASSERT_EQUAL(pers_opt_from_linux(SCTP_DEFAULT_PRINFO), SHIM_OPT_DEFAULT_PRINFO);
	CU_ASSERT_EQUAL(pers_opt_from_linux(SCTP_PR_ASSOC_STATUS), SHIM_OPT_PR_ASSOC_STATUS);
	CU_ASSERT_EQUAL(pers_opt_from_linux(SCTP_PR_STREAM_STATUS), SHIM_OPT_PR_STREAM_STATUS);
	CU_ASSERT_EQUAL(pers_opt_from_linux(SCTP_RECONFIG_SUPPORTED), SHIM_OPT_RECONFIG_SUPPORTED);
	CU_ASSERT_EQUAL(pers_opt_from_linux(SCTP_ENABLE_STREAM_RESET), SHIM_OPT_ENABLE_STREAM_RESET);
	CU_ASSERT_EQUAL(pers_opt_from_linux(SCTP_RESET_STREAMS), SHIM_OPT_RESET_STREAMS);
	CU_ASSERT_EQUAL(pers_opt_from_linux(SCTP_RESET_ASSOC), SHIM_OPT_RESET_ASSOC);
	CU_ASSERT_EQUAL(pers_opt_from_linux(SCTP_ADD_STREAMS), SHIM_OPT_ADD_STREAMS);
	CU_ASSERT_EQUAL(pers_opt_from_linux(SCTP_STREAM_SCHEDULER), SHIM_OPT_STREAM_SCHEDULER);
	CU_ASSERT_EQUAL(pers_opt_from_linux(SCTP_STREAM_SCHEDULER_VALUE),
	                SHIM_OPT_STREAM_SCHEDULER_VALUE);
	CU_ASSERT_EQUAL(pers_opt_from_linux(SCTP_INTERLEAVING_SUPPORTED),
	                SHIM_OPT_INTERLEAVING_SUPPORTED);
	CU_ASSERT_EQUAL(pers_opt_from_linux(SCTP_FRAGMENT_INTERLEAVE), SHIM_OPT_FRAGMENT_INTERLEAVE);
}

static void test_default_prinfo(void)
{
	struct sctp_default_prinfo pr = { 5, 100, SCTP_PR_SCTP_PRIO };
	struct shim_optval v;
	struct pers_opt o;
	socklen_t len = sizeof pr;

	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_DEFAULT_PRINFO, &pr, sizeof pr, 1, 0, &o), 0);
	CU_ASSERT_EQUAL(o.assoc_id, 5);
	CU_ASSERT_EQUAL(o.val.f[0], SHIM_PR_PRIO);
	CU_ASSERT_EQUAL(o.val.f[1], 100);
	pr.pr_policy = SCTP_PR_SCTP_NONE;
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_DEFAULT_PRINFO, &pr, sizeof pr, 1, 0, &o), 0);
	CU_ASSERT_EQUAL(o.val.f[1], 0);
	pr.pr_policy = 0x40;
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_DEFAULT_PRINFO, &pr, sizeof pr, 1, 0, &o), -EINVAL);
	pr.pr_policy = SCTP_PR_SCTP_TTL;
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_DEFAULT_PRINFO, &pr, sizeof pr + 4, 1, 0, &o),
	                -EINVAL);
	memset(&v, 0, sizeof v);
	v.f[0] = SHIM_PR_RTX;
	v.f[1] = 3;
	memset(&pr, 0, sizeof pr);
	CU_ASSERT_EQUAL(pers_getopt_decode(SCTP_DEFAULT_PRINFO, &v, NULL, 0, &pr, &len), 0);
	CU_ASSERT_EQUAL(pr.pr_policy, SCTP_PR_SCTP_RTX);
	CU_ASSERT_EQUAL(pr.pr_value, 3);
}

static void test_prstatus(void)
{
	struct sctp_prstatus ps = { 7, 2, SCTP_PR_SCTP_ALL, 0, 0 };
	struct shim_optval v;
	struct pers_opt o;
	socklen_t len = sizeof ps;

	CU_ASSERT_EQUAL(pers_getopt_prepare(SCTP_PR_STREAM_STATUS, &ps, sizeof ps, 1, &o), 0);
	CU_ASSERT_EQUAL(o.assoc_id, 7);
	CU_ASSERT_EQUAL(o.scope, SHIM_SCOPE_ASSOC);
	CU_ASSERT_EQUAL(o.val.f[0], 2);
	CU_ASSERT_EQUAL(o.val.f[1], 15);  /* every policy */
	ps.sprstat_policy = SCTP_PR_SCTP_TTL;
	CU_ASSERT_EQUAL(pers_getopt_prepare(SCTP_PR_ASSOC_STATUS, &ps, sizeof ps, 1, &o), 0);
	CU_ASSERT_EQUAL(o.val.f[1], SHIM_PR_TTL);
	ps.sprstat_policy = 0;
	CU_ASSERT_EQUAL(pers_getopt_prepare(SCTP_PR_ASSOC_STATUS, &ps, sizeof ps, 1, &o), -EINVAL);
	ps.sprstat_policy = SCTP_PR_SCTP_ALL | SCTP_PR_SCTP_RTX;
	CU_ASSERT_EQUAL(pers_getopt_prepare(SCTP_PR_ASSOC_STATUS, &ps, sizeof ps, 1, &o), -EINVAL);
	ps.sprstat_policy = SCTP_PR_SCTP_TTL;
	CU_ASSERT_EQUAL(pers_getopt_prepare(SCTP_PR_ASSOC_STATUS, &ps, sizeof ps - 1, 1, &o),
	                -EINVAL);
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_PR_ASSOC_STATUS, &ps, sizeof ps, 1, 0, &o),
	                -ENOPROTOOPT);
	memset(&v, 0, sizeof v);
	v.f[2] = 4;
	v.f[3] = 1ull << 40;
	CU_ASSERT_EQUAL(pers_getopt_decode(SCTP_PR_ASSOC_STATUS, &v, NULL, 0, &ps, &len), 0);
	CU_ASSERT_EQUAL(len, sizeof ps);
	CU_ASSERT_EQUAL(ps.sprstat_assoc_id, 7);
	CU_ASSERT_EQUAL(ps.sprstat_policy, SCTP_PR_SCTP_TTL);
	CU_ASSERT_EQUAL(ps.sprstat_abandoned_unsent, 4);
	CU_ASSERT_EQUAL(ps.sprstat_abandoned_sent, 1ull << 40);
}

static void test_reset_streams(void)
{
	uint8_t buf[sizeof(struct sctp_reset_streams) + 3 * sizeof(uint16_t)];
	struct sctp_reset_streams rs = { 9, SCTP_STREAM_RESET_OUTGOING, 3 };
	uint16_t list[3] = { 1, 4, 2 }, got[3];
	struct pers_opt o;

	memcpy(buf, &rs, sizeof rs);
	memcpy(buf + sizeof rs, list, sizeof list);
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_RESET_STREAMS, buf, sizeof buf, 1, 0, &o), 0);
	CU_ASSERT_EQUAL(o.assoc_id, 9);
	CU_ASSERT_EQUAL(o.scope, SHIM_SCOPE_ASSOC);
	CU_ASSERT_EQUAL(o.val.f[0], SCTP_STREAM_RESET_OUTGOING);
	CU_ASSERT_EQUAL(o.val.f[1], 3);
	CU_ASSERT_EQUAL(o.tail_len, sizeof list);
	memcpy(got, o.tail, sizeof got);
	CU_ASSERT_EQUAL(memcmp(got, list, sizeof list), 0);
	/* the count must fit optlen; the struct itself must be there */
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_RESET_STREAMS, buf, sizeof buf - 1, 1, 0, &o),
	                -EINVAL);
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_RESET_STREAMS, buf, 6, 1, 0, &o), -EINVAL);
	/* a bare sctp_assoc_t, exactly */
	sctp_assoc_t id = 12;
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_RESET_ASSOC, &id, sizeof id, 1, 0, &o), 0);
	CU_ASSERT_EQUAL(o.assoc_id, 12);
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_RESET_ASSOC, buf, 8, 1, 0, &o), -EINVAL);
}

static void test_small_options(void)
{
	struct sctp_assoc_value av = { 3, 8 };
	struct sctp_add_streams as = { 4, 1, 2 };
	struct pers_opt o;
	int i = 5;

	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_ENABLE_STREAM_RESET, &av, sizeof av, 1, 0, &o),
	                -EINVAL);
	av.assoc_value = SCTP_ENABLE_RESET_STREAM_REQ | SCTP_ENABLE_CHANGE_ASSOC_REQ;
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_ENABLE_STREAM_RESET, &av, sizeof av, 1, 0, &o), 0);
	CU_ASSERT_EQUAL(o.val.f[0], 5);
	av.assoc_value = 9;
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_PR_SUPPORTED, &av, sizeof av, 1, 0, &o), 0);
	CU_ASSERT_EQUAL(o.val.f[0], 1);
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_RECONFIG_SUPPORTED, &av, sizeof av + 1, 1, 0, &o),
	                -EINVAL);
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_ADD_STREAMS, &as, sizeof as, 1, 0, &o), 0);
	CU_ASSERT_EQUAL(o.assoc_id, 4);
	CU_ASSERT_EQUAL(o.val.f[0], 1);
	CU_ASSERT_EQUAL(o.val.f[1], 2);
	/* schedulers: Linux's FCFS, PRIO, RR and FC; no WFQ here */
	av.assoc_value = 3;
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_STREAM_SCHEDULER, &av, sizeof av + 4, 1, 0, &o), 0);
	av.assoc_value = 4;
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_STREAM_SCHEDULER, &av, sizeof av, 1, 0, &o),
	                -EINVAL);
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_FRAGMENT_INTERLEAVE, &i, sizeof i, 1, 0, &o), 0);
	CU_ASSERT_EQUAL(o.val.f[0], 1);
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_FRAGMENT_INTERLEAVE, &i, 2, 1, 0, &o), -EINVAL);
}

static void test_assoc_reset_event(void)
{
	struct shim_notify n = {
		.type = SHIM_NOTIFY_ASSOC_RESET, .flags = SCTP_ASSOC_RESET_DENIED,
		.assoc_id = 6, .value = 1000, .state = 2000,
	};
	union { union sctp_notification sn; uint8_t buf[256]; } u;
	ssize_t len = pers_build_notification(&n, NULL, u.buf, sizeof u.buf);

	CU_ASSERT_EQUAL(len, (ssize_t)sizeof(struct sctp_assoc_reset_event));
	CU_ASSERT_EQUAL(u.sn.sn_assocreset_event.assocreset_type, SCTP_ASSOC_RESET_EVENT);
	CU_ASSERT_EQUAL(u.sn.sn_assocreset_event.assocreset_flags, SCTP_ASSOC_RESET_DENIED);
	CU_ASSERT_EQUAL(u.sn.sn_assocreset_event.assocreset_length, len);
	CU_ASSERT_EQUAL(u.sn.sn_assocreset_event.assocreset_assoc_id, 6);
	CU_ASSERT_EQUAL(u.sn.sn_assocreset_event.assocreset_local_tsn, 1000);
	CU_ASSERT_EQUAL(u.sn.sn_assocreset_event.assocreset_remote_tsn, 2000);
}

int main(void)
{
	CU_pSuite s;
	unsigned int failed;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 1;
	s = CU_add_suite("stream options", NULL, NULL);
	CU_add_test(s, "layouts", test_layouts);
	CU_add_test(s, "names", test_names);
	CU_add_test(s, "SCTP_DEFAULT_PRINFO", test_default_prinfo);
	CU_add_test(s, "SCTP_PR_*_STATUS", test_prstatus);
	CU_add_test(s, "SCTP_RESET_STREAMS / SCTP_RESET_ASSOC", test_reset_streams);
	CU_add_test(s, "small options", test_small_options);
	CU_add_test(s, "ASSOC_RESET notification", test_assoc_reset_event);
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	failed = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
	CU_cleanup_registry();
	return failed ? 1 : 0;
}
