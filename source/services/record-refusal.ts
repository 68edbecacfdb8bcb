import type {Account, Refusal} from '../domain.js';
import type {RemoteKey} from '../providers/keys.js';
import {permissionNames} from '../providers/permission.js';
import type {PermissionReport, SentKey} from '../providers/request.js';
import type {Context} from '../store/context.js';

/** At most this many refusals are kept per account: one per permission, the latest first. */
const kept = 20;

/**
 * Keeps what a provider said about one of the account's permissions, for `authdeck permissions`: a
 * refusal is recorded (one per permission, the latest wins), a later allowed call clears it. A
 * failure to record is a warning: the call's own answer matters more.
 */
export async function recordPermission(
	context: Context,
	account: Account,
	report: PermissionReport,
	at = new Date(),
): Promise<void> {
	const current =
		context.store.getState().vault.accounts.find((a) => a.id === account.id)?.refusals ?? [];
	const others = current.filter((refusal) => refusal.permission !== report.permission);
	if (report.allowed && others.length === current.length) {
		return;
	}

	const refusals: Refusal[] = report.allowed
		? others
		: [{permission: report.permission, call: report.call, at: at.toISOString()}, ...others].slice(
				0,
				kept,
			);
	try {
		await context.store.dispatch({
			type: 'tokens-updated',
			accountId: account.id,
			changes: {refusals: refusals.length > 0 ? refusals : undefined},
		});
	} catch (error) {
		context.warn(
			`warning: could not record the refusal for "${account.alias}": ${(error as Error).message}`,
		);
	}
}

/**
 * The rights the provider lists for the key a call was sent with (Vast.ai's key list), kept as the
 * account's permissions for `authdeck permissions` and a later 403's message. Only when they
 * changed; a key from the environment has no account to keep them on.
 */
export async function recordKeyRights(
	context: Context,
	target: {readonly account?: Account; readonly sent: SentKey},
	keys: readonly RemoteKey[],
): Promise<void> {
	const {account} = target;
	const mine = keys.find((key) => key.key !== undefined && key.key === target.sent.key);
	if (account?.method !== 'api-key' || mine?.permissions === undefined) {
		return;
	}

	await keepPermissions(context, account, permissionNames(mine.permissions));
}

/**
 * Keeps the permissions a provider reports for a stored key (its key list, its "who am I" answer)
 * as the account's, for `authdeck permissions` and a later 403's message; only when they changed.
 */
export async function keepPermissions(
	context: Context,
	account: Account,
	scopes: readonly string[],
): Promise<void> {
	if (account.method !== 'api-key' || scopes.join(' ') === account.scopes.join(' ')) {
		return;
	}

	try {
		await context.store.dispatch({
			type: 'tokens-updated',
			accountId: account.id,
			changes: {scopes: [...scopes]},
		});
	} catch (error) {
		context.warn(
			`warning: could not record the permissions of "${account.alias}": ${(error as Error).message}`,
		);
	}
}
