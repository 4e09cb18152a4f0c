/* SPDX-License-Identifier: MIT */
/* Unit tests of the "path" option family of the Linux personality: the
 * Linux ABI of its structs, and Linux values <-> neutral options. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/sctp.h>
#include <CUnit/Basic.h>

#include "personality/personality.h"

static void v4(void *ss, const char *ip, uint16_t port)
{
	struct sockaddr_in s = { .sin_family = AF_INET, .sin_port = htons(port) };

	inet_pton(AF_INET, ip, &s.sin_addr);
	memset(ss, 0, sizeof(struct sockaddr_storage));
	memcpy(ss, &s, sizeof s);
}

/* The kernel's layouts (packed ones included), as programs compile them. */
static void test_layouts(void)
{
	CU_ASSERT_EQUAL(sizeof(struct sctp_paddrparams), 156);
	CU_ASSERT_EQUAL(offsetof(struct sctp_paddrparams, spp_address), 4);
	CU_ASSERT_EQUAL(offsetof(struct sctp_paddrparams, spp_hbinterval), 132);
	CU_ASSERT_EQUAL(offsetof(struct sctp_paddrparams, spp_pathmaxrxt), 136);
	CU_ASSERT_EQUAL(offsetof(struct sctp_paddrparams, spp_pathmtu), 138);
	CU_ASSERT_EQUAL(offsetof(struct sctp_paddrparams, spp_sackdelay), 142);
	CU_ASSERT_EQUAL(offsetof(struct sctp_paddrparams, spp_flags), 146);
	CU_ASSERT_EQUAL(offsetof(struct sctp_paddrparams, spp_ipv6_flowlabel), 150);
	CU_ASSERT_EQUAL(offsetof(struct sctp_paddrparams, spp_dscp), 154);
	CU_ASSERT_EQUAL(sizeof(struct sctp_prim), 132);
	CU_ASSERT_EQUAL(sizeof(struct sctp_setpeerprim), 132);
	CU_ASSERT_EQUAL(sizeof(struct sctp_paddrinfo), 152);
	CU_ASSERT_EQUAL(offsetof(struct sctp_paddrinfo, spinfo_state), 132);
	CU_ASSERT_EQUAL(offsetof(struct sctp_paddrinfo, spinfo_mtu), 148);
	CU_ASSERT_EQUAL(sizeof(struct sctp_paddrthlds), 144);
	CU_ASSERT_EQUAL(offsetof(struct sctp_paddrthlds, spt_address), 8);
	CU_ASSERT_EQUAL(offsetof(struct sctp_paddrthlds_v2, spt_pathcpthld), 140);
	CU_ASSERT_EQUAL(sizeof(struct sctp_udpencaps), 144);
	CU_ASSERT_EQUAL(offsetof(struct sctp_udpencaps, sue_port), 136);
	CU_ASSERT_EQUAL(sizeof(struct sctp_probeinterval), 144);
	CU_ASSERT_EQUAL(offsetof(struct sctp_probeinterval, spi_interval), 136);
	CU_ASSERT_EQUAL(sizeof(struct sctp_assoc_stats), 256);
	CU_ASSERT_EQUAL(offsetof(struct sctp_assoc_stats, sas_maxrto), 136);
	CU_ASSERT_EQUAL(offsetof(struct sctp_assoc_stats, sas_ictrlchunks), 248);
}

static void test_names(void)
{
	CU_ASSERT_EQUAL(pers_opt_from_linux(SCTP_PEER_ADDR_PARAMS), SHIM_OPT_PEER_ADDR_PARAMS);
	CU_ASSERT_EQUAL(pers_opt_from_linux(SCTP_PRIMARY_ADDR), SHIM_OPT_PRIMARY_ADDR);
	CU_ASSERT_EQUAL(pers_opt_from_linux(SCTP_SET_PEER_PRIMARY_ADDR),
	                SHIM_OPT_SET_PEER_PRIMARY_ADDR);
	CU_ASSERT_EQUAL(pers_opt_from_linux(SCTP_GET_PEER_ADDR_INFO), SHIM_OPT_GET_PEER_ADDR_INFO);
	CU_ASSERT_EQUAL(pers_opt_from_linux(SCTP_PEER_ADDR_THLDS), SHIM_OPT_PEER_ADDR_THLDS);
	CU_ASSERT_EQUAL(pers_opt_from_linux(SCTP_PEER_ADDR_THLDS_V2), SHIM_OPT_PEER_ADDR_THLDS);
	CU_ASSERT_EQUAL(pers_opt_from_linux(SCTP_EXPOSE_POTENTIALLY_FAILED_STATE),
	                SHIM_OPT_EXPOSE_PF_STATE);
	CU_ASSERT_EQUAL(pers_opt_from_linux(SCTP_REMOTE_UDP_ENCAPS_PORT),
	                SHIM_OPT_REMOTE_UDP_ENCAPS_PORT);
	CU_ASSERT_EQUAL(pers_opt_from_linux(SCTP_PLPMTUD_PROBE_INTERVAL),
	                SHIM_OPT_PLPMTUD_PROBE_INTERVAL);
	CU_ASSERT_EQUAL(pers_opt_from_linux(SCTP_GET_ASSOC_STATS), SHIM_OPT_GET_ASSOC_STATS);
}

static void test_paddrparams(void)
{
	struct sctp_paddrparams pp, out;
	struct pers_opt o;
	socklen_t len;

	memset(&pp, 0, sizeof pp);
	pp.spp_assoc_id = 7;
	v4(&pp.spp_address, "10.0.0.1", 5000);
	pp.spp_hbinterval = 3000;
	pp.spp_pathmaxrxt = 4;
	pp.spp_pathmtu = 1400;
	pp.spp_sackdelay = 200;
	pp.spp_flags = SPP_HB_ENABLE | SPP_PMTUD_DISABLE | SPP_DSCP;
	pp.spp_dscp = 0xb8;
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_PEER_ADDR_PARAMS, &pp, sizeof pp, 1, 0, &o), 0);
	CU_ASSERT_EQUAL(o.opt, SHIM_OPT_PEER_ADDR_PARAMS);
	CU_ASSERT_EQUAL(o.assoc_id, 7);
	CU_ASSERT_EQUAL(o.val.addr.family, AF_INET);
	CU_ASSERT_EQUAL(o.val.addr.port, 5000);
	CU_ASSERT_EQUAL(o.val.f[0], 3000);
	CU_ASSERT_EQUAL(o.val.f[1], 4);
	CU_ASSERT_EQUAL(o.val.f[2], 1400);
	CU_ASSERT_EQUAL(o.val.f[3], 200);
	CU_ASSERT_EQUAL(o.val.f[4], SPP_HB_ENABLE | SPP_PMTUD_DISABLE | SPP_DSCP);
	CU_ASSERT_EQUAL(o.val.f[6], 0xb8);
	/* the answer goes back into the program's struct, its address kept */
	memset(&out, 0, sizeof out);
	v4(&out.spp_address, "10.0.0.1", 5000);
	len = sizeof out;
	CU_ASSERT_EQUAL(pers_getopt_decode(SCTP_PEER_ADDR_PARAMS, &o.val, NULL, 0, &out, &len), 0);
	CU_ASSERT_EQUAL(len, sizeof out);
	CU_ASSERT_EQUAL(out.spp_hbinterval, 3000);
	CU_ASSERT_EQUAL(out.spp_pathmtu, 1400);
	CU_ASSERT_EQUAL(out.spp_dscp, 0xb8);
	/* the old, shorter struct */
	pp.spp_flags = SPP_HB_ENABLE;
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_PEER_ADDR_PARAMS, &pp, 152, 1, 0, &o), 0);
	pp.spp_flags |= SPP_IPV6_FLOWLABEL;
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_PEER_ADDR_PARAMS, &pp, 152, 1, 0, &o), -EINVAL);
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_PEER_ADDR_PARAMS, &pp, 153, 1, 0, &o), -EINVAL);
	/* Linux's value checks */
	pp.spp_flags = SPP_HB_ENABLE | SPP_HB_DISABLE;
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_PEER_ADDR_PARAMS, &pp, sizeof pp, 1, 0, &o), -EINVAL);
	pp.spp_flags = 0;
	pp.spp_sackdelay = 501;
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_PEER_ADDR_PARAMS, &pp, sizeof pp, 1, 0, &o), -EINVAL);
	pp.spp_sackdelay = 0;
	pp.spp_pathmtu = 100;
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_PEER_ADDR_PARAMS, &pp, sizeof pp, 1, 0, &o), -EINVAL);
}

static void test_peer_addr_info(void)
{
	struct sctp_paddrinfo pi;
	struct shim_optval v;
	struct pers_opt o;
	socklen_t len = sizeof pi;

	memset(&pi, 0, sizeof pi);
	pi.spinfo_assoc_id = 99;
	v4(&pi.spinfo_address, "10.0.0.2", 7);
	CU_ASSERT_EQUAL(pers_getopt_prepare(SCTP_GET_PEER_ADDR_INFO, &pi, sizeof pi, 1, &o), 0);
	CU_ASSERT_EQUAL(o.scope, SHIM_SCOPE_SOCKET);
	CU_ASSERT_EQUAL(o.val.f[5], 99);  /* the raw id travels for the daemon */
	CU_ASSERT_EQUAL(o.val.addr.port, 7);
	CU_ASSERT_EQUAL(pers_getopt_prepare(SCTP_GET_PEER_ADDR_INFO, &pi, sizeof pi - 1, 1, &o),
	                -EINVAL);
	memset(&v, 0, sizeof v);
	v.assoc_id = 5;
	v.f[0] = SHIM_PATH_UNKNOWN;
	v.f[3] = 300;
	CU_ASSERT_EQUAL(pers_getopt_decode(SCTP_GET_PEER_ADDR_INFO, &v, NULL, 0, &pi, &len), 0);
	CU_ASSERT_EQUAL(pi.spinfo_assoc_id, 5);
	CU_ASSERT_EQUAL(pi.spinfo_state, SCTP_ACTIVE);  /* unknown reads as active */
	CU_ASSERT_EQUAL(pi.spinfo_rto, 300);
}

static void test_thresholds(void)
{
	struct sctp_paddrthlds_v2 t = { .spt_pathmaxrxt = 5, .spt_pathpfthld = 2,
	                                .spt_pathcpthld = 0xffff };
	struct pers_opt o;

	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_PEER_ADDR_THLDS_V2, &t, sizeof t, 0, 0, &o), 0);
	CU_ASSERT_EQUAL(o.val.f[0], 5);
	CU_ASSERT_EQUAL(o.val.f[1], 2);
	CU_ASSERT_EQUAL(o.val.f[2], 0xffff);
	CU_ASSERT_EQUAL(o.val.f[3], 1);
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_PEER_ADDR_THLDS, &t, sizeof t, 0, 0, &o), 0);
	CU_ASSERT_EQUAL(o.val.f[3], 0);
	t.spt_pathcpthld = 1;
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_PEER_ADDR_THLDS_V2, &t, sizeof t, 0, 0, &o), -EINVAL);
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_PEER_ADDR_THLDS, &t, sizeof t - 8, 0, 0, &o), -EINVAL);
}

static void test_small_options(void)
{
	struct sctp_assoc_value av = { 0, 3 };
	struct sctp_probeinterval pi;
	struct sctp_udpencaps e;
	struct sctp_prim pr;
	struct sctp_setpeerprim sp;
	struct pers_opt o;

	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_EXPOSE_POTENTIALLY_FAILED_STATE, &av, sizeof av,
	                                   1, 0, &o), -EINVAL);
	memset(&pi, 0, sizeof pi);
	pi.spi_interval = 4999;
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_PLPMTUD_PROBE_INTERVAL, &pi, sizeof pi, 1, 0, &o),
	                -EINVAL);
	pi.spi_interval = 0;
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_PLPMTUD_PROBE_INTERVAL, &pi, sizeof pi, 1, 0, &o), 0);
	memset(&e, 0, sizeof e);
	e.sue_port = htons(9899);
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_REMOTE_UDP_ENCAPS_PORT, &e, sizeof e, 1, 0, &o), 0);
	CU_ASSERT_EQUAL(o.val.f[0], htons(9899));  /* network order, untouched */
	memset(&pr, 0, sizeof pr);
	pr.ssp_assoc_id = 12;
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_PRIMARY_ADDR, &pr, sizeof pr, 1, 0, &o), -EINVAL);
	v4(&pr.ssp_addr, "10.0.0.3", 1);
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_PRIMARY_ADDR, &pr, sizeof pr, 1, 0, &o), 0);
	CU_ASSERT_EQUAL(o.val.f[0], 12);
	CU_ASSERT_EQUAL(o.scope, SHIM_SCOPE_SOCKET);
	/* a wrong length is the daemon's to judge (EPERM comes first) */
	memset(&sp, 0, sizeof sp);
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_SET_PEER_PRIMARY_ADDR, &sp, 3, 1, 0, &o), 0);
	CU_ASSERT_EQUAL(o.val.f[1], 1);
	CU_ASSERT_EQUAL(pers_getopt_prepare(SCTP_SET_PEER_PRIMARY_ADDR, &sp, sizeof sp, 1, &o),
	                -ENOPROTOOPT);
}

static void test_assoc_stats(void)
{
	struct sctp_assoc_stats sas;
	struct shim_optval v;
	struct pers_opt o;
	socklen_t len = sizeof(sctp_assoc_t) + 8;

	memset(&sas, 0, sizeof sas);
	sas.sas_assoc_id = 3;
	CU_ASSERT_EQUAL(pers_getopt_prepare(SCTP_GET_ASSOC_STATS, &sas, 3, 1, &o), -EINVAL);
	CU_ASSERT_EQUAL(pers_getopt_prepare(SCTP_GET_ASSOC_STATS, &sas, 4, 1, &o), 0);
	CU_ASSERT_EQUAL(o.assoc_id, 3);
	memset(&v, 0, sizeof v);
	v.f[0] = 250;
	v.f[14] = 9;
	CU_ASSERT_EQUAL(pers_getopt_decode(SCTP_GET_ASSOC_STATS, &v, NULL, 0, &sas, &len), 0);
	CU_ASSERT_EQUAL(len, sizeof(sctp_assoc_t) + 8);
	CU_ASSERT_EQUAL(sas.sas_assoc_id, 3);
	CU_ASSERT_EQUAL(sas.sas_maxrto, 250);
	CU_ASSERT_EQUAL(sas.sas_ictrlchunks, 9);
}

int main(void)
{
	CU_pSuite s;
	unsigned int failed;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 1;
	s = CU_add_suite("path options", NULL, NULL);
	CU_add_test(s, "layouts", test_layouts);
	CU_add_test(s, "names", test_names);
	CU_add_test(s, "SCTP_PEER_ADDR_PARAMS", test_paddrparams);
	CU_add_test(s, "SCTP_GET_PEER_ADDR_INFO", test_peer_addr_info);
	CU_add_test(s, "SCTP_PEER_ADDR_THLDS", test_thresholds);
	CU_add_test(s, "small options", test_small_options);
	CU_add_test(s, "SCTP_GET_ASSOC_STATS", test_assoc_stats);
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	failed = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
	CU_cleanup_registry();
	return failed ? 1 : 0;
}
