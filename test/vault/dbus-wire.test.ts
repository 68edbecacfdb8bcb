// source/vault/dbus-wire.ts: the D-Bus marshalling the Secret Service read uses, against the byte
// layouts of the D-Bus specification (alignment of each type, array lengths without the padding
// before their first element) and round trips of the signatures secret-service.ts sends and reads.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {readBody, splitSignature, writeBody} from '../../source/vault/dbus-wire.js';

test('a string is its length, its UTF-8 bytes and a NUL; a signature has a one-byte length', () => {
	assert.deepEqual([...writeBody('s', ['foo'])], [3, 0, 0, 0, 0x66, 0x6f, 0x6f, 0]);
	assert.deepEqual([...writeBody('g', ['a{ss}'])], [5, 0x61, 0x7b, 0x73, 0x73, 0x7d, 0]);
	assert.deepEqual([...writeBody('ys', [1, 'é'])], [1, 0, 0, 0, 2, 0, 0, 0, 0xc3, 0xa9, 0]);
});

test('an array of dict entries pads to 8 after its length, which counts only the entries', () => {
	const bytes = writeBody('a{ss}', [[['a', 'b']]]);
	// length 4 bytes, 4 of padding to the entry's 8-byte alignment, then "a" and "b".
	assert.deepEqual(
		[...bytes],
		[14, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0x61, 0, 0, 0, 1, 0, 0, 0, 0x62, 0],
	);
	assert.deepEqual(readBody('a{ss}', bytes), [[['a', 'b']]]);
});

test('the shapes of the Secret Service calls come back as they were written', () => {
	const secret = Buffer.from('sk-ünï_ключ鍵🔑', 'utf8');
	const values = [
		'plain',
		{signature: 's', value: ''},
		[
			['service', 'authdeck'],
			['account', 'account:1'],
		],
		['/org/freedesktop/secrets/session/s1', Buffer.alloc(0), secret, 'text/plain'],
		['/a', '/b'],
		true,
		7,
	];
	const signature = 'sva{ss}(oayays)aobu';
	assert.deepEqual(readBody(signature, writeBody(signature, values)), values);
});

test('a message header is written and read as the specification lays it out', () => {
	const fields = [
		[1, {signature: 'o', value: '/org/freedesktop/DBus'}],
		[3, {signature: 's', value: 'Hello'}],
	];
	const header = writeBody('yyyyuua(yv)', [0x6c, 1, 0, 1, 0, 1, fields]);
	assert.equal(header[0], 0x6c);
	// The fields' array length sits at offset 12; its first struct starts at 16.
	assert.equal(header.readUInt32LE(12), header.length - 16);
	assert.deepEqual(readBody('yyyyuua(yv)', header)[6], fields);
});

test('a cut message and an unknown type are errors, not wrong values', () => {
	assert.throws(() => readBody('s', Buffer.from([9, 0, 0, 0, 0x61])), /cut short/);
	assert.throws(() => splitSignature('h'), /unsupported D-Bus type/);
	assert.throws(() => splitSignature('(ss'), /bad D-Bus signature/);
	assert.deepEqual(splitSignature('a{ss}o(oayays)'), ['a{ss}', 'o', '(oayays)']);
});
