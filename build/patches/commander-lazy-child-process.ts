/**
 * commander, without node:child_process at start-up.
 *
 * Changes: commander loads node:child_process when it loads, for the subcommands it can run as
 * separate executables (`authdeck-foo`), which authdeck has none of. node:child_process brings
 * node:net, node:dgram and their stream code: a few milliseconds of every command's start. It is
 * loaded on the first spawn instead.
 * Gain: what every command saves at start; measured with `npm run bench` (status, token, switch).
 * Couples to: the text of commander/lib/command.js, whose only use of it is `childProcess.spawn`.
 */
import {type Patch, rewritten} from './patch.js';

/** See the file's comment. */
export const commanderLazyChildProcess: Patch = {
	name: 'commander-lazy-child-process',
	packages: {commander: '14.0.3'},
	setup(build) {
		build.onLoad({filter: /[\\/]commander[\\/]lib[\\/]command\.js$/}, (args) => ({
			loader: 'js',
			contents: rewritten(commanderLazyChildProcess, args.path, [
				[
					"const childProcess = require('node:child_process');",
					"let childProcessModule;\nconst childProcess = {spawn: (...values) => (childProcessModule ??= require('node:child_process')).spawn(...values)};",
				],
			]),
		}));
	},
};
