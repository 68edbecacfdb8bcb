/**
 * A scripted browser for the local identity provider: a cookie jar that follows redirects from an
 * authorization URL through the provider's login and consent forms to the loopback callback, as a
 * chosen user, or denying consent. It also completes device-code verification.
 */

export type BrowserChoice = {
	/** The sample user to sign in as. */
	readonly email: string;
	readonly password: string;
	/** Deny consent instead of allowing. */
	readonly deny?: boolean;
	/** Change the `state` (or `iss`) of the callback before delivering it, or drop its `iss`. */
	readonly tamper?: Tamper;
};

/** What the browser does to the callback URL: a forged `state` or `iss`, or no `iss` at all. */
export type Tamper = 'state' | 'iss' | 'no-iss';

export type BrowserResult = {
	/** The last URL visited (the callback, or the provider's final page). */
	readonly url: string;
	readonly status: number;
	readonly body: string;
};

const maximumSteps = 30;

class CookieJar {
	readonly #cookies = new Map<string, string>();

	store(response: Response): void {
		for (const line of response.headers.getSetCookie()) {
			const [pair = '', ...attributes] = line.split(';');
			const index = pair.indexOf('=');
			const name = pair.slice(0, index).trim();
			const value = pair.slice(index + 1).trim();
			const expired = attributes.some((attribute) => {
				const [key = '', raw = ''] = attribute.trim().split('=');
				return (
					(key.toLowerCase() === 'max-age' && Number(raw) <= 0) ||
					(key.toLowerCase() === 'expires' && Date.parse(raw) < Date.now())
				);
			});
			if (expired || value === '') {
				this.#cookies.delete(name);
			} else {
				this.#cookies.set(name, value);
			}
		}
	}

	header(): string {
		return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
	}
}

/** The first form of a page: its action, method and every input's name and value. */
export function parseForm(
	html: string,
	base: string,
): {action: string; method: string; fields: URLSearchParams} | undefined {
	const form = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(html);
	if (!form) {
		return undefined;
	}

	const attribute = (tag: string, name: string) =>
		new RegExp(`\\b${name}="([^"]*)"`, 'i').exec(tag)?.[1];
	const fields = new URLSearchParams();
	for (const input of (form[2] ?? '').matchAll(/<input\b[^>]*>/gi)) {
		const name = attribute(input[0], 'name');
		if (name) {
			fields.set(name, attribute(input[0], 'value') ?? '');
		}
	}

	return {
		action: new URL(attribute(form[1] ?? '', 'action') ?? base, base).href,
		method: (attribute(form[1] ?? '', 'method') ?? 'get').toUpperCase(),
		fields,
	};
}

export class TestBrowser {
	readonly #jar = new CookieJar();

	async #request(url: string, init: RequestInit = {}): Promise<Response> {
		const response = await fetch(url, {
			...init,
			redirect: 'manual',
			headers: {...(init.headers as Record<string, string>), cookie: this.#jar.header()},
		});
		this.#jar.store(response);
		return response;
	}

	/** Visits `start` and follows redirects and forms until a page needs nothing more. */
	async #browse(
		start: string,
		choice: BrowserChoice,
		onForm?: (url: string, html: string) => RequestInit | undefined,
	): Promise<BrowserResult> {
		let url = start;
		let init: RequestInit = {};
		for (let step = 0; step < maximumSteps; step++) {
			const target = new URL(url);
			if (target.pathname === '/callback' && choice.tamper) {
				if (choice.tamper === 'no-iss') {
					target.searchParams.delete('iss');
				} else {
					target.searchParams.set(choice.tamper, 'tampered-by-the-test-browser');
				}

				url = target.href;
			}

			const response = await this.#request(url, init);
			init = {};
			const location = response.headers.get('location');
			if (response.status >= 300 && response.status < 400 && location) {
				url = new URL(location, url).href;
				continue;
			}

			const body = await response.text();
			const next = response.status === 200 ? this.#answer(url, body, choice, onForm) : undefined;
			if (!next) {
				return {url, status: response.status, body};
			}

			url = next.url;
			init = next.init;
		}

		throw new Error(`test browser: more than ${maximumSteps} steps from ${start}`);
	}

	#answer(
		url: string,
		html: string,
		choice: BrowserChoice,
		onForm?: (url: string, html: string) => RequestInit | undefined,
	): {url: string; init: RequestInit} | undefined {
		const form = parseForm(html, url);
		if (form?.method !== 'POST') {
			return undefined;
		}

		const {fields} = form;
		const action = fields.get('action');
		if (action === 'login') {
			fields.set('email', choice.email);
			fields.set('password', choice.password);
		} else if (action === 'consent') {
			fields.set('decision', choice.deny ? 'deny' : 'allow');
		} else {
			const custom = onForm?.(url, html);
			if (!custom) {
				return undefined;
			}

			return {url: form.action, init: custom};
		}

		return {
			url: form.action,
			init: {
				method: 'POST',
				body: fields.toString(),
				headers: {'content-type': 'application/x-www-form-urlencoded'},
			},
		};
	}

	/** Signs in at an authorization URL and delivers the callback to the loopback listener. */
	authorize(authorizationUrl: string, choice: BrowserChoice): Promise<BrowserResult> {
		return this.#browse(authorizationUrl, choice);
	}

	/** Opens a verification URI, enters the user code, then signs in and consents (or denies). */
	verifyDevice(
		verificationUri: string,
		userCode: string,
		choice: BrowserChoice,
	): Promise<BrowserResult> {
		let entered = false;
		return this.#browse(verificationUri, choice, (url, html) => {
			// The code input page, the confirmation page, or an auto-submitting form: fill in and post.
			const form = parseForm(html, url);
			if (!form) {
				return undefined;
			}

			if (/deviceInputForm/.test(html)) {
				// Asked for the code a second time: the first attempt ended (denied or aborted).
				if (entered) {
					return undefined;
				}

				entered = true;
				form.fields.set('user_code', userCode);
			}

			if (/deviceConfirmForm/.test(html)) {
				form.fields.set('confirm', 'yes');
			}

			return {
				method: 'POST',
				body: form.fields.toString(),
				headers: {'content-type': 'application/x-www-form-urlencoded'},
			};
		});
	}
}
