import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {
	ageInDays,
	formatAge,
	formatRelative,
	needsRotation,
	parseDuration,
	parseTimestamp,
	remainingFraction,
	rotationDays,
} from '../../source/lib/duration.js';

const now = Date.parse('2025-06-15T12:00:00.000Z');
const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

/** An ISO timestamp `offset` milliseconds from `now`. */
const at = (offset: number) => new Date(now + offset).toISOString();

describe('parseTimestamp', () => {
	test('reads ISO 8601 date-times with Z or an offset', () => {
		assert.equal(parseTimestamp('2025-06-15T12:00:00.000Z'), now);
		assert.equal(parseTimestamp('2025-06-15T12:00:00Z'), now);
		assert.equal(parseTimestamp('2025-06-15T12:00Z'), now);
		assert.equal(parseTimestamp('2025-06-15T14:00:00+02:00'), now);
		assert.equal(parseTimestamp('2025-06-15T07:00:00-0500'), now);
	});

	test('refuses missing values, dates without a zone, and other text', () => {
		for (const value of [
			undefined,
			'',
			'2025-06-15',
			'2025-06-15T12:00:00',
			'1',
			'1718452800',
			'June 15, 2025',
			'2025-13-01T00:00:00Z',
			'2025-06-15T12:00:60Z',
			'not a date',
			' 2025-06-15T12:00:00Z',
		]) {
			assert.equal(parseTimestamp(value), undefined, String(value));
		}
	});
});

describe('formatRelative', () => {
	test('no expiry when there is none', () => {
		assert.equal(formatRelative(undefined, now), 'no expiry');
		assert.equal(formatRelative('', now), 'no expiry');
	});

	test('an unreadable date is not mistaken for no expiry', () => {
		assert.equal(formatRelative('soon', now), 'expiry unknown');
		assert.equal(formatRelative('2025-06-15T12:00:00', now), 'expiry unknown');
	});

	test('seconds under a minute', () => {
		assert.equal(formatRelative(at(30 * second), now), 'expires in 30s');
		assert.equal(formatRelative(at(59 * second + 999), now), 'expires in 59s');
		assert.equal(formatRelative(at(1 * second), now), 'expires in 1s');
		assert.equal(formatRelative(at(500), now), 'expires now');
	});

	test('minutes under an hour', () => {
		assert.equal(formatRelative(at(42 * minute), now), 'expires in 42m');
		assert.equal(formatRelative(at(42 * minute + 59 * second), now), 'expires in 42m');
		assert.equal(formatRelative(at(minute), now), 'expires in 1m');
		assert.equal(formatRelative(at(hour - 1), now), 'expires in 59m');
	});

	test('hours and minutes under a day', () => {
		assert.equal(formatRelative(at(2 * hour + 5 * minute), now), 'expires in 2h 5m');
		assert.equal(formatRelative(at(2 * hour + 5 * minute + 30 * second), now), 'expires in 2h 5m');
		assert.equal(formatRelative(at(hour), now), 'expires in 1h');
		assert.equal(formatRelative(at(day - 1), now), 'expires in 23h 59m');
	});

	test('days', () => {
		assert.equal(formatRelative(at(3 * day), now), 'expires in 3d');
		assert.equal(formatRelative(at(3 * day + 23 * hour), now), 'expires in 3d');
		assert.equal(formatRelative(at(day), now), 'expires in 1d');
		assert.equal(formatRelative(at(400 * day), now), 'expires in 400d');
	});

	test('expired: just now under a minute, then the largest unit', () => {
		assert.equal(formatRelative(at(0), now), 'expired just now');
		assert.equal(formatRelative(at(-59 * second), now), 'expired just now');
		assert.equal(formatRelative(at(-minute), now), 'expired 1m ago');
		assert.equal(formatRelative(at(-3 * hour), now), 'expired 3h ago');
		assert.equal(formatRelative(at(-3 * hour - 59 * minute), now), 'expired 3h ago');
		assert.equal(formatRelative(at(-2 * day - hour), now), 'expired 2d ago');
	});

	test('offsets are honoured', () => {
		assert.equal(formatRelative('2025-06-15T14:42:00+02:00', now), 'expires in 42m');
	});
});

describe('formatAge and ageInDays', () => {
	test('the largest whole unit', () => {
		assert.equal(formatAge(at(-12 * day), now), 'age 12d');
		assert.equal(formatAge(at(-12 * day - 23 * hour), now), 'age 12d');
		assert.equal(formatAge(at(-3 * hour), now), 'age 3h');
		assert.equal(formatAge(at(-5 * minute), now), 'age 5m');
		assert.equal(formatAge(at(-10 * second), now), 'age 0m');
		assert.equal(formatAge(at(-97 * day), now), 'age 97d');
	});

	test('a creation date in the future (clock skew) is age 0', () => {
		assert.equal(formatAge(at(5 * minute), now), 'age 0m');
		assert.equal(ageInDays(at(3 * day), now), 0);
	});

	test('unknown when missing or unreadable', () => {
		assert.equal(formatAge(undefined, now), 'age unknown');
		assert.equal(formatAge('yesterday', now), 'age unknown');
		assert.equal(ageInDays(undefined, now), undefined);
		assert.equal(ageInDays('yesterday', now), undefined);
	});

	test('whole days, rounded down', () => {
		assert.equal(ageInDays(at(0), now), 0);
		assert.equal(ageInDays(at(-day + 1), now), 0);
		assert.equal(ageInDays(at(-day), now), 1);
		assert.equal(ageInDays(at(-90 * day - 12 * hour), now), 90);
	});
});

describe('needsRotation', () => {
	test('from 90 days by default', () => {
		assert.equal(rotationDays, 90);
		assert.equal(needsRotation(at(-90 * day), now), true);
		assert.equal(needsRotation(at(-97 * day), now), true);
		assert.equal(needsRotation(at(-90 * day + 1), now), false);
		assert.equal(needsRotation(at(-12 * day), now), false);
	});

	test('the threshold can be changed', () => {
		assert.equal(needsRotation(at(-31 * day), now, 30), true);
		assert.equal(needsRotation(at(-29 * day), now, 30), false);
	});

	test('no hint for a key of unknown age', () => {
		assert.equal(needsRotation(undefined, now), false);
		assert.equal(needsRotation('a while ago', now), false);
	});
});

describe('remainingFraction', () => {
	const issued = at(-30 * minute);

	test('the share of the lifetime left', () => {
		assert.equal(remainingFraction(issued, at(30 * minute), now), 0.5);
		assert.equal(remainingFraction(issued, at(90 * minute), now), 0.75);
		assert.equal(remainingFraction(at(0), at(hour), now), 1);
	});

	test('0 once expired, however the start is given', () => {
		assert.equal(remainingFraction(issued, at(0), now), 0);
		assert.equal(remainingFraction(issued, at(-hour), now), 0);
		assert.equal(remainingFraction(undefined, at(-hour), now), 0);
	});

	test('1 when there is no expiry', () => {
		assert.equal(remainingFraction(issued, undefined, now), 1);
		assert.equal(remainingFraction(undefined, undefined, now), 1);
	});

	test('stays in [0, 1] when the start is in the future, missing or after the expiry', () => {
		assert.equal(remainingFraction(at(10 * minute), at(hour), now), 1);
		assert.equal(remainingFraction(undefined, at(hour), now), 1);
		assert.equal(remainingFraction('garbage', at(hour), now), 1);
		assert.equal(remainingFraction(at(2 * hour), at(hour), now), 1);
		assert.equal(remainingFraction(issued, at(hour), Number.NaN), 0);
	});

	test('always a number in [0, 1]', () => {
		for (let offset = -2 * hour; offset <= 2 * hour; offset += 7 * minute) {
			const fraction = remainingFraction(at(-hour), at(hour), now + offset);
			assert.ok(fraction >= 0 && fraction <= 1, String(fraction));
		}
	});
});

describe('parseDuration', () => {
	test('seconds, minutes, hours, days', () => {
		assert.equal(parseDuration('10s'), 10);
		assert.equal(parseDuration('5m'), 300);
		assert.equal(parseDuration('2h'), 7200);
		assert.equal(parseDuration('1d'), 86_400);
		assert.equal(parseDuration('300'), 300);
		assert.equal(parseDuration('0'), 0);
		assert.equal(parseDuration('0s'), 0);
	});

	test('units combined largest first, any case, spaces around', () => {
		assert.equal(parseDuration('1h30m'), 5400);
		assert.equal(parseDuration('1d2h3m4s'), 93_784);
		assert.equal(parseDuration('2H'), 7200);
		assert.equal(parseDuration(' 10s\n'), 10);
		assert.equal(parseDuration('90m'), 5400);
	});

	test('garbage throws an Error that says what is allowed', () => {
		for (const value of [
			'',
			'   ',
			's',
			'10x',
			'-5',
			'-5m',
			'1.5h',
			'1e3',
			'10 s',
			'30m1h',
			'1h1h',
			'5mm',
			'0x10',
			'Infinity',
			'NaN',
			'5 minutes',
			'99999999999999999999',
			'9999999999999999d',
		]) {
			assert.throws(
				() => parseDuration(value),
				(error: unknown) =>
					error instanceof Error &&
					error.message.startsWith('invalid duration') &&
					error.message.includes('e.g. 300, 10s, 5m, 2h'),
				value,
			);
		}
	});

	test('the message shows the input inert and short', () => {
		assert.throws(() => parseDuration('\u001B[2J\u202E5m'), /invalid duration "\?\[2J\?5m"/);
		assert.throws(
			() => parseDuration('x'.repeat(10_000)),
			(error: unknown) => error instanceof Error && error.message.length < 200,
		);
		assert.throws(() => parseDuration(undefined as unknown as string), /invalid duration ""/);
	});
});
