import type {PanelId} from '../../store/state.js';
import {panels} from '../../store/state.js';
import {type Binding, bind, open} from './define.js';

/** The keys that work in every panel: movement, focus, escape, help and quit (after the panels' own). */
export const globalBindings: readonly Binding[] = [
	// Movement and panel keys: every panel, never in the footer (`?` lists them).
	...(
		[
			[['j', 'down'], 'move-down', 'Move down', 1],
			[['k', 'up'], 'move-up', 'Move up', -1],
			[['pagedown'], 'page-down', 'Move down a page', 10],
			[['pageup'], 'page-up', 'Move up a page', -10],
			[['ctrl+d'], 'half-page-down', 'Move down half a page', 5],
			[['ctrl+u'], 'half-page-up', 'Move up half a page', -5],
			[['g', 'home'], 'move-top', 'Go to the first row', -Number.MAX_SAFE_INTEGER],
			[['G', 'end'], 'move-bottom', 'Go to the last row', Number.MAX_SAFE_INTEGER],
		] as const
	).map(([keys, action, description, step]) =>
		bind({keys, action, scope: 'global', description, run: () => [{type: 'cursor-moved', step}]}),
	),
	bind({
		keys: ['tab'],
		action: 'next-panel',
		scope: 'global',
		footer: 'panel',
		description: 'Focus the next panel',
		run: () => [{type: 'panel-cycled', step: 1}],
	}),
	bind({
		keys: ['shift+tab'],
		action: 'previous-panel',
		scope: 'global',
		description: 'Focus the previous panel',
		run: () => [{type: 'panel-cycled', step: -1}],
	}),
	bind({
		keys: ['1', '2', '3', '4'],
		label: '1-4',
		action: 'focus-panel',
		scope: 'global',
		description: 'Focus a panel: 1 accounts, 2 organization, 3 token expiry, 4 credentials',
		run: (_state, {key}) => [{type: 'panel-focused', panel: panels[Number(key) - 1] as PanelId}],
	}),
	bind({
		keys: ['escape'],
		action: 'close',
		scope: 'global',
		description: 'Close the open dialog, clear the filter or the message',
		run: (state) =>
			state.ui.filter === '' ? [{type: 'notice-cleared'}] : [{type: 'filter-closed', clear: true}],
	}),
	bind({
		keys: ['?'],
		action: 'help',
		scope: 'global',
		footer: 'help',
		description: 'Show every key',
		run: () => [open({kind: 'help'})],
	}),
	bind({
		keys: ['q', 'ctrl+c'],
		action: 'quit',
		scope: 'global',
		footer: 'quit',
		description: 'Quit',
		run: () => ['quit'],
	}),
];
