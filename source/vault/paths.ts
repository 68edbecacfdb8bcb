import os from 'node:os';
import path from 'node:path';

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
		env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : undefined;
	const dir = path.resolve(
		env.AUTHDECK_CONFIG_DIR || path.join(xdg ?? path.join(os.homedir(), '.config'), 'authdeck'),
	);
	return {
		dir,
		config: path.join(dir, 'config.json'),
		secrets: path.join(dir, 'secrets.json'),
		locks: path.join(dir, 'locks'),
	};
}
