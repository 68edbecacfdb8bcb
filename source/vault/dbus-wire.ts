/**
 * The D-Bus wire format (little-endian), for the few types the Secret Service read uses
 * (./secret-service.ts): y b u i s o g v, arrays (ay as a Buffer, a{kv} as [key, value] pairs) and
 * structs (as arrays). https://dbus.freedesktop.org/doc/dbus-specification.html#message-protocol-marshaling
 */

/** A value of one of those types. */
export type Value =
	| number
	| boolean
	| string
	| Buffer
	| {readonly signature: string; readonly value: Value}
	| readonly Value[];

const alignment: Record<string, number> = {
	y: 1,
	b: 4,
	u: 4,
	i: 4,
	s: 4,
	o: 4,
	g: 1,
	v: 1,
	a: 4,
	'(': 8,
	'{': 8,
};

/** The complete types of `signature`, in order ("a{ss}o" -> ["a{ss}", "o"]). */
export function splitSignature(signature: string): string[] {
	const types: string[] = [];
	let index = 0;
	const one = (): string => {
		const start = index;
		const code = signature[index++];
		if (code === 'a') one();
		else if (code === '(' || code === '{') {
			const close = code === '(' ? ')' : '}';
			while (signature[index] !== close) {
				if (index >= signature.length) throw new Error(`bad D-Bus signature ${signature}`);
				one();
			}

			index++;
		} else if (code === undefined || !(code in alignment)) {
			throw new Error(`unsupported D-Bus type in ${signature}`);
		}

		return signature.slice(start, index);
	};

	while (index < signature.length) types.push(one());
	return types;
}

/** Marshals `values` of `signature` into a body that starts at offset 0 of a message part. */
export function writeBody(signature: string, values: readonly Value[]): Buffer {
	const parts: Buffer[] = [];
	let length = 0;
	const push = (buffer: Buffer) => {
		parts.push(buffer);
		length += buffer.length;
	};

	const pad = (to: number) => {
		const extra = (to - (length % to)) % to;
		if (extra) push(Buffer.alloc(extra));
	};

	const u32 = (value: number) => {
		const buffer = Buffer.alloc(4);
		buffer.writeUInt32LE(value >>> 0);
		push(buffer);
	};

	const write = (type: string, value: Value): void => {
		const code = type[0] as string;
		pad(alignment[code] ?? 1);
		if (code === 'y') push(Buffer.from([value as number]));
		else if (code === 'b') u32(value ? 1 : 0);
		else if (code === 'u' || code === 'i') u32(value as number);
		else if (code === 's' || code === 'o') {
			const bytes = Buffer.from(value as string, 'utf8');
			u32(bytes.length);
			push(Buffer.concat([bytes, Buffer.alloc(1)]));
		} else if (code === 'g') {
			const bytes = Buffer.from(value as string, 'latin1');
			push(Buffer.concat([Buffer.from([bytes.length]), bytes, Buffer.alloc(1)]));
		} else if (code === 'v') {
			const variant = value as {signature: string; value: Value};
			write('g', variant.signature);
			write(variant.signature, variant.value);
		} else if (code === 'a') {
			const element = type.slice(1);
			const lengthAt = parts.length;
			u32(0);
			pad(alignment[element[0] as string] ?? 1);
			const start = length;
			if (element === 'y') push(Buffer.from(value as Buffer));
			else for (const item of value as readonly Value[]) write(element, item);
			(parts[lengthAt] as Buffer).writeUInt32LE(length - start);
		} else {
			const members = splitSignature(type.slice(1, -1));
			members.forEach((member, index) => {
				write(member, (value as readonly Value[])[index] as Value);
			});
		}
	};

	splitSignature(signature).forEach((type, index) => {
		write(type, values[index] as Value);
	});
	return Buffer.concat(parts);
}

/** Unmarshals a body of `signature` from `buffer` (which starts at a multiple of 8). */
export function readBody(signature: string, buffer: Buffer): Value[] {
	let offset = 0;
	const need = (bytes: number) => {
		if (offset + bytes > buffer.length) throw new Error('a D-Bus message was cut short');
	};

	const u32 = () => {
		need(4);
		const value = buffer.readUInt32LE(offset);
		offset += 4;
		return value;
	};

	const read = (type: string): Value => {
		const code = type[0] as string;
		const align = alignment[code] ?? 1;
		offset = Math.ceil(offset / align) * align;
		if (code === 'y') {
			need(1);
			return buffer[offset++] as number;
		}

		if (code === 'b') return u32() !== 0;
		if (code === 'u') return u32();
		if (code === 'i') {
			need(4);
			const value = buffer.readInt32LE(offset);
			offset += 4;
			return value;
		}

		if (code === 's' || code === 'o') {
			const size = u32();
			need(size + 1);
			const text = buffer.toString('utf8', offset, offset + size);
			offset += size + 1;
			return text;
		}

		if (code === 'g') {
			need(1);
			const size = buffer[offset++] as number;
			need(size + 1);
			const text = buffer.toString('latin1', offset, offset + size);
			offset += size + 1;
			return text;
		}

		if (code === 'v') {
			const inner = read('g') as string;
			return {signature: inner, value: read(inner)};
		}

		if (code === 'a') {
			const size = u32();
			const element = type.slice(1);
			const align = alignment[element[0] as string] ?? 1;
			offset = Math.ceil(offset / align) * align;
			need(size);
			const end = offset + size;
			if (element === 'y') {
				const bytes = Buffer.from(buffer.subarray(offset, end));
				offset = end;
				return bytes;
			}

			const items: Value[] = [];
			while (offset < end) items.push(read(element));
			return items;
		}

		return splitSignature(type.slice(1, -1)).map((member) => read(member));
	};

	return splitSignature(signature).map((type) => read(type));
}
