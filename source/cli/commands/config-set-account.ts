import type {Command} from 'commander';
import {isGuarded} from '../../domain.js';
import {UserError} from '../../lib/errors.js';
import {sanitize} from '../../lib/sanitize.js';
import type {Context} from '../../store/context.js';
import {findByQuery} from '../../store/resolve-account.js';
import {findAccount} from '../../store/selectors.js';
import {action, print} from '../output.js';

/** The per-account settings `config set-account` takes. */
const accountSettings = ['protected'] as const;

/**
 * `config set-account ALIAS protected true|false`: a protected account is guarded like a production
 * one (the deck asks for its alias to be typed before removing or revealing it). Returns the line
 * to print.
 */
export async function setAccountSetting(
	context: Context,
	query: string,
	key: string,
	value: string,
): Promise<string> {
	if (!(accountSettings as readonly string[]).includes(key)) {
		throw new UserError(
			`unknown account setting '${sanitize(key, 40)}'; account settings are: ${accountSettings.join(', ')}`,
		);
	}

	if (value !== 'true' && value !== 'false') {
		throw new UserError('usage: authdeck config set-account <account> protected true|false');
	}

	const account = findByQuery(context.store.getState().vault, query);
	await context.store.dispatch({
		type: 'account-protected',
		accountId: account.id,
		protected: value === 'true',
	});
	const saved = findAccount(context.store.getState().vault, account.id) ?? account;
	const alias = sanitize(saved.alias, 63);
	if (value === 'true') return `${alias} is protected: removing or revealing it asks for its alias`;
	return isGuarded(saved)
		? `${alias} is no longer protected, but stays guarded as a production account`
		: `${alias} is no longer protected`;
}

/** `authdeck config set-account <account> <key> <value>`, under `config`. */
export function registerSetAccount(config: Command): void {
	config
		.command('set-account')
		.description(
			'Change a setting of one account: `protected true|false` guards it like production',
		)
		.argument('<account>', 'alias, email or id')
		.argument('<key>', accountSettings.join(', '))
		.argument('<value>')
		.action(
			action(async (context, query: string, key: string, value: string) => {
				print(await setAccountSetting(context, query, key, value));
			}),
		);
}
