/**
 * conf, without semver.
 *
 * Changes: conf imports semver for migrations; authdeck passes conf none. The bundles get a stub
 * that fails loudly, naming the function, if anything ever calls it.
 * Gain: GAIN
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
