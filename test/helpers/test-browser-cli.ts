/**
 * Stands in for a browser when the real `authdeck` binary opens one: `BROWSER=test/helpers/test-browser.sh`.
 * Signs in at the URL it is given as AUTHDECK_TEST_USER (email) with AUTHDECK_TEST_PASSWORD,
 * or denies (AUTHDECK_TEST_DENY=1), or tampers with the callback (AUTHDECK_TEST_TAMPER=state|iss|no-iss),
 * and appends what happened to AUTHDECK_TEST_BROWSER_LOG as one JSON line.
 */
import fs from 'node:fs';
import {type Tamper, TestBrowser} from './test-browser.js';

const url = process.argv[2] ?? '';
const env = process.env;
const log = (entry: Record<string, unknown>) => {
	if (env.AUTHDECK_TEST_BROWSER_LOG) {
		fs.appendFileSync(env.AUTHDECK_TEST_BROWSER_LOG, `${JSON.stringify(entry)}\n`);
	}
};

try {
	const result = await new TestBrowser().authorize(url, {
		email: env.AUTHDECK_TEST_USER ?? 'alice@acme.test',
		password: env.AUTHDECK_TEST_PASSWORD ?? 'alice-demo',
		deny: env.AUTHDECK_TEST_DENY === '1',
		tamper: env.AUTHDECK_TEST_TAMPER as Tamper | undefined,
	});
	log({url, final: result.url, status: result.status});
} catch (error) {
	log({url, error: (error as Error).message});
	process.exitCode = 1;
}
