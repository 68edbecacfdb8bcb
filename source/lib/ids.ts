import {nodeCrypto} from './builtins.js';

const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A random id of lowercase letters and digits; 16 characters carry ~82 bits, never reused in practice. */
export function randomId(length = 16): string {
	const bytes = nodeCrypto().randomBytes(length);
	return Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join('');
}
