import type {Command} from 'commander';
import {addChoiceOptions} from './options.js';

/**
 * Which commands take the shared flags (options.ts): `--account`, `--org` and `--profile` for those
 * that act on one account, `--profile` alone for the rest, none for those the profile does not
 * change. Added by `finishProgram` (root.ts), so a command registered alone (the commands' bundle
 * runs one at a time) has the same flags as in the whole program.
 */

/**
 * Commands that act on an account: they take `--account`, `--org` and `--profile`. Those that name
 * the account they change as their argument (`switch`, `alias`, `config set-account`) do not:
 * there the argument is the account, and the profile's choice is what they change.
 */
export const actOnAccount: ReadonlySet<string> = new Set([
	'status',
	'prompt',
	'token',
	'logout',
	'env',
	'exec',
	'use',
	'shell',
	'refresh',
	'whoami',
	'permissions',
	'orgs',
	'org switch',
	'credential add',
	'credential list',
	'credential remove',
	'credential edit',
	'credential rotate',
	'credential token',
	'credential send',
	'credential listen',
	'credential headers',
	'credential sign',
	'credential verify',
	'key list',
	'key show',
	'key create',
	'key delete',
	'key rotate',
]);
/** Commands the profile does not change: no `--profile`. */
const profileFree = new Set([
	'profile',
	'config create-profile',
	'config use-profile',
	'provider',
	'doctor',
	'alias',
]);

/** The command's path below the program, e.g. `org switch`. */
function pathOf(command: Command): string {
	const names: string[] = [];
	for (let at: Command | null = command; at?.parent; at = at.parent) {
		names.unshift(at.name());
	}

	return names.join(' ');
}

/** Gives every command the shared flags it takes (options.ts), once the tree is built. */
export function addSharedFlags(command: Command): void {
	for (const sub of command.commands) {
		const path = pathOf(sub);
		const top = path.split(' ')[0] as string;
		if (sub.commands.length > 0) {
			addSharedFlags(sub);
		} else if (!profileFree.has(path) && !profileFree.has(top)) {
			addChoiceOptions(sub, actOnAccount.has(path));
		}
	}
}
