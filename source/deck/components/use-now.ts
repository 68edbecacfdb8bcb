import {useEffect, useState} from 'react';

/** The time, ticking every `ms` so countdowns stay live. The timer never keeps the process alive. */
export function useNow(ms = 1000): number {
	const [now, setNow] = useState(Date.now);
	useEffect(() => {
		const timer = setInterval(() => setNow(Date.now()), ms);
		timer.unref?.();
		return () => clearInterval(timer);
	}, [ms]);
	return now;
}
