import {checkEndpoint} from '../../auth/oidc.js';
import type {Provider} from '../../domain.js';
import {UserError} from '../../lib/errors.js';
import {sanitize} from '../../lib/sanitize.js';

/**
 * The flags of `provider add` that declare a user-defined API-key provider's API, as the presets
 * declare theirs (domain/provider-api.ts): its "who am I" endpoint, what its answer holds, and how
 * the key is sent.
 */
export type ApiFlags = {
	/** The API's default base URL. */
	readonly apiBaseUrl?: string;
	/** Its "who am I" endpoint: a URL (`https://`; `http://` only on loopback) or a path below the API base URL. */
	readonly whoami?: string;
	/** The fields of that answer kept, comma- or space-separated. @default 'id email name username' */
	readonly whoamiFields?: string;
	/** Where the user is in that answer (`user`, `data.user`), when it is not the answer itself. */
	readonly whoamiWithin?: string;
	/** Where that answer holds the key's permissions (`scopes`, `data.permissions`). */
	readonly permissionsField?: string;
	/** The header that carries the key. @default 'Authorization' */
	readonly authHeader?: string;
	/** What precedes the key in it; `none` for nothing. @default 'Bearer' for Authorization, else none */
	readonly authScheme?: string;
};

/** The fields a "who am I" answer keeps when `--whoami-fields` does not say. */
const defaultWhoamiFields = ['id', 'email', 'name', 'username'];

/** A field of a JSON answer, or a dotted path of them (`data.user`). */
function checkField(value: string, flag: string): string {
	const field = value.trim();
	if (!/^[A-Za-z0-9_$-]{1,100}(\.[A-Za-z0-9_$-]{1,100}){0,9}$/.test(field)) {
		throw new UserError(
			`invalid ${flag} "${sanitize(value, 80)}": a field of the JSON answer, or a dotted path such as data.user`,
		);
	}

	return field;
}

/**
 * `--whoami`: the endpoint as the API's base URL and a path below it. A URL is checked as an issuer
 * is (the key goes there: `https://`, plain `http://` only on loopback, no credentials or fragment)
 * and, without `--api-base-url`, its origin becomes the base URL; a path needs `--api-base-url`.
 */
function whoamiEndpoint(
	value: string,
	apiBaseUrl: string | undefined,
): {base: string; path: string} {
	const trimmed = value.trim();
	const base = apiBaseUrl
		? checkEndpoint(apiBaseUrl, 'API base URL').href.replace(/\/$/, '')
		: undefined;
	const relative = trimmed.startsWith('/');
	if (relative && !base) {
		throw new UserError(
			`--whoami ${sanitize(trimmed, 80)} is a path: give --api-base-url too, or the whole URL`,
		);
	}

	const url = checkEndpoint(relative ? `${base}${trimmed}` : trimmed, 'who-am-I URL');
	const at = base ?? url.origin;
	// Below the base URL once resolved: `/../` cannot aim the key elsewhere on the host.
	if (!url.href.startsWith(`${at}/`)) {
		throw new UserError(
			`--whoami ${sanitize(trimmed, 80)} is not below --api-base-url ${sanitize(at, 80)}; give a path below it`,
		);
	}

	return {base: at, path: url.href.slice(at.length)};
}

/** `--auth-header` and `--auth-scheme`: how the key is sent, `Authorization: Bearer KEY` unless said. */
function keyHeader(input: ApiFlags): {header: string; prefix: string} {
	const header = input.authHeader?.trim() ?? 'Authorization';
	if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/.test(header)) {
		throw new UserError(`invalid --auth-header "${sanitize(header, 80)}": a header name`);
	}

	const scheme =
		input.authScheme?.trim() ?? (header.toLowerCase() === 'authorization' ? 'Bearer' : 'none');
	if (scheme !== 'none' && !/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,40}$/.test(scheme)) {
		throw new UserError(
			`invalid --auth-scheme "${sanitize(scheme, 80)}": one word such as Bearer or Token, or none`,
		);
	}

	return {header, prefix: scheme === 'none' ? '' : `${scheme} `};
}

/**
 * The provider's API as the presets declare theirs (domain/provider-api.ts), from `--whoami` and the
 * flags that go with it; nothing without `--whoami`. The base URL it returns is where the key is
 * sent, so it replaces a loosely checked `--api-base-url`.
 */
export function apiFields(input: ApiFlags, kind: Provider['kind']): Partial<Provider> {
	const extras = {
		'--whoami-fields': input.whoamiFields,
		'--whoami-within': input.whoamiWithin,
		'--permissions-field': input.permissionsField,
		'--auth-header': input.authHeader,
		'--auth-scheme': input.authScheme,
	};
	if (input.whoami === undefined) {
		const stray = Object.entries(extras).find(([, value]) => value !== undefined);
		if (stray)
			throw new UserError(`${stray[0]} describes the --whoami endpoint: give --whoami too`);
		return {};
	}

	if (kind !== 'api-key') {
		throw new UserError(
			'--whoami is for --kind api-key: an OpenID provider says who you are at sign-in',
		);
	}

	const {base, path} = whoamiEndpoint(input.whoami, input.apiBaseUrl);
	const fields = input.whoamiFields
		?.split(/[\s,]+/)
		.filter(Boolean)
		.map((field) => checkField(field, '--whoami-fields'));
	return {
		baseUrl: base,
		api: {
			basePath: '',
			auth: keyHeader(input),
			whoami: {
				path,
				...(input.whoamiWithin ? {within: checkField(input.whoamiWithin, '--whoami-within')} : {}),
				fields: fields && fields.length > 0 ? fields : defaultWhoamiFields,
				...(input.permissionsField
					? {permissions: checkField(input.permissionsField, '--permissions-field')}
					: {}),
			},
		},
	};
}
