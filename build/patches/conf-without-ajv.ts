/**
 * conf, without ajv.
 *
 * Changes: conf imports ajv and ajv-formats (half a megabyte) to compile a schema at run time.
 * authdeck passes conf no schema: it checks the metadata with a validator compiled ahead of time
 * (source/vault/vault-validator.js). The bundles get a stub that fails loudly if anything ever
 * reaches for it.
 * Gain: Measured with `npm run bench:patches` (Node 20.20, 2 shared cores, 1,000 accounts;
 * median of the paired differences, patch off minus on, over 20 or 30 turns on a busy machine):
 * status --json 27.5 ms (50.3 ms between the fastest runs; 129.9 ms in a noisier run); the
 * first frame's figures were noise either way (+231, -63 ms).
 * Couples to: conf constructing Ajv only when given a schema (conf/dist/source/index.js), and to
 * source/vault/ never passing one.
 */
import {type Patch, replaceModule} from './patch.js';

const stub = [
	"const unused = () => { throw new Error('ajv is not bundled: conf is used without a schema'); };",
	'export default unused;',
	'export const Ajv2020 = unused;',
].join('\n');

/** See the file's comment. */
export const confWithoutAjv: Patch = {
	name: 'conf-without-ajv',
	packages: {conf: '15.1.0'},
	setup(build) {
		replaceModule(build, 'ajv', /^(ajv|ajv-formats)(\/|$)/, stub);
	},
};
