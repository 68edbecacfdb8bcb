/** The vault's `catalogs` section: catalogues followed, their entries, the shared pass stores. */

import type {Catalogs} from '../domain/catalog.js';
import type {Vault} from '../domain.js';
import type {VaultAction} from './actions.js';

type CatalogAction = Extract<
	VaultAction,
	{type: 'catalog-saved' | 'catalog-removed' | 'pass-store-set'}
>;

/** Pure. Accounts and credentials are never touched: pulling or removing never signs anyone out. */
export function catalogReducer(vault: Vault, action: CatalogAction): Vault {
	const catalogs: Catalogs = vault.catalogs ?? {list: []};
	switch (action.type) {
		case 'catalog-saved': {
			const index = catalogs.list.findIndex((catalog) => catalog.name === action.catalog.name);
			const list =
				index === -1
					? [...catalogs.list, action.catalog]
					: catalogs.list.map((catalog, at) => (at === index ? action.catalog : catalog));
			return {...vault, catalogs: {...catalogs, list}};
		}

		case 'catalog-removed': {
			const list = catalogs.list.filter((catalog) => catalog.name !== action.name);
			return {...vault, catalogs: {...catalogs, list}};
		}

		case 'pass-store-set': {
			const {[action.name]: _, ...others} = catalogs.passStores ?? {};
			const passStores = action.dir === undefined ? others : {...others, [action.name]: action.dir};
			return {...vault, catalogs: {...catalogs, passStores}};
		}
	}
}
