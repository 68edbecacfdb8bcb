/**
 * conf, without semver.
 *
 * Changes: conf imports semver for migrations; authdeck passes conf none. The bundles get a stub
 * that fails loudly, naming the function, if anything ever calls it.
 * Gain: Measured with `npm run bench:patches` (Node 20.20, 2 shared cores, 1,000 accounts;
 * median of the paired differences, patch off minus on, over 20 or 30 turns on a busy machine):
 * first frame 16.5 ms; status --json within noise (-7 ms).
 * Couples to: conf calling semver only for `migrations` (conf/dist/source/index.js).
 */
import {type Patch, replaceModule} from './patch.js';

const stub = [
	'export default new Proxy({}, {',
	"\tget: (_, name) => () => { throw new Error('semver is not bundled: conf is used without migrations (semver.' + String(name) + ')'); },",
	'});',
].join('\n');

/** See the file's comment. */
export const confWithoutSemver: Patch = {
	name: 'conf-without-semver',
	packages: {conf: '15.1.0'},
	setup(build) {
		replaceModule(build, 'semver', /^semver(\/|$)/, stub);
	},
};
