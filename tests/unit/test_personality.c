/* SPDX-License-Identifier: MIT */
/* Unit tests of the Linux personality against the system's <linux/sctp.h>. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <linux/sctp.h>
#include <CUnit/Basic.h>

#include "personality/personality.h"

static void test_states(void)
{
	CU_ASSERT_EQUAL(pers_state_to_linux(SHIM_STATE_CLOSED), SCTP_CLOSED);
	CU_ASSERT_EQUAL(pers_state_to_linux(SHIM_STATE_COOKIE_WAIT), SCTP_COOKIE_WAIT);
	CU_ASSERT_EQUAL(pers_state_to_linux(SHIM_STATE_COOKIE_ECHOED), SCTP_COOKIE_ECHOED);
	CU_ASSERT_EQUAL(pers_state_to_linux(SHIM_STATE_ESTABLISHED), SCTP_ESTABLISHED);
	CU_ASSERT_EQUAL(pers_state_to_linux(SHIM_STATE_SHUTDOWN_PENDING), SCTP_SHUTDOWN_PENDING);
	CU_ASSERT_EQUAL(pers_state_to_linux(SHIM_STATE_SHUTDOWN_SENT), SCTP_SHUTDOWN_SENT);
	CU_ASSERT_EQUAL(pers_state_to_linux(SHIM_STATE_SHUTDOWN_RECEIVED), SCTP_SHUTDOWN_RECEIVED);
	CU_ASSERT_EQUAL(pers_state_to_linux(SHIM_STATE_SHUTDOWN_ACK_SENT), SCTP_SHUTDOWN_ACK_SENT);
	CU_ASSERT_EQUAL(pers_state_to_linux(99), SCTP_EMPTY);
	CU_ASSERT_EQUAL(pers_path_state_to_linux(SHIM_PATH_INACTIVE), SCTP_INACTIVE);
	CU_ASSERT_EQUAL(pers_path_state_to_linux(SHIM_PATH_PF), SCTP_PF);
	CU_ASSERT_EQUAL(pers_path_state_to_linux(SHIM_PATH_ACTIVE), SCTP_ACTIVE);
	CU_ASSERT_EQUAL(pers_path_state_to_linux(SHIM_PATH_UNCONFIRMED), SCTP_UNCONFIRMED);
	CU_ASSERT_EQUAL(pers_path_state_to_linux(SHIM_PATH_UNKNOWN), SCTP_UNKNOWN);
}

static void test_flags(void)
{
	uint16_t f = 0;

	CU_ASSERT_EQUAL(pers_send_flags_from_linux(SCTP_UNORDERED | SCTP_EOF, &f), 0);
	CU_ASSERT_EQUAL(f, SHIM_MSG_UNORDERED | SHIM_MSG_EOF);
	CU_ASSERT_EQUAL(pers_send_flags_from_linux(SCTP_ABORT | SCTP_ADDR_OVER | SCTP_SENDALL
	                                           | SCTP_SACK_IMMEDIATELY | SCTP_PR_SCTP_TTL, &f), 0);
	CU_ASSERT_EQUAL(f, SHIM_MSG_ABORT | SHIM_MSG_ADDR_OVER | SHIM_MSG_SENDALL
	                   | SHIM_MSG_SACK_IMMEDIATELY);
	CU_ASSERT_EQUAL(pers_send_flags_from_linux(SCTP_PR_SCTP_ALL, &f), -EINVAL);
	CU_ASSERT_EQUAL(pers_send_flags_from_linux(0x100, &f), -EINVAL);
	CU_ASSERT_EQUAL(pers_recv_flags_to_linux(SHIM_MSG_UNORDERED | SHIM_MSG_EOR), SCTP_UNORDERED);
	CU_ASSERT_EQUAL(pers_pr_policy_from_linux(SCTP_PR_SCTP_RTX), SHIM_PR_RTX);
	CU_ASSERT_EQUAL(pers_pr_policy_from_linux(0x40), -EINVAL);
	CU_ASSERT_EQUAL(pers_pr_policy_to_linux(SHIM_PR_PRIO), SCTP_PR_SCTP_PRIO);
	CU_ASSERT_EQUAL(pers_notify_type_to_linux(SHIM_NOTIFY_ASSOC_CHANGE), SCTP_ASSOC_CHANGE);
	CU_ASSERT_EQUAL(pers_notify_type_to_linux(SHIM_NOTIFY_SEND_FAILED_EVENT), SCTP_SEND_FAILED_EVENT);
	CU_ASSERT_EQUAL(pers_notify_type_from_linux(SCTP_SENDER_DRY_EVENT), SHIM_NOTIFY_SENDER_DRY);
	CU_ASSERT_EQUAL(pers_notify_type_from_linux(0x7fff), -EINVAL);
	CU_ASSERT_EQUAL(PERS_MSG_NOTIFICATION, MSG_NOTIFICATION);
}

int main(void)
{
	CU_pSuite s;
	unsigned int failed;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	s = CU_add_suite("personality", NULL, NULL);
	CU_add_test(s, "states", test_states);
	CU_add_test(s, "flags", test_flags);
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	failed = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
	CU_cleanup_registry();
	return failed ? 1 : 0;
}
