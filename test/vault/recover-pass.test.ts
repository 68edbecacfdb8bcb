// Security row 33 for the pass backend: `config set storage` between file and pass, killed with
// SIGKILL anywhere inside the move; the next start leaves every secret in exactly one store.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, test} from 'node:test';
import {plantedKey, TempVault, watch} from '../helpers/cli.js';
import {PassHome, passSkipReason} from '../helpers/pass-home.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SIGKILL during `config set storage` file <-> pass (row 33)', {
	skip: passSkipReason(),
}, () => {
	let vault: TempVault;
	let member: PassHome;
	beforeEach(async () => {
		const base = await TempVault.create();
		member = PassHome.create(base.base, 'alice');
		vault = base.withEnv({...member.env, AUTHDECK_STORAGE: undefined});
	});
	afterEach(async () => {
		member.cleanup();
		await vault.cleanup();
	});

	test('after the next start every secret is in exactly the store the metadata names', {
		timeout: 300_000,
	}, async (t) => {
		await vault.ok(['config', 'set', 'storage', 'file']);
		const expected = new Map<string, string>();
		for (let i = 0; i < 4; i++) {
			const key = plantedKey();
			const {id} = await vault.login(key, ['--provider', 'vapi', '--alias', `a${i}`]);
			expected.set(id, JSON.stringify({apiKey: key}));
		}

		const started = Date.now();
		await vault.ok(['config', 'set', 'storage', 'pass']);
		const whole = Date.now() - started;

		const runs = 8;
		const outcomes = {finished: 0, undone: 0};
		for (let run = 0; run < runs; run++) {
			const from = vault.config().settings.storage;
			const to = from === 'file' ? 'pass' : 'file';
			const child = watch(await vault.spawn(['config', 'set', 'storage', to]));
			child.child.stdin?.end();
			// Anywhere from its start to past its end, so some kills land in the deletes after the save.
			await sleep(whole * (0.3 + Math.random() * 1.2));
			child.child.kill('SIGKILL');
			await child.exited();
			for (const name of fs.readdirSync(vault.configDir)) {
				if (name.endsWith('.lock')) fs.rmSync(path.join(vault.configDir, name), {recursive: true});
			}

			// A `pass` the killed process started runs on to its end (a second at most); then the next start.
			await sleep(1000);
			await vault.ok(['status']);
			const storage = vault.config().settings.storage;
			outcomes[storage === to ? 'finished' : 'undone']++;
			const inPass = member.entries();
			const inFile = vault.fileSecrets();
			for (const [id, value] of expected) {
				const entry = `authdeck/account/${id}`;
				if (storage === 'pass') {
					assert.equal(member.show(entry), value, `run ${run}: ${id} in pass`);
					assert.equal(inFile[`account:${id}`], undefined, `run ${run}: no copy in the file`);
				} else {
					assert.equal(inFile[`account:${id}`], value, `run ${run}: ${id} in the file`);
					assert.ok(!inPass.includes(entry), `run ${run}: no copy of ${id} in pass`);
				}
			}

			assert.equal(fs.existsSync(path.join(vault.configDir, 'pending.json')), false);
		}

		t.diagnostic(`a whole move took ${whole} ms; ${runs} kills: ${JSON.stringify(outcomes)}`);
	});
});
