/**
 * `npm run demo` in a real terminal: the deck opens on the throwaway vault with its hint, and a
 * device-code sign-in from the deck's wizard against the demo's provider adds the account.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import {test} from 'node:test';
import xterm from '@xterm/headless';
import pty from 'node-pty';
import {root, TempVault} from '../helpers/cli.js';
import {terminalEnv} from '../helpers/pty.js';
import {TestBrowser} from '../helpers/test-browser.js';

test('the demo opens the deck; a device-code sign-in from the wizard works', {
	timeout: 120_000,
}, async () => {
	const vault = await TempVault.create();
	const {env} = vault;
	const terminal = new xterm.Terminal({cols: 180, rows: 40, allowProposedApi: true});
	const child = pty.spawn(process.execPath, [path.join(root, 'dist', 'demo.js')], {
		name: 'xterm-256color',
		cols: 180,
		rows: 40,
		cwd: root,
		env: terminalEnv(env),
	});
	const exited = new Promise<number>((resolve) => child.onExit(({exitCode}) => resolve(exitCode)));
	child.onData((data) => terminal.write(data));
	const screen = () => {
		const lines: string[] = [];
		const buffer = terminal.buffer.active;
		for (let y = 0; y < terminal.rows; y++) {
			lines.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
		}

		return lines.join('\n');
	};

	const waitFor = async (pattern: RegExp, timeout = 30_000) => {
		const end = Date.now() + timeout;
		while (Date.now() < end) {
			const match = pattern.exec(screen().replaceAll(/\s+/g, ' '));
			if (match) {
				return match;
			}

			await new Promise((resolve) => setTimeout(resolve, 50));
		}

		throw new Error(`no ${pattern} on the screen:\n${screen()}`);
	};

	try {
		await waitFor(/Demo: press a/);
		await waitFor(/1 Accounts/);
		child.write('a');
		await waitFor(/Add an account/);
		// One Down at a time, each waited for: a Down still on its way after the screen shows the demo
		// provider would move past it (on a loaded machine a key can take longer than a fixed pause).
		const chosen = () =>
			screen()
				.split('\n')
				.find((line) => line.includes('❯')) ?? '';
		for (let step = 0; step < 10 && !/❯ Demo identity provider/.test(screen()); step++) {
			const before = chosen();
			child.write('\u001B[B');
			const end = Date.now() + 15_000;
			while (chosen() === before && Date.now() < end) {
				await new Promise((resolve) => setTimeout(resolve, 20));
			}
		}

		await waitFor(/❯ Demo identity provider/);
		child.write('\r');
		await waitFor(/Sign in with the browser/);
		child.write('\u001B[B');
		await waitFor(/❯ Sign in with a device code/);
		child.write('\r');
		await waitFor(/Alias \(optional\)/);
		child.write('\r');
		await waitFor(/Environment/);
		child.write('\r');
		// The address on a line of its own, the code spaced out in a box below it.
		const [, uri, spaced] = await waitFor(
			/(http:\/\/127\.0\.0\.1:\d+\/device)[\s\S]*?enter the code:[\s\S]*?((?:[A-Z] ){4}-(?: [A-Z]){4})/,
		);
		const code = (spaced as string).replaceAll(' ', '');
		await new TestBrowser().verifyDevice(uri as string, code, {
			email: 'carol@globex.test',
			password: 'carol-demo',
		});
		await waitFor(/Added carol/);
		await waitFor(/Globex Labs/);
		child.write('q');
		assert.equal(await exited, 0);
	} finally {
		child.kill();
		await vault.cleanup();
	}
});
