import {type Key, Text} from 'ink';
import {useCallback, useRef, useState} from 'react';
import {useKeyTarget} from '../keys/key-target.js';
import {editLine, type Line, lineOf} from '../keys/line-edit.js';
import {useDialogFit} from './dialog-layer.js';

type Properties = {
	readonly defaultValue?: string;
	readonly placeholder?: string;
	/** Shows one `*` per character instead of the text (secrets). */
	readonly mask?: boolean;
	readonly onSubmit: (value: string) => void;
};

/**
 * A one-line text input that edits like a shell's line (see `editLine`). The line lives in a ref as
 * well as in state: presses that arrive in one read are handled before React renders again, and each
 * must see the line the one before it left (text typed then Enter at once submits the text).
 */
export function TextField({defaultValue, placeholder, mask = false, onSubmit}: Properties) {
	const line = useRef<Line>(lineOf(defaultValue));
	const [shown, setShown] = useState<Line>(line.current);
	const onKey = useCallback(
		(input: string, key: Key) => {
			const edit = editLine(line.current, input, key);
			line.current = edit.line;
			setShown(edit.line);
			if (edit.submit) onSubmit(edit.line.text);
		},
		[onSubmit],
	);
	useKeyTarget(onKey);
	// A line typed long enough to wrap makes its dialog taller.
	useDialogFit();

	const characters = Array.from(shown.text, (character) => (mask ? '*' : character));
	if (characters.length === 0 && placeholder) {
		return (
			<Text>
				<Text inverse>{placeholder.slice(0, 1)}</Text>
				<Text dimColor>{placeholder.slice(1)}</Text>
			</Text>
		);
	}

	const before = characters.slice(0, shown.cursor).join('');
	const at = characters[shown.cursor] ?? ' ';
	const after = characters.slice(shown.cursor + 1).join('');
	return (
		<Text>
			{before}
			<Text inverse>{at}</Text>
			{after}
		</Text>
	);
}
