/**
 * Which patches each bundle gets. The commands' bundle (dist/cli.cjs) gets those that shorten a
 * command's start; the deck's (dist/deck.cjs) gets those too, and those of Ink and its text functions.
 */
import {ansiTokenizeCodeUnits} from './ansi-tokenize-code-units.js';
import {ansiTokenizeSameStyles} from './ansi-tokenize-same-styles.js';
import {commanderLazyChildProcess} from './commander-lazy-child-process.js';
import {confNoAssert} from './conf-no-assert.js';
import {confWithoutAjv} from './conf-without-ajv.js';
import {confWithoutSemver} from './conf-without-semver.js';
import {esbuildSharedNamespaces} from './esbuild-shared-namespaces.js';
import {inkFrameCaches} from './ink-frame-caches.js';
import {inkOneFramePerTurn} from './ink-one-frame-per-turn.js';
import {inkWithoutDevtools} from './ink-without-devtools.js';
import {lockfileLazyGracefulFs} from './lockfile-lazy-graceful-fs.js';
import type {Patch} from './patch.js';
import {signalExitLazyAssert} from './signal-exit-lazy-assert.js';
import {sliceAnsiLazySegmenter} from './slice-ansi-lazy-segmenter.js';
import {stringWidthQuick} from './string-width-quick.js';
import {wrapAnsiOneStringWidth} from './wrap-ansi-one-string-width.js';
import {yogaLayoutSynchronous} from './yoga-layout-synchronous.js';

/** The patches of the commands' bundle. */
export const commandPatches: readonly Patch[] = [
	confWithoutAjv,
	confWithoutSemver,
	confNoAssert,
	commanderLazyChildProcess,
	lockfileLazyGracefulFs,
	signalExitLazyAssert,
	esbuildSharedNamespaces,
];

/** The patches of the deck's bundle. */
export const deckPatches: readonly Patch[] = [
	...commandPatches,
	yogaLayoutSynchronous,
	inkWithoutDevtools,
	inkFrameCaches,
	inkOneFramePerTurn,
	stringWidthQuick,
	sliceAnsiLazySegmenter,
	ansiTokenizeCodeUnits,
	ansiTokenizeSameStyles,
	wrapAnsiOneStringWidth,
];

/** Chooses the patches of a bundle: all of them unless told otherwise (the bench compares). */
export type PatchChoice = (patches: readonly Patch[]) => readonly Patch[];

/** `patches` without those named, and without the patches that require them. */
export function without(names: readonly string[]): PatchChoice {
	return (patches) => {
		const dropped = new Set(names);
		let left = patches.filter((patch) => !dropped.has(patch.name));
		for (let count = -1; count !== left.length; ) {
			count = left.length;
			left = left.filter(
				(patch) => !patch.requires?.some((name) => !left.some((p) => p.name === name)),
			);
		}

		return left;
	};
}

/** Only the patches the bundle cannot be built without. */
export const essentialOnly: PatchChoice = (patches) => patches.filter((patch) => patch.essential);
