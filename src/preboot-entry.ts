/**
 * dist/preboot.js: what the bin loads first for commands that run functions. Kept apart from
 * the CLI bundle (and small) so that the worker starts booting before the bundle is parsed.
 */
import { preboot } from './runtime/preboot.js';
import { spawnWorker } from './runtime/worker-launcher.js';

preboot(spawnWorker);
