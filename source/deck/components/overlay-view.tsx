import {Box} from 'ink';
import type {FormError, Overlay} from '../../store/state.js';
import {Wizard} from '../wizards/wizard.js';
import {ConfirmDialog} from './confirm-dialog.js';
import {HelpOverlay} from './help-overlay.js';
import {RevealedSecret} from './masked-token.js';
import {ProfilePicker} from './profile-picker.js';
import {TextPrompt} from './text-prompt.js';
import {TypeConfirmDialog} from './type-confirm-dialog.js';

type Properties = {
	readonly overlay: Overlay;
	readonly error?: FormError;
	readonly width: number;
	readonly height: number;
};

/** The open dialog, drawn in place of the panels. */
export function OverlayView({overlay, error, width, height}: Properties) {
	switch (overlay.kind) {
		case 'help': {
			return <HelpOverlay width={width} height={height} />;
		}

		case 'confirm': {
			return (
				<Box paddingTop={2} justifyContent="center" width={width}>
					<ConfirmDialog message={overlay.message} intent={overlay.onConfirm} width={width} />
				</Box>
			);
		}

		case 'type-confirm': {
			return (
				<Box paddingTop={2} justifyContent="center" width={width}>
					<TypeConfirmDialog dialog={overlay} width={width} />
				</Box>
			);
		}

		case 'prompt': {
			return (
				<Box paddingTop={2} justifyContent="center" width={width}>
					<TextPrompt
						label={overlay.label}
						value={overlay.value}
						targetId={overlay.targetId}
						purpose={overlay.purpose}
						error={error}
						width={width}
					/>
				</Box>
			);
		}

		case 'wizard': {
			return (
				<Wizard
					target={overlay.target}
					credentialId={overlay.credentialId}
					error={error}
					width={width}
					height={height}
				/>
			);
		}

		case 'profiles': {
			return (
				<Box paddingTop={2} justifyContent="center" width={width}>
					<ProfilePicker names={overlay.names} index={overlay.index} width={width} />
				</Box>
			);
		}

		case 'reveal': {
			return (
				<Box paddingTop={2} justifyContent="center" width={width}>
					<RevealedSecret
						label={overlay.label}
						secret={overlay.secret}
						until={overlay.until}
						width={Math.min(width, 90)}
					/>
				</Box>
			);
		}
	}
}
