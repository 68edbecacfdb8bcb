// source/vault/secret-service.ts against a real Secret Service (gnome-keyring under
// with-keyring.sh): what keytar stored is read back exactly over the session bus, a missing secret
// is told apart from a bus this client cannot use, and the keychain store reads through it.
import assert from 'node:assert/strict';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {after, describe, test} from 'node:test';
import {keychainKeytar, keychainStore} from '../../source/vault/keychain.js';
import {readSecretDirect, sessionBusSocket} from '../../source/vault/secret-service.js';
import {jwtLike, multibyte} from '../helpers/fixtures.js';
import {keyringSkipReason, secretToolLookup} from '../helpers/keyring.js';

const skip = keyringSkipReason();
const service = 'authdeck';

describe('reading the Secret Service directly', {skip}, () => {
	const keys: string[] = [];
	const keytar = async () => (await import('keytar')).default;
	after(async () => {
		for (const key of keys) await (await keytar()).deletePassword(service, key);
	});

	test('a secret keytar stored comes back byte for byte, a 5 KB JWT and multibyte text too', async () => {
		for (const [index, secret] of [jwtLike(5000), multibyte, 'short'].entries()) {
			const key = `account:direct-${process.pid}-${index}`;
			keys.push(key);
			await (await keytar()).setPassword(service, key, secret);
			assert.equal(secretToolLookup({service, account: key}), secret);
			assert.deepEqual(await readSecretDirect(service, key, process.env), {
				kind: 'found',
				value: secret,
			});
		}
	});

	test('a secret that is not there is absent, not an error', async () => {
		const read = await readSecretDirect(service, `account:none-${process.pid}`, process.env);
		assert.deepEqual(read, {kind: 'absent'});
	});

	test("the keychain store reads through it and writes through keytar's helper", async () => {
		const key = `account:store-${process.pid}`;
		keys.push(key);
		const store = keychainStore(keychainKeytar(process.env));
		await store.set(key, 'sk-store_0123456789');
		assert.equal(await store.get(key), 'sk-store_0123456789');
		assert.equal(await store.get(`account:none-${process.pid}`), undefined);
		assert.equal(await store.delete(key), true);
		assert.equal(await store.get(key), undefined);
	});
});

test('without a session bus address, or with a socket nobody listens on, it says it cannot ask', async () => {
	assert.equal(sessionBusSocket({}), undefined);
	assert.equal(sessionBusSocket({XDG_RUNTIME_DIR: '/run/user/7'}), '/run/user/7/bus');
	assert.equal(
		sessionBusSocket({DBUS_SESSION_BUS_ADDRESS: 'tcp:host=x;unix:path=/tmp/a%20b,guid=1'}),
		'/tmp/a b',
	);
	assert.equal(sessionBusSocket({DBUS_SESSION_BUS_ADDRESS: 'unix:abstract=/tmp/x'}), '\0/tmp/x');
	assert.equal((await readSecretDirect(service, 'account:x', {})).kind, 'unsupported');
	const nowhere = path.join(os.tmpdir(), `authdeck-no-bus-${process.pid}`);
	const read = await readSecretDirect(service, 'account:x', {
		DBUS_SESSION_BUS_ADDRESS: `unix:path=${nowhere}`,
	});
	assert.equal(read.kind, 'unsupported');
});

test('a bus that refuses authentication is a failure to ask, not a missing secret', async () => {
	const file = path.join(os.tmpdir(), `authdeck-refusing-bus-${process.pid}`);
	const server = net.createServer((socket) => {
		socket.once('data', () => socket.end('REJECTED EXTERNAL\r\n'));
	});
	await new Promise<void>((resolve) => server.listen(file, resolve));
	try {
		const read = await readSecretDirect(service, 'account:x', {
			DBUS_SESSION_BUS_ADDRESS: `unix:path=${file}`,
		});
		assert.equal(read.kind, 'unsupported');
		assert.match((read as {reason: string}).reason, /refused authentication/);
	} finally {
		server.close();
	}
});
