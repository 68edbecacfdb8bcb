/** The credential definitions of the team catalogues not set up here yet, under `credential list`. */
import type {Vault} from '../../domain.js';
import {sanitize} from '../../lib/sanitize.js';
import {pendingCredentials} from '../../store/catalog-rows.js';

/** Lines for the definitions on `accountId` (every account's when undefined); '' when none. */
export function formatPending(vault: Vault, accountId: string | undefined): string {
	const pending = pendingCredentials(vault).filter(
		(p) => accountId === undefined || p.account?.id === accountId,
	);
	if (pending.length === 0) return '';
	const lines = pending.map(({catalog, definition, account}) => {
		const where = account
			? `on ${account.alias}`
			: `for ${definition.account}, not signed in yet (authdeck login --from-catalog ${definition.account})`;
		const how = definition.secret
			? `secret in ${definition.secret}: authdeck catalog pull ${catalog}`
			: 'secret from your team';
		return `  ${sanitize(definition.name)}  ${definition.settings.type}  ${where}  [${catalog}]  ${how}`;
	});
	return `Not set up yet (team catalogues):\n${lines.join('\n')}\n`;
}
