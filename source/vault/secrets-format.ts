import {UserError} from '../lib/errors.js';

/** The `secrets.json` format this build reads and writes. */
export const secretsVersion = 1;

/** Secret store keys (`account:<id>`, `credential:<id>`) to their opaque values. */
export type Entries = Record<string, string>;

/** The sealed form: entries encrypted with a key derived from `AUTHDECK_PASSPHRASE`. */
export type Sealed = {
	readonly kdf: 'scrypt';
	readonly salt: string;
	readonly iv: string;
	readonly tag: string;
	readonly data: string;
};

/** `secrets.json`: plain entries, or entries sealed with a key derived from `AUTHDECK_PASSPHRASE`. */
export type SecretsFile =
	| {readonly version: 1; readonly entries: Entries}
	| {readonly version: 1; readonly sealed: Sealed};

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const hasKeys = (value: Record<string, unknown>, keys: readonly string[]) =>
	Object.keys(value).sort().join(',') === [...keys].sort().join(',');

const base64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** A plain object of strings: nothing else is a set of secrets (`null` is not an empty one). */
export function isEntries(value: unknown): value is Entries {
	return isRecord(value) && Object.values(value).every((entry) => typeof entry === 'string');
}

function isSealed(value: unknown): value is Sealed {
	return (
		isRecord(value) &&
		hasKeys(value, ['kdf', 'salt', 'iv', 'tag', 'data']) &&
		value.kdf === 'scrypt' &&
		['salt', 'iv', 'tag', 'data'].every(
			(key) => typeof value[key] === 'string' && base64.test(value[key] as string),
		)
	);
}

/** JSON.parse, undefined for text that is not JSON. */
export function parseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}

/** The line for a file of the wrong shape; it is never overwritten, so nothing in it is lost. */
export function formatError(file: string): string {
	return `${file} does not match the expected format; it was left untouched. Fix it or move it away to continue`;
}

/**
 * Checks the text of `secrets.json` as strictly as the metadata is checked: exactly the fields of
 * one of the two forms, nothing unknown, `entries` a map of strings. A file that is not JSON, of
 * another shape or from a newer version is refused with one line naming it, so no command reads it
 * as empty and no write replaces it (an unknown field of a newer format would be dropped).
 */
export function parseSecretsFile(text: string, file: string): SecretsFile {
	const parsed = parseJson(text);
	if (parsed === undefined) {
		throw new UserError(
			`${file} is not valid JSON; it was left untouched. Fix it or move it away to continue`,
		);
	}

	if (isRecord(parsed) && typeof parsed.version === 'number' && parsed.version > secretsVersion) {
		throw new UserError(
			`${file} was written by a newer authdeck (format ${parsed.version}); upgrade authdeck to use it. It was left untouched`,
		);
	}

	if (isRecord(parsed) && parsed.version === secretsVersion) {
		if (hasKeys(parsed, ['version', 'entries']) && isEntries(parsed.entries)) {
			return parsed as SecretsFile;
		}

		if (hasKeys(parsed, ['version', 'sealed']) && isSealed(parsed.sealed)) {
			return parsed as SecretsFile;
		}
	}

	throw new UserError(formatError(file));
}
