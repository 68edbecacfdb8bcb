import type {Key} from 'ink';
import {createContext, useContext, useLayoutEffect, useRef} from 'react';

/** A handler for key presses: the text field or choice list that has the keys now. */
export type KeyHandler = (input: string, key: Key) => void;

/** Where the deck's one key handler finds the input that has the keys (set while one is mounted). */
export type KeyTargetSlot = {current?: KeyHandler};

/** The slot of the deck that is running; the App provides it. */
export const KeyTargetContext = createContext<KeyTargetSlot>({});

/**
 * Makes `handler` the target of the keys while the component is mounted. The deck has one stdin
 * subscription, at its root: an input of its own would subscribe in an effect, after the frame that
 * shows it is drawn, and keys typed at once after that frame were lost. A layout effect runs in the
 * same tick as the commit, so no key can arrive between the frame and the registration.
 */
export function useKeyTarget(handler: KeyHandler): void {
	const slot = useContext(KeyTargetContext);
	const latest = useRef(handler);
	latest.current = handler;
	useLayoutEffect(() => {
		const target: KeyHandler = (input, key) => latest.current(input, key);
		slot.current = target;
		return () => {
			if (slot.current === target) slot.current = undefined;
		};
	}, [slot]);
}
