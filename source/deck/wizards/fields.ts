/** What a wizard asks, as data: its questions (fields), their choices and their checks. */
import type {State} from '../../store/state.js';

/** The answers so far, by field id. */
export type Values = Readonly<Record<string, string>>;

/** One option of a `choice` field. */
export type Choice = {readonly label: string; readonly value: string};

/** One question of a wizard. */
export type Field = {
	/** The key of the answer in the values. */
	readonly id: string;
	readonly label: string;
	/** `choice` uses ink-select-input, `secret` a masked input, `text` a plain one. */
	readonly kind: 'text' | 'secret' | 'choice';
	/** An empty answer is allowed. */
	readonly optional?: boolean;
	readonly placeholder?: string;
	/** The choices of a `choice` field. */
	readonly choices?: (state: State, values: Values) => readonly Choice[];
	/** Why an answer is refused, or undefined. Pure: it runs as the user types enter. */
	readonly check?: (value: string, values: Values) => string | undefined;
};

/** Turns a throwing validator into a `check`. */
export const refuse =
	(validate: (value: string) => unknown) =>
	(value: string): string | undefined => {
		try {
			validate(value);
			return undefined;
		} catch (error) {
			return (error as Error).message;
		}
	};

/** A check that lets an empty answer through. */
export const optional = (check: (value: string) => string | undefined) => (value: string) =>
	value.trim() === '' ? undefined : check(value);
