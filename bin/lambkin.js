#!/usr/bin/env node
// The `lambkin` command. The compiled code lives in dist/ (built by `npm run build`,
// which `npm install` runs in this repository through the prepare script).
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('lambkin: dist/cli.js is missing; run `npm run build` in the lambkin checkout first\n');
  process.exit(2);
}
await import(cli.href);
