/**
 * scripts/bench-results.md, which `npm run readme` copies into the readme's speed section: the deck's
 * table (written by `npm run bench` and `npm run bench -- --deck`), then the plain commands' and the
 * keychain's (written by `npm run bench` and `npm run bench -- --commands`). Each run rewrites its
 * own part and keeps the other.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'bench-results.md');
const marker = '<!-- bench: commands -->';

/** Replaces the `deck` or the `commands` part of scripts/bench-results.md with `text`. */
export function writeResults(part: 'deck' | 'commands', text: string): void {
	const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
	const at = old.indexOf(marker);
	// A file from before the deck had a part is all commands.
	const [deck, commands] =
		at === -1 ? ['', old] : [old.slice(0, at), old.slice(at + marker.length)];
	const parts = {deck: deck.trim(), commands: commands.trim(), [part]: text.trim()};
	fs.writeFileSync(file, `${parts.deck}\n\n${marker}\n\n${parts.commands}\n`.trimStart());
}

/** One row of the deck's table. */
export type DeckRow = {
	readonly label: string;
	readonly cold: number;
	readonly warm: number;
	/** The deck's warm first frame over the Ink floor's, from first frames taken in turns. */
	readonly overFloor?: number;
	readonly repaint?: number;
	readonly p95?: number;
	readonly switchToDisk?: number;
};

const cell = (value: number | undefined) => (value === undefined ? '' : value.toFixed(1));

/**
 * The deck's table: each row's figures, and its warm first frame over the Ink floor's, taken in turns
 * with the floor's (the floor's own row: its first frames before the deck's).
 */
export function deckTable(node: number, floor: DeckRow, rows: readonly DeckRow[]): string {
	const lines = [
		`Deck: node ${process.version}, ${os.platform()} ${os.arch()}, ${os.cpus().length} cores; a 100x30 pseudo-terminal, against the Ink floor and a bare node (median ${node.toFixed(1)} ms) in the same run (ms; × Ink floor: first frames of the floor and the deck taken in turns):`,
		'',
		'| | first frame (warm) | × Ink floor | first run (cold) | repaint median | repaint p95 | switch → disk |',
		'| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
		...[floor, ...rows].map((row) =>
			[
				row.label,
				cell(row.warm),
				(row.overFloor ?? row.warm / floor.warm).toFixed(2),
				cell(row.cold),
				cell(row.repaint),
				cell(row.p95),
				cell(row.switchToDisk),
			]
				.join(' | ')
				.replace(/^/, '| ')
				.concat(' |'),
		),
		'',
		'Targets (issue 11): a repaint p95 within 16 ms at 1,000 and 10,000 accounts; the first frame within 1.15x the Ink floor at 1,000 accounts and 1.6x at 10,000; a switch on disk within 10 ms at 1,000 and 20 ms at 10,000.',
	];
	return lines.join('\n');
}
