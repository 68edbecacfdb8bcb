import {Spinner} from '@inkjs/ui';
import {Box, Text} from 'ink';
import {sanitize} from '../../lib/sanitize.js';
import type {SignInPrompt} from '../../store/state.js';
import {useTheme} from '../theme.js';

/** Long enough for any verification address with its query; still capped, as all outside text is. */
const longestUrl = 2000;

/**
 * `url` cut into lines of exactly `width` characters (the last shorter): a URL has no spaces to
 * wrap at, and it must stay whole, never cut with "…". Copied line by line, it joins back as is.
 */
export function urlLines(url: string, width: number): readonly string[] {
	const chars = Array.from(sanitize(url, longestUrl));
	const size = Math.max(10, width);
	const lines: string[] = [];
	for (let at = 0; at < chars.length; at += size) lines.push(chars.slice(at, at + size).join(''));
	return lines;
}

/** `WDJB-MJHT` as `W D J B - M J H T`: easy to read aloud and to type from across a room. */
export const spacedCode = (code: string) => Array.from(sanitize(code, 40)).join(' ');

type Properties = {
	readonly prompt: SignInPrompt;
	/** What the sign-in waits for, beside the spinner. */
	readonly waiting: string;
	/** Columns inside the wizard's frame. */
	readonly width: number;
	/** Too few rows for the code's box: the code goes on the line that asks for it, in inverse. */
	readonly compact?: boolean;
};

/** The rows the view takes: its two lines, the address, and the code (its line and its box). */
export function signInRows(prompt: SignInPrompt, width: number, compact = false): number {
	const code = prompt.code ? (compact ? 1 : 4) : 0;
	return 2 + urlLines(prompt.url, width).length + code;
}

/** A waiting sign-in: the address on lines of its own, whole; the device code large, in a box. */
export function SignInPromptView({prompt, waiting, width, compact = false}: Properties) {
	const palette = useTheme();
	return (
		<Box flexDirection="column" flexShrink={0}>
			<Text>
				{prompt.code ? 'Open this address on any device:' : 'If no browser opened, visit:'}
			</Text>
			<Box flexDirection="column" flexShrink={0}>
				{urlLines(prompt.url, width).map((line, index) => (
					// biome-ignore lint/suspicious/noArrayIndexKey: the lines of one address, in order
					<Text key={index} bold underline color={palette.accent} wrap="truncate-end">
						{line}
					</Text>
				))}
			</Box>
			{prompt.code && compact ? (
				<Text>
					and enter the code:{' '}
					<Text bold inverse>
						{` ${spacedCode(prompt.code)} `}
					</Text>
				</Text>
			) : prompt.code ? (
				<Box flexDirection="column" flexShrink={0}>
					<Text>and enter the code:</Text>
					<Box
						borderStyle="double"
						borderColor={palette.accent}
						paddingX={2}
						alignSelf="flex-start"
					>
						<Text bold>{spacedCode(prompt.code)}</Text>
					</Box>
				</Box>
			) : null}
			<Spinner label={`${sanitize(waiting, 200)}…`} />
		</Box>
	);
}
