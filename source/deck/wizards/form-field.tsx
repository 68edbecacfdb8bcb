import {Box, Text} from 'ink';
import {sanitize} from '../../lib/sanitize.js';
import {ChoiceList} from '../components/choice-list.js';
import {TextField} from '../components/text-field.js';
import {useTheme} from '../theme.js';
import type {Choice, Field} from './fields.js';

type Properties = {
	readonly field: Field;
	readonly choices: readonly Choice[];
	readonly value?: string;
	/** Changes when the field must start again (after a refused answer). */
	readonly attempt: number;
	readonly limit: number;
	readonly onAnswer: (value: string) => void;
};

/** The input of one wizard question: a list for choices, a masked line for secrets. */
export function FormField({field, choices, value, attempt, limit, onAnswer}: Properties) {
	const {accent} = useTheme();
	const key = `${field.id}:${attempt}`;
	if (field.kind === 'choice') {
		const items = choices.map((choice) => ({
			key: choice.value,
			label: sanitize(choice.label, 80),
			value: choice.value,
		}));
		const initial = Math.max(
			0,
			items.findIndex((item) => item.value === value),
		);
		return (
			<ChoiceList
				key={key}
				items={items}
				initialIndex={initial}
				limit={limit}
				onSelect={(item) => onAnswer(item.value)}
			/>
		);
	}

	return (
		<Box>
			<Text color={accent}>› </Text>
			<TextField
				key={key}
				defaultValue={value}
				mask={field.kind === 'secret'}
				placeholder={field.placeholder ?? (field.optional ? '(optional)' : undefined)}
				onSubmit={onAnswer}
			/>
		</Box>
	);
}
