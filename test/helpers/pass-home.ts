/**
 * A member's own GnuPG home with a fresh key made in batch mode, and a password store (`pass init`)
 * encrypted to it: the real `gpg` and `pass` from Debian, in throwaway directories.
 *
 *   const member = PassHome.create(vault.base, 'alice');
 *   const withPass = vault.withEnv({...member.env, AUTHDECK_STORAGE: 'pass'});
 *   member.show('authdeck/account/<id>');
 *   member.cleanup(); // stops its gpg-agent
 */
import {execFileSync, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Why the pass tests cannot run here, or undefined when `pass` and `gpg` are installed. */
export function passSkipReason(): string | undefined {
	for (const tool of ['pass', 'gpg']) {
		if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) {
			const reason = `${tool} is not installed (apt install pass gnupg)`;
			// Under CI nothing may be skipped: .ci/run installs both.
			if (process.env.CI && process.env.CI !== '0' && process.env.CI !== 'false') {
				throw new Error(`CI is set but ${reason}`);
			}

			return reason;
		}
	}

	return undefined;
}

/** The absolute path of a command, as found on the test's PATH. */
export function which(tool: string): string {
	return execFileSync('sh', ['-c', `command -v ${tool}`], {encoding: 'utf8'}).trim();
}

const templates = new Map<string, string>();

/**
 * A GnuPG home holding a key for `name` (protected by `passphrase` when one is given), made in
 * batch mode the first time it is asked for.
 */
function template(name: string, passphrase = ''): string {
	let dir = templates.get(`${name}:${passphrase}`);
	if (!dir) {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), `authdeck-gpg-${name}-`));
		fs.chmodSync(dir, 0o700);
		const env = {...process.env, GNUPGHOME: dir};
		execFileSync(
			'gpg',
			[
				'--batch',
				'--passphrase',
				passphrase,
				'--quick-gen-key',
				`${name} <${name}@example.com>`,
				'default',
				'default',
				'never',
			],
			{env, stdio: 'ignore', timeout: 60_000},
		);
		spawnSync('gpgconf', ['--kill', 'all'], {env, timeout: 10_000});
		templates.set(`${name}:${passphrase}`, dir);
		const made = dir;
		process.once('exit', () => fs.rmSync(made, {recursive: true, force: true}));
	}

	return dir;
}

export class PassHome {
	/**
	 * A GnuPG home with one key for `name`, and (unless `init` is false) a store encrypted to it.
	 * Each name's key is made once a process and copied into every home: making one costs seconds.
	 */
	static create(
		base: string,
		name: string,
		options: {init?: boolean; passphrase?: string} = {},
	): PassHome {
		const home = new PassHome(path.join(base, `gpg-${name}`), path.join(base, `store-${name}`));
		fs.cpSync(template(name, options.passphrase), home.gnupgHome, {
			recursive: true,
			// The template's agent sockets belong to its agent, not to this home.
			filter: (source) => !/S\.gpg-agent|\.lock$|^\.#/.test(path.basename(source)),
		});
		home.fingerprint = home.secretFingerprints()[0] as string;
		if (options.init !== false) home.init(home.fingerprint);
		return home;
	}

	fingerprint = '';

	private constructor(
		/** GNUPGHOME. */
		readonly gnupgHome: string,
		/** PASSWORD_STORE_DIR. */
		readonly storeDir: string,
	) {
		fs.mkdirSync(gnupgHome, {recursive: true, mode: 0o700});
	}

	/** The variables that point gpg and pass at this member's key and store. */
	get env(): {GNUPGHOME: string; PASSWORD_STORE_DIR: string} {
		return {GNUPGHOME: this.gnupgHome, PASSWORD_STORE_DIR: this.storeDir};
	}

	gpg(args: readonly string[]): string {
		return execFileSync('gpg', args, {
			env: {...process.env, ...this.env},
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe'],
			timeout: 60_000,
		});
	}

	/** Runs the real `pass` on this member's store; throws with its stderr when it fails. */
	pass(args: readonly string[], input?: string): string {
		return execFileSync('pass', args, {
			env: {...process.env, ...this.env},
			encoding: 'utf8',
			input: input ?? '',
			stdio: ['pipe', 'pipe', 'pipe'],
			timeout: 30_000,
		});
	}

	/** `pass init` with these key ids (another store dir with `storeDir`). */
	init(...ids: string[]): void {
		this.pass(['init', ...ids]);
	}

	/** The decrypted entry, through `pass show`. */
	show(entry: string): string {
		return this.pass(['show', entry]);
	}

	/** The entries of the store, as `pass` names them (`authdeck/account/<id>`), sorted. */
	entries(): string[] {
		if (!fs.existsSync(this.storeDir)) return [];
		return fs
			.readdirSync(this.storeDir, {recursive: true, withFileTypes: true})
			.filter((entry) => entry.isFile() && entry.name.endsWith('.gpg'))
			.map((entry) =>
				path.relative(this.storeDir, path.join(entry.parentPath, entry.name)).replace(/\.gpg$/, ''),
			)
			.sort();
	}

	/** The raw bytes of every entry file. */
	entryFiles(): Buffer[] {
		return this.entries().map((entry) => fs.readFileSync(path.join(this.storeDir, `${entry}.gpg`)));
	}

	secretFingerprints(): string[] {
		return this.gpg(['--batch', '--with-colons', '--list-secret-keys'])
			.split('\n')
			.filter((line) => line.startsWith('fpr:'))
			.map((line) => line.split(':')[9] as string);
	}

	/** Stops the gpg-agent this home started. */
	cleanup(): void {
		spawnSync('gpgconf', ['--kill', 'all'], {env: {...process.env, ...this.env}, timeout: 10_000});
	}
}

/**
 * A folder holding a `tool` (`pass`, `gpg`) that runs the real one after `script` (sh, with `$@`
 * the arguments): put first on PATH, it watches or breaks the calls authdeck makes. Returns it.
 */
export function wrapTool(dir: string, tool: string, script: string): string {
	const bin = path.join(dir, 'wrapped-bin');
	fs.mkdirSync(bin, {recursive: true});
	const file = path.join(bin, tool);
	fs.writeFileSync(file, `#!/bin/sh\n${script}\nexec ${which(tool)} "$@"\n`, {mode: 0o755});
	return bin;
}
