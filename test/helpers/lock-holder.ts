/**
 * Holds the real vault lock on a file from another process, for the stale-lock tests.
 *
 *   node --import tsx test/helpers/lock-holder.ts TARGET
 *     takes the lock on TARGET (as every save does), prints "held", keeps it until a line arrives
 *     on stdin, then prints "released" and exits. Killed with SIGKILL, it leaves the lock behind.
 */
import {once} from 'node:events';
import {withLock} from '../../source/vault/lock.js';

const target = process.argv[2];
if (!target) {
	throw new Error('usage: lock-holder.ts TARGET');
}

await withLock(target, async () => {
	process.stdout.write('held\n');
	await once(process.stdin, 'data');
});
process.stdout.write('released\n');
process.exit(0);
