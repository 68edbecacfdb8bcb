/**
 * A private certificate authority made with openssl (as an organisation's internal CA would be) and
 * a server certificate it signs for 127.0.0.1 and localhost, in a temporary directory.
 */
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type TestCertificates = {
	readonly dir: string;
	/** The CA's certificate (PEM file): what `config set ca-file` is given. */
	readonly caFile: string;
	/** The server's key and certificate (PEM text), for `https.createServer`. */
	readonly key: string;
	readonly cert: string;
	cleanup(): void;
};

const openssl = (dir: string, args: string[]) =>
	execFileSync('openssl', args, {cwd: dir, stdio: ['ignore', 'ignore', 'pipe']});

export function makeCertificates(): TestCertificates {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authdeck-ca-'));
	openssl(dir, [
		'req',
		'-x509',
		'-newkey',
		'ec',
		'-pkeyopt',
		'ec_paramgen_curve:prime256v1',
		'-nodes',
		'-keyout',
		'ca.key',
		'-out',
		'ca.pem',
		'-days',
		'2',
		'-subj',
		'/CN=authdeck test CA',
		'-addext',
		'basicConstraints=critical,CA:TRUE',
		'-addext',
		'keyUsage=critical,keyCertSign,cRLSign',
	]);
	openssl(dir, [
		'req',
		'-newkey',
		'ec',
		'-pkeyopt',
		'ec_paramgen_curve:prime256v1',
		'-nodes',
		'-keyout',
		'server.key',
		'-out',
		'server.csr',
		'-subj',
		'/CN=127.0.0.1',
	]);
	fs.writeFileSync(
		path.join(dir, 'server.ext'),
		'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n',
	);
	openssl(dir, [
		'x509',
		'-req',
		'-in',
		'server.csr',
		'-CA',
		'ca.pem',
		'-CAkey',
		'ca.key',
		'-CAcreateserial',
		'-out',
		'server.pem',
		'-days',
		'2',
		'-extfile',
		'server.ext',
	]);
	return {
		dir,
		caFile: path.join(dir, 'ca.pem'),
		key: fs.readFileSync(path.join(dir, 'server.key'), 'utf8'),
		cert: fs.readFileSync(path.join(dir, 'server.pem'), 'utf8'),
		cleanup: () => fs.rmSync(dir, {recursive: true, force: true}),
	};
}
