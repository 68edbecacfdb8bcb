import {interactive} from '../../lib/interactive.js';
import {findProviderKeys, type Importable, importable} from '../../services/provider-imports.js';
import type {Context} from '../../store/context.js';
import {confirmOrStop} from '../confirm.js';
import {print} from '../output.js';
import {formatImport, runImport} from './import.js';

/**
 * Before the first `login` or `switch` of a provider whose own CLI left a key behind (vastai's key
 * files, ~/.vapi-cli.yaml), on a terminal: offers to import it. True when it imported, so the
 * command has nothing left to do; false when there was nothing to offer or the user said no.
 */
export async function offerImport(
	context: Context,
	provider: string | undefined,
): Promise<boolean> {
	const which = importable.find((id) => id === provider) as Importable | undefined;
	const {vault} = context.store.getState();
	if (!which || !interactive() || vault.accounts.some((a) => a.providerId === which)) return false;
	const {found} = findProviderKeys(context, which);
	if (found.length === 0) return false;
	const where = found.map((item) => item.file).join(' and ');
	try {
		await confirmOrStop({
			action: 'import',
			question: `${which}'s own CLI keeps a key in ${where}. Import it into authdeck? [y/N] `,
		});
	} catch {
		return false;
	}

	print(formatImport(await runImport(context, which, false)));
	return true;
}
