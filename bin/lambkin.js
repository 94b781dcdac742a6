#!/usr/bin/env node
// The `lambkin` command. The compiled code lives in dist/ (built by `npm run build`,
// which `npm install` runs in this repository through the prepare script).
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('lambkin: dist/cli.js is missing; run `npm run build` in the lambkin checkout first\n');
  process.exit(2);
}
// Commands that run functions start booting the first worker now, on another core, while the
// CLI bundle loads (src/runtime/preboot.ts).
const command = process.argv[2];
if (command === 'dev' || command === 'invoke') await import(new URL('../dist/preboot.js', import.meta.url).href);
await import(cli.href);
