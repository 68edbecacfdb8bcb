// The record of the provider key files authdeck wrote (synced-files.json) is read, changed and
// written by every run that syncs one: runs syncing two providers at once must each leave the
// other's file recorded, or that file would pass for the user's (backed up, never removed at logout).
// Real processes, the real lock and the real files.
import assert from 'node:assert/strict';
import {createHash} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {test} from 'node:test';
import {secretFor, spawnWorker, TempVault, watch} from '../helpers/cli.js';

const prefixes = ['p1', 'p2', 'p3', 'p4'] as const;
const perProcess = 40;

test('runs syncing key files at once each leave the others recorded', async () => {
	const vault = await TempVault.create('file');
	const workers = prefixes.map((prefix) =>
		watch(spawnWorker(vault.env, ['sync', prefix, String(perProcess)])),
	);
	try {
		await Promise.all(workers.map((worker) => worker.waitFor(/^ready$/m)));
		for (const worker of workers) worker.child.stdin?.write('go\n');
		const results = await Promise.all(workers.map((worker) => worker.exited(120_000)));
		for (const [index, result] of results.entries()) {
			assert.equal(result.code, 0, `worker ${prefixes[index]}: ${workers[index]?.output().stderr}`);
		}

		const record = JSON.parse(
			fs.readFileSync(path.join(vault.configDir, 'synced-files.json'), 'utf8'),
		) as Record<string, string>;
		for (const prefix of prefixes) {
			const file = path.join(vault.xdgConfigHome, prefix, 'key');
			const content = fs.readFileSync(file, 'utf8');
			assert.equal(content, secretFor(prefix, perProcess - 1));
			// Recorded as the file's last content: a digest of an earlier key would make the file the
			// run left behind look like the user's at the next switch.
			const sha256 = createHash('sha256').update(content).digest('hex');
			assert.equal(
				record[file],
				sha256,
				`${file} is recorded as authdeck's, with its last content`,
			);
			// No run took another's file for the user's: nothing was backed up beside it.
			assert.deepEqual(fs.readdirSync(path.dirname(file)), ['key']);
		}
		// The lock is gone with the runs that held it.
		assert.equal(fs.existsSync(path.join(vault.configDir, 'synced-files.json.lock')), false);
	} finally {
		for (const worker of workers) worker.child.kill('SIGKILL');
		await vault.cleanup();
	}
});
