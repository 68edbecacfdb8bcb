/** The login and consent pages of the local identity provider: plain HTML forms, no script. */
import type http from 'node:http';
import type {SampleUser} from './sample-users.js';

type OidcProvider = InstanceType<typeof import('oidc-provider')['default']>;

function escapeHtml(text: string): string {
	return text.replaceAll(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

async function readForm(request: http.IncomingMessage): Promise<URLSearchParams> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of request) {
		size += (chunk as Buffer).length;
		if (size > 64 * 1024) {
			throw new Error('form too large');
		}

		chunks.push(chunk as Buffer);
	}

	return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** Login and consent as plain HTML forms: pick a user, type the password, allow or deny. */
export function interactionHandler(provider: OidcProvider, users: readonly SampleUser[]) {
	return async (request: http.IncomingMessage, response: http.ServerResponse) => {
		const details = await provider.interactionDetails(request, response);
		const {uid, prompt} = details;
		if (request.method === 'GET') {
			const page =
				prompt.name === 'login'
					? `<h1>Sign in</h1><form method="post" action="/interaction/${uid}">
<input type="hidden" name="action" value="login">
<label>Email <input type="text" name="email" value=""></label>
<label>Password <input type="password" name="password" value=""></label>
<button type="submit">Sign in</button></form>
<p>Sample users: ${users.map((user) => `${escapeHtml(user.email)} / ${escapeHtml(user.password)}`).join(', ')}</p>`
					: `<h1>Allow authdeck?</h1><form method="post" action="/interaction/${uid}">
<input type="hidden" name="action" value="consent">
<button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny">Deny</button></form>`;
			response.writeHead(200, {'content-type': 'text/html; charset=utf-8'});
			response.end(`<!doctype html><html><body>${page}</body></html>`);
			return;
		}

		const form = await readForm(request);
		if (form.get('decision') === 'deny' || form.get('action') === 'deny') {
			await provider.interactionFinished(request, response, {
				error: 'access_denied',
				error_description: 'the user denied the request',
			});
			return;
		}

		if (prompt.name === 'login') {
			const user = users.find(
				(candidate) =>
					candidate.email === form.get('email') && candidate.password === form.get('password'),
			);
			if (!user) {
				response.writeHead(401, {'content-type': 'text/html; charset=utf-8'});
				response.end(
					`<!doctype html><html><body><p>Wrong email or password.</p><a href="/interaction/${uid}">Try again</a></body></html>`,
				);
				return;
			}

			await provider.interactionFinished(request, response, {login: {accountId: user.id}});
			return;
		}

		const {session, params} = details;
		const grant = details.grantId
			? await provider.Grant.find(details.grantId)
			: new provider.Grant({accountId: session?.accountId, clientId: String(params.client_id)});
		if (!grant) {
			throw new Error('grant not found');
		}

		const missing = prompt.details as {
			missingOIDCScope?: string[];
			missingOIDCClaims?: string[];
			missingResourceScopes?: Record<string, string[]>;
		};
		if (missing.missingOIDCScope) {
			grant.addOIDCScope(missing.missingOIDCScope.join(' '));
		}

		if (missing.missingOIDCClaims) {
			grant.addOIDCClaims(missing.missingOIDCClaims);
		}

		for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
			grant.addResourceScope(indicator, scopes.join(' '));
		}

		const grantId = await grant.save();
		await provider.interactionFinished(
			request,
			response,
			{consent: {grantId}},
			{mergeWithLastSubmission: true},
		);
	};
}
