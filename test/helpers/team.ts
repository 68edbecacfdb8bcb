/**
 * A team on one machine: members with their own homes (a TempVault each) and GPG keys, a bare git
 * repository on disk as the catalogue, and a password store shared by the members given, made with
 * the real git, gpg and pass.
 *
 *   const team = await Team.create();
 *   const alice = await team.member('alice');
 *   team.shareStore([alice, bob]);              // pass init with both keys
 *   team.putShared('hooks/prod', secret, alice);
 */
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {PassHome} from './pass-home.js';
import {TempVault} from './temp-vault.js';

export type Member = {
	readonly name: string;
	/** The member's vault, with their GnuPG home and git identity in its environment. */
	readonly vault: TempVault;
	readonly gpg: PassHome;
};

export class Team {
	static async create(): Promise<Team> {
		const base = fs.mkdtempSync(path.join(os.tmpdir(), 'authdeck-team-'));
		const team = new Team(base);
		execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', team.remote]);
		return team;
	}

	readonly members: Member[] = [];
	/** The bare repository that is the catalogue. */
	readonly remote: string;
	/** The shared password store's directory. */
	readonly sharedStore: string;

	private constructor(readonly base: string) {
		this.remote = path.join(base, 'catalog.git');
		this.sharedStore = path.join(base, 'shared-pass');
	}

	async member(name: string): Promise<Member> {
		const vault = await TempVault.create('file');
		const gpg = PassHome.create(vault.base, name, {init: false});
		const identity = {name, email: `${name}@team.test`};
		const member: Member = {
			name,
			gpg,
			vault: vault.withEnv({
				GNUPGHOME: gpg.gnupgHome,
				PASSWORD_STORE_DIR: gpg.storeDir,
				GIT_AUTHOR_NAME: identity.name,
				GIT_AUTHOR_EMAIL: identity.email,
				GIT_COMMITTER_NAME: identity.name,
				GIT_COMMITTER_EMAIL: identity.email,
			}),
		};
		this.members.push(member);
		return member;
	}

	/** `pass init` of the shared store with these members' keys, by the first of them. */
	shareStore(recipients: readonly Member[]): void {
		const [owner, ...others] = recipients as [Member, ...Member[]];
		for (const other of others) {
			const key = other.gpg.gpg(['--batch', '--armor', '--export', other.gpg.fingerprint]);
			execFileSync('gpg', ['--batch', '--import'], {
				env: {...process.env, GNUPGHOME: owner.gpg.gnupgHome},
				input: key,
				stdio: ['pipe', 'ignore', 'ignore'],
			});
			// Trusted by the owner, as a team does once it has checked a member's fingerprint.
			execFileSync('gpg', ['--batch', '--import-ownertrust'], {
				env: {...process.env, GNUPGHOME: owner.gpg.gnupgHome},
				input: `${other.gpg.fingerprint}:6:\n`,
				stdio: ['pipe', 'ignore', 'ignore'],
			});
		}

		this.sharedPass(owner, ['init', ...recipients.map((m) => m.gpg.fingerprint)]);
	}

	/** `pass insert -m ENTRY` into the shared store, by `by`. */
	putShared(entry: string, secret: string, by: Member): void {
		this.sharedPass(by, ['insert', '--multiline', entry], `${secret}\n`);
	}

	private sharedPass(member: Member, args: string[], input = ''): string {
		return execFileSync('pass', args, {
			env: {...process.env, GNUPGHOME: member.gpg.gnupgHome, PASSWORD_STORE_DIR: this.sharedStore},
			input,
			encoding: 'utf8',
			stdio: ['pipe', 'pipe', 'pipe'],
			timeout: 30_000,
		});
	}

	/** Runs git in a working clone of the catalogue of its own (outside any member): a reviewer's edits. */
	git(args: readonly string[]): string {
		const work = path.join(this.base, 'reviewer');
		if (!fs.existsSync(work)) {
			execFileSync('git', ['clone', '--quiet', this.remote, work]);
		}

		return execFileSync('git', [...args], {
			cwd: work,
			encoding: 'utf8',
			env: {
				...process.env,
				GIT_AUTHOR_NAME: 'reviewer',
				GIT_AUTHOR_EMAIL: 'reviewer@team.test',
				GIT_COMMITTER_NAME: 'reviewer',
				GIT_COMMITTER_EMAIL: 'reviewer@team.test',
			},
		});
	}

	/** The reviewer's working clone (after one `git` call). */
	get workTree(): string {
		return path.join(this.base, 'reviewer');
	}

	async cleanup(): Promise<void> {
		for (const member of this.members) {
			member.gpg.cleanup();
			await member.vault.cleanup();
		}

		fs.rmSync(this.base, {recursive: true, force: true});
	}
}
