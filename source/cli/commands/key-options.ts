import {type Command, Option} from 'commander';
import {maskSecret} from '../../lib/mask.js';
import {sanitize} from '../../lib/sanitize.js';
import type {RemoteKey} from '../../providers/keys.js';
import {type ProviderTarget, providerTarget} from '../../services/provider-target.js';
import type {Context} from '../../store/context.js';
import {accountOption, jsonOption} from '../options.js';

/** The flags every `key` command shares: which key is sent, to which provider, where. */
export type KeyOptions = {account?: string; provider?: string; baseUrl?: string; json?: boolean};

/** Adds the shared flags to a `key` subcommand. */
export function keyOptions(command: Command): Command {
	return command
		.addOption(accountOption())
		.addOption(
			new Option('--provider <id>', 'the provider, when no account names it (default: vast)'),
		)
		.addOption(
			new Option(
				'--base-url <url>',
				"the provider's API base URL for this run (default: the account's)",
			),
		)
		.addOption(jsonOption());
}

/** The target of a `key` command's calls. */
export function keyTarget(context: Context, options: KeyOptions): Promise<ProviderTarget> {
	return providerTarget(context, {
		account: options.account,
		provider: options.provider,
		baseUrl: options.baseUrl,
	});
}

/** A key as `key list` and `key show` print it: the raw key masked, never shown. */
export function keyView(key: RemoteKey, target: ProviderTarget) {
	return {
		id: key.id,
		name: key.name ?? null,
		key: key.key ? maskSecret(key.key) : null,
		userId: key.userId ?? null,
		permissions: key.permissions ?? null,
		teamId: key.teamId ?? null,
		teamName: key.teamName ?? null,
		/** Whether this is the key the call was made with. */
		inUse: key.key !== undefined && key.key === target.sent.key,
	};
}

export type KeyView = ReturnType<typeof keyView>;

/** One line of `key list`. */
export function keyLine(view: KeyView): string {
	const team = view.teamName ? `team ${sanitize(view.teamName, 40)}` : '';
	const fields = [
		view.inUse ? '*' : ' ',
		sanitize(view.id, 64).padEnd(8),
		(view.key ?? '(no key shown)').padEnd(14),
		sanitize(view.name ?? '', 40),
		team,
		view.inUse ? '(the key sent for this call)' : '',
	];
	return fields.filter(Boolean).join('  ').trimEnd();
}
