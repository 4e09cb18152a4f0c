#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e epoll: epoll: EPOLLIN when an association or data arrives and not
# before; EPOLLOUT when connected.
. "$(dirname "$0")/lib.sh"
run_e2e epoll 30280
