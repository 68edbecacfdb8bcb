import type {Command} from 'commander';
import type {Account} from '../../domain.js';
import type {Context} from '../../store/context.js';
import {findByQuery} from '../../store/resolve-account.js';
import {findAccount} from '../../store/selectors.js';
import {action, print} from '../output.js';

/** Renames an account. The new alias must be valid and unused. */
export async function renameAccount(
	context: Context,
	query: string,
	alias: string,
): Promise<Account> {
	const account = findByQuery(context.store.getState().vault, query);
	await context.store.dispatch({type: 'account-renamed', accountId: account.id, alias});
	return findAccount(context.store.getState().vault, account.id) as Account;
}

/** `authdeck alias <account> <new-alias>`. */
export function registerAlias(program: Command): void {
	program
		.command('alias')
		.description('Rename an account')
		.argument('<account>', 'alias, email or id')
		.argument('<new-alias>', 'the new alias')
		.action(
			action(async (context, query: string, alias: string) => {
				const account = await renameAccount(context, query, alias);
				print(`Renamed to ${account.alias}`);
			}),
		);
}
