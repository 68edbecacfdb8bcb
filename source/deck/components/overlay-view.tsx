import type {FormError, Overlay} from '../../store/state.js';
import {Wizard} from '../wizards/wizard.js';
import {ConfirmDialog} from './confirm-dialog.js';
import {dialogWidth} from './dialog-layer.js';
import {HelpOverlay} from './help-overlay.js';
import {RevealedSecret} from './masked-token.js';
import {ProfilePicker} from './profile-picker.js';
import {TextPrompt} from './text-prompt.js';
import {TypeConfirmDialog} from './type-confirm-dialog.js';

type Properties = {
	readonly overlay: Overlay;
	readonly error?: FormError;
	/** The panel grid's width; each dialog takes what it needs of it, leaving the panels beside. */
	readonly width: number;
	/** The most rows a dialog may take (the grid's height less the rows kept free). */
	readonly height: number;
};

/** The open dialog, drawn over the panels (components/dialog-layer.tsx places it). */
export function OverlayView({overlay, error, width, height}: Properties) {
	const small = dialogWidth(width, 72);
	switch (overlay.kind) {
		case 'help': {
			return <HelpOverlay width={dialogWidth(width, 96)} height={height} />;
		}

		case 'confirm': {
			return <ConfirmDialog message={overlay.message} intent={overlay.onConfirm} width={small} />;
		}

		case 'type-confirm': {
			return <TypeConfirmDialog dialog={overlay} width={small} />;
		}

		case 'prompt': {
			return (
				<TextPrompt
					label={overlay.label}
					value={overlay.value}
					targetId={overlay.targetId}
					purpose={overlay.purpose}
					error={error}
					width={small}
				/>
			);
		}

		case 'wizard': {
			return (
				<Wizard
					target={overlay.target}
					credentialId={overlay.credentialId}
					error={error}
					width={dialogWidth(width, 84)}
					height={height}
				/>
			);
		}

		case 'profiles': {
			return (
				<ProfilePicker
					names={overlay.names}
					index={overlay.index}
					width={dialogWidth(width, 80)}
					height={height}
				/>
			);
		}

		case 'reveal': {
			return (
				<RevealedSecret
					label={overlay.label}
					secret={overlay.secret}
					until={overlay.until}
					width={dialogWidth(width, 90)}
					height={height}
				/>
			);
		}
	}
}
