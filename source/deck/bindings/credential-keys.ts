/** Keys of the credentials panel that change a credential (edit, rotate); added after the panels' keys. */
import type {Credential} from '../../domain.js';
import {credentialsOf, selectedAccount} from '../../store/selectors.js';
import type {State} from '../../store/state.js';
import {type Binding, bind, open} from './define.js';

function targetCredential(state: State): Credential | undefined {
	return credentialsOf(state.vault, selectedAccount(state)?.id)[state.ui.cursor.credentials];
}

const noCredential = (state: State) =>
	targetCredential(state) ? undefined : 'this account has no credentials';

export const credentialBindings: readonly Binding[] = [
	bind({
		keys: ['e'],
		action: 'edit-credential',
		scope: ['credentials'],
		footer: 'edit',
		description: 'Edit the credential: name, settings, where it is used (the secret stays)',
		disabled: noCredential,
		run: (state) => [
			open({
				kind: 'wizard',
				target: 'credential-edit',
				credentialId: (targetCredential(state) as Credential).id,
			}),
		],
	}),
	bind({
		keys: ['R'],
		action: 'rotate-credential',
		scope: ['credentials'],
		footer: 'rotate',
		description:
			'Rotate the secret: type the new one (masked); the previous one still verifies for 24 h',
		disabled: noCredential,
		run: (state) => {
			const found = targetCredential(state) as Credential;
			return [
				open({
					kind: 'prompt',
					label: `New secret for ${found.name} (masked; the previous one verifies for 24 h)`,
					value: '',
					purpose: 'rotate',
					targetId: found.id,
				}),
			];
		},
	}),
];
