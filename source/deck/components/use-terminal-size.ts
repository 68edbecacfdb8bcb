import {useStdout} from 'ink';
import {useEffect, useState} from 'react';

export type Size = {readonly columns: number; readonly rows: number};

/** The terminal's size, updated on resize (Ink redraws on resize but does not re-render React). */
export function useTerminalSize(): Size {
	const {stdout} = useStdout();
	const read = (): Size => ({columns: stdout.columns || 100, rows: stdout.rows || 30});
	const [size, setSize] = useState(read);
	useEffect(() => {
		const resized = () => setSize(read());
		stdout.on('resize', resized);
		return () => {
			stdout.off('resize', resized);
		};
	});
	return size;
}
