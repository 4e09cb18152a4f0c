#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e nudge-epollet: a non-blocking socket under edge-triggered epoll gets
# a new EPOLLIN edge for what a partial read left.
. "$(dirname "$0")/lib.sh"
run_e2e nudge-epollet 30365
