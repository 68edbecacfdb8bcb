/** `npm run build`: the bundles into dist/ (build/bundles.ts), every patch applied. */
import path from 'node:path';
import {buildAll} from './bundles.js';
import {root} from './patches/patch.js';

await buildAll(path.join(root, 'dist'));
