/**
 * That a metadata file passed the check (the schema, then the invariants: metadata.ts's `checked`),
 * kept in the cache directory for the file as fstat says it is (vault/peek-cache.ts), so that the
 * next command to read that very file need not check its 1,000 accounts again (~3 ms). Like git's
 * index, a stamp names the file's device, inode, size, mtime and ctime: any write of the file, by a
 * rename or in place, and any utimes, moves its ctime, and a stamp about the file before is not used.
 *
 * A stamp is this build's: it names a digest of the checking code (the build's VAULT_CHECK_DIGEST,
 * build/options.ts), so an authdeck with another schema checks the file itself; run from source
 * (no digest), nothing is stamped or trusted. A writer stamps the file it wrote and checked, under
 * the metadata lock; a reader only a file whose last change (its ctime, which utimes cannot set
 * back) is two seconds old, so that a change in place within one tick of a coarse clock, of the same
 * size, is never covered by a stamp made before it. A stamp is as trusted as the cache directory
 * (the user's own, 0700, files anyone else could write ignored), which no one can write who could
 * not write the metadata file itself.
 */
import type {BigIntStats} from 'node:fs';
import {keepAnswer, keptAnswer} from './peek-cache.js';

declare const VAULT_CHECK_DIGEST: string | undefined;

/** How long a file must have been left alone before a reader stamps it. */
const settledNs = 2_000_000_000n;

/**
 * The smallest file stamped: below ~150 accounts, checking the file costs less than reading a stamp
 * (and a switch's writing one, ~0.4 ms).
 */
const smallestBytes = 64n * 1024n;

/**
 * What a stamp says of a file: `checked`, found well formed by this build's check; `written`, also
 * written by this build, so its text is `JSON.stringify(value, undefined, '\t')` to the byte and a
 * write can reuse its slices (spliced-text.ts's `splicedParts`).
 */
export type Stamp = 'checked' | 'written';

export type CheckStamps = {
	/** What a stamp says of the file as `stat` says it is, if there is one of this build's. */
	readonly known: (stat: BigIntStats) => Stamp | undefined;
	/** Stamps it: `wrote` when this process has just written it, under the lock. */
	readonly keep: (stat: BigIntStats, wrote: boolean) => void;
};

/** The stamps of the metadata file of `env`, or undefined when run from source. */
export function checkStamps(env: NodeJS.ProcessEnv): CheckStamps | undefined {
	if (typeof VAULT_CHECK_DIGEST !== 'string') return undefined;
	const part = `checked-${VAULT_CHECK_DIGEST}`;
	return {
		known: (stat) => {
			if (stat.size < smallestBytes) return undefined;
			const answer = keptAnswer(env, 'checked', stat, part);
			return answer === 'written' ? 'written' : answer === true ? 'checked' : undefined;
		},
		keep: (stat, wrote) => {
			const changed = stat.ctimeNs > stat.mtimeNs ? stat.ctimeNs : stat.mtimeNs;
			if (stat.size < smallestBytes) return;
			if (wrote || BigInt(Date.now()) * 1_000_000n - changed >= settledNs) {
				keepAnswer(env, 'checked', stat, part, wrote ? 'written' : true);
			}
		},
	};
}
