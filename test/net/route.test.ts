/** insecure-skip-verify's guard and the ca-file check, directly. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, test} from 'node:test';
import {checkVerification} from '../../source/net/route.js';
import {readCaFile, tlsChoice} from '../../source/net/tls.js';
import {makeCertificates} from '../helpers/certificates.js';

const certificates = makeCertificates();
after(() => certificates.cleanup());

test('insecure-skip-verify: refused for production and protected accounts, allowed for development', () => {
	const insecure = {env: {}, insecureSkipVerify: true};
	const refused = /insecure-skip-verify is refused for .*nothing was sent/;
	assert.throws(
		() => checkVerification({...insecure, account: {alias: 'p', environment: 'production'}}),
		refused,
	);
	assert.throws(
		() =>
			checkVerification({
				...insecure,
				account: {alias: 'd', environment: 'development', protected: true},
			}),
		/refused for "d" \(protected\)/,
	);
	checkVerification({...insecure, account: {alias: 'd', environment: 'development'}});
	checkVerification({...insecure, account: {alias: 's', environment: 'staging'}});
	// Verification on: nothing to refuse.
	checkVerification({env: {}, account: {alias: 'p', environment: 'production'}});
});

test('ca-file: PEM certificates only, each one valid; the roots kept beside it', () => {
	assert.equal(readCaFile(certificates.caFile).length, 1);
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authdeck-pem-'));
	try {
		const broken = path.join(dir, 'broken.pem');
		fs.writeFileSync(broken, '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
		assert.throws(() => readCaFile(broken), /holds a PEM block that is not a valid certificate/);
		assert.throws(() => readCaFile(dir), /is not a regular file/);
		const choice = tlsChoice(certificates.caFile, false, {});
		assert.ok((choice.ca?.length ?? 0) > 100, "Node's roots are kept");
		assert.equal(choice.rejectUnauthorized, true);
		assert.deepEqual(tlsChoice(undefined, true, {}), {rejectUnauthorized: false});
	} finally {
		fs.rmSync(dir, {recursive: true, force: true});
	}
});
