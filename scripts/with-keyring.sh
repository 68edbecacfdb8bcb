#!/usr/bin/env bash
# Run a command next to a real, unlocked, throwaway Secret Service.
#
#   bash scripts/with-keyring.sh CMD [ARGS...]
#
# CMD runs inside a fresh `dbus-run-session` with gnome-keyring-daemon
# (secrets component only) started and unlocked, and with HOME,
# XDG_CONFIG_HOME, XDG_DATA_HOME and XDG_RUNTIME_DIR pointing into a temporary
# directory, so nothing touches the real user's keyring or config. In that case
# AUTHDECK_TEST_KEYRING=1 is exported.
#
# If dbus-run-session or gnome-keyring-daemon is not installed, or the keyring
# does not come up, CMD runs directly in the caller's environment instead, with
# AUTHDECK_TEST_KEYRING unset and AUTHDECK_TEST_KEYRING_MISSING set to the
# reason. Deciding whether that is acceptable (it is not under CI) is the
# caller's job.
#
# The exit status is CMD's. The daemon is always killed by its PID and the
# temporary directory removed.
set -uo pipefail

readonly ME="with-keyring"
readonly READY_TIMEOUT_SECONDS=10

# ---------------------------------------------------------------------------
# Inner half: runs as the child of dbus-run-session.
#   with-keyring.sh --inside STATE_DIR CMD [ARGS...]
# STATE_DIR/status receives "ran" just before CMD starts, or "missing <reason>"
# if the keyring did not come up (then CMD is NOT run here; the outer half runs
# it outside the bus session so D-Bus activation cannot start a stray daemon).
# ---------------------------------------------------------------------------
inside() {
	local state=$1
	shift

	local home="$state/home"
	mkdir -p "$home/.config" "$home/.local/share" "$home/.cache" "$home/run" || return 1
	chmod 0700 "$home" "$home/run"
	export HOME="$home"
	export XDG_CONFIG_HOME="$home/.config"
	export XDG_DATA_HOME="$home/.local/share"
	export XDG_CACHE_HOME="$home/.cache"
	export XDG_RUNTIME_DIR="$home/run"
	# Leftovers from a desktop session would point libsecret/ssh at the real daemon.
	unset GNOME_KEYRING_CONTROL GNOME_KEYRING_PID

	local daemon_pid=""
	cleanup_daemon() {
		if [[ -n "$daemon_pid" ]] && kill -0 "$daemon_pid" 2>/dev/null; then
			kill "$daemon_pid" 2>/dev/null
			local i
			for ((i = 0; i < 30; i++)); do
				kill -0 "$daemon_pid" 2>/dev/null || break
				sleep 0.1
			done
			kill -9 "$daemon_pid" 2>/dev/null
			wait "$daemon_pid" 2>/dev/null
		fi
		daemon_pid=""
	}
	trap cleanup_daemon EXIT
	trap 'cleanup_daemon; exit 130' INT
	trap 'cleanup_daemon; exit 143' TERM

	give_up() {
		local reason=$1
		echo "$ME: real keyring unavailable: $reason" >&2
		if [[ -s "$state/daemon.log" ]]; then
			echo "$ME: gnome-keyring-daemon said:" >&2
			sed 's/^/    /' "$state/daemon.log" >&2
		fi
		printf 'missing %s\n' "$reason" >"$state/status"
		cleanup_daemon
		exit 0
	}

	# --unlock reads the login keyring's password from stdin (creating the
	# keyring if needed); --foreground keeps it our child so we own its PID.
	printf 'authdeck-test' | gnome-keyring-daemon --unlock --components=secrets --foreground \
		>"$state/daemon.log" 2>&1 &
	daemon_pid=$!
	echo "$daemon_pid" >"$state/daemon.pid"

	# Deadline in microseconds of wall-clock time (each dbus-send costs time too).
	local now=${EPOCHREALTIME/[.,]/}
	local deadline=$((now + READY_TIMEOUT_SECONDS * 1000000)) ready=""
	while ((${EPOCHREALTIME/[.,]/} < deadline)); do
		if ! kill -0 "$daemon_pid" 2>/dev/null; then
			wait "$daemon_pid" 2>/dev/null
			daemon_pid=""
			give_up "gnome-keyring-daemon exited during start-up"
		fi
		if name_has_owner org.freedesktop.secrets; then
			ready=1
			break
		fi
		sleep 0.1
	done
	[[ -n "$ready" ]] ||
		give_up "org.freedesktop.secrets did not appear on the session bus within $READY_TIMEOUT_SECONDS s"

	unset AUTHDECK_TEST_KEYRING_MISSING
	export AUTHDECK_TEST_KEYRING=1
	echo ran >"$state/status"

	# A child, not exec: the EXIT trap must still kill the daemon afterwards.
	"$@"
	local rc=$?
	cleanup_daemon
	trap - EXIT INT TERM
	return "$rc"
}

name_has_owner() {
	local name=$1 out
	if command -v dbus-send >/dev/null 2>&1; then
		out=$(dbus-send --session --dest=org.freedesktop.DBus --type=method_call --print-reply \
			/org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner "string:$name" 2>/dev/null) || return 1
		[[ "$out" == *"boolean true"* ]]
	elif command -v gdbus >/dev/null 2>&1; then
		out=$(gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
			--method org.freedesktop.DBus.NameHasOwner "$name" 2>/dev/null) || return 1
		[[ "$out" == *"true"* ]]
	else
		return 1
	fi
}

run_without_keyring() {
	local reason=$1
	shift
	unset AUTHDECK_TEST_KEYRING
	export AUTHDECK_TEST_KEYRING_MISSING="$reason"
	"$@"
}

# ---------------------------------------------------------------------------
# Outer half.
# ---------------------------------------------------------------------------
if [[ "${1:-}" == "--inside" ]]; then
	shift
	[[ $# -ge 2 ]] || {
		echo "$ME: --inside needs STATE_DIR CMD" >&2
		exit 2
	}
	inside "$@"
	exit $?
fi

if [[ $# -eq 0 ]]; then
	echo "usage: bash $0 CMD [ARGS...]" >&2
	exit 2
fi

missing=""
if ! command -v dbus-run-session >/dev/null 2>&1; then
	missing="dbus-run-session not found (install dbus-x11 / dbus-daemon)"
elif ! command -v gnome-keyring-daemon >/dev/null 2>&1; then
	missing="gnome-keyring-daemon not found (install gnome-keyring)"
elif ! command -v dbus-send >/dev/null 2>&1 && ! command -v gdbus >/dev/null 2>&1; then
	missing="neither dbus-send nor gdbus found to check the session bus (install dbus-bin)"
fi
if [[ -n "$missing" ]]; then
	run_without_keyring "$missing" "$@"
	exit $?
fi

state=$(mktemp -d "${TMPDIR:-/tmp}/authdeck-keyring.XXXXXX") || {
	echo "$ME: mktemp failed" >&2
	exit 1
}
chmod 0700 "$state"
# Safety net for when the inner half could not run its trap (e.g. SIGKILL):
# kill the daemon it recorded, if that PID is still a gnome-keyring-daemon.
reap_stray_daemon() {
	local pid comm
	[[ -f "$state/daemon.pid" ]] || return 0
	pid=$(<"$state/daemon.pid")
	[[ "$pid" =~ ^[0-9]+$ ]] || return 0
	comm=$(cat "/proc/$pid/comm" 2>/dev/null) || return 0
	if [[ "$comm" == gnome-keyring* ]]; then
		kill "$pid" 2>/dev/null
		echo "$ME: killed leftover gnome-keyring-daemon $pid" >&2
	fi
	rm -f "$state/daemon.pid"
}
cleanup_state() {
	reap_stray_daemon
	rm -rf "$state"
}
trap cleanup_state EXIT
# Let the inner half clean up on Ctrl-C / TERM (the whole process group gets
# the signal); we only remove the directory afterwards.
trap 'exit 130' INT
trap 'exit 143' TERM

self=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")
dbus-run-session -- bash "$self" --inside "$state" "$@"
rc=$?
reap_stray_daemon


status=""
[[ -f "$state/status" ]] && status=$(<"$state/status")
case "$status" in
ran)
	exit "$rc"
	;;
missing\ *)
	run_without_keyring "${status#missing }" "$@"
	exit $?
	;;
*)
	reason="dbus-run-session failed to start a session bus (exit $rc)"
	echo "$ME: real keyring unavailable: $reason" >&2
	run_without_keyring "$reason" "$@"
	exit $?
	;;
esac
