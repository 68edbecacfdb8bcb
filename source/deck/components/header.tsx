import {Box, Text} from 'ink';
import {isGuarded} from '../../domain.js';
import {sanitize} from '../../lib/sanitize.js';
import {orgIdInUse, profileInUse} from '../../store/profiles.js';
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
/** The current account's organization in the profile in use (its override, else the account's own). */
const selectOrg = (state: State) => {
	const current = currentAccount(state.vault);
	const id = current ? orgIdInUse(state.vault, current) : undefined;
	return current?.organizations.find((org) => org.id === id)?.name;
};

type Properties = {readonly columns: number};

/**
 * `authdeck · storage: keychain · current: prod (vapi) · profile: default · org: Acme PROD`, with a warning
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
	const org = useStore(selectOrg);
	const palette = useTheme();
	const storageBadge =
		storage === 'file' ? (warning?.includes('NOT') ? '⚠ not encrypted' : 'encrypted file') : '';
	const currentText = current
		? `${sanitize(current.alias, 40)} (${sanitize(current.providerId, 20)})`
		: 'none';
	const orgText = org ? sanitize(org, 30) : '';
	// What the line holds besides the organization and the key hint: those two go, in that order,
	// when the terminal is too narrow (the footer has the keys too).
	const base =
		` authdeck · storage: ${storage}`.length +
		(storageBadge ? storageBadge.length + 3 : 0) +
		(insecure ? 21 : 0) +
		` · current: ${currentText} · profile: ${sanitize(profile, 30)}`.length +
		(current ? environmentShort(current.environment).length + 6 : 0);
	const orgWidth = orgText ? ` · org: ${orgText}`.length : 0;
	const showOrg = orgText !== '' && base + orgWidth <= columns;
	const showHint = columns >= 90 && base + (showOrg ? orgWidth : 0) + 14 <= columns;
	return (
		<Box height={1} width="100%">
			<Box flexShrink={0}>
				<Text bold color={palette.accent}>
					{' authdeck '}
				</Text>
				<Text dimColor>· storage: </Text>
				<Text>{storage}</Text>
				{storage === 'file' ? <Text> </Text> : null}
				{storageBadge ? (
					<Badge tone="warning" palette={palette}>
						{storageBadge}
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
					<Text bold>{currentText}</Text>
					<Text dimColor> · profile: </Text>
					<Text>{sanitize(profile, 30)}</Text>
					{showOrg ? <Text dimColor> · org: </Text> : null}
					{showOrg ? <Text>{orgText}</Text> : null}
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
			{showHint ? (
				<Box flexShrink={0}>
					<Text dimColor>? help q quit </Text>
				</Box>
			) : null}
		</Box>
	);
}
