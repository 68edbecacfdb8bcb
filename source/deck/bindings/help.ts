import {type Binding, bind} from './define.js';

/**
 * The scroll keys of the help overlay. The overlay itself takes them (components/help-overlay.tsx),
 * since only it knows how many lines fit; they are listed here so the footer and `?` show them.
 */
export const helpScrollBindings: readonly Binding[] = [
	bind({
		keys: ['j', 'down'],
		action: 'help-down',
		scope: ['help'],
		footer: 'scroll',
		description: 'Scroll the key list down a line',
	}),
	bind({
		keys: ['k', 'up'],
		action: 'help-up',
		scope: ['help'],
		description: 'Scroll the key list up a line',
	}),
	bind({
		keys: ['pagedown', 'pageup'],
		action: 'help-page-scroll',
		scope: ['help'],
		description: 'Scroll the key list a page down or up',
	}),
	bind({
		keys: ['ctrl+d', 'ctrl+u'],
		action: 'help-half-page',
		scope: ['help'],
		description: 'Scroll the key list half a page down or up',
	}),
	bind({
		keys: ['g', 'G'],
		label: 'g/G/home/end',
		action: 'help-ends',
		scope: ['help'],
		description: 'Go to the top or the bottom of the key list',
	}),
];
