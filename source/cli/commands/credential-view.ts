/** How `credential list` and `--json` show a credential: masked, never the secret. */
import type {Credential} from '../../domain.js';
import {formatAge} from '../../lib/duration.js';
import {sanitize} from '../../lib/sanitize.js';
import {credentialDetail} from '../../services/credentials.js';
import type {Context} from '../../store/context.js';
import {findAccount} from '../../store/selectors.js';

/** One credential as `credential list --json` shows it: masked, never the secret. */
export function credentialView(context: Context, credential: Credential) {
	const account = findAccount(context.store.getState().vault, credential.accountId);
	return {
		id: credential.id,
		name: credential.name,
		account: account?.alias ?? null,
		type: credential.settings.type,
		settings: credential.settings,
		secret: credential.secretHint ?? '****',
		usedBy: credential.usedBy,
		createdAt: credential.createdAt,
		lastUsedAt: credential.lastUsedAt ?? null,
		...(credential.settings.type === 'oauth2'
			? {
					tokenExpiresAt: credential.tokenExpiresAt ?? null,
					tokenError: credential.tokenError ?? null,
				}
			: {}),
	};
}

export function formatList(context: Context, credentials: readonly Credential[]): string {
	if (credentials.length === 0) {
		return 'No credentials; add one with `authdeck credential add --name NAME --type bearer < secret-file`';
	}

	const now = Date.now();
	const rows = credentials.map((credential) => {
		const view = credentialView(context, credential);
		return [
			sanitize(view.name, 40),
			view.id,
			sanitize(view.account ?? '?', 40),
			view.type,
			sanitize(credentialDetail(credential.settings), 60),
			sanitize(view.secret, 64),
			view.usedBy.length === 0 ? '-' : sanitize(view.usedBy.join(', '), 80),
			view.lastUsedAt ? `${formatAge(view.lastUsedAt, now).replace(/^age /, '')} ago` : 'never',
		];
	});
	const header = ['NAME', 'ID', 'ACCOUNT', 'TYPE', 'DETAIL', 'SECRET', 'USED BY', 'LAST USED'];
	const widths = header.map((title, column) =>
		Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
	);
	return [header, ...rows]
		.map((row) =>
			row
				.map((cell, column) => cell.padEnd(widths[column] ?? 0))
				.join('  ')
				.trimEnd(),
		)
		.join('\n');
}
