// Named imports: the shell's fast path (dist/fast-path.cjs) has no shared namespaces, and for a
// default import esbuild copies the whole module there, getter by getter (~0.3 ms each).
import {isAbsolute, join, resolve} from 'node:path';
import {homeDirectory} from '../lib/builtins.js';

export type VaultPaths = {
	/** The directory holding everything authdeck keeps on disk (0700). */
	readonly dir: string;
	/** Metadata: accounts, credentials, settings. Never a secret. */
	readonly config: string;
	/** The file fallback for secrets. */
	readonly secrets: string;
	/** Lock files that serialise work across processes (refreshes). */
	readonly locks: string;
};

/** `$AUTHDECK_CONFIG_DIR`, else `$XDG_CONFIG_HOME/authdeck`, else `~/.config/authdeck`. */
export function vaultPaths(env: NodeJS.ProcessEnv = process.env): VaultPaths {
	const xdg =
		env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : undefined;
	const dir = resolve(
		env.AUTHDECK_CONFIG_DIR || join(xdg ?? join(homeDirectory(env), '.config'), 'authdeck'),
	);
	return {
		dir,
		config: join(dir, 'config.json'),
		secrets: join(dir, 'secrets.json'),
		locks: join(dir, 'locks'),
	};
}
