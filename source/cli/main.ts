#!/usr/bin/env node
// The command line (dist/cli.js). The `authdeck` command (source/bin.ts) opens the deck itself and
// hands every command to the same launcher; run alone, this opens the deck through the program's
// default action.
import {openDeck} from '../deck/launch.js';
import {startCommandLine} from './launch.js';

await startCommandLine(process.argv, openDeck);
