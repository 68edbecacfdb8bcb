import {PasswordInput, TextInput} from '@inkjs/ui';
import {Box, Text} from 'ink';
import SelectInput from 'ink-select-input';
import {sanitize} from '../../lib/sanitize.js';
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

/** The input of one wizard question: ink-select-input for choices, a masked input for secrets. */
export function FormField({field, choices, value, attempt, limit, onAnswer}: Properties) {
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
			<SelectInput
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
			<Text color="cyan">› </Text>
			{field.kind === 'secret' ? (
				<PasswordInput key={key} placeholder={field.placeholder} onSubmit={onAnswer} />
			) : (
				<TextInput
					key={key}
					defaultValue={value}
					placeholder={field.placeholder ?? (field.optional ? '(optional)' : undefined)}
					onSubmit={onAnswer}
				/>
			)}
		</Box>
	);
}
