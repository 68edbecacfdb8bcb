import {catalogBindings} from './catalog-keys.js';
import {credentialBindings} from './credential-keys.js';
import {type Binding, modes, type Place, type Scope} from './define.js';
import {modeBindings} from './modes.js';
import {panelBindings} from './panels.js';

export {
	anyKey,
	type Binding,
	type Command,
	type KeyInput,
	type Mode,
	placeOf,
	typedText,
} from './define.js';
export {modeBindings} from './modes.js';
export {panelBindings} from './panels.js';

/**
 * Every key of the deck, in one table: the panels' keys, then those of the modes (filter, dialogs)
 * that take the keys while they last. A new key is one more record in panels.ts or modes.ts; the
 * footer, the `?` overlay and the readme's key table are printed from here.
 */
export const bindings: readonly Binding[] = [
	...panelBindings,
	...credentialBindings,
	...catalogBindings,
	...modeBindings,
];

/** Whether `binding` applies at `place`: `global` means every panel, never a mode. */
export function appliesTo(binding: Binding, place: Place): boolean {
	return binding.scope === 'global'
		? !(modes as readonly Place[]).includes(place)
		: binding.scope.includes(place);
}

/** The binding a key name triggers at a place: a binding of its own wins over a global one. */
export function findBinding(key: string, place: Place): Binding | undefined {
	const matching = bindings.filter(
		(binding) => binding.keys.includes(key) && appliesTo(binding, place),
	);
	return matching.find((binding) => binding.scope !== 'global') ?? matching[0];
}

/** The footer of a place: its own keys first, then the global ones, each once. */
export function footerBindings(place: Place): readonly Binding[] {
	const shown = bindings.filter((binding) => binding.footer && appliesTo(binding, place));
	return [
		...shown.filter((binding) => binding.scope !== 'global'),
		...shown.filter((binding) => binding.scope === 'global'),
	];
}

/** How a key reads to a person: as on the key cap, `esc`, not as `keyName` spells it. */
const keyCap = (key: string) => (key === 'escape' ? 'esc' : key);

/** How a key list reads to a person: `j/down`, `1-4`, `esc`. */
export function keyLabel(binding: Binding): string {
	return binding.label ?? binding.keys.map(keyCap).join('/');
}

/** How the places read in the help overlay and the readme. */
const placeNames: Readonly<Record<Place, string>> = {
	accounts: 'accounts',
	organization: 'organization',
	expiry: 'expiry',
	credentials: 'credentials',
	filter: 'filter',
	help: 'help',
	confirm: 'confirm dialog',
	'type-confirm': 'type-to-confirm dialog',
	prompt: 'alias prompt',
	wizard: 'add wizards',
	profiles: 'profile picker',
	reveal: 'revealed secret',
};

export function scopeLabel(scope: Scope): string {
	if (scope === 'global') return 'everywhere';
	// The one binding of every mode (ctrl+c) would otherwise list all six.
	if (scope === modes) return 'dialogs, filter';
	return scope.map((place) => placeNames[place]).join(', ');
}

/** The readme's key table, printed from the bindings so the two never disagree. */
export function keyTableMarkdown(): string {
	const code = (key: string) => `\`${key}\``;
	const rows = bindings.map((binding) => {
		const keys = binding.label
			? code(binding.label)
			: binding.keys.map((key) => code(keyCap(key))).join(' ');
		const danger = binding.dangerous ? ' ⚠' : '';
		return `| ${keys} | ${scopeLabel(binding.scope)} | ${binding.description}${danger} |`;
	});
	return ['| Key | Where | What it does |', '| --- | --- | --- |', ...rows].join('\n');
}
