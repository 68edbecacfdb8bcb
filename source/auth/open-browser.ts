import open from 'open';

/**
 * Opens a URL in the user's browser: the command in `BROWSER` when set (open@10 ignores that
 * variable itself), else the system's default. A failure only says so: the URL is already printed.
 */
export async function openBrowser(
	url: string,
	env: NodeJS.ProcessEnv,
	say: (line: string) => void,
): Promise<void> {
	const browser = env.BROWSER?.trim();
	try {
		const child = await open(url, browser ? {app: {name: browser}} : {});
		child.once('error', () => say('Could not open a browser; open the URL above yourself.'));
	} catch {
		say('Could not open a browser; open the URL above yourself.');
	}
}
