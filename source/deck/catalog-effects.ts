/**
 * The deck's side of a sign-in from a team catalogue's row: after the wizard saves the account, the
 * template's setup (services/catalog-login.ts, as `login --from-catalog` does it), announced in the
 * status line; and the sign-in with the template's shared key, no key typed.
 */
import type {Account} from '../domain.js';
import {messageOf} from '../lib/errors.js';
import {sanitize} from '../lib/sanitize.js';
import {afterCatalogSignIn, findTemplate} from '../services/catalog-login.js';
import {signInWithSharedKey} from '../services/catalog-secrets.js';
import type {Action} from '../store/actions.js';
import {notSignedInRows} from '../store/catalog-rows.js';
import type {Context} from '../store/context.js';
import type {CatalogTemplateRef} from '../store/state.js';
import {catalogWizard} from './bindings/catalog-keys.js';

const notice = (level: 'info' | 'warning' | 'error', text: string): Action => ({
	type: 'notice-shown',
	notice: {level, text: sanitize(text, 1000)},
});

/** The context with its warnings kept, to say them in the one status line. */
function collecting(context: Context): {context: Context; warnings: string[]} {
	const warnings: string[] = [];
	return {context: {...context, warn: (line) => warnings.push(line)}, warnings};
}

const quoted = (names: readonly string[]) => names.map((name) => `"${name}"`).join(', ');

/**
 * The template's setup after its account is saved, as the status line's message: what was set up
 * from the shared store, or (a warning) why a shared secret could not be read. Undefined when there
 * was nothing to say.
 */
export async function catalogSetUp(
	context: Context,
	from: CatalogTemplateRef,
	account: Account,
	lead = `Signed in as ${account.alias}`,
): Promise<Action | undefined> {
	const found = findTemplate(context, from.catalog, from.template);
	if (!found) return undefined;
	const quiet = collecting(context);
	try {
		const {setUp} = await afterCatalogSignIn(quiet.context, found.catalog, found.template);
		const names = setUp.map((credential) => credential.name);
		const done =
			names.length > 0
				? `${lead}; set up ${names.length === 1 ? 'credential' : 'credentials'} ${quoted(names)} from the shared store`
				: lead;
		if (quiet.warnings.length > 0) {
			return notice('warning', [done, ...quiet.warnings].join('; '));
		}

		return names.length > 0 ? notice('info', done) : undefined;
	} catch (error) {
		return notice('warning', [lead, ...quiet.warnings, messageOf(error)].join('; '));
	}
}

/**
 * Signs in to a template with its shared key (after the y/N). A key that cannot be read opens the
 * wizard on the template instead, with the reason as a warning, so the key can be pasted.
 */
export async function sharedSignIn(context: Context, from: CatalogTemplateRef): Promise<void> {
	const {store} = context;
	const row = notSignedInRows(store.getState().vault).find(
		(candidate) => candidate.catalog === from.catalog && candidate.template.alias === from.template,
	);
	const found = findTemplate(context, from.catalog, from.template);
	if (!row || !found) {
		await store.dispatch(
			notice(
				'error',
				`${from.catalog}/${from.template} is not waiting to be signed in to any more`,
			),
		);
		return;
	}

	await store.dispatch({type: 'busy-changed', busy: 'signing in with the shared key'});
	try {
		const quiet = collecting(context);
		const alias = await signInWithSharedKey(
			quiet.context,
			found.catalog,
			found.template,
			row.alias,
		);
		const account = store.getState().vault.accounts.find((candidate) => candidate.alias === alias);
		if (!account) {
			await store.dispatch({type: 'overlay-opened', overlay: catalogWizard(store.getState(), row)});
			const why = quiet.warnings.join('; ') || 'the shared key could not be read';
			await store.dispatch(
				notice('warning', `Paste the key; the shared one could not be read: ${why}`),
			);
			return;
		}

		await store.dispatch({type: 'account-selected', accountId: account.id});
		const lead = `Signed in as ${account.alias} with the shared key; it is now the current account`;
		await store.dispatch(
			(await catalogSetUp(context, from, account, lead)) ?? notice('info', lead),
		);
	} finally {
		await store.dispatch({type: 'busy-changed', busy: undefined});
	}
}
