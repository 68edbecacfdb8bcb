/** The credential definitions of the team catalogues not set up here yet, under `credential list`. */
import type {Vault} from '../../domain.js';
import {UserError} from '../../lib/errors.js';
import {sanitize} from '../../lib/sanitize.js';
import {credentialInput} from '../../services/catalog-secrets.js';
import {pendingCredentials} from '../../store/catalog-rows.js';
import type {Context} from '../../store/context.js';
import {accountFrom} from '../options.js';

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
			: `secret from your team: authdeck credential add --from-catalog '${sanitize(definition.name)}'`;
		return `  ${sanitize(definition.name)}  ${definition.settings.type}  ${where}  [${catalog}]  ${how}`;
	});
	return `Not set up yet (team catalogues):\n${lines.join('\n')}\n`;
}

/**
 * `credential add --from-catalog NAME`: the definition's settings on its account (the one signed in
 * from its template, else `--account`), for a secret the member has from elsewhere (stdin).
 */
export function definitionInput(context: Context, name: string, accountFlag: string | undefined) {
	const {vault} = context.store.getState();
	const pending = pendingCredentials(vault).filter((p) => p.definition.name === name);
	const flagged = accountFlag ? accountFrom(context, accountFlag) : undefined;
	const found = pending.find((p) => !flagged || p.account?.id === flagged.id) ?? pending[0];
	if (!found) {
		throw new UserError(
			`no credential definition "${sanitize(name, 80)}" waiting to be set up; see authdeck credential list --all`,
		);
	}

	const account = flagged ?? found.account;
	if (!account) {
		throw new UserError(
			`"${sanitize(name, 80)}" belongs to ${found.definition.account}, not signed in yet: authdeck login --from-catalog ${found.definition.account}`,
		);
	}

	return {input: credentialInput(found.definition, account.id, ''), alias: account.alias};
}
