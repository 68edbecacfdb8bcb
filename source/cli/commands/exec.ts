import {spawn} from 'node:child_process';
import os from 'node:os';
import type {Command} from 'commander';
import {allProviders} from '../../auth/providers.js';
import type {Account} from '../../domain.js';
import {UserError} from '../../lib/errors.js';
import {recordUse} from '../../services/record-use.js';
import type {Context} from '../../store/context.js';
import {accountFrom, accountOption} from '../options.js';
import {action} from '../output.js';
import {accountVariables} from './env.js';

/**
 * Runs a command with the account's variables. Every provider variable inherited from the shell is
 * removed first, so the child sees only the chosen account; exit code and signals pass through.
 * `extra` variables are set last (`authdeck shell`'s marker).
 */
export async function execWith(
	context: Context,
	account: Account,
	command: readonly string[],
	extra: Readonly<Record<string, string>> = {},
): Promise<number> {
	const [file, ...args] = command;
	if (!file) {
		throw new UserError('nothing to run; usage: authdeck exec -- COMMAND [ARGS...]');
	}

	const {vault} = context.store.getState();
	const env: NodeJS.ProcessEnv = {...context.env};
	for (const provider of allProviders(vault)) {
		for (const name of [
			...provider.envVars,
			...(provider.orgEnvVars ?? []),
			...(provider.baseUrlEnvVars ?? []),
		]) {
			delete env[name];
		}
	}

	Object.assign(env, await accountVariables(context, account), extra);
	await recordUse(context, account);

	return new Promise((resolve, reject) => {
		// Listened for before the child starts: it may run, and be waited on, before spawn returns,
		// and a signal that came then killed authdeck by default and left the child behind. A
		// listener runs from the event loop, so `child` is set by the time one does.
		let child: ReturnType<typeof spawn> | undefined;
		const forward = (signal: NodeJS.Signals) => {
			// Ctrl+C and Ctrl+\ on a terminal reach the whole foreground group, the child included:
			// forwarding them too would hand the child a second one (many programs quit hard on that).
			if ((signal === 'SIGINT' || signal === 'SIGQUIT') && process.stdin.isTTY) {
				return;
			}

			child?.kill(signal);
		};
		const signals: NodeJS.Signals[] = [
			'SIGINT',
			'SIGTERM',
			'SIGHUP',
			'SIGQUIT',
			'SIGUSR1',
			'SIGUSR2',
		];
		for (const signal of signals) {
			process.on(signal, forward);
		}

		const cleanup = () => {
			for (const signal of signals) {
				process.off(signal, forward);
			}
		};

		child = spawn(file, args, {stdio: 'inherit', env});

		child.on('error', (error) => {
			cleanup();
			reject(
				new UserError(
					`cannot run ${file}: ${(error as NodeJS.ErrnoException).code ?? error.message}`,
					{exitCode: 127},
				),
			);
		});
		child.on('exit', (code, signal) => {
			cleanup();
			if (signal) {
				// Die of the same signal, so the caller sees what the child saw. The exit handlers of
				// proper-lockfile and atomically (signal-exit, when-exit) also listen for it and would
				// keep us alive until after the exit below; nothing is locked or half-written now.
				process.removeAllListeners(signal);
				process.kill(process.pid, signal);
				// Still alive (a signal Node keeps for itself, such as SIGUSR1): the shell's convention.
				resolve(128 + (os.constants.signals[signal] ?? 0));
				return;
			}

			resolve(code ?? 1);
		});
	});
}

/** `authdeck exec -- COMMAND`: runs it with the account's variables; its exit code is ours. */
export function registerExec(program: Command): void {
	program
		.command('exec')
		.description("Run a command with the account's variables set (and other providers' removed)")
		.addOption(accountOption())
		.argument('<command...>', 'the command and its arguments, after --')
		.passThroughOptions()
		.action(
			action(async (context, command: string[], options: {account?: string}) =>
				execWith(context, accountFrom(context, options.account), command),
			),
		);
}
