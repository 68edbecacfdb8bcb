import {Badge} from '@inkjs/ui';
import {sanitize} from '../../lib/sanitize.js';

const short: Readonly<Record<string, string>> = {
	production: 'prod',
	staging: 'stg',
	development: 'dev',
};

const colors: Readonly<Record<string, string>> = {
	production: 'red',
	staging: 'yellow',
	development: 'green',
};

type Properties = {readonly environment: string};

/** The environment as a badge; production stands out in red. */
export function EnvironmentBadge({environment}: Properties) {
	return (
		<Badge color={colors[environment] ?? 'gray'}>
			{short[environment] ?? sanitize(environment, 5)}
		</Badge>
	);
}
