import {UserError} from './errors.js';
import {maximumSecretLength} from './validate.js';

/** Reads all of stdin, refusing a terminal (a key must be piped in, never typed into argv or echoed). */
export async function readStdin(stream: NodeJS.ReadStream = process.stdin): Promise<string> {
	if (stream.isTTY) {
		throw new UserError(
			'expected the key on stdin, e.g. `printf %s "$KEY" | authdeck login --with-token ...`',
		);
	}

	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of stream) {
		const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
		size += buffer.length;
		if (size > maximumSecretLength * 2) {
			throw new UserError('stdin is too large for a key');
		}

		chunks.push(buffer);
	}

	return Buffer.concat(chunks).toString('utf8');
}
