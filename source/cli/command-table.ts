/**
 * The commands of the registry (program.ts), each by its name and aliases with the one export that
 * registers it. Empty here, so that from source every command gets the whole program; the build
 * (build/command-table.ts) writes this module from the registry for the commands' bundle.
 */
import type {CommandTable} from './command-line.js';

export const commandTable: CommandTable = {};

/** Every command name and alias of the registry. */
export const commandNames: readonly string[] = [];
