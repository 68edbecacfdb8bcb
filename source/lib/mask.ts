/** Prefixes that identify a kind of key and are safe to show. Longest first. */
const knownPrefixes = [
	/^sk-[a-z\d]{1,12}_/i,
	/^sk-[a-z\d]{1,12}-/i,
	/^(?:gh[opsur]|github_pat)_/,
	/^xox[abpr]-/,
	/^(?:sk|pk|rk)_(?:live|test)_/,
	/^sk-/,
	/^glpat-/,
	/^hf_/,
];

const mask = '****';

/** Secrets shorter than this show no characters at all. */
export const minimumRevealLength = 12;

/**
 * The one way a secret is shown: the recognisable prefix, a fixed `****`, the last four characters.
 * Secrets shorter than 12 characters show `****` only, so the mask never gives most of one away.
 */
export function maskSecret(secret: string | undefined): string {
	if (!secret) {
		return mask;
	}

	if (secret.length < minimumRevealLength) {
		return mask;
	}

	const prefix = knownPrefixes.map((pattern) => pattern.exec(secret)?.[0]).find(Boolean) ?? '';
	// At least eight characters stay hidden, whatever the prefix.
	const shown = secret.length - prefix.length - 4 >= 8 ? prefix : '';
	return `${shown}${mask}${secret.slice(-4)}`;
}
