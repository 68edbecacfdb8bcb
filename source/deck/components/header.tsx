import {Box, Text} from 'ink';
import {isGuarded} from '../../domain.js';
import {sanitize} from '../../lib/sanitize.js';
import {profileInUse} from '../../store/profiles.js';
import {currentAccount} from '../../store/selectors.js';
import type {State} from '../../store/state.js';
import {useStore} from '../../store/use-store.js';
import {useTheme} from '../theme.js';
import {Badge} from './badge.js';
import {EnvironmentBadge, environmentShort} from './environment-badge.js';

const selectCurrent = (state: State) => currentAccount(state.vault);
const selectStorage = (state: State) => state.storage;
const selectWarning = (state: State) => state.storageWarning;
const selectInsecure = (state: State) => state.vault.settings.insecureSkipVerify === true;
const selectProfile = (state: State) => profileInUse(state.vault);

type Properties = {readonly columns: number};

/**
 * `authdeck · storage: keychain · current: prod (vapi) PROD · profile: default`, with a warning
 * badge for file storage. The current account's environment badge is red (inverse without colour)
 * when it is guarded (production or protected), so a shell that acts on it is never mistaken for a
 * harmless one.
 */
export function Header({columns}: Properties) {
	const current = useStore(selectCurrent);
	const storage = useStore(selectStorage);
	const warning = useStore(selectWarning);
	const insecure = useStore(selectInsecure);
	const profile = useStore(selectProfile);
	const palette = useTheme();
	return (
		<Box height={1} width="100%">
			<Box flexShrink={0}>
				<Text bold color={palette.accent}>
					{' authdeck '}
				</Text>
				<Text dimColor>· storage: </Text>
				<Text>{storage}</Text>
				{storage === 'file' ? <Text> </Text> : null}
				{storage === 'file' ? (
					<Badge tone="warning" palette={palette}>
						{warning?.includes('NOT') ? '⚠ not encrypted' : 'encrypted file'}
					</Badge>
				) : null}
				{insecure ? <Text> </Text> : null}
				{insecure ? (
					<Badge tone="danger" palette={palette}>
						⚠ TLS not verified
					</Badge>
				) : null}
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
			{current ? (
				<Box flexShrink={0}>
					<Text> </Text>
					{isGuarded(current) && current.environment !== 'production' ? (
						<Badge tone="danger" palette={palette}>
							{`${environmentShort(current.environment)} ⚑`}
						</Badge>
					) : (
						<EnvironmentBadge environment={current.environment} palette={palette} />
					)}
					<Text> </Text>
				</Box>
			) : null}
			{columns >= 90 ? (
				<Box flexShrink={0}>
					<Text dimColor>? help q quit </Text>
				</Box>
			) : null}
		</Box>
	);
}
