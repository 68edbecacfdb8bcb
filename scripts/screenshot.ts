/**
 * `npm run screenshot`: opens the REAL deck (dist/authdeck.cjs) in a pseudo-terminal on a sample vault and
 * writes what the terminal shows, text and colours, to media/deck.svg.
 */
import fs from 'node:fs';
import path from 'node:path';
import type xterm from '@xterm/headless';
import type {Account, Credential, Vault} from '../source/domain.js';
import {emptyVault} from '../source/domain.js';
import {spawnDeck} from '../test/helpers/pty.js';
import {TempVault} from '../test/helpers/temp-vault.js';

const minute = 60_000;
const day = 24 * 60 * minute;
const at = (ms: number) => new Date(Date.now() + ms).toISOString();

function account(fields: Partial<Account> & Pick<Account, 'id' | 'alias' | 'providerId'>): Account {
	return {
		organizations: [],
		environment: 'production',
		method: 'api-key',
		scopes: [],
		refreshable: false,
		createdAt: at(-30 * day),
		...fields,
	};
}

const accounts: Account[] = [
	account({
		id: 'sampleprod01',
		alias: 'prod',
		providerId: 'vapi',
		email: 'john@company.com',
		organizations: [
			{id: 'org_abc123', name: 'Acme Corp', plan: 'enterprise'},
			{id: 'org_abc124', name: 'Acme Labs'},
		],
		activeOrgId: 'org_abc123',
		secretHint: 'sk-prod_****wxyz',
		keyCreatedAt: at(-97 * day),
		baseUrl: 'https://api.vapi.ai',
	}),
	account({
		id: 'sampleclienta',
		alias: 'client-a',
		providerId: 'vapi',
		email: 'jane@agency.com',
		environment: 'staging',
		method: 'browser',
		refreshable: true,
		tokenExpiresAt: at(42 * minute + 30_000),
		organizations: [{id: 'org_agency', name: 'Agency Ltd'}],
	}),
	account({
		id: 'samplepersonal',
		alias: 'personal',
		providerId: 'vapi',
		email: 'john@personal.com',
		secretHint: 'sk-test_****1a2b',
		keyCreatedAt: at(-20 * day),
	}),
	account({
		id: 'samplehpcmain',
		alias: 'hpc-main',
		providerId: 'vantage',
		email: 'ops@acme.com',
		method: 'device',
		refreshable: true,
		tokenExpiresAt: at(-3 * 60 * minute),
		needsSignIn: true,
	}),
	account({
		id: 'samplegpu001',
		alias: 'gpu',
		providerId: 'vast',
		email: 'john@company.com',
		secretHint: '****9c41',
		keyCreatedAt: at(-12 * day),
	}),
];

const credentials: Credential[] = [
	{
		id: 'cred_sample1',
		name: 'Production API Auth',
		accountId: 'sampleprod01',
		settings: {type: 'bearer', headerName: 'Authorization', bearerPrefix: true},
		usedBy: ['asst_support'],
		secretHint: '****wxyz',
		createdAt: at(-day),
	},
	{
		id: 'cred_sample2',
		name: 'Webhook signing',
		accountId: 'sampleprod01',
		settings: {
			type: 'hmac',
			algorithm: 'sha256',
			signatureHeader: 'x-signature',
			payloadFormat: '{body}',
		},
		usedBy: [],
		secretHint: '****9f3a',
		createdAt: at(-day),
	},
	{
		id: 'cred_sample3',
		name: 'Staging OAuth',
		accountId: 'sampleprod01',
		settings: {type: 'oauth2', tokenUrl: 'https://auth.acme.test/token', clientId: 'deck'},
		usedBy: ['asst_staging'],
		secretHint: '****k9v2',
		createdAt: at(-day),
	},
];

const palette16 = [
	'#1e1e2e',
	'#f38ba8',
	'#a6e3a1',
	'#f9e2af',
	'#89b4fa',
	'#f5c2e7',
	'#94e2d5',
	'#bac2de',
	'#585b70',
	'#f38ba8',
	'#a6e3a1',
	'#f9e2af',
	'#89b4fa',
	'#f5c2e7',
	'#94e2d5',
	'#a6adc8',
];
const foreground = '#cdd6f4';
const background = '#1e1e2e';

function color256(n: number): string {
	if (n < 16) return palette16[n] ?? foreground;
	if (n >= 232) {
		const level = 8 + (n - 232) * 10;
		return `rgb(${level},${level},${level})`;
	}

	const index = n - 16;
	const steps = [0, 95, 135, 175, 215, 255];
	return `rgb(${steps[Math.floor(index / 36)]},${steps[Math.floor(index / 6) % 6]},${steps[index % 6]})`;
}

function cellColor(cell: xterm.IBufferCell, which: 'fg' | 'bg'): string | undefined {
	const isDefault = which === 'fg' ? cell.isFgDefault() : cell.isBgDefault();
	if (isDefault) return undefined;
	const value = which === 'fg' ? cell.getFgColor() : cell.getBgColor();
	const rgb = which === 'fg' ? cell.isFgRGB() : cell.isBgRGB();
	return rgb ? `#${value.toString(16).padStart(6, '0')}` : color256(value);
}

const escapeXml = (text: string) =>
	text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** The terminal's screen as an SVG: one rect per coloured background run, one tspan per style run. */
export function screenToSvg(terminal: xterm.Terminal): string {
	const cellWidth = 8.6;
	const lineHeight = 19;
	const padding = 14;
	const width = Math.ceil(terminal.cols * cellWidth + padding * 2);
	const height = Math.ceil(terminal.rows * lineHeight + padding * 2 + 22);
	const buffer = terminal.buffer.active;
	const parts: string[] = [];
	const cell = buffer.getNullCell();
	for (let y = 0; y < terminal.rows; y++) {
		const line = buffer.getLine(buffer.viewportY + y);
		if (!line) continue;
		const top = padding + 22 + y * lineHeight;
		const spans: string[] = [];
		for (let x = 0; x < terminal.cols; x++) {
			line.getCell(x, cell);
			if (cell.getWidth() === 0) continue;
			let fg = cellColor(cell, 'fg') ?? foreground;
			let bg = cellColor(cell, 'bg');
			if (cell.isInverse()) {
				[fg, bg] = [bg ?? background, fg];
			}

			const left = padding + x * cellWidth;
			if (bg) {
				parts.push(
					`<rect x="${left.toFixed(1)}" y="${top}" width="${(cellWidth * cell.getWidth() + 0.5).toFixed(1)}" height="${lineHeight}" fill="${bg}"/>`,
				);
			}

			const chars = cell.getChars();
			if (chars && chars !== ' ') {
				const weight = cell.isBold() ? ' font-weight="bold"' : '';
				const opacity = cell.isDim() ? ' opacity="0.6"' : '';
				spans.push(
					`<text x="${left.toFixed(1)}" y="${top + 14}" fill="${fg}"${weight}${opacity}>${escapeXml(chars)}</text>`,
				);
			}
		}

		parts.push(...spans);
	}

	return [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="'DejaVu Sans Mono', 'Menlo', 'Consolas', monospace" font-size="14">`,
		`<rect width="100%" height="100%" rx="8" fill="${background}"/>`,
		'<circle cx="20" cy="16" r="5" fill="#f38ba8"/><circle cx="38" cy="16" r="5" fill="#f9e2af"/><circle cx="56" cy="16" r="5" fill="#a6e3a1"/>',
		...parts,
		'</svg>',
		'',
	].join('\n');
}

async function main() {
	const vault = await TempVault.create('file');
	try {
		const data: Vault = {
			...emptyVault,
			accounts,
			credentials,
			active: {vapi: 'sampleprod01', vantage: 'samplehpcmain', vast: 'samplegpu001'},
			current: 'sampleprod01',
			previous: 'sampleclienta',
			settings: {...emptyVault.settings, storage: 'file'},
		};
		vault.writeVault(data);
		const deck = spawnDeck({
			env: {...vault.env, AUTHDECK_PASSPHRASE: 'sample'},
			columns: 100,
			rows: 30,
		});
		try {
			await deck.waitForText('Webhook signing');
			await deck.waitForText('█');
			const file = path.resolve('media', 'deck.svg');
			fs.mkdirSync(path.dirname(file), {recursive: true});
			fs.writeFileSync(file, screenToSvg(deck.terminal));
			console.log(`wrote ${path.relative(process.cwd(), file)}\n${deck.screenText()}`);
			// A dialog over the deck: removing prod, a production account, asks for its alias.
			deck.press('d');
			await deck.waitForText('Type prod to confirm');
			deck.type('pro');
			await deck.waitForText('› pro');
			const dialog = path.resolve('media', 'dialog.svg');
			fs.writeFileSync(dialog, screenToSvg(deck.terminal));
			console.log(`wrote ${path.relative(process.cwd(), dialog)}\n${deck.screenText()}`);
			deck.press('escape');
			await deck.waitForNoText('Type prod to confirm');
			deck.press('q');
			await deck.waitForExit();
		} finally {
			deck.kill();
		}
	} finally {
		await vault.cleanup();
	}
}

await main();
