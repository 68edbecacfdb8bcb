import {useCallback} from 'react';
import {sanitize} from '../../lib/sanitize.js';
import {selectedAccount} from '../../store/selectors.js';
import type {FormError, State} from '../../store/state.js';
import {useDispatch, useStore} from '../../store/use-store.js';
import {accountFields} from './account-wizard.js';
import {editFields} from './credential-edit-form.js';
import {credentialFields} from './credential-wizard.js';
import type {Values} from './fields.js';
import {Form} from './form.js';

type Properties = {
	readonly target: 'account' | 'credential' | 'credential-edit';
	/** credential-edit: the credential the form edits. */
	readonly credentialId?: string;
	readonly error?: FormError;
	readonly width: number;
	readonly height: number;
};

const selectState = (state: State) => state;

/** The add-account and add-credential wizards; what they ask is data in account-wizard.ts and credential-wizard.ts. */
export function Wizard({target, credentialId, error, width, height}: Properties) {
	const state = useStore(selectState);
	const dispatch = useDispatch();
	const account = selectedAccount(state);
	const edited = state.vault.credentials.find((credential) => credential.id === credentialId);
	// A catalogue row's template: its answers are given (bindings/catalog-keys.ts).
	const prefill =
		target === 'account' && state.ui.overlay?.kind === 'wizard'
			? state.ui.overlay.prefill
			: undefined;
	const fieldsOf = useCallback(
		(values: Values) => {
			if (target === 'credential-edit') {
				return edited ? editFields(edited) : [];
			}

			return target === 'account' ? accountFields(state, values) : credentialFields(state, values);
		},
		[state, target, edited],
	);
	const onSubmit = (values: Values) =>
		dispatch({
			type: 'intent-requested',
			intent:
				target === 'credential-edit'
					? {type: 'edit-credential', credentialId: credentialId ?? '', values}
					: target === 'account'
						? {
								type: 'add-account',
								methodId: values.method ?? '',
								values,
								...(prefill?.from ? {fromCatalog: prefill.from} : {}),
							}
						: {type: 'add-credential', accountId: account?.id ?? '', values},
		});
	const title =
		target === 'credential-edit'
			? `Edit credential ${sanitize(edited?.name ?? '', 40)} (its secret stays; R rotates it)`
			: target === 'account'
				? (prefill?.title ?? 'Add an account')
				: `Add a credential to ${sanitize(account?.alias ?? '', 40)}`;
	return (
		<Form
			title={title}
			fieldsOf={fieldsOf}
			state={state}
			error={error}
			busy={state.ui.busy !== undefined}
			width={width}
			height={height}
			onSubmit={onSubmit}
			given={prefill?.values}
		/>
	);
}
