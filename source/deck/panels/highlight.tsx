import {Text} from 'ink';
import type {Palette} from '../theme.js';

/**
 * `text` cut into the parts that match the `/` filter and the parts between, in order. The needle is
 * the filter as the accounts panel applies it (trimmed, any case); every occurrence is a match.
 */
export function matchParts(
	text: string,
	filter: string,
): readonly {readonly text: string; readonly match: boolean}[] {
	const needle = filter.trim().toLowerCase();
	const haystack = text.toLowerCase();
	// A few characters change length when lowercased (İ): then the offsets would not line up.
	if (needle === '' || haystack.length !== text.length) {
		return [{text, match: false}];
	}

	const parts: {text: string; match: boolean}[] = [];
	let from = 0;
	for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, from)) {
		if (at > from) parts.push({text: text.slice(from, at), match: false});
		parts.push({text: text.slice(at, at + needle.length), match: true});
		from = at + needle.length;
	}

	if (from < text.length || parts.length === 0) parts.push({text: text.slice(from), match: false});
	return parts;
}

type Properties = {readonly text: string; readonly filter: string; readonly palette: Palette};

/** `text` with what matches the filter bold, underlined and in the `match` colour (if any). */
export function Highlighted({text, filter, palette}: Properties) {
	return (
		<>
			{matchParts(text, filter).map((part, index) =>
				part.match ? (
					// biome-ignore lint/suspicious/noArrayIndexKey: the parts are fixed for this text
					<Text key={index} bold underline color={palette.match}>
						{part.text}
					</Text>
				) : (
					// biome-ignore lint/suspicious/noArrayIndexKey: the parts are fixed for this text
					<Text key={index}>{part.text}</Text>
				),
			)}
		</>
	);
}
