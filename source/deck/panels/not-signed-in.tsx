import {Text} from 'ink';
import {sanitize} from '../../lib/sanitize.js';
import {selectedCatalogRow} from '../../store/deck-entries.js';
import type {State} from '../../store/state.js';
import {useStore} from '../../store/use-store.js';

const selectTemplate = selectedCatalogRow;
const selectCatalogs = (state: State) => state.vault.catalogs;

type Properties = {
	/** What the panel would list: the template's organization, or the catalogue's credentials for it. */
	readonly about: 'organization' | 'credentials';
	/** Said when no catalogue row is selected either. */
	readonly fallback: string;
};

/**
 * What the organization and credentials panels say while a catalogue row is selected: there is no
 * account yet, enter signs in, and what the catalogue will bring.
 */
export function NotSignedInNote({about, fallback}: Properties) {
	const row = useStore(selectTemplate);
	const catalogs = useStore(selectCatalogs);
	if (!row) return <Text dimColor>{fallback}</Text>;
	const org = row.template.organization?.name;
	const defined = (
		catalogs?.list.find((c) => c.name === row.catalog)?.entries.credentials ?? []
	).filter((definition) => definition.account === row.template.alias).length;
	const brings =
		about === 'organization'
			? org
				? ` (organization ${sanitize(org, 60)})`
				: ''
			: defined > 0
				? ` (${row.catalog} defines ${defined} credential${defined === 1 ? '' : 's'} for it)`
				: '';
	return (
		<Text dimColor wrap="truncate">
			{sanitize(row.display, 104)}: not signed in yet: press enter to sign in{sanitize(brings, 120)}
		</Text>
	);
}
