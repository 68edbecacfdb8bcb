import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {test} from 'node:test';
import {
	bindings,
	findBinding,
	footerBindings,
	keyTableMarkdown,
} from '../../source/deck/bindings/index.js';
import {footerText} from '../../source/deck/components/footer.js';
import {panels} from '../../source/store/state.js';

test('every default key of the design has a binding', () => {
	const keys = new Set(bindings.flatMap((binding) => binding.keys));
	for (const key of [
		'q',
		'ctrl+c',
		'?',
		'/',
		'escape',
		'tab',
		'shift+tab',
		'1',
		'2',
		'3',
		'4',
		'j',
		'k',
		'up',
		'down',
		'enter',
		'-',
		'a',
		'e',
		'o',
		'r',
		's',
		'd',
	]) {
		assert.ok(keys.has(key), `no binding for ${key}`);
	}
});

test('no key means two things on the same panel', () => {
	for (const panel of panels) {
		const seen = new Map<string, string>();
		for (const binding of bindings) {
			if (binding.scope !== 'global' && !binding.scope.includes(panel)) continue;
			for (const key of binding.keys) {
				const other = seen.get(key);
				// A panel's own binding may override a global one; two of the same kind may not clash.
				if (
					other &&
					bindings.find((b) => b.action === other)?.scope !== 'global' &&
					binding.scope !== 'global'
				) {
					assert.fail(`${key} is both ${other} and ${binding.action} on ${panel}`);
				}

				seen.set(key, binding.action);
			}
		}
	}
});

test('a panel binding wins over a global one; removal is marked dangerous', () => {
	assert.equal(findBinding('enter', 'organization')?.action, 'choose-organization');
	assert.equal(findBinding('enter', 'accounts')?.action, 'switch-account');
	assert.equal(findBinding('a', 'credentials')?.action, 'add-credential');
	assert.equal(findBinding('d', 'accounts')?.dangerous, true);
	assert.equal(findBinding('d', 'credentials')?.dangerous, true);
	assert.equal(findBinding('x', 'accounts'), undefined);
});

test('the footer shows the focused panel keys first, from the keymap', () => {
	assert.match(footerText('accounts'), /^enter switch {2}a add {2}e alias/);
	assert.match(footerText('credentials'), /^a add {2}s reveal {2}d remove/);
	assert.match(footerText('organization'), /^enter\/o use org/);
	assert.ok(footerBindings('accounts').every((binding) => binding.footer));
	assert.match(footerText('accounts', 'confirm'), /y yes/);
	assert.match(footerText('accounts', undefined, true), /type to filter/);
});

test('a narrow footer drops global keys, then panel keys from the end, but keeps help and quit', () => {
	const full = footerText('accounts');
	assert.match(full, /\/ filter {2}tab panel {2}\? help {2}q\/ctrl\+c quit$/);
	for (const width of [99, 80, 59, 30]) {
		const line = footerText('accounts', undefined, false, width);
		assert.ok(line.length <= width, `${line.length} columns at ${width}`);
		assert.match(line, /\? help {2}q\/ctrl\+c quit$/);
		// What stays is the start of the panel's own keys, in order.
		const panelKeys = line.replace(/( {2})?\? help {2}q\/ctrl\+c quit$/, '');
		assert.ok(full.startsWith(panelKeys), panelKeys);
	}

	assert.match(footerText('accounts', undefined, false, 99), /^enter switch .* - back {2}\? help/);
	assert.equal(footerText('accounts', undefined, false, 10), '? help  q/ctrl+c quit');
	assert.equal(footerText('accounts', undefined, false, full.length), full);
});

test('the readme key table is printed from the keymap', () => {
	const table = keyTableMarkdown();
	assert.equal(table.split('\n').length, bindings.length + 2);
	assert.match(table, /^\| Key \| Where \| What it does \|/);
	assert.match(table, /\| `q` `ctrl\+c` \| everywhere \| Quit \|/);
	const readme = path.resolve('readme.md');
	if (fs.existsSync(readme)) {
		assert.ok(
			fs.readFileSync(readme, 'utf8').includes(table),
			'readme.md holds exactly the table keyTableMarkdown() prints; paste it again',
		);
	}
});

test('every key appears in the table as code, including /', () => {
	const table = keyTableMarkdown();
	assert.match(table, /^\| `\/` \| everywhere \| Filter accounts/m);
	assert.ok(!table.includes('``'), 'no empty key');
});

test('the filter and every dialog print their keys from the bindings, in their own words', () => {
	assert.equal(
		footerText('accounts', undefined, true),
		'type to filter  enter keep  esc clear  up/down move',
	);
	assert.equal(footerText('accounts', 'confirm'), 'y yes  n no  esc cancel');
	assert.equal(footerText('accounts', 'prompt'), 'enter save  esc cancel');
	assert.equal(footerText('accounts', 'wizard'), 'up/down choose  enter next  esc cancel');
	assert.equal(footerText('accounts', 'reveal'), 'any key hide');
	assert.equal(footerText('accounts', 'help'), 'esc close  tab page  j/down scroll');
	// A dialog's keys are its own: no panel key leaks in, and the global `escape` is not the filter's.
	assert.equal(findBinding('d', 'confirm'), undefined);
	assert.equal(findBinding('escape', 'filter')?.action, 'filter-clear');
	assert.equal(findBinding('ctrl+c', 'wizard')?.action, 'quit-from-mode');
});
