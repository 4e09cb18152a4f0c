/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the daemon's state rules for bind, listen, connect and
 * shutdown: the errnos Linux's sctp_bindx_rem(), sctp_inet_listen(),
 * __sctp_connect() and inet_shutdown() give that the daemon decides from
 * the endpoint's state alone, before usrsctp is asked (the endpoints here
 * have no usrsctp socket).  The whole calls are exercised by
 * tests/conformance/conf_errors.c.
 */
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <CUnit/Basic.h>

#include "daemon/endpoint.h"
#include "daemon/engine.h"

static struct endpoint ep;

static void fresh(uint16_t family, uint16_t style, enum ep_state state)
{
	memset(&ep, 0, sizeof ep);
	ep.family = family;
	ep.style = style;
	ep.state = state;
}

static struct shim_addr v4(uint16_t port)
{
	struct shim_addr a = { .family = AF_INET, .port = port };

	a.addr[0] = 127;
	a.addr[3] = 1;
	return a;
}

static void test_shutdown(void)
{
	/* a listener: SHUT_WR nothing, SHUT_RD would disconnect (EOPNOTSUPP) */
	fresh(AF_INET, SHIM_STYLE_ONE_TO_ONE, EP_LISTENING);
	CU_ASSERT_EQUAL(engine_shutdown(&ep, SHUT_WR), 0);
	CU_ASSERT_EQUAL(engine_shutdown(&ep, SHUT_RD), -EOPNOTSUPP);
	CU_ASSERT_EQUAL(engine_shutdown(&ep, SHUT_RDWR), -EOPNOTSUPP);
	fresh(AF_INET, SHIM_STYLE_ONE_TO_MANY, EP_LISTENING);
	CU_ASSERT_EQUAL(engine_shutdown(&ep, SHUT_WR), 0);
	CU_ASSERT_EQUAL(engine_shutdown(&ep, SHUT_RDWR), -EOPNOTSUPP);
	/* CLOSED to inet_shutdown(): ENOTCONN */
	fresh(AF_INET, SHIM_STYLE_ONE_TO_MANY, EP_IDLE);
	CU_ASSERT_EQUAL(engine_shutdown(&ep, SHUT_WR), -ENOTCONN);
	fresh(AF_INET, SHIM_STYLE_ONE_TO_ONE, EP_IDLE);
	CU_ASSERT_EQUAL(engine_shutdown(&ep, SHUT_RDWR), -ENOTCONN);
	fresh(AF_INET, SHIM_STYLE_ONE_TO_ONE, EP_ENDED);
	CU_ASSERT_EQUAL(engine_shutdown(&ep, SHUT_WR), -ENOTCONN);
	CU_ASSERT_EQUAL(engine_shutdown(&ep, 7), -EINVAL);
}

static void test_listen_zero(void)
{
	fresh(AF_INET, SHIM_STYLE_ONE_TO_MANY, EP_IDLE);
	CU_ASSERT_EQUAL(engine_listen(&ep, 0), -EINVAL);
	fresh(AF_INET6, SHIM_STYLE_ONE_TO_ONE, EP_IDLE);
	CU_ASSERT_EQUAL(engine_listen(&ep, 0), -EINVAL);
	fresh(AF_INET, SHIM_STYLE_ONE_TO_ONE, EP_CONNECTED);
	CU_ASSERT_EQUAL(engine_listen(&ep, 5), -EINVAL);
	fresh(AF_INET, SHIM_STYLE_ONE_TO_ONE, EP_CONNECTING);
	CU_ASSERT_EQUAL(engine_listen(&ep, 5), -EINVAL);
}

static void test_connect_listener(void)
{
	struct shim_addr a = v4(9);
	uint32_t id = 0;

	fresh(AF_INET, SHIM_STYLE_ONE_TO_ONE, EP_LISTENING);
	CU_ASSERT_EQUAL(engine_connect(&ep, &a, 1, &id), -EISCONN);
}

static void test_bind_rules(void)
{
	struct shim_addr a = v4(0), a6 = { .family = AF_INET6 };

	/* sctp_bindx_rem(): nothing bound, so nothing may go (EBUSY) */
	fresh(AF_INET, SHIM_STYLE_ONE_TO_MANY, EP_IDLE);
	CU_ASSERT_EQUAL(engine_bind(&ep, SHIM_BIND_REM, &a, 1, true), -EBUSY);
	/* a wildcard-bound endpoint has one address: it stays */
	ep.bound = true;
	ep.bound_wildcard = true;
	ep.bound_addr.family = AF_INET;
	CU_ASSERT_EQUAL(engine_bind(&ep, SHIM_BIND_REM, &a, 1, true), -EBUSY);
	/* sctp_sockaddr_af(): an AF_INET socket takes no IPv6 address */
	fresh(AF_INET, SHIM_STYLE_ONE_TO_MANY, EP_IDLE);
	CU_ASSERT_EQUAL(engine_bind(&ep, SHIM_BIND_ADD, &a6, 1, true), -EINVAL);
}

int main(void)
{
	CU_pSuite s;
	unsigned failed;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 1;
	s = CU_add_suite("errors", NULL, NULL);
	CU_add_test(s, "shutdown", test_shutdown);
	CU_add_test(s, "listen zero", test_listen_zero);
	CU_add_test(s, "connect on a listener", test_connect_listener);
	CU_add_test(s, "bind rules", test_bind_rules);
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	failed = CU_get_number_of_failures();
	CU_cleanup_registry();
	return failed ? 1 : 0;
}
