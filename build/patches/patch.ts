/**
 * What a patch of a dependency is, and the checks every patch goes through: the versions it was
 * written against, the patches it needs beside it, and the text it replaces. A dependency that moves
 * fails the build here rather than shipping a bundle that is quietly slower or wrong.
 */
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import type {Plugin, PluginBuild} from 'esbuild';

/** The project's root, where node_modules is. */
export const root = fileURLToPath(new URL('../..', import.meta.url));

/** One rewrite of a dependency's code, applied by esbuild while bundling. */
export type Patch = {
	/** The name other patches' `requires` use, and the bench prints. */
	readonly name: string;
	/**
	 * The packages whose code it rewrites or replaces, each at the exact version it was written
	 * against; package.json pins them, and the build fails when the installed one differs.
	 */
	readonly packages: Readonly<Record<string, string>>;
	/** Patches that must be in the same bundle, or this one breaks or loses its gain. */
	readonly requires?: readonly string[];
	/**
	 * Set when the bundle cannot be built without it (a CommonJS file cannot wait at its top level):
	 * the bench's bundle "without patches" keeps it.
	 */
	readonly essential?: true;
	/** Code the bundle's banner must hold for the patch's rewrites to work. */
	readonly banner?: string;
	/** Registers the patch's esbuild hooks. */
	readonly setup: (build: PluginBuild) => void;
};

/** The version of the installed package `name`, as Node resolves it from the project's root. */
function installedVersion(name: string): string {
	const file = path.join(root, 'node_modules', name, 'package.json');
	return (JSON.parse(readFileSync(file, 'utf8')) as {version: string}).version;
}

/** The name and version of the package `file` belongs to (the nearest package.json with a name). */
function owner(file: string): {name: string; version: string} {
	for (let directory = path.dirname(file); ; directory = path.dirname(directory)) {
		try {
			const manifest = JSON.parse(readFileSync(path.join(directory, 'package.json'), 'utf8'));
			if (manifest.name) return manifest;
		} catch {
			// No package.json here: look further up.
		}

		if (path.dirname(directory) === directory) throw new Error(`${file} belongs to no package`);
	}
}

/**
 * The text of `file` with each `[from, to]` replaced once. Fails the build when a `from` is missing,
 * or when the file belongs to a package, or a version of it, that `patch` was not written for.
 */
export function rewritten(
	patch: Patch,
	file: string,
	rewrites: readonly (readonly [from: string, to: string])[],
): string {
	const {name, version} = owner(file);
	if (patch.packages[name] !== version) {
		throw new Error(
			`${patch.name} rewrites ${name} ${patch.packages[name]}, not ${version} (${file})`,
		);
	}

	let text = readFileSync(file, 'utf8');
	for (const [from, to] of rewrites) {
		if (!text.includes(from)) throw new Error(`${patch.name}: ${file} no longer holds ${from}`);
		text = text.replace(from, () => to);
	}

	return text;
}

/**
 * The esbuild plugins of `patches`. Fails when a patch's required patch is not among them or a
 * patched package is installed at another version than the patch's.
 */
export function plugins(patches: readonly Patch[]): Plugin[] {
	const names = new Set(patches.map((patch) => patch.name));
	for (const patch of patches) {
		for (const needed of patch.requires ?? []) {
			if (!names.has(needed)) throw new Error(`the patch ${patch.name} requires ${needed}`);
		}

		for (const [name, version] of Object.entries(patch.packages)) {
			const installed = installedVersion(name);
			if (installed !== version) {
				throw new Error(
					`the patch ${patch.name} is for ${name} ${version}; ${installed} is installed`,
				);
			}
		}
	}

	return patches.map(({name, setup}) => ({name, setup}));
}

/** The banner lines `patches` need, after `first`. */
export function banner(first: string, patches: readonly Patch[]): string {
	return [first, ...patches.flatMap((patch) => (patch.banner ? [patch.banner] : []))].join('\n');
}

/**
 * Makes the bundle load `contents`, as one module called `name`, for every import that `filter`
 * matches, in place of the module it names.
 */
export function replaceModule(
	build: PluginBuild,
	name: string,
	filter: RegExp,
	contents: string,
): void {
	build.onResolve({filter}, () => ({path: name, namespace: 'replaced'}));
	build.onLoad({filter: new RegExp(`^${name}$`), namespace: 'replaced'}, () => ({
		contents,
		loader: 'js',
	}));
}
