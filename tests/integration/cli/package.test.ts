// The npm package, as a user gets it: `npm pack`, install the tarball into a fresh project,
// run its `lambkin` bin there. Nothing from this repository's dev setup is visible to it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/run-cli.js';

const REPO = resolve(import.meta.dirname, '../../..');
let work: string;
let app: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'lambkin-pack-'));
  // dist/ is fresh from the global setup; skip the prepare script's second build.
  execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', work], { cwd: REPO, stdio: 'pipe' });
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'))!;
  app = join(work, 'my-app');
  mkdirSync(join(app, 'functions'), { recursive: true });
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'my-app', private: true, type: 'module' }));
  writeFileSync(join(app, 'functions', 'greet.ts'), 'export const handler = async (e: { who: string }) => `hi ${e.who}`;\n');
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '-D', join(work, tarball)], { cwd: app, stdio: 'pipe' });
}, 180_000);
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed npm package', () => {
  it('installs into a user project and its bin invokes a TypeScript handler', async () => {
    const run = await runCli(['invoke', 'greet', '--event', '-'], { cwd: app, input: '{"who":"npm"}', bin: join(app, 'node_modules', '.bin', 'lambkin') });
    expect(run.stderr).toContain('REPORT RequestId:');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toBe('hi npm');
  });

  it('exposes the programmatic API and schema.json', () => {
    writeFileSync(
      join(app, 'check.mjs'),
      [
        "import { readFileSync } from 'node:fs';",
        "import { fileURLToPath } from 'node:url';",
        "const { startLambkin } = await import('lambkin');",
        "const schema = JSON.parse(readFileSync(fileURLToPath(import.meta.resolve('lambkin/schema.json')), 'utf8'));",
        "const lk = await startLambkin({ dir: '.', logger: { info() {}, warn() {}, error() {}, lambda() {} } });",
        "const result = await lk.invoke('greet', { who: 'api' });",
        "await lk.stop();",
        "console.log(JSON.stringify({ payload: result.payload, fields: Object.keys(schema.properties) }));",
      ].join('\n'),
    );
    const out = JSON.parse(execFileSync(process.execPath, ['check.mjs'], { cwd: app }).toString());
    expect(out.payload).toBe('hi api');
    expect(out.fields).toEqual(expect.arrayContaining(['region', 'defaults', 'functions']));
  });
});
