/** The UI slice's reducer: focus, selection, filter, overlays, notices. */
import type {UiAction} from './actions.js';
import {credentialsOf, selectedAccount, selectedIndex, visibleAccounts} from './selectors.js';
import type {PanelId, State, Ui} from './state.js';
import {panels} from './state.js';

function rowsIn(state: State, panel: Exclude<PanelId, 'accounts'>): number {
	const account = selectedAccount(state);
	switch (panel) {
		case 'organization': {
			return account?.organizations.length ?? 0;
		}

		case 'expiry': {
			// The expiry panel lists what the accounts panel lists: the filter applies.
			return visibleAccounts(state).length;
		}

		case 'credentials': {
			return credentialsOf(state.vault, account?.id).length;
		}
	}
}

const clamp = (value: number, rows: number) => Math.max(0, Math.min(value, rows - 1));

function moveCursor(state: State, step: number): Ui {
	const {ui} = state;
	if (ui.focus === 'accounts') {
		const visible = visibleAccounts(state);
		// The selected account's place (the first one's when none is), from a map made once per list:
		// a search was O(n) on every key.
		const found = selectedIndex(state);
		const index = found === -1 && visible.length > 0 ? 0 : found;
		const next = visible[clamp(index + step, visible.length)];
		return next
			? {...ui, selectedAccountId: next.id, cursor: {...ui.cursor, organization: 0, credentials: 0}}
			: ui;
	}

	return {
		...ui,
		cursor: {...ui.cursor, [ui.focus]: clamp(ui.cursor[ui.focus] + step, rowsIn(state, ui.focus))},
	};
}

/** The cursors, with the expiry panel's kept on a row the (new) filter still lists. */
function expiryKept(state: State): Ui['cursor'] {
	const {cursor} = state.ui;
	return {...cursor, expiry: clamp(cursor.expiry, rowsIn(state, 'expiry'))};
}

/** Applies a UI action: what the deck shows. Pure, like the vault reducer. */
export function uiReducer(state: State, action: UiAction): State {
	const {ui} = state;
	switch (action.type) {
		case 'vault-loaded': {
			if (ui.removing === undefined) return {...state, vault: action.vault};
			const back = action.vault.accounts.some((account) => account.id === ui.removing);
			return {
				...state,
				vault: action.vault,
				ui: {
					...ui,
					removing: undefined,
					selectedAccountId: back ? ui.removing : ui.selectedAccountId,
				},
			};
		}

		case 'panel-focused': {
			return {...state, ui: {...ui, focus: action.panel}};
		}

		case 'panel-cycled': {
			const index = panels.indexOf(ui.focus);
			const focus = panels[(index + action.step + panels.length) % panels.length] as PanelId;
			return {...state, ui: {...ui, focus}};
		}

		case 'cursor-moved': {
			return {...state, ui: moveCursor(state, action.step)};
		}

		case 'account-selected': {
			return {
				...state,
				ui: {
					...ui,
					selectedAccountId: action.accountId,
					cursor: {...ui.cursor, organization: 0, credentials: 0},
				},
			};
		}

		case 'filter-started': {
			return {
				...state,
				ui: {...ui, focus: 'accounts', filtering: true, beforeFilter: selectedAccount(state)?.id},
			};
		}

		case 'filter-changed': {
			const next = {...state, ui: {...ui, filter: action.filter}};
			// Keep the selection on a row that is still listed.
			const first =
				visibleAccounts(next).find((account) => account.id === ui.selectedAccountId) ??
				visibleAccounts(next)[0];
			return {...next, ui: {...next.ui, selectedAccountId: first?.id, cursor: expiryKept(next)}};
		}

		case 'filter-closed': {
			// A filter that matched nothing selected nothing: back to the row selected before it.
			const back = ui.selectedAccountId === undefined;
			const filter = action.clear ? '' : ui.filter;
			return {
				...state,
				ui: {
					...ui,
					cursor: expiryKept({...state, ui: {...ui, filter}}),
					filtering: false,
					filter,
					selectedAccountId: back
						? (ui.beforeFilter ?? ui.selectedAccountId)
						: ui.selectedAccountId,
					beforeFilter: undefined,
				},
			};
		}

		case 'overlay-opened': {
			return {...state, ui: {...ui, overlay: action.overlay, formError: undefined}};
		}

		case 'overlay-closed': {
			return {...state, ui: {...ui, overlay: undefined, formError: undefined, signIn: undefined}};
		}

		case 'sign-in-prompted': {
			return {...state, ui: {...ui, signIn: action.prompt}};
		}

		case 'intent-requested': {
			return ui.formError ? {...state, ui: {...ui, formError: undefined}} : state;
		}

		case 'form-failed': {
			return {...state, ui: {...ui, formError: action.error}};
		}

		case 'notice-shown': {
			return {...state, ui: {...ui, notice: action.notice}};
		}

		case 'notice-cleared': {
			return {...state, ui: {...ui, notice: undefined}};
		}

		case 'busy-changed': {
			// The work is over: so is any sign-in it was waiting on.
			const signIn = action.busy === undefined ? undefined : ui.signIn;
			return {...state, ui: {...ui, busy: action.busy, signIn}};
		}
	}
}
