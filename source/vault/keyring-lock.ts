/**
 * Whether the Secret Service's default collection (where keytar stores) is locked. On a locked
 * collection libsecret answers a lookup with "nothing stored" and a delete with "nothing deleted",
 * exactly as for a secret that does not exist (tried on gnome-keyring): authdeck asks the collection
 * itself before it says a secret is missing. Asked over D-Bus with `gdbus` or `dbus-send`, whichever
 * is installed (glib's and D-Bus's own tools); keytar has no call for it.
 */
import {nodeChildProcess} from '../lib/builtins.js';

const question = {
	object: '/org/freedesktop/secrets/aliases/default',
	interface: 'org.freedesktop.Secret.Collection',
};

const tools: ReadonlyArray<readonly [string, readonly string[]]> = [
	[
		'gdbus',
		[
			'call',
			'--session',
			'--dest',
			'org.freedesktop.secrets',
			'--object-path',
			question.object,
			'--method',
			'org.freedesktop.DBus.Properties.Get',
			question.interface,
			'Locked',
		],
	],
	[
		'dbus-send',
		[
			'--session',
			'--print-reply',
			'--dest=org.freedesktop.secrets',
			question.object,
			'org.freedesktop.DBus.Properties.Get',
			`string:${question.interface}`,
			'string:Locked',
		],
	],
];

function ask(tool: string, args: readonly string[], timeout: number): Promise<boolean | undefined> {
	// Loaded here: a command that never asks the keyring does not load node:child_process.
	const {execFile} = nodeChildProcess();
	return new Promise((resolve) => {
		execFile(tool, args, {timeout, killSignal: 'SIGKILL'}, (error, stdout) => {
			if (error) {
				resolve(undefined);
				return;
			}

			resolve(/\btrue\b/.test(stdout) ? true : /\bfalse\b/.test(stdout) ? false : undefined);
		});
	});
}

/** true or false when the Secret Service said; undefined when it could not be asked (not Linux, no tool). */
export async function keyringLocked(timeout = 3000): Promise<boolean | undefined> {
	if (process.platform !== 'linux') {
		return undefined;
	}

	for (const [tool, args] of tools) {
		const answer = await ask(tool, args, timeout);
		if (answer !== undefined) {
			return answer;
		}
	}

	return undefined;
}

/** What a locked keyring means for the user, and how to unlock it. */
export const lockedMessage =
	'the keyring is locked: unlock it and try again (log in to the desktop session, or unlock the "login" keyring in Seahorse; on a machine without a desktop: printf %s "$PASSWORD" | gnome-keyring-daemon --replace --unlock)';
