/**
 * Runs a CommonJS file with V8's code cache, so a second start skips compiling it. Node 20 has no
 * compile cache of its own (`module.enableCompileCache` arrived in Node 22), so this does what
 * `v8-compile-cache` did, with two differences: the cache is written after the program ran, so it
 * holds every function the run compiled and not only the top level, and it is checked before V8
 * sees it.
 *
 * V8 accepts a cache when the source has the same *length*, so the cache file is named after a hash
 * of the whole source and carries a checksum of its own bytes. It lives in the user's cache
 * directory, private to them (0700 directory, 0600 file), and a file anyone else could have written
 * is ignored. A cache that cannot be read or written only costs time: the file runs compiled from
 * source.
 *
 * The checksum is computed once per cache file, not at every start: an empty mark beside the file,
 * named after its inode, size and times as they were when its bytes were found right, stands for
 * the check while the file stays as it was. Any write to the file or any replacement of it changes
 * those (ctime cannot be set back), so it is checked again. Checking at every start cost node:zlib,
 * and with it node:stream, about 2 ms of every command.
 */
// Named imports: for a default import esbuild copies the whole module, getter by getter (node:fs
// alone is ~0.3 ms), and this file is the launcher's, on every start.
import {
	type BigIntStats,
	closeSync,
	constants,
	fstatSync,
	lstatSync,
	mkdirSync,
	openSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync,
	statSync,
	unlinkSync,
	writeFileSync,
} from 'node:fs';
import {basename, dirname, join} from 'node:path';
import {Script, constants as vmConstants} from 'node:vm';
import {nodeCrypto, nodeZlib} from './builtins.js';
import {cacheDirectory, isOwn} from './cache-dir.js';

/**
 * The function a CommonJS file's code runs in, as Node wraps it. The build writes the deck's and the
 * commands' bundles inside it already (build/bundles.ts): wrapped here, a bundle of a megabyte was
 * copied once more as the two strings were joined, ~1 ms of every start.
 */
export const moduleWrapper = {
	open: '(function (exports, require, module, __filename, __dirname) {',
	close: '\n})\n',
} as const;

const wrapped = (source: string) =>
	source.startsWith(moduleWrapper.open) && source.endsWith(moduleWrapper.close)
		? source
		: `${moduleWrapper.open}${source}${moduleWrapper.close}`;

type ModuleClass = {createRequire?: (file: string) => NodeJS.Require};

/**
 * A `require` for `file`. In the launcher, a CommonJS file, Node's own Module class is at hand
 * (`module.constructor`): node:module, its public face, loads the ES module loader and source maps
 * with it, ~0.3 ms of every start.
 */
function requireFor(file: string): NodeJS.Require {
	const own = typeof module === 'object' ? (module?.constructor as ModuleClass) : undefined;
	return (
		own?.createRequire?.(file) ??
		(process.getBuiltinModule('node:module') as typeof import('node:module')).createRequire(file)
	);
}

/** What happened to the cache on load: used, absent, refused by V8, or not trusted. */
export type CacheState = 'used' | 'missing' | 'rejected' | 'untrusted';

export type Loaded = {
	readonly exports: unknown;
	readonly cache: CacheState;
	/** Where the cache is read from and written to. */
	readonly cacheFile: string;
	/** Writes the cache unless it was used; call it once the program has done its work. */
	save(): void;
};

export type LoadOptions = {
	/**
	 * A cache of its own per use of one file: the command line keeps one per command, since a cache
	 * holds the functions of the run that wrote it.
	 */
	readonly label?: string;
	/**
	 * The file's SHA-256, when the build wrote it into the loader next to it: the file is then not
	 * hashed at each start, which would load node:crypto.
	 */
	readonly digest?: string;
};

const sha256 = (data: string | Uint8Array) =>
	nodeCrypto().createHash('sha256').update(data).digest();

/**
 * What the cache file's bytes are checked against: damage (a cut or changed file), not an attacker,
 * whom the file's owner and mode keep out. CRC-32 where Node has it (20.15+), else SHA-256. The
 * file starts with the checksum's length in one byte, then the checksum, then V8's data.
 */
function checksum(data: Uint8Array): Buffer {
	const {crc32} = nodeZlib();
	if (typeof crc32 !== 'function') return sha256(data);
	const sum = Buffer.alloc(4);
	sum.writeUInt32BE(crc32(data));
	return sum;
}

/** V8's data in `stored`, when its checksum matches; else undefined. */
function checked(stored: Buffer): Buffer | undefined {
	const length = stored[0] ?? 0;
	const payload = stored.subarray(1 + length);
	const sum = checksum(payload);
	return sum.length === length && sum.equals(stored.subarray(1, 1 + length)) ? payload : undefined;
}

/** The name of the mark that says `cacheFile` was checked as `stat` describes it. */
const markOf = (cacheFile: string, stat: BigIntStats) =>
	`${cacheFile}.checked-${stat.ino}-${stat.size}-${stat.mtimeNs}-${stat.ctimeNs}`;

/** Whether the mark is there, a file of this user's. */
function isMarked(mark: string): boolean {
	try {
		return isOwn(lstatSync(mark));
	} catch {
		return false;
	}
}

/** Leaves the mark of a checked cache file, and removes the marks of what the file was before. */
function markChecked(cacheFile: string, mark: string): void {
	try {
		const prefix = `${basename(cacheFile)}.checked-`;
		for (const entry of readdirSync(dirname(cacheFile))) {
			if (entry.startsWith(prefix)) unlinkSync(join(dirname(cacheFile), entry));
		}
		writeFileSync(mark, '', {mode: 0o600, flag: 'wx'});
	} catch {
		// No mark: the next start checks the bytes again.
	}
}

/** Loads `file` as CommonJS with the cache in `directory`; returns its exports. */
export function loadWithCodeCache(
	file: string,
	directory = cacheDirectory(),
	options: LoadOptions = {},
): Loaded {
	const bytes = readFileSync(file);
	const source = bytes.toString('utf8');
	const name = [basename(file), options.label].filter(Boolean).join('-').replace(/\W/g, '-');
	// Hashing the bytes is several times faster than hashing the decoded string. A digest from the
	// build stands for the bytes it was made of: with their length it names this very file.
	const key = options.digest
		? `${options.digest.slice(0, 20)}-${process.version}-${process.arch}-${bytes.length}`.replace(
				/[^\w-]/g,
				'_',
			)
		: nodeCrypto()
				.createHash('sha256')
				.update(`${process.version}\0${process.arch}\0`)
				.update(bytes)
				.digest('hex')
				.slice(0, 20);
	const cacheFile = join(directory, `${name}-${key}.v8cache`);

	let cachedData: Buffer | undefined;
	let cache: CacheState = 'missing';
	try {
		const {bytes: stored, stat} = readPrivate(cacheFile);
		const mark = markOf(cacheFile, stat);
		if (isMarked(mark)) {
			cachedData = stored.subarray(1 + (stored[0] ?? 0));
		} else {
			cachedData = checked(stored);
			if (cachedData) markChecked(cacheFile, mark);
			else cache = 'untrusted';
		}
	} catch (error) {
		const {code} = error as NodeJS.ErrnoException;
		cache = code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : 'untrusted';
	}

	const script = new Script(wrapped(source), {
		filename: file,
		cachedData,
		// Without this an `import()` in the file fails ("A dynamic import callback was not
		// specified"): it gets Node's own loader, as in a file Node ran itself. Node 20.15+, 21.7+.
		importModuleDynamically: vmConstants?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
	});
	if (cachedData) {
		cache = script.cachedDataRejected ? 'rejected' : 'used';
	}

	const module = {exports: {} as unknown};
	const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
	wrapper.call(module.exports, module.exports, requireFor(file), module, file, dirname(file));

	let saved = cache === 'used';
	return {
		exports: module.exports,
		cache,
		cacheFile,
		save() {
			if (saved) return;
			saved = true;
			try {
				writePrivate(cacheFile, script.createCachedData(), name);
			} catch {
				// A read-only or full disk: the next start compiles from source again.
			}
		},
	};
}

/** Reads a file, and how it is on disk, only when this user owns it and nobody else can write it. */
function readPrivate(file: string): {bytes: Buffer; stat: BigIntStats} {
	const descriptor = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
	try {
		const stat = fstatSync(descriptor, {bigint: true});
		if (!isOwn(stat)) {
			throw Object.assign(new Error(`${file} is not private`), {code: 'EPERM'});
		}

		return {bytes: readFileSync(descriptor), stat};
	} finally {
		closeSync(descriptor);
	}
}

/** Writes the cache atomically and removes what other builds of the same file left. */
function writePrivate(file: string, data: Buffer, name: string): void {
	const directory = dirname(file);
	mkdirSync(directory, {recursive: true, mode: 0o700});
	const temporary = `${file}.${process.pid}.tmp`;
	try {
		const sum = checksum(data);
		writeFileSync(temporary, Buffer.concat([Buffer.of(sum.length), sum, data]), {
			mode: 0o600,
			flag: 'wx',
		});
		renameSync(temporary, file);
	} finally {
		rmSync(temporary, {force: true});
	}

	// Caches of other builds or Node versions, their marks, and temporary files a killed writer left.
	for (const entry of readdirSync(directory)) {
		if (entry.startsWith(`${name}-`) && entry !== basename(file)) {
			rmSync(join(directory, entry), {force: true});
		}
	}

	// Its bytes are the ones just checksummed: checked as they are now.
	markChecked(file, markOf(file, statSync(file, {bigint: true})));
}
