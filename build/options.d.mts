import type {BuildOptions, Plugin} from 'esbuild';

export const leanConf: Plugin;
export const shared: BuildOptions;
export const deckOptions: BuildOptions;
export const launcherOptions: BuildOptions;
export const lessAtStart: Plugin;
