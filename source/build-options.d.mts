import type {BuildOptions, Plugin} from 'esbuild';

export const noAjv: Plugin;
export const shared: BuildOptions;
export const deckOptions: BuildOptions;
