import {Box, type Key, render, Text, useApp, useInput} from 'ink';
import {useRef, useState} from 'react';
import type {Account} from '../domain.js';
import {sanitize} from '../lib/sanitize.js';
import {splitKeys} from '../lib/split-keys.js';
import {matchesFilter} from '../store/selectors.js';

type Properties = {
	/** In the order to offer them (frecency). */
	readonly accounts: readonly Account[];
	readonly currentId?: string;
	readonly onPick: (account: Account | undefined) => void;
};

type PickerState = {readonly filter: string; readonly index: number};

type PickerAction =
	| {readonly type: 'move'; readonly by: number; readonly count: number}
	| {readonly type: 'type'; readonly text: string}
	| {readonly type: 'erase'};

/** The picker's state: what is typed and which row is selected. Each key is one action. */
function reducer(state: PickerState, action: PickerAction): PickerState {
	switch (action.type) {
		case 'move': {
			if (action.count === 0) return state;
			return {...state, index: (state.index + action.by + action.count) % action.count};
		}

		case 'type':
			return {filter: state.filter + action.text, index: 0};
		case 'erase':
			return {filter: Array.from(state.filter).slice(0, -1).join(''), index: 0};
		default:
			return state;
	}
}

/** Rows shown at once; the list scrolls to keep the selection in view. */
const windowSize = 10;

function AccountPicker({accounts, currentId, onPick}: Properties) {
	const {exit} = useApp();
	// The state of the latest key, not of the latest frame: keys that arrive in one read are handled
	// one after another before React draws again, and each must see what the one before it did.
	const latest = useRef<PickerState>({filter: '', index: 0});
	const [state, setState] = useState(latest.current);
	const visible = (filter: string) => accounts.filter((account) => matchesFilter(account, filter));
	const shown = visible(state.filter);
	const index = Math.min(state.index, Math.max(0, shown.length - 1));

	const dispatch = (action: PickerAction) => {
		latest.current = reducer(latest.current, action);
		setState(latest.current);
	};

	const finish = (account: Account | undefined) => {
		onPick(account);
		exit();
	};

	const handle = (input: string, key: Key) => {
		const now = latest.current;
		const rows = visible(now.filter);
		if (key.escape || (key.ctrl && input === 'c')) finish(undefined);
		else if (key.return) {
			const picked = rows[Math.min(now.index, rows.length - 1)];
			if (picked) finish(picked);
		} else if (key.upArrow || (key.ctrl && input === 'p')) {
			dispatch({type: 'move', by: -1, count: rows.length});
		} else if (key.downArrow || (key.ctrl && input === 'n')) {
			dispatch({type: 'move', by: 1, count: rows.length});
		} else if (key.backspace || key.delete) dispatch({type: 'erase'});
		else if (!key.ctrl && !key.meta && !key.tab && input !== '') {
			dispatch({type: 'type', text: input});
		}
	};

	useInput((input, key) => {
		// Several keys in one read (two arrows, a typed word and its Enter) are each a key press.
		for (const press of splitKeys(input, key)) handle(press.input, press.key);
	});

	const start = Math.max(0, Math.min(index - windowSize + 1, shown.length - windowSize));
	return (
		<Box flexDirection="column">
			<Text bold>
				Switch to which account? Type to filter, ↑↓ to move, enter to switch, esc to cancel
			</Text>
			<Text>
				{'filter: '}
				{state.filter}
				<Text inverse> </Text>
			</Text>
			{shown.length === 0 ? <Text dimColor>no account matches</Text> : null}
			{shown.slice(start, start + windowSize).map((account, offset) => {
				const selected = start + offset === index;
				return (
					<Text key={account.id} color={selected ? 'cyan' : undefined}>
						{selected ? '❯ ' : '  '}
						{account.id === currentId ? '✓ ' : '  '}
						{account.alias}
						{`  ${sanitize(account.email ?? '', 60)}  (${account.providerId}, ${sanitize(account.environment, 20)})`}
					</Text>
				);
			})}
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
			onPick={(account) => {
				picked = account;
			}}
		/>,
		{exitOnCtrlC: false},
	);
	await app.waitUntilExit();
	return picked;
}
