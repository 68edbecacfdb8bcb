import {defaultTheme, extendTheme, ThemeProvider} from '@inkjs/ui';
import {type ReactNode, useMemo} from 'react';
import {useTheme} from '../theme.js';

/** The deck's palette for the @inkjs/ui widgets it uses (Spinner, ProgressBar), which have their own. */
export function UiTheme({children}: {readonly children: ReactNode}) {
	const palette = useTheme();
	const theme = useMemo(
		() =>
			extendTheme(defaultTheme, {
				components: {
					Spinner: {styles: {frame: () => ({color: palette.accent})}},
					ProgressBar: {styles: {completed: () => ({color: palette.progress})}},
				},
			}),
		[palette],
	);
	return <ThemeProvider theme={theme}>{children}</ThemeProvider>;
}
