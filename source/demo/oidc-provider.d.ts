// The few parts of oidc-provider (a dev dependency without bundled types) that the local identity provider uses.
declare module 'oidc-provider' {
	import type http from 'node:http';

	type Interaction = {
		uid: string;
		prompt: {name: string; details: Record<string, unknown>};
		params: Record<string, unknown>;
		session?: {accountId?: string};
		grantId?: string;
	};

	class Grant {
		constructor(properties: {accountId?: string; clientId: string});
		static find(id: string): Promise<Grant | undefined>;
		addOIDCScope(scope: string): void;
		addOIDCClaims(claims: string[]): void;
		addResourceScope(indicator: string, scope: string): void;
		save(): Promise<string>;
	}

	class Provider {
		constructor(issuer: string, configuration: Record<string, unknown>);
		Grant: typeof Grant;
		/** Koa's: when set, request errors are not logged. */
		silent: boolean;
		// biome-ignore lint/suspicious/noExplicitAny: koa middleware
		use(middleware: (ctx: any, next: () => Promise<void>) => Promise<void>): void;
		callback(): http.RequestListener;
		interactionDetails(
			request: http.IncomingMessage,
			response: http.ServerResponse,
		): Promise<Interaction>;
		interactionFinished(
			request: http.IncomingMessage,
			response: http.ServerResponse,
			result: Record<string, unknown>,
			options?: {mergeWithLastSubmission?: boolean},
		): Promise<void>;
	}

	export default Provider;
}
