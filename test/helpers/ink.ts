/** Helpers for ink-testing-library: keys by name, and waiting for the frame that shows something. */
import type {render} from 'ink-testing-library';
import {keys} from './key-codes.js';

type Instance = ReturnType<typeof render>;

/** Presses keys by name (`down`, `enter`, `escape`) or types the characters given. */
export function press(instance: Instance, ...names: string[]): void {
	for (const name of names) {
		instance.stdin.write(keys[name] ?? name);
	}
}

/** Waits until the last frame satisfies `test` (checked on every frame and every 10 ms). */
export async function frameWhere(
	instance: Instance,
	test: (frame: string) => boolean,
	what = 'the expected frame',
	timeout = 5000,
): Promise<string> {
	const deadline = Date.now() + timeout;
	for (;;) {
		const frame = instance.lastFrame() ?? '';
		if (test(frame)) {
			// Let React commit the effects of that frame (input handlers re-subscribe in effects).
			await new Promise((resolve) => setImmediate(resolve));
			await new Promise((resolve) => setTimeout(resolve, 0));
			return frame;
		}

		if (Date.now() > deadline) {
			throw new Error(`timed out waiting for ${what}; the last frame:\n${frame}`);
		}

		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

export const frameWith = (instance: Instance, text: string | RegExp, timeout?: number) =>
	frameWhere(
		instance,
		(frame) => (typeof text === 'string' ? frame.includes(text) : text.test(frame)),
		JSON.stringify(String(text)),
		timeout,
	);

/** Types an answer into the focused input, waits until the frame shows `shown`, and presses enter. */
export async function answer(
	instance: Instance,
	text: string,
	shown: string | RegExp = text,
): Promise<void> {
	instance.stdin.write(text);
	await frameWith(instance, shown);
	press(instance, 'enter');
}
