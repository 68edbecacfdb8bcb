/** How bad a finding is: `ok` is fine, `warn` and `error` make `authdeck doctor` exit 1. */
export type Level = 'ok' | 'warn' | 'error';

/** One line of `authdeck doctor`: what was found and what to run about it. */
export type Finding = {
	/** The area: files, locks, secrets, keychain, clock, network. */
	readonly check: string;
	readonly level: Level;
	/** What was found; outside text in it is sanitised, and it never holds a secret. */
	readonly message: string;
	/** What to run or do to fix it. */
	readonly fix?: string;
	/** The safe repair `--fix` applies; returns what it did. */
	readonly repair?: () => Promise<string>;
};
