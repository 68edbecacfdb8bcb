import {Spinner} from '@inkjs/ui';
import {Box, Text} from 'ink';
import {useState} from 'react';
import {maskSecret} from '../../lib/mask.js';
import {sanitize} from '../../lib/sanitize.js';
import type {FormError, State} from '../../store/state.js';
import {wrapText} from '../components/help-lines.js';
import {OverlayFrame} from '../components/overlay-frame.js';
import {useTheme} from '../theme.js';
import type {Field, Values} from './fields.js';
import {FormField} from './form-field.js';
import {SignInPromptView, signInRows} from './sign-in-prompt.js';

type Properties = {
	readonly title: string;
	/** The questions, given the answers so far (later questions depend on earlier ones). */
	readonly fieldsOf: (values: Values) => readonly Field[];
	readonly state: State;
	readonly error?: FormError;
	readonly busy: boolean;
	readonly width: number;
	readonly height: number;
	readonly onSubmit: (values: Values) => void;
	/** Answers given already (a catalogue's template): those questions are not asked. */
	readonly given?: Values;
};

/** The first question from `from` on that was not answered already. */
function unanswered(fields: readonly Field[], from: number, given: Values | undefined): number {
	let index = from;
	while (given && index < fields.length && (fields[index] as Field).id in given) index++;
	return index;
}

function shown(field: Field, value: string | undefined, state: State, values: Values): string {
	if (value === undefined || value === '') return '—';
	if (field.kind === 'secret') return maskSecret(value);
	if (field.kind === 'choice') {
		const label = field.choices?.(state, values).find((choice) => choice.value === value)?.label;
		return sanitize(label ?? value, 60);
	}

	return sanitize(value, 60);
}

/** A wizard: one question at a time, answers above, the refused answer's message inline. */
export function Form({
	title,
	fieldsOf,
	state,
	error,
	busy,
	width,
	height,
	onSubmit,
	given,
}: Properties) {
	const [values, setValues] = useState<Values>(given ?? {});
	const [index, setIndex] = useState(() => unanswered(fieldsOf(given ?? {}), 0, given));
	const [problem, setProblem] = useState<string>();
	const [attempt, setAttempt] = useState(0);
	const palette = useTheme();
	const fields = fieldsOf(values);

	// A submission refused by the effects returns to the field it is about (state derived in render).
	const [seenError, setSeenError] = useState(error);
	const [answered, setAnswered] = useState(false);
	if (error !== seenError) {
		setSeenError(error);
		setAnswered(false);
		if (error) {
			const at = fields.findIndex((field) => field.id === error.field);
			setIndex(at >= 0 ? at : fields.length - 1);
			setAttempt((n) => n + 1);
		}
	}

	const field = fields[index];
	const answer = (raw: string) => {
		if (!field) return;
		const value = field.kind === 'secret' ? raw.trim() : raw;
		const why =
			value.trim() === '' && !field.optional
				? `${field.label} is required`
				: field.check?.(value, values);
		if (why) {
			// The field is not started again: the value stays in it, to be corrected, with the error.
			setProblem(why);
			return;
		}

		setProblem(undefined);
		setAnswered(true);
		const next = {...values, [field.id]: value};
		setValues(next);
		const nextFields = fieldsOf(next);
		const after = unanswered(nextFields, index + 1, given);
		setIndex(after);
		if (after >= nextFields.length) {
			onSubmit(next);
		}
	};

	const message = problem ?? (field && error && !answered ? error.text : undefined);
	const {signIn} = state.ui;
	if (busy && signIn && !field) {
		// The address and code need the room: the answers above give way while the sign-in waits.
		return (
			<OverlayFrame title={title} hint="esc to cancel" width={width}>
				<SignInPromptView
					prompt={signIn}
					waiting={state.ui.busy ?? 'waiting'}
					width={width - 4}
					// The frame's borders and title; on a short terminal the code loses its box, not its rows.
					compact={3 + signInRows(signIn, width - 4) > height}
				/>
			</OverlayFrame>
		);
	}

	const choices = field?.choices?.(state, values) ?? [];
	// A long title (a credential's name) wraps: its rows come out of the wizard's.
	const titleRows = wrapText(`${title} (esc to cancel)`, Math.max(10, width - 4)).length;
	const rows = budget(
		height,
		index,
		field ? Math.max(1, choices.length) : 1,
		message,
		width - 4,
		titleRows,
	);
	const answers = fields.slice(index - rows.answers, index);
	return (
		<OverlayFrame title={title} hint="esc to cancel" width={width}>
			{rows.answers < index ? (
				<Text dimColor>↑ {index - rows.answers} more answered above</Text>
			) : null}
			{answers.map((done) => (
				<Text key={done.id} wrap="truncate">
					<Text dimColor>{done.label}: </Text>
					{shown(done, values[done.id], state, values)}
				</Text>
			))}
			{field ? (
				<Box flexDirection="column" flexShrink={0}>
					<Text bold wrap="truncate">
						{field.label}
						{field.optional ? ' (optional)' : ''}
					</Text>
					<FormField
						field={field}
						choices={choices}
						value={values[field.id]}
						attempt={attempt}
						limit={rows.choices}
						onAnswer={answer}
					/>
				</Box>
			) : busy ? (
				<Spinner label={`${sanitize(state.ui.busy ?? 'saving', 600)}…`} />
			) : null}
			{message ? (
				<Box flexShrink={0}>
					<Text color={palette.danger}>{sanitize(message, 300)}</Text>
				</Box>
			) : null}
		</OverlayFrame>
	);
}

/**
 * How the rows of a wizard `height` tall are shared: the question and its error first, then as many
 * choices as fit (three at least, the list scrolls), then the answers so far, the latest ones, with a
 * line saying how many more are above. So a long wizard on a short terminal still fits, its question
 * whole.
 */
export function budget(
	height: number,
	answered: number,
	choices: number,
	message: string | undefined,
	width: number,
	titleRows = 1,
): {readonly answers: number; readonly choices: number} {
	// The frame's borders and its title; the question's label.
	const inside = Math.max(1, height - 2 - titleRows);
	const messageRows = message ? wrapText(sanitize(message, 300), Math.max(10, width)).length : 0;
	const list = Math.min(choices, Math.max(3, inside - 1 - messageRows));
	const room = Math.max(0, inside - 1 - list - messageRows);
	return {answers: room >= answered ? answered : Math.max(0, room - 1), choices: list};
}
