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
readonly MAX_RESTARTS=5

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

	use_home "$state" || return 1

	local daemon_pid=""
	cleanup_daemon() {
		if [[ -n "$daemon_pid" ]] && kill -0 "$daemon_pid" 2>/dev/null; then
			stop_daemon "$daemon_pid"
			wait "$daemon_pid" 2>/dev/null
		fi
		daemon_pid=""
		# A daemon D-Bus started again after a crash (see activate) is not our child.
		local current
		current=$(cat "$state/daemon.pid" 2>/dev/null)
		if [[ "$current" =~ ^[0-9]+$ ]] && is_keyring_daemon "$current"; then
			stop_daemon "$current"
		fi
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
	# For a daemon started again by D-Bus: tests find the daemon of their bus by this variable.
	printf '%s\n' "$DBUS_SESSION_BUS_ADDRESS" >"$state/bus"

	# A child, not exec: the EXIT trap must still kill the daemon afterwards.
	"$@"
	local rc=$?
	cleanup_daemon
	trap - EXIT INT TERM
	if [[ -s "$state/restarts" ]]; then
		echo "$ME: WARNING: gnome-keyring-daemon ended $(wc -l <"$state/restarts") time(s) during the run and was started again; everything it said:" >&2
		sed 's/^/    /' "$state/daemon.log" >&2
	fi
	return "$rc"
}

# The throwaway HOME and XDG directories under STATE_DIR, for the tests and for the daemon.
use_home() {
	local home="$1/home"
	mkdir -p "$home/.config" "$home/.local/share" "$home/.cache" "$home/run" || return 1
	chmod 0700 "$home" "$home/run"
	export HOME="$home"
	export XDG_CONFIG_HOME="$home/.config"
	export XDG_DATA_HOME="$home/.local/share"
	export XDG_CACHE_HOME="$home/.cache"
	export XDG_RUNTIME_DIR="$home/run"
	# Leftovers from a desktop session would point libsecret/ssh at the real daemon.
	unset GNOME_KEYRING_CONTROL GNOME_KEYRING_PID
}

is_keyring_daemon() {
	local comm
	comm=$(cat "/proc/$1/comm" 2>/dev/null) && [[ "$comm" == gnome-keyring* ]]
}

stop_daemon() {
	local pid=$1 i
	kill "$pid" 2>/dev/null
	for ((i = 0; i < 30; i++)); do
		kill -0 "$pid" 2>/dev/null || return 0
		sleep 0.1
	done
	kill -9 "$pid" 2>/dev/null
}

# ---------------------------------------------------------------------------
# D-Bus activation of org.freedesktop.secrets on our bus (bus.conf below):
#   with-keyring.sh --activate STATE_DIR
# gnome-keyring-daemon 42 can die of its own assertion (SIGTRAP) in the middle of a run. The stock
# activation would then start `--start` without a password: the login keyring stays locked, and
# every later keychain call fails with "Object does not exist at path
# /org/freedesktop/secrets/collection/login". Here the next call starts the daemon again on the same
# keyring file, unlocked with the same password, and waits for it; the run says so loudly.
# ---------------------------------------------------------------------------
activate() {
	local state=$1 count
	use_home "$state" || exit 1
	if [[ -s "$state/bus" ]]; then
		DBUS_SESSION_BUS_ADDRESS=$(<"$state/bus")
		export DBUS_SESSION_BUS_ADDRESS
	fi
	echo "$$ $(date +%T)" >>"$state/restarts"
	count=$(wc -l <"$state/restarts")
	if ((count > MAX_RESTARTS)); then
		echo "$ME: gnome-keyring-daemon ended $count times; not starting it again" >&2
		exit 1
	fi
	echo "$ME: WARNING: the Secret Service left the bus (gnome-keyring-daemon ended); starting it again on the same keyring, unlocked ($count of at most $MAX_RESTARTS)" >&2
	echo "$$" >"$state/daemon.pid"
	exec gnome-keyring-daemon --unlock --components=secrets --foreground \
		< <(printf 'authdeck-test') >>"$state/daemon.log" 2>&1
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
if [[ "${1:-}" == "--activate" ]]; then
	activate "$2"
fi
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
	local pid
	[[ -f "$state/daemon.pid" ]] || return 0
	pid=$(<"$state/daemon.pid")
	[[ "$pid" =~ ^[0-9]+$ ]] || return 0
	if is_keyring_daemon "$pid"; then
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
# The stock session bus, with one service directory of ours instead of the system's: nothing but
# org.freedesktop.secrets can be started on it, and that only as `activate` above says.
mkdir -p "$state/services"
printf '[D-BUS Service]\nName=org.freedesktop.secrets\nExec=/bin/bash "%s" --activate "%s"\n' \
	"$self" "$state" >"$state/services/org.freedesktop.secrets.service"
cat >"$state/bus.conf" <<EOF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <keep_umask/>
  <listen>unix:tmpdir=${TMPDIR:-/tmp}</listen>
  <auth>EXTERNAL</auth>
  <servicedir>$state/services</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
  <limit name="max_incoming_bytes">1000000000</limit>
  <limit name="max_outgoing_bytes">1000000000</limit>
  <limit name="max_message_size">1000000000</limit>
  <limit name="service_start_timeout">20000</limit>
  <limit name="max_replies_per_connection">50000</limit>
  <limit name="max_connections_per_user">100000</limit>
</busconfig>
EOF
dbus-run-session --config-file="$state/bus.conf" -- bash "$self" --inside "$state" "$@"
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
