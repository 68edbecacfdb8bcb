// The answers `prompt` and completion keep between runs (source/vault/peek-cache.ts): used only
// while the metadata file is exactly as it was, never for a file changed since, and never from a
// file someone else could have written.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {describe, test} from 'node:test';
import {modeOf, type TempVault, useSeededVault} from '../../helpers/cli.js';

/** Sets the metadata file's mtime back (10 s): left alone long enough for an answer to be kept. */
function settle(vault: TempVault, past = new Date(Date.now() - 10_000)): void {
	fs.utimesSync(vault.configFile, past, past);
}

const keptFile = (vault: TempVault, name: string) =>
	path.join(vault.xdgCacheHome, 'authdeck', `${name}.json`);

/** Rewrites every kept answer's text: what prints is then known to come from the kept file. */
function plant(vault: TempVault, name: string, from: string, to: string): void {
	const file = keptFile(vault, name);
	const text = fs.readFileSync(file, 'utf8');
	assert.ok(text.includes(from), `${name}.json holds ${from}`);
	fs.writeFileSync(file, text.replaceAll(from, to));
}

describe('prompt and completion keep their answers', () => {
	let vault: TempVault;
	useSeededVault('file', (fresh) => {
		({vault} = fresh);
	});

	const prompt = async (options = {}) => (await vault.ok(['prompt'], options)).stdout;
	const aliases = async (prefix = '') =>
		(await vault.ok(['__complete', 'bash', '--', 'switch', prefix])).stdout
			.split('\n')
			.filter(Boolean)
			.map((line) => line.split('\t')[0]);

	test('a file another program changed in the last two seconds keeps no answer (git\'s "racy" rule)', async () => {
		fs.rmSync(path.join(vault.xdgCacheHome, 'authdeck'), {recursive: true, force: true});
		// As an editor saves it: the same text, written anew just now.
		fs.writeFileSync(vault.configFile, fs.readFileSync(vault.configFile));
		assert.equal(await prompt(), 'client-a@vapi');
		assert.deepEqual(await aliases('cl'), ['client-a']);
		assert.equal(fs.existsSync(keptFile(vault, 'prompt')), false);
		assert.equal(fs.existsSync(keptFile(vault, 'complete')), false);
	});

	test("a command that writes the file keeps the next prompt's answer for it at once", async () => {
		await vault.ok(['switch', 'prod']);
		const kept = JSON.parse(fs.readFileSync(keptFile(vault, 'prompt'), 'utf8'));
		const stat = fs.statSync(vault.configFile, {bigint: true});
		assert.equal(kept.key, `${stat.dev}-${stat.ino}-${stat.size}-${stat.mtimeNs}-${stat.ctimeNs}`);
		assert.equal(modeOf(keptFile(vault, 'prompt')), 0o600);
		// The prompt that follows, in the same shell and folder, answers from it without reading.
		plant(vault, 'prompt', '"prod"', '"kept-prod"');
		assert.equal(await prompt(), 'kept-prod@vapi ⚠');
		// Only for that shell's choice: another one still reads the file.
		assert.equal(await prompt({env: {AUTHDECK_ACCOUNT: 'client-a'}}), 'client-a@vapi');

		// Each write's answer replaces the last, whatever the lookups kept meanwhile.
		await vault.ok(['switch', '-']);
		assert.equal(await prompt(), 'client-a@vapi');
		await vault.ok(['config', 'set-account', 'client-a', 'protected', 'true']);
		const guarded = await vault.ok(['prompt', '--format', '{alias}{?protected: (protected)}']);
		assert.equal(guarded.stdout, 'client-a (protected)');
	});

	test('an unchanged file answers from the kept file, private to the user', async () => {
		settle(vault);
		assert.equal(await prompt(), 'client-a@vapi');
		assert.equal(modeOf(keptFile(vault, 'prompt')), 0o600);
		assert.equal(modeOf(path.dirname(keptFile(vault, 'prompt'))), 0o700);
		plant(vault, 'prompt', '"client-a"', '"kept-a"');
		assert.equal(await prompt(), 'kept-a@vapi');

		assert.deepEqual(await aliases('cl'), ['client-a']);
		plant(vault, 'complete', 'client-a\\t', 'kept-b\\t');
		assert.deepEqual(await aliases('kept'), ['kept-b']);
		// No secret is kept: only what the metadata file holds.
		for (const name of ['prompt', 'complete']) {
			const kept = fs.readFileSync(keptFile(vault, name), 'utf8');
			assert.ok(!kept.includes('sk-'), `${name}.json holds no key`);
		}
	});

	test('any change to the file is read: a switch, a new account, an edit in place', async () => {
		settle(vault);
		assert.equal(await prompt(), 'client-a@vapi');
		plant(vault, 'prompt', '"client-a"', '"kept-a"');
		await vault.ok(['switch', 'prod']);
		assert.equal(await prompt(), 'prod@vapi ⚠');

		settle(vault);
		assert.deepEqual(await aliases('p'), ['prod']);
		await vault.login('sk-third_0123456789abcdefghij', ['--provider', 'vapi', '--alias', 'pilot']);
		assert.deepEqual((await aliases('p')).sort(), ['pilot', 'prod']);

		// In place: the same inode and size, the mtime set back to what it was; the ctime still tells.
		const past = new Date(Date.now() - 10_000);
		settle(vault, past);
		assert.equal(await prompt(), 'pilot@vapi ⚠');
		const text = fs.readFileSync(vault.configFile, 'utf8');
		fs.writeFileSync(vault.configFile, text.replaceAll('"pilot"', '"pylot"'), {flag: 'r+'});
		settle(vault, past);
		assert.equal(await prompt(), 'pylot@vapi ⚠');
	});

	test('a write that changes no name completion offers carries its answers; a rename does not', async () => {
		// Nothing kept, nothing carried.
		await vault.ok(['switch', 'prod']);
		await vault.ok(['switch', '-']);
		assert.equal(fs.existsSync(keptFile(vault, 'carried')), false);

		settle(vault);
		assert.deepEqual(await aliases('cl'), ['client-a']);
		plant(vault, 'complete', 'client-a\\t', 'kept-a\\t');
		// A switch changes no name: the <TAB> after it answers from what was kept, not from the file.
		await vault.ok(['switch', 'prod']);
		assert.deepEqual(await aliases('kept'), ['kept-a']);
		await vault.ok(['switch', '-']);
		assert.deepEqual(await aliases('kept'), ['kept-a']);
		assert.equal(modeOf(keptFile(vault, 'carried')), 0o600);

		// A rename changes one: the file is read again, at once, though it changed a moment ago.
		await vault.ok(['alias', 'client-a', 'client-b']);
		assert.deepEqual(await aliases('kept'), []);
		assert.deepEqual(await aliases('cl'), ['client-b']);
		// And a switch after it carries nothing from before the rename.
		await vault.ok(['switch', 'prod']);
		assert.deepEqual(await aliases('cl'), ['client-b']);
	});

	test("the <TAB> after authdeck's own write keeps its answers at once, for the next switch to carry", async () => {
		await vault.ok(['switch', 'prod']);
		assert.deepEqual(await aliases('cl'), ['client-a']);
		const stat = fs.statSync(vault.configFile, {bigint: true});
		const kept = JSON.parse(fs.readFileSync(keptFile(vault, 'complete'), 'utf8'));
		assert.equal(kept.key, `${stat.dev}-${stat.ino}-${stat.size}-${stat.mtimeNs}-${stat.ctimeNs}`);
		plant(vault, 'complete', 'client-a\\t', 'kept-a\\t');
		await vault.ok(['switch', '-']);
		assert.deepEqual(await aliases('kept'), ['kept-a']);
	});

	test('answers kept anew after a carry are the ones the next switch carries', async () => {
		settle(vault);
		assert.deepEqual(await aliases('cl'), ['client-a']);
		await vault.ok(['switch', 'prod']);
		// Another kind of value, not kept yet: made and kept for this file, with the carried ones.
		const orgs = await vault.ok(['__complete', 'bash', '--', 'env', '--org', '']);
		assert.match(orgs.stdout, /^org_xyz789\t/m);
		plant(vault, 'complete', 'client-a\\t', 'kept-a\\t');
		await vault.ok(['switch', '-']);
		assert.deepEqual(await aliases('kept'), ['kept-a']);
	});

	test('each choice of account keeps its own answer', async () => {
		settle(vault);
		const project = path.join(vault.home, 'project');
		fs.mkdirSync(project);
		fs.writeFileSync(path.join(project, '.authdeck'), 'prod\n');
		assert.equal(await prompt(), 'client-a@vapi');
		assert.equal(await prompt({cwd: project}), 'prod@vapi ⚠');
		assert.equal(await prompt({env: {AUTHDECK_ACCOUNT: 'prod'}}), 'prod@vapi ⚠');
		// The pin changed, the metadata file did not.
		fs.writeFileSync(path.join(project, '.authdeck'), 'client-a\n');
		assert.equal(await prompt({cwd: project}), 'client-a@vapi');
		assert.equal(await prompt(), 'client-a@vapi');
		assert.equal((await vault.ok(['prompt', '--account', 'nobody'])).stdout, '');
	});

	test('a kept file others could write, or a link, is not believed', async () => {
		settle(vault);
		assert.equal(await prompt(), 'client-a@vapi');
		plant(vault, 'prompt', '"client-a"', '"planted"');
		fs.chmodSync(keptFile(vault, 'prompt'), 0o666);
		assert.equal(await prompt(), 'client-a@vapi');

		// Made anew by that prompt; planted again, then put elsewhere behind a link.
		plant(vault, 'prompt', '"client-a"', '"planted"');
		const elsewhere = path.join(vault.home, 'elsewhere.json');
		fs.renameSync(keptFile(vault, 'prompt'), elsewhere);
		fs.chmodSync(elsewhere, 0o600);
		fs.symlinkSync(elsewhere, keptFile(vault, 'prompt'));
		assert.equal(await prompt(), 'client-a@vapi');
		assert.ok(fs.readFileSync(elsewhere, 'utf8').includes('planted'), 'the link was not followed');
	});

	test('a damaged kept file is only ignored, then replaced', async () => {
		settle(vault);
		assert.equal(await prompt(), 'client-a@vapi');
		fs.writeFileSync(keptFile(vault, 'prompt'), '{"config": ');
		assert.equal(await prompt(), 'client-a@vapi');
		assert.ok(JSON.parse(fs.readFileSync(keptFile(vault, 'prompt'), 'utf8')));
	});
});
