/** Whether this run can ask the user something: both standard input and output are terminals. */
export function interactive(): boolean {
	return Boolean(process.stdin.isTTY && process.stdout.isTTY);
}
