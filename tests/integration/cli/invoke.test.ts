import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, type FixtureProject } from '../../support/fixture.js';
import { runCli } from '../../support/run-cli.js';

let project: FixtureProject;
beforeAll(() => {
  project = copyFixture('runtime');
});
afterAll(() => project?.remove());

describe('lambkin invoke', () => {
  it('prints the result on stdout, the Lambda log on stderr, and exits 0', async () => {
    writeFileSync(join(project.dir, 'event.json'), '{"hello":"file"}');
    const run = await runCli(['invoke', 'echo', '--event', 'event.json'], { cwd: project.dir });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ event: { hello: 'file' }, context: { functionName: 'echo' } });
    const lines = run.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^START RequestId: [0-9a-f-]{36} Version: \$LATEST$/);
    expect(lines.at(-2)).toMatch(/^END RequestId: /);
    expect(lines.at(-1)).toMatch(/^REPORT RequestId: .*\tInit Duration: [\d.]+ ms\tBilled GB-seconds: [\d.]+\tCost: \$[\d.]+$/);
  });

  it('reads the event from standard input with --event -', async () => {
    const run = await runCli(['invoke', 'echo', '--event', '-'], { cwd: project.dir, input: '{"from":"stdin"}' });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).event).toEqual({ from: 'stdin' });
  });

  it('prints the function error and exits 1', async () => {
    const run = await runCli(['invoke', 'throws'], { cwd: project.dir });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ errorType: 'ValidationError', errorMessage: 'name is required' });
  });

  it('exits 2 for an unknown function, naming the ones there are', async () => {
    const run = await runCli(['invoke', 'nope'], { cwd: project.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^lambkin: no function 'nope' in .* \(functions: allocates-forever, arm, callback,/);
  });

  it('exits 2 for an event file that is not JSON, with its line and column', async () => {
    writeFileSync(join(project.dir, 'bad.json'), '{\n  "a": 1,,\n}');
    const run = await runCli(['invoke', 'echo', '--event', 'bad.json'], { cwd: project.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^lambkin: bad\.json: line 2, column 10: invalid JSON/);
  });

  it('exits 2 for a bad option', async () => {
    const run = await runCli(['invoke', 'echo', '--evnt', 'x'], { cwd: project.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Unknown option '--evnt'");
    expect(run.stderr).toContain('usage: lambkin invoke <function>');
  });
});

describe('lambkin list', () => {
  it('lists functions with memory, timeout and triggers', async () => {
    const run = await runCli(['list'], { cwd: project.dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^echo {2}functions\/echo\.ts {2}256 MB {2}5 s {2}x86_64 {2}nodejs22\.x$/m);
  });
  it('refuses an extra word instead of ignoring it', async () => {
    const run = await runCli(['list', 'echo'], { cwd: project.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Unexpected argument 'echo'");
    expect(run.stderr).toContain('usage: lambkin list [--dir .]');
  });
});
