import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {after, before, describe, test} from 'node:test';
import {binary} from '../helpers/pty.js';
import {TempVault} from '../helpers/temp-vault.js';

/**
 * A command's output goes straight to its descriptor (source/lib/write-out.ts). These are the
 * descriptors a shell or a parent program hands it that a plain pipe test never shows.
 */

/** Runs `python3 -c script args…` with the vault's environment; resolves with its stdout. */
function python(script: string, args: readonly string[], env: NodeJS.ProcessEnv) {
	return new Promise<{code: number | null; stdout: string; stderr: string}>((resolve) => {
		const child = spawn('python3', ['-c', script, ...args], {env});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		child.on('close', (code) => resolve({code, stdout, stderr}));
	});
}

// The command's stdout is a non-blocking pipe that nobody reads for half a second: its writes are
// refused (EAGAIN) once the pipe's 64 KiB are full. The reader then takes everything.
const nonBlockingReader = `
import os, subprocess, sys, time, fcntl
r, w = os.pipe()
fcntl.fcntl(w, fcntl.F_SETFL, fcntl.fcntl(w, fcntl.F_GETFL) | os.O_NONBLOCK)
child = subprocess.Popen(sys.argv[1:], stdout=w)
os.close(w)
time.sleep(0.5)
out = b''
while True:
    chunk = os.read(r, 65536)
    if not chunk: break
    out += chunk
sys.stdout.buffer.write(out)
sys.exit(child.wait())
`;

// The reader is gone before the command writes: EPIPE on the first write.
const goneReader = `
import os, subprocess, sys
r, w = os.pipe()
os.close(r)
child = subprocess.Popen(sys.argv[1:], stdout=w, stderr=subprocess.PIPE)
os.close(w)
err = child.stderr.read()
sys.stdout.write(str(child.wait()) + '|' + err.decode())
`;

describe('output straight to the descriptor', () => {
	let vault: TempVault;
	before(async () => {
		vault = await TempVault.create('file');
		await vault.writeManyAccounts(2000);
	});
	after(() => vault.cleanup());

	test('a non-blocking stdout that fills up gets the whole output, in order', async () => {
		const expected = (await vault.ok(['status', '--json'])).stdout;
		assert.ok(
			expected.length > 200_000,
			`status --json is ${expected.length} bytes, more than a pipe holds`,
		);
		const {code, stdout, stderr} = await python(
			nonBlockingReader,
			[process.execPath, binary, 'status', '--json'],
			vault.env,
		);
		assert.equal(stderr, '');
		assert.equal(code, 0);
		assert.equal(stdout.length, expected.length);
		assert.ok(stdout === expected, 'the same bytes as through a blocking pipe');
	});

	test('a reader that has gone ends the command quietly, with nothing on stderr', async () => {
		const {stdout} = await python(goneReader, [process.execPath, binary, 'status'], vault.env);
		assert.equal(stdout, '0|');
	});

	test('a stdout that cannot take the output (a full disk) fails the command, saying so', async () => {
		const {code, stdout} = await python(
			`
import subprocess, sys
full = open('/dev/full', 'wb')
child = subprocess.run(sys.argv[1:], stdout=full, stderr=subprocess.PIPE)
sys.stdout.write(str(child.returncode) + '|' + child.stderr.decode())
`,
			[process.execPath, binary, 'status'],
			vault.env,
		);
		assert.equal(code, 0);
		assert.equal(
			stdout,
			'1|authdeck: could not write the output (ENOSPC: no space left on device, write)\n',
		);
	});
});
