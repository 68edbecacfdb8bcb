/**
 * Ink, drawing what one turn of the event loop changed as one frame.
 *
 * Changes: Ink's throttled render runs on its leading edge, during React's commit: a component that
 * measures itself in a layout effect and renders again (the dialog layer places a dialog by its
 * height, source/deck/components/dialog-layer.tsx) had its first commit drawn at once, and its
 * second only at the throttle's trailing edge, 17 ms later: for one frame a wizard's next question
 * stood at the previous question's row, its border on a panel's. The render now waits for the end
 * of the task (a microtask): React finishes the layout effects' renders synchronously before that,
 * so the frame drawn is the last of them. The throttle itself is unchanged.
 * Gain: a fix, not a speed-up: no frame shows a dialog where its height does not place it
 * (test/deck/dialog-frames.test.ts). A key's frame comes a microtask later.
 * Couples to: the text of ink/build/ink.js, and to React flushing a layout effect's update
 * synchronously, within the commit.
 */
import {type Patch, rewritten} from './patch.js';

/** See the file's comment. */
export const inkOneFramePerTurn: Patch = {
	name: 'ink-one-frame-per-turn',
	packages: {ink: '6.8.0'},
	setup(build) {
		build.onLoad({filter: /[\\/]ink[\\/]build[\\/]ink\.js$/}, (args) => ({
			loader: 'js',
			contents: rewritten(inkOneFramePerTurn, args.path, [
				[
					'            this.rootNode.onRender = () => {\n                this.hasPendingThrottledRender = true;\n                throttled();\n            };',
					// The throttle is told of the render (hasPendingThrottledRender) only when it gets it: an
					// unmount before the microtask then draws the last frame itself, as Ink does unthrottled.
					'            let queued = false;\n            this.rootNode.onRender = () => {\n                if (queued) return;\n                queued = true;\n                queueMicrotask(() => {\n                    queued = false;\n                    this.hasPendingThrottledRender = true;\n                    throttled();\n                });\n            };',
				],
			]),
		}));
	},
};
