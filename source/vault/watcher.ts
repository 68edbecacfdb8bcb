import fs from 'node:fs';
import type {Vault} from '../domain.js';
import type {MetadataFile} from './metadata.js';

export type WatchOptions = {
	/** True while this process is saving: its own write is not news; look again once it is done. */
	readonly busy: () => boolean;
	/** The file now holds this vault (maybe the same as before: the caller compares). */
	readonly changed: (vault: Vault) => void;
	/** The file changed but cannot be read (it became corrupt, say). */
	readonly failed: (error: unknown) => void;
};

/**
 * Follows the metadata file as other processes change it (a `switch` or `login` in another shell):
 * `fs.watch` on the directory answers at once; a 1 s poll of the file's mtime covers file systems
 * where watching does not work. Returns a function that stops watching.
 */
export function watchMetadata(metadata: MetadataFile, options: WatchOptions): () => void {
	const file = metadata.path;
	let last = signature(file);
	let timer: NodeJS.Timeout | undefined;

	const check = () => {
		timer = undefined;
		if (options.busy()) {
			schedule(100);
			return;
		}

		const now = signature(file);
		if (now === last) {
			return;
		}

		last = now;
		let vault: Vault;
		try {
			vault = metadata.read();
		} catch (error) {
			options.failed(error);
			return;
		}

		options.changed(vault);
	};

	const schedule = (ms: number) => {
		if (!timer) {
			timer = setTimeout(check, ms);
			timer.unref();
		}
	};

	let watcher: fs.FSWatcher | undefined;
	try {
		watcher = fs.watch(metadata.paths.dir, {persistent: false}, () => schedule(30));
		watcher.on('error', () => undefined);
	} catch {
		// The poll below still notices changes.
	}

	const poll = setInterval(() => schedule(0), 1000);
	poll.unref();
	return () => {
		watcher?.close();
		clearInterval(poll);
		if (timer) clearTimeout(timer);
	};
}

function signature(file: string): string {
	try {
		const stat = fs.statSync(file);
		return `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
	} catch {
		return 'missing';
	}
}
