/**
 * The gnome-keyring-daemon that with-keyring.sh started for this test run, found by the D-Bus
 * session it serves, so a test can stop it (SIGSTOP) to make the keychain hang for real without
 * touching any other keyring on the machine.
 */
import fs from 'node:fs';

/** The daemon's PID, or undefined when none in /proc serves this process's session bus. */
export function keyringDaemonPid(): number | undefined {
	const fromHarness = Number(process.env.AUTHDECK_TEST_KEYRING_PID);
	if (Number.isInteger(fromHarness) && fromHarness > 0) {
		return fromHarness;
	}

	const bus = process.env.DBUS_SESSION_BUS_ADDRESS;
	if (!bus) {
		return undefined;
	}

	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) {
			continue;
		}

		try {
			if (!fs.readFileSync(`/proc/${entry}/comm`, 'utf8').startsWith('gnome-keyring')) {
				continue;
			}

			const environ = fs.readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
			if (environ.includes(`DBUS_SESSION_BUS_ADDRESS=${bus}`)) {
				return Number(entry);
			}
		} catch {
			// The process ended meanwhile, or is not ours to read.
		}
	}

	return undefined;
}

/**
 * Runs `work` while the daemon is stopped (SIGSTOP): every keychain call hangs as on a wedged
 * D-Bus service. The daemon is always continued afterwards.
 */
export async function withKeyringStopped<T>(work: () => Promise<T>): Promise<T> {
	const pid = keyringDaemonPid();
	if (pid === undefined) {
		throw new Error('cannot find the gnome-keyring-daemon of this D-Bus session');
	}

	process.kill(pid, 'SIGSTOP');
	try {
		return await work();
	} finally {
		process.kill(pid, 'SIGCONT');
	}
}
