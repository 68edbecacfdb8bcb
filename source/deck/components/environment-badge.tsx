import {sanitize} from '../../lib/sanitize.js';
import type {Palette, Role} from '../theme.js';
import {Badge} from './badge.js';

const short: Readonly<Record<string, string>> = {
	production: 'prod',
	staging: 'stg',
	development: 'dev',
};

const roles: Readonly<Record<string, Role>> = {
	production: 'danger',
	staging: 'warning',
	development: 'success',
};

/** The environment as the badge spells it: `prod`, `stg`, `dev`, or a custom name cut short. */
export function environmentShort(environment: string): string {
	return short[environment] ?? sanitize(environment, 5);
}

type Properties = {readonly environment: string; readonly palette: Palette};

/** The environment as a badge; production stands out (red, or inverse without colour). */
export function EnvironmentBadge({environment, palette}: Properties) {
	return (
		<Badge tone={roles[environment] ?? 'muted'} palette={palette}>
			{environmentShort(environment)}
		</Badge>
	);
}
