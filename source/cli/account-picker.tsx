import {Box, render, Text, useApp} from 'ink';
import SelectInput from 'ink-select-input';
import type {Account} from '../domain.js';
import {sanitize} from '../lib/sanitize.js';

type Properties = {
	readonly accounts: readonly Account[];
	readonly currentId?: string;
	readonly onPick: (account: Account | undefined) => void;
};

function AccountPicker({accounts, currentId, onPick}: Properties) {
	const {exit} = useApp();
	const items = accounts.map((account) => ({
		key: account.id,
		value: account.id,
		label: `${account.id === currentId ? '✓' : ' '} ${account.alias}  ${sanitize(account.email ?? '', 60)}  (${account.providerId}, ${sanitize(account.environment, 20)})`,
	}));
	return (
		<Box flexDirection="column">
			<Text bold>Switch to which account? (enter to choose, ctrl+c to cancel)</Text>
			<SelectInput
				items={items}
				initialIndex={Math.max(
					0,
					accounts.findIndex((account) => account.id === currentId),
				)}
				onSelect={(item) => {
					onPick(accounts.find((account) => account.id === item.value));
					exit();
				}}
			/>
		</Box>
	);
}

/** `authdeck switch` with no argument on a terminal: a picker; resolves to undefined when cancelled. */
export async function pickAccount(
	accounts: readonly Account[],
	currentId?: string,
): Promise<Account | undefined> {
	let picked: Account | undefined;
	const app = render(
		<AccountPicker
			accounts={accounts}
			currentId={currentId}
			onPick={(account) => (picked = account)}
		/>,
	);
	await app.waitUntilExit();
	return picked;
}
