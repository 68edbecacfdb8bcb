import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {describe, test} from 'node:test';
import xterm from '@xterm/headless';
import pty from 'node-pty';
import {type TempVault, useSeededVault} from '../../helpers/cli.js';
import {terminalEnv} from '../../helpers/pty.js';
import {authdeckOnPath} from '../../helpers/shell-path.js';

/** COMPREPLY after bash's completion function ran on `line` (the cursor at its end), one a line. */
function bashComplete(env: NodeJS.ProcessEnv, script: string, words: readonly string[]): string[] {
	const program = `source "$1"
shift
COMP_WORDS=("$@")
COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 ))
COMP_LINE="\${COMP_WORDS[*]}"
COMP_POINT=\${#COMP_LINE}
"$(complete -p authdeck | sed -E 's/.*-F ([^ ]+).*/\\1/')" authdeck "\${COMP_WORDS[COMP_CWORD]}"
printf '%s\\n' "\${COMPREPLY[@]}"`;
	const output = execFileSync(
		'bash',
		['--norc', '--noprofile', '-c', program, 'bash', script, 'authdeck', ...words],
		{encoding: 'utf8', env},
	);
	return output.split('\n').filter(Boolean);
}

describe('completion', () => {
	let vault: TempVault;
	let env: NodeJS.ProcessEnv;
	let scripts: Record<'bash' | 'zsh' | 'fish', string>;
	useSeededVault('file', (fresh) => {
		({vault} = fresh);
	});

	const setUp = async () => {
		env = {...vault.env, PATH: await authdeckOnPath(vault.home)};
		scripts = {bash: '', zsh: '', fish: ''};
		for (const shell of ['bash', 'zsh', 'fish'] as const) {
			const file = path.join(vault.home, `authdeck.${shell}`);
			fs.writeFileSync(file, (await vault.ok(['completion', shell])).stdout);
			scripts[shell] = file;
		}
	};

	test('bash: registered with complete -F; `switch <TAB>` offers aliases and emails', async () => {
		await setUp();
		const registered = execFileSync(
			'bash',
			['--norc', '--noprofile', '-c', 'source "$1"; complete -p authdeck', 'bash', scripts.bash],
			{encoding: 'utf8', env},
		);
		assert.match(registered, /^complete -F _authdeck authdeck$/m);
		assert.deepEqual(bashComplete(env, scripts.bash, ['switch', '']).sort(), [
			'client-a',
			'jane@agency.com',
			'john@company.com',
			'prod',
		]);
		assert.deepEqual(bashComplete(env, scripts.bash, ['switch', 'p']), ['prod']);
	});

	test('bash: commands and flags come from the program, values from choices and the vault', async () => {
		await setUp();
		const help = (await vault.ok(['--help'])).stdout;
		const listed = [...help.matchAll(/^ {2}([a-z][\w-]*)/gm)].map((match) => match[1]);
		const offered = bashComplete(env, scripts.bash, ['']);
		for (const command of listed.filter((name) => name !== 'help')) {
			assert.ok(offered.includes(command as string), `${command} is not completed`);
		}

		assert.ok(!offered.includes('__complete'), 'the hidden lookup is not offered');
		assert.deepEqual(bashComplete(env, scripts.bash, ['sw']), ['switch']);
		assert.deepEqual(bashComplete(env, scripts.bash, ['switch', '--']).sort(), [
			'--help',
			'--json',
			'--profile',
		]);
		assert.deepEqual(bashComplete(env, scripts.bash, ['env', '--shell', 'f']), ['fish']);
		assert.deepEqual(bashComplete(env, scripts.bash, ['completion', 'z']), ['zsh']);
		// bash splits `--account=cl` at the `=`.
		assert.deepEqual(bashComplete(env, scripts.bash, ['env', '--account', '=', 'cl']), [
			'client-a',
		]);
		// An organization name with a space is quoted for the command line.
		assert.deepEqual(bashComplete(env, scripts.bash, ['org', 'switch', 'Acme']), ['Acme\\ Corp']);
		assert.deepEqual(bashComplete(env, scripts.bash, ['login', '--provider', 'va']).sort(), [
			'vantage',
			'vapi',
			'vast',
		]);
	});

	test('a broken metadata file offers no accounts, and prints no error', async () => {
		await setUp();
		fs.writeFileSync(vault.configFile, '{"version": 1, "accounts": [');
		assert.deepEqual(bashComplete(env, scripts.bash, ['switch', '']), []);
		const direct = await vault.run(['__complete', 'bash', '--', 'switch', '']);
		assert.deepEqual([direct.code, direct.stdout, direct.stderr], [0, '', '']);
	});

	test('fish: `complete -C "authdeck switch "` offers aliases with descriptions', async () => {
		await setUp();
		const output = execFileSync(
			'fish',
			['--no-config', '-c', `source ${scripts.fish}; complete -C 'authdeck switch '`],
			{encoding: 'utf8', env},
		);
		const lines = output.split('\n').filter(Boolean).sort();
		assert.deepEqual(lines, [
			'client-a\tvapi jane@agency.com',
			'jane@agency.com\tclient-a',
			'john@company.com\tprod',
			'prod\tvapi john@company.com',
		]);
		const flags = execFileSync(
			'fish',
			['--no-config', '-c', `source ${scripts.fish}; complete -C 'authdeck logout --a'`],
			{encoding: 'utf8', env},
		);
		assert.match(flags, /^--all\t/m);
	});

	test('zsh: `authdeck switch <TAB>` in an interactive zsh lists the aliases', async () => {
		await setUp();
		const zdot = path.join(vault.home, 'zdot');
		fs.mkdirSync(zdot);
		fs.writeFileSync(
			path.join(zdot, '.zshrc'),
			`autoload -U compinit; compinit -u -d ${zdot}/.zcompdump\nsource ${scripts.zsh}\nPROMPT='ready> '\n`,
		);
		const terminal = new xterm.Terminal({cols: 120, rows: 20, allowProposedApi: true});
		const shell = pty.spawn('zsh', ['-i'], {
			cols: 120,
			rows: 20,
			cwd: vault.cwd,
			env: terminalEnv({...env, ZDOTDIR: zdot}),
		});
		shell.onData((data) => terminal.write(data));
		const screen = () => {
			const lines: string[] = [];
			for (let y = 0; y < terminal.rows; y++) {
				lines.push(terminal.buffer.active.getLine(y)?.translateToString(true) ?? '');
			}

			return lines.join('\n');
		};

		const waitFor = async (pattern: RegExp) => {
			const deadline = Date.now() + 20_000;
			while (!pattern.test(screen())) {
				if (Date.now() > deadline) throw new Error(`timed out; the screen:\n${screen()}`);
				await new Promise((resolve) => setTimeout(resolve, 50));
			}
		};

		try {
			await waitFor(/ready> /);
			shell.write('authdeck switch \t');
			await waitFor(/client-a/);
			await waitFor(/prod/);
			const shown = screen();
			assert.match(shown, /john@company\.com/);
			// A unique prefix is completed in place.
			shell.write('\u0003');
			await waitFor(/ready> .*\n(.|\n)*ready> /);
			shell.write('authdeck switch cl\t');
			await waitFor(/ready> authdeck switch client-a /);
		} finally {
			shell.kill();
		}
	});
});
