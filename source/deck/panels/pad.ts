/** `text` in exactly `width` columns: padded with spaces, or cut with an ellipsis. */
export const pad = (text: string, width: number) =>
	text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
