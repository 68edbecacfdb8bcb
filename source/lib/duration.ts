import {sanitize} from './sanitize.js';

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

const withUnits = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/i;

// With an offset only: a date-time without one is read as local time by Date.parse.
const isoTimestamp =
	/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/** Days after which a key should be rotated. */
export const rotationDays = 90;

/**
 * Milliseconds since the epoch for an ISO 8601 date-time with `Z` or an offset; undefined for
 * anything else, including a missing value.
 */
export function parseTimestamp(value: string | undefined): number | undefined {
	if (!value || !isoTimestamp.test(value)) {
		return undefined;
	}

	const time = Date.parse(value);
	return Number.isFinite(time) ? time : undefined;
}

/**
 * A token's expiry for the expiry panel, counted from `now` (milliseconds since the epoch):
 * `expires in 30s`, `expires in 42m`, `expires in 2h 5m`, `expires in 3d`, `expired just now`
 * (under a minute ago), `expired 3h ago`, `no expiry`, or `expiry unknown` for an unreadable date.
 * Rounds down, so it never promises more time than is left.
 */
export function formatRelative(expiresAt: string | undefined, now: number): string {
	if (expiresAt === undefined || expiresAt === '') {
		return 'no expiry';
	}

	const expires = parseTimestamp(expiresAt);
	if (expires === undefined) {
		return 'expiry unknown';
	}

	const left = expires - now;
	if (left > 0) {
		return left < second ? 'expires now' : `expires in ${formatLeft(left)}`;
	}

	const ago = -left;
	return ago < minute ? 'expired just now' : `expired ${formatLargestUnit(ago)} ago`;
}

/** How old a key or account is: `age 12d`, `age 3h`, `age 5m`, `age 0m`, or `age unknown`. */
export function formatAge(createdAt: string | undefined, now: number): string {
	const created = parseTimestamp(createdAt);
	if (created === undefined) {
		return 'age unknown';
	}

	// A date a little in the future is clock skew between machines, not a negative age.
	return `age ${formatLargestUnit(Math.max(0, now - created))}`;
}

/** Whole days since `createdAt`, never negative; undefined when the date is missing or unreadable. */
export function ageInDays(createdAt: string | undefined, now: number): number | undefined {
	const created = parseTimestamp(createdAt);
	return created === undefined ? undefined : Math.floor(Math.max(0, now - created) / day);
}

/** True once a key is at least `days` old. A key of unknown age gets no hint. */
export function needsRotation(
	keyCreatedAt: string | undefined,
	now: number,
	days = rotationDays,
): boolean {
	const created = parseTimestamp(keyCreatedAt);
	return created !== undefined && now - created >= days * day;
}

/**
 * How much of a token's lifetime is left, from 1 (just issued) to 0 (expired), for a progress bar.
 * No expiry gives 1; an expired token gives 0; a lifetime that cannot be known (no or unreadable
 * start, a start not before the expiry) gives 1 while the token is still valid.
 */
export function remainingFraction(
	issuedOrCreatedAt: string | undefined,
	expiresAt: string | undefined,
	now: number,
): number {
	const expires = parseTimestamp(expiresAt);
	if (expires === undefined) {
		return 1;
	}

	if (!(now < expires)) {
		return 0;
	}

	const issued = parseTimestamp(issuedOrCreatedAt);
	if (issued === undefined || issued >= expires) {
		return 1;
	}

	return Math.min(1, Math.max(0, (expires - now) / (expires - issued)));
}

/**
 * Seconds in a duration: a whole number of seconds (`300`), or whole numbers with units `s`, `m`,
 * `h`, `d`, largest first (`10s`, `5m`, `2h`, `1h30m`). Throws an Error naming the input on
 * anything else.
 */
export function parseDuration(text: string): number {
	const value = typeof text === 'string' ? text.trim() : '';
	if (/^\d+$/.test(value)) {
		return checkedSeconds(Number(value), text);
	}

	const match = withUnits.exec(value);
	if (value === '' || !match) {
		throw invalidDuration(text);
	}

	const [, days = '0', hours = '0', minutes = '0', seconds = '0'] = match;
	const total =
		Number(days) * 86_400 + Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds);
	return checkedSeconds(total, text);
}

function checkedSeconds(seconds: number, text: string): number {
	if (!Number.isSafeInteger(seconds)) {
		throw invalidDuration(text);
	}

	return seconds;
}

function invalidDuration(text: unknown): Error {
	return new Error(
		`invalid duration ${JSON.stringify(sanitize(text, 40))}: use whole seconds or a number with s, m, h or d, e.g. 300, 10s, 5m, 2h, 1h30m`,
	);
}

/** Time left, most precise where it matters: `30s`, `42m`, `2h 5m`, `3d`. */
function formatLeft(ms: number): string {
	if (ms < minute) {
		return `${Math.floor(ms / second)}s`;
	}

	if (ms < hour) {
		return `${Math.floor(ms / minute)}m`;
	}

	if (ms < day) {
		const minutes = Math.floor((ms % hour) / minute);
		return minutes === 0 ? `${Math.floor(ms / hour)}h` : `${Math.floor(ms / hour)}h ${minutes}m`;
	}

	return `${Math.floor(ms / day)}d`;
}

/** `5m`, `3h`, `12d`: the largest whole unit, for times past. */
function formatLargestUnit(ms: number): string {
	if (ms < hour) {
		return `${Math.floor(ms / minute)}m`;
	}

	return ms < day ? `${Math.floor(ms / hour)}h` : `${Math.floor(ms / day)}d`;
}
