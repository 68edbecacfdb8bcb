import type {Command} from 'commander';
import type {Account} from '../../domain.js';
import {UserError} from '../../lib/errors.js';
import {interactive} from '../../lib/interactive.js';
import {toJson} from '../../lib/json.js';
import {importable} from '../../services/provider-imports.js';
import type {Context} from '../../store/context.js';
import {byFrecency} from '../../store/frecency.js';
import {findByQuery} from '../../store/resolve-account.js';
import {findAccount} from '../../store/selectors.js';
import {jsonOption, otherProfile, profileFrom} from '../options.js';
import {action, print} from '../output.js';
import {offerImport} from './import-offer.js';
import {accountView} from './status.js';

/** Makes an account the active one of its provider and the current one. `-` goes back to the previous one. */
export async function switchAccount(context: Context, query: string): Promise<Account> {
	const at = new Date().toISOString();
	// `--profile` (or AUTHDECK_PROFILE, `.authdeck`) naming a profile not in use switches in that one.
	const profile = otherProfile(context);
	if (query === '-') {
		if (!profileFrom(context).view.previous) {
			throw new UserError('there is no previous account to switch back to');
		}

		await context.store.dispatch({type: 'switched-back', at, profile});
	} else {
		const account = findByQuery(context.store.getState().vault, query);
		await context.store.dispatch({type: 'account-switched', accountId: account.id, at, profile});
	}

	const {vault} = context.store.getState();
	return findAccount(vault, profileFrom(context).view.current) as Account;
}

/** `authdeck switch [account]`: by name, `-` for the previous one, or a picker on a terminal. */
export function registerSwitch(program: Command): void {
	program
		.command('switch')
		.description('Make an account the active one; `-` switches back to the previous one')
		.argument(
			'[account]',
			'alias, email or id; `-` for the previous account; none for a picker (most used first)',
		)
		.addOption(jsonOption())
		.action(
			action(async (context, query: string | undefined, options: {json?: boolean}) => {
				let target = query;
				if (target === undefined) {
					if (!interactive()) {
						throw new UserError(
							'name the account: authdeck switch <alias|email|id> (or `-` for the previous one)',
						);
					}

					// A provider CLI's key that authdeck does not hold yet is offered first.
					for (const provider of importable) await offerImport(context, provider);
					const {vault} = context.store.getState();
					// Loaded only here: the picker brings Ink and React, which no other command needs.
					const {pickAccount} = await import('../account-picker.js');
					const picked = await pickAccount(byFrecency(vault.accounts), vault.current);
					if (!picked) {
						return 1;
					}

					target = picked.id;
				}

				const account = await switchAccount(context, target);
				const {vault} = context.store.getState();
				print(
					options.json
						? toJson(accountView(vault, account))
						: `Switched to ${account.alias} (${account.providerId})${otherProfile(context) ? ` in profile ${otherProfile(context)}` : ''}`,
				);
			}),
		);
}
