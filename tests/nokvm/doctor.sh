#!/bin/sh
# tests/cli/doctor.sh again, where /dev/kvm does not exist (run.sh).
exec sh "${top_srcdir:-$(dirname "$0")/../..}/tests/nokvm/run.sh" tests/cli/doctor.sh
