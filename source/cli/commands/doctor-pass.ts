import type {StorageKind} from '../../domain.js';
import {
	gpgIdFile,
	ownSecretKeys,
	passEntry,
	passOnPath,
	passStoreDir,
	recipients,
} from '../../vault/pass.js';
import {notInstalled} from '../../vault/pass-run.js';
import type {Finding} from './doctor-finding.js';

/**
 * The pass store, when it is the one in use: `pass` on PATH, the store initialised (`.gpg-id`), and
 * a secret key for one of its recipients in the GPG keyring. Nothing is decrypted.
 */
export function checkPass(storage: StorageKind | undefined, env: NodeJS.ProcessEnv): Finding[] {
	if (storage !== 'pass') return [];
	const finding = (level: Finding['level'], message: string, fix?: string): Finding[] => [
		{check: 'pass', level, message, fix},
	];
	if (!passOnPath(env)) {
		return finding('error', notInstalled);
	}

	const dir = passStoreDir(env);
	const idFile = gpgIdFile(dir, passEntry('probe'));
	if (!idFile) {
		return finding(
			'error',
			`the password store at ${dir} is not initialised`,
			'pass init <your-gpg-key-id> (or set PASSWORD_STORE_DIR to your store)',
		);
	}

	const ids = recipients(idFile);
	const mine = ownSecretKeys(ids, env);
	if (mine === undefined) {
		return finding(
			'error',
			'gpg is not installed',
			'install GnuPG (Debian/Ubuntu: apt install gnupg)',
		);
	}

	if (mine.length === 0) {
		return finding(
			'error',
			`no GPG secret key for the pass store's recipients ${ids.join(', ') || 'nobody'} (from ${idFile}) is in your keyring: its secrets cannot be read`,
			'import your key (gpg --import), or ask a member to add it: pass init <every member key id>',
		);
	}

	return finding(
		'ok',
		`the pass store at ${dir} is encrypted to ${ids.join(', ')}; your secret key ${mine[0]} is present`,
	);
}
