#!/usr/bin/env bash
# Test entry point used by `npm test`.
#
#   bash scripts/run-tests.sh                 # every test/**/*.test.ts(x)
#   bash scripts/run-tests.sh FILE [FILE...]  # only these files
#
# Runs the tests with node's test runner (through tsx) inside
# with-keyring.sh, so keychain tests use a real, throwaway gnome-keyring.
# Says up front whether the real keychain tests run or are skipped and why.
# Under CI a missing keyring is a failure, never a skip.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)

ci_set() {
	[[ -n "${CI:-}" && "${CI}" != "0" && "${CI,,}" != "false" ]]
}

# Second stage: we are now CMD of with-keyring.sh.
if [[ "${1:-}" == "--under-keyring" ]]; then
	shift
	if [[ "${AUTHDECK_TEST_KEYRING:-}" == "1" ]]; then
		echo "run-tests: real keychain tests WILL RUN (private gnome-keyring on a throwaway D-Bus session, HOME=$HOME)"
	else
		reason=${AUTHDECK_TEST_KEYRING_MISSING:-"with-keyring.sh gave no reason"}
		if ci_set; then
			echo "run-tests: FAIL: CI=${CI} but the real keyring is unavailable: $reason" >&2
			echo "run-tests: under CI the keychain tests must run; install dbus-x11 gnome-keyring libsecret-tools" >&2
			exit 1
		fi
		echo "run-tests: real keychain tests SKIPPED: $reason"
	fi
	# node:test waits forever by default: a test left waiting on a pipe an orphaned child still holds
	# would hang the whole run. Ten minutes is past every test's own timeout and any file's length.
	exec node --import tsx --test --test-reporter=spec --test-concurrency=1 --test-timeout=600000 "$@"
fi

cd "$root"

files=()
if [[ $# -gt 0 ]]; then
	for f in "$@"; do
		if [[ ! -f "$f" ]]; then
			echo "run-tests: no such test file: $f" >&2
			exit 2
		fi
		files+=("$f")
	done
else
	# node 20's --test does not expand globs itself, so list the files here.
	mapfile -t files < <(find test -type d -name node_modules -prune -o -type f \
		\( -name '*.test.ts' -o -name '*.test.tsx' \) -print | LC_ALL=C sort)
fi

if [[ ${#files[@]} -eq 0 ]]; then
	echo "run-tests: no test files found under test/" >&2
	exit 1
fi

echo "run-tests: ${#files[@]} test file(s)"
exec bash "$here/with-keyring.sh" bash "$here/run-tests.sh" --under-keyring "${files[@]}"
