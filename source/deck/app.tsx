import {Box, type Key, Text, useApp} from 'ink';
import {useCallback, useRef} from 'react';
import type {State} from '../store/state.js';
import {useStore, useStoreApi} from '../store/use-store.js';
import {DialogLayer, dialogRows} from './components/dialog-layer.js';
import {Footer} from './components/footer.js';
import {Header} from './components/header.js';
import {OverlayView} from './components/overlay-view.js';
import {StatusLine, statusRows} from './components/status-line.js';
import {UiTheme} from './components/ui-theme.js';
import {useTerminalSize} from './components/use-terminal-size.js';
import {KeyTargetContext, type KeyTargetSlot} from './keys/key-target.js';
import {useKeys} from './keys/use-keys.js';
import {AccountsPanel} from './panels/accounts.js';
import {CredentialsPanel} from './panels/credentials.js';
import {ExpiryPanel} from './panels/expiry.js';
import {OrganizationPanel} from './panels/organization.js';
import {resolveKey} from './resolve-key.js';

/** Below this the deck says so instead of drawing a broken layout. */
export const minimumSize = {columns: 60, rows: 16} as const;

const selectFocus = (state: State) => state.ui.focus;
const selectOverlay = (state: State) => state.ui.overlay;
const selectFormError = (state: State) => state.ui.formError;
const selectNotice = (state: State) => (state.ui.busy ? undefined : state.ui.notice?.text);

/** Heights of the right-hand column: organization, token expiry, credentials. */
export function rightColumn(body: number): [number, number, number] {
	const organization = Math.max(3, Math.floor(body * 0.25));
	const expiry = Math.max(4, Math.floor(body * 0.4));
	return [organization, expiry, body - organization - expiry];
}

/** The deck: header, four panels (the open dialog over them), a status line and the footer. */
export function App() {
	const store = useStoreApi();
	const {exit} = useApp();
	const terminal = useTerminalSize();
	// The layout never goes below the minimum: under it the deck is hidden, not squeezed.
	const columns = Math.max(terminal.columns, minimumSize.columns);
	const rows = Math.max(terminal.rows, minimumSize.rows);
	const focus = useStore(selectFocus);
	const overlay = useStore(selectOverlay);
	const formError = useStore(selectFormError);
	const notice = useStore(selectNotice);

	// One handler for every key press, stable across renders: useKeys splits what arrives together
	// (a held key, ssh, a paste) into presses, each resolved against the state the last one left.
	// The text field or choice list that is open takes each press first (see useKeyTarget).
	const target = useRef<KeyTargetSlot>({}).current;
	const onKey = useCallback(
		(input: string, key: Key) => {
			target.current?.(input, key);
			const at = new Date().toISOString();
			for (const command of resolveKey(store.getState(), input, key, at)) {
				if (command === 'quit') {
					exit();
					return;
				}

				store.dispatch(command).catch(() => undefined);
			}
		},
		[store, exit, target],
	);
	useKeys(onKey);

	const tooSmall = terminal.columns < minimumSize.columns || terminal.rows < minimumSize.rows;
	// One row is left free: a frame as tall as the terminal would make Ink clear the screen every time.
	const height = rows - 1;
	// A long message takes up to three rows, from the panels, rather than losing its end.
	const status = statusRows(notice, columns);
	const body = height - 2 - status;
	const left = Math.floor(columns * 0.41);
	const right = columns - left;
	const [organization, expiry, credentials] = rightColumn(body);
	// Too small a terminal hides the deck rather than unmounting it: an open wizard keeps its answers.
	return (
		<KeyTargetContext.Provider value={target}>
			<UiTheme>
				{tooSmall ? (
					<Text wrap="truncate">
						terminal too small ({terminal.columns}x{terminal.rows}): authdeck needs{' '}
						{minimumSize.columns}x{minimumSize.rows}; q quits
					</Text>
				) : null}
				<Box
					display={tooSmall ? 'none' : 'flex'}
					flexDirection="column"
					width={columns}
					height={height}
				>
					<Header columns={columns} />
					<Box height={body} width={columns}>
						<AccountsPanel width={left} height={body} focused={focus === 'accounts'} />
						<Box flexDirection="column" width={right}>
							<OrganizationPanel
								width={right}
								height={organization}
								focused={focus === 'organization'}
							/>
							<ExpiryPanel width={right} height={expiry} focused={focus === 'expiry'} />
							<CredentialsPanel
								width={right}
								height={credentials}
								focused={focus === 'credentials'}
							/>
						</Box>
						{/* After the panels, so painted over them; always in this place, so a resize keeps its state. */}
						{overlay ? (
							<DialogLayer
								width={columns}
								height={body}
								borders={[
									organization - 1,
									organization,
									organization + expiry - 1,
									organization + expiry,
								]}
							>
								<OverlayView
									overlay={overlay}
									error={formError}
									width={columns}
									height={dialogRows(body)}
								/>
							</DialogLayer>
						) : null}
					</Box>
					<StatusLine rows={status} />
					<Footer columns={columns} />
				</Box>
			</UiTheme>
		</KeyTargetContext.Provider>
	);
}
