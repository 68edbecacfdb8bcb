// Moved to lib/ so the command line's pickers split keys the same way; the deck keeps its import.
export {type KeyPress, plain, pressOf, splitKeys} from '../../lib/split-keys.js';
