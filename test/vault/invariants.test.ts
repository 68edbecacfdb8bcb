// Issue 9 item 10 (metadata) and security row 8: a hand-edited config.json that breaks what the
// schema cannot say (a field unique across a list) is refused like any schema failure: kept byte for
// byte, copied to .corrupt-*, and every command stops with a line naming the path and the fault.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {invariantViolation} from '../../source/vault/invariants.js';
import validateVault from '../../source/vault/vault-validator.js';
import {oneErrorLine, type Seeded, seedAccounts, TempVault} from '../helpers/cli.js';

type Stored = {
	accounts: Array<Record<string, unknown>>;
	credentials: Array<Record<string, unknown>>;
	providers: Array<Record<string, unknown>>;
	active: Record<string, unknown>;
};

let vault: TempVault;
let seeded: Seeded;
let valid: string;
const configFile = () => path.join(vault.configDir, 'config.json');

before(async () => {
	vault = await TempVault.create('file');
	seeded = await seedAccounts(vault);
	await vault.ok(['credential', 'add', '--account', 'prod', '--name', 'hook', '--type', 'bearer'], {
		input: 'whsec_invariantsAAAAAAAAAAAAAAAA',
	});
	valid = fs.readFileSync(configFile(), 'utf8');
});
after(async () => {
	await vault.cleanup();
});

const provider = {id: 'acme', name: 'Acme', kind: 'oidc', envVars: ['ACME_TOKEN']};
const cases: ReadonlyArray<[string, (stored: Stored) => void, RegExp]> = [
	[
		'two accounts with one alias',
		(stored) => {
			(stored.accounts[1] as Record<string, unknown>).alias = 'prod';
		},
		/two accounts have the alias prod/,
	],
	[
		'two accounts with one id',
		(stored) => {
			(stored.accounts[1] as Record<string, unknown>).id = seeded.prod.id;
		},
		/two accounts have the id [a-z0-9]{6,64}\b/,
	],
	[
		'two credentials with one id',
		(stored) => {
			stored.credentials.push({...stored.credentials[0], name: 'copy'});
		},
		/two credentials have the id cred_/,
	],
	[
		'two providers with one id',
		(stored) => {
			stored.providers.push(provider, {...provider, name: 'Acme again'});
		},
		/two providers have the id acme/,
	],
];

for (const [name, change, reason] of cases) {
	test(`${name}: refused with the reason, kept untouched, a corrupt copy made`, async () => {
		const stored = JSON.parse(valid) as Stored;
		change(stored);
		const content = `${JSON.stringify(stored, undefined, '\t')}\n`;
		// The schema alone accepts it: the post-check is what refuses it.
		assert.equal(validateVault(JSON.parse(content)), true, 'passes the JSON schema');
		fs.writeFileSync(configFile(), content, {mode: 0o600});
		try {
			for (const args of [['status'], ['switch', 'client-a'], ['config', 'set', 'proxy', '']]) {
				const line = oneErrorLine(await vault.run(args));
				assert.ok(line.includes(configFile()), `${args.join(' ')} names the path: ${line}`);
				assert.match(line, reason);
				assert.match(line, /left untouched and a copy kept at .*config\.json\.corrupt-/);
				assert.equal(fs.readFileSync(configFile(), 'utf8'), content, 'config.json byte-identical');
			}

			const copies = fs
				.readdirSync(vault.configDir)
				.filter((file) => file.startsWith('config.json.corrupt-'));
			assert.equal(copies.length, 1, copies.join(', '));
			assert.equal(
				fs.readFileSync(path.join(vault.configDir, copies[0] as string), 'utf8'),
				content,
			);
		} finally {
			fs.writeFileSync(configFile(), valid, {mode: 0o600});
			for (const file of fs.readdirSync(vault.configDir)) {
				if (file.startsWith('config.json.corrupt-')) {
					fs.rmSync(path.join(vault.configDir, file));
				}
			}
		}

		// Restored, every account and secret is there again.
		assert.equal((await vault.ok(['token', '--show', 'prod'])).stdout, `${seeded.prodKey}\n`);
	});
}

test('`__proto__` as a key of `active` or as a provider id is refused by the schema', () => {
	const stored = JSON.parse(valid) as Stored;
	assert.equal(validateVault(JSON.parse(valid)), true);
	assert.equal(validateVault(JSON.parse('{"active": {"__proto__": "x"}}')), false);
	const account = {...stored.accounts[0], providerId: '__proto__'};
	assert.equal(validateVault({...stored, accounts: [account]}), false);
});

test('a vault without repeats has no broken invariant', () => {
	assert.equal(invariantViolation(JSON.parse(valid) as Record<string, unknown>), undefined);
	assert.equal(invariantViolation({}), undefined);
});
