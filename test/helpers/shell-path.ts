/**
 * `authdeck` as a command on PATH, for tests that run real shells (bash, zsh, fish): a tiny script
 * in a directory of its own that runs this test process's copy of the build.
 */
import fs from 'node:fs';
import path from 'node:path';
import {builtCli} from './run-binary.js';

/** Writes `dir/bin/authdeck` and returns a PATH with that directory first. */
export async function authdeckOnPath(dir: string): Promise<string> {
	const bin = path.join(dir, 'bin');
	fs.mkdirSync(bin, {recursive: true});
	const script = `#!/bin/sh\nexec '${process.execPath}' '${await builtCli()}' "$@"\n`;
	fs.writeFileSync(path.join(bin, 'authdeck'), script, {mode: 0o755});
	return `${bin}${path.delimiter}${process.env.PATH ?? ''}`;
}
