/** Builds dist/ once before the suite: the CLI and package tests run the built `lambkin` bin. */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

export default function setup(): void {
  execFileSync(process.execPath, [resolve(import.meta.dirname, '../../scripts/build.js')], { stdio: 'inherit' });
}
