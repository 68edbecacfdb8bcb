import {Badge} from '@inkjs/ui';
import {Box, Text} from 'ink';
import {sanitize} from '../../lib/sanitize.js';
import {profileInUse} from '../../store/profiles.js';
import {currentAccount} from '../../store/selectors.js';
import type {State} from '../../store/state.js';
import {useStore} from '../../store/use-store.js';

const selectCurrent = (state: State) => currentAccount(state.vault);
const selectStorage = (state: State) => state.storage;
const selectWarning = (state: State) => state.storageWarning;
const selectInsecure = (state: State) => state.vault.settings.insecureSkipVerify === true;
const selectProfile = (state: State) => profileInUse(state.vault);

/** `authdeck · storage: keychain · current: prod (vapi) · profile: default`, with a warning badge for file storage. */
type Properties = {readonly columns: number};

export function Header({columns}: Properties) {
	const current = useStore(selectCurrent);
	const storage = useStore(selectStorage);
	const warning = useStore(selectWarning);
	const insecure = useStore(selectInsecure);
	const profile = useStore(selectProfile);
	return (
		<Box height={1} width="100%">
			<Box flexShrink={0}>
				<Text bold color="cyan">
					{' authdeck '}
				</Text>
				<Text dimColor>· storage: </Text>
				<Text>{storage}</Text>
				{storage === 'file' ? <Text> </Text> : null}
				{storage === 'file' ? (
					<Badge color="yellow">
						{warning?.includes('NOT') ? '⚠ not encrypted' : 'encrypted file'}
					</Badge>
				) : null}
				{insecure ? <Text> </Text> : null}
				{insecure ? <Badge color="red">⚠ TLS not verified</Badge> : null}
			</Box>
			<Box flexGrow={1} flexShrink={1}>
				<Text wrap="truncate">
					<Text dimColor> · current: </Text>
					<Text bold>
						{current
							? `${sanitize(current.alias, 40)} (${sanitize(current.providerId, 20)})`
							: 'none'}
					</Text>
					<Text dimColor> · profile: </Text>
					<Text>{sanitize(profile, 30)}</Text>
				</Text>
			</Box>
			{columns >= 90 ? (
				<Box flexShrink={0}>
					<Text dimColor>? help q quit </Text>
				</Box>
			) : null}
		</Box>
	);
}
