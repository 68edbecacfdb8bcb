import path from 'node:path';
import type {Command} from 'commander';
import {checkAlias} from '../../lib/alias.js';
import {UserError} from '../../lib/errors.js';
import {toJson} from '../../lib/json.js';
import {sanitize} from '../../lib/sanitize.js';
import {
	addCatalog,
	type PullReport,
	publish,
	pullCatalogs,
	removeCatalog,
} from '../../services/catalog.js';
import type {PublishWhat} from '../../services/catalog-entry.js';
import {notSignedInRows, pendingCredentials} from '../../store/catalog-rows.js';
import type {Context} from '../../store/context.js';
import {jsonOption} from '../options.js';
import {action, print} from '../output.js';

function pulled(report: PullReport): string {
	const counts = `${report.providers} provider(s), ${report.accounts} account template(s), ${report.credentials} credential definition(s)`;
	const skipped = report.skipped.length > 0 ? `; ${report.skipped.length} file(s) skipped` : '';
	const secrets =
		report.secrets.length > 0 ? `\n  from the shared store: ${report.secrets.join(', ')}` : '';
	return `${report.name}: ${counts} at ${report.commit?.slice(0, 12) ?? 'no commit yet'}${skipped}${secrets}`;
}

/** `catalog list`: every catalogue, what it holds and what is not signed in yet. */
export function catalogList(context: Context) {
	const {vault} = context.store.getState();
	const rows = notSignedInRows(vault);
	const pending = pendingCredentials(vault);
	return {
		catalogs: (vault.catalogs?.list ?? []).map((catalog) => ({
			name: catalog.name,
			url: catalog.url,
			pulledAt: catalog.pulledAt ?? null,
			commit: catalog.commit ?? null,
			providers: catalog.entries.providers.map((p) => p.id),
			accounts: catalog.entries.accounts.map((t) => t.alias),
			credentials: catalog.entries.credentials.map((d) => d.name),
			notSignedIn: rows.filter((r) => r.catalog === catalog.name).map((r) => r.display),
			credentialsNotSetUp: pending
				.filter((p) => p.catalog === catalog.name)
				.map((p) => p.definition.name),
		})),
		passStores: {...vault.catalogs?.passStores},
	};
}

function formatList(list: ReturnType<typeof catalogList>): string {
	if (list.catalogs.length === 0)
		return 'No catalogues; add one with: authdeck catalog add NAME URL\n';
	return `${list.catalogs
		.map((c) =>
			[
				`${c.name}  ${sanitize(c.url)}  (pulled ${c.pulledAt ?? 'never'}, ${c.commit?.slice(0, 12) ?? 'no commit'})`,
				`  providers: ${c.providers.join(', ') || 'none'}`,
				`  accounts: ${c.accounts.join(', ') || 'none'}${c.notSignedIn.length > 0 ? ` (not signed in yet: ${c.notSignedIn.join(', ')})` : ''}`,
				`  credentials: ${c.credentials.map((n) => sanitize(n)).join(', ') || 'none'}${c.credentialsNotSetUp.length > 0 ? ` (not set up yet: ${c.credentialsNotSetUp.map((n) => sanitize(n)).join(', ')})` : ''}`,
			].join('\n'),
		)
		.join('\n')}\n`;
}

type PublishOptions = {
	account?: string;
	provider?: string;
	credential?: string;
	to: string;
	secret?: string;
	json?: boolean;
};

function publishWhat(options: PublishOptions): PublishWhat {
	const given = [
		options.account !== undefined && {account: options.account},
		options.provider !== undefined && {provider: options.provider},
		options.credential !== undefined && {credential: options.credential},
	].filter(Boolean) as PublishWhat[];
	if (given.length !== 1)
		throw new UserError('give one of --account ALIAS, --provider ID or --credential NAME');
	return given[0] as PublishWhat;
}

/** `authdeck catalog ...`: a team's shared catalogue of providers, accounts and credentials, in git. */
export function registerCatalog(program: Command): void {
	const catalog = program
		.command('catalog')
		.description(
			'Share providers, account templates and credential definitions with a team, in git',
		);
	catalog
		.command('add')
		.description(
			'Follow a team catalogue: clone it (any URL git understands, a local path too) and pull it',
		)
		.argument('<name>', 'a short name for it, shown beside its entries (acme)')
		.argument('<url>', 'the git repository')
		.addOption(jsonOption())
		.action(
			action(async (context, name: string, url: string, options: {json?: boolean}) => {
				const report = await addCatalog(context, name, url);
				print(options.json ? toJson(report) : `Added catalogue ${pulled(report)}`);
			}),
		);
	catalog
		.command('pull')
		.description(
			'Bring every catalogue (or one) up to date; shared secrets you can decrypt are stored',
		)
		.argument('[name]')
		.addOption(jsonOption())
		.action(
			action(async (context, name: string | undefined, options: {json?: boolean}) => {
				const reports = await pullCatalogs(context, name);
				print(
					options.json
						? toJson(reports)
						: reports.length > 0
							? reports.map(pulled).join('\n')
							: 'No catalogues to pull',
				);
			}),
		);
	catalog
		.command('list')
		.description('List the catalogues, their entries and what is not signed in yet')
		.addOption(jsonOption())
		.action(
			action(async (context, options: {json?: boolean}) => {
				const list = catalogList(context);
				print(options.json ? toJson(list) : formatList(list));
			}),
		);
	catalog
		.command('publish')
		.description('Publish a local definition (never a secret) to a catalogue: commit and push')
		.option(
			'--account <alias>',
			'an account, as a template (alias, provider, email, org, environment)',
		)
		.option('--provider <id>', 'a provider you defined')
		.option('--credential <name>', 'a credential, as a definition (type, headers, used-by)')
		.requiredOption('--to <catalog>', 'the catalogue to publish to')
		.option(
			'--secret <ref>',
			'where members find its secret: pass://STORE/path (a reference, not the secret)',
		)
		.addOption(jsonOption())
		.action(
			action(async (context, options: PublishOptions) => {
				const result = await publish(context, publishWhat(options), options.to, options.secret);
				print(
					options.json
						? toJson(result)
						: result.unchanged
							? `${options.to} already has ${sanitize(result.label)}; nothing to publish`
							: `Published ${sanitize(result.label)} to ${options.to} (${result.commit?.slice(0, 12)})`,
				);
			}),
		);
	catalog
		.command('remove')
		.description('Stop following a catalogue (accounts signed in from it stay)')
		.argument('<name>')
		.action(
			action(async (context, name: string) => {
				await removeCatalog(context, name);
				print(`Removed catalogue ${name}; accounts signed in from it stay`);
			}),
		);
	catalog
		.command('store')
		.description(
			'Say where a shared pass store is: pass://NAME/... is read from DIR (no DIR: forget it)',
		)
		.argument('<name>', 'the store name the references use (acme-shared)')
		.argument('[dir]', "the store's directory (a clone of the team's password-store repository)")
		.action(
			action(async (context, name: string, dir: string | undefined) => {
				if (checkAlias(name))
					throw new UserError(
						'invalid store name: 1-63 lowercase letters, digits, ".", "_" or "-"',
					);
				const resolved = dir === undefined ? undefined : path.resolve(context.cwd, dir);
				await context.store.dispatch({
					type: 'pass-store-set',
					name,
					...(resolved ? {dir: resolved} : {}),
				});
				print(
					resolved
						? `pass://${name}/... is read from ${sanitize(resolved)}`
						: `Forgot the pass store ${name}`,
				);
			}),
		);
}
