import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import { ConfigError } from '../../../src/errors.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'lambkin-config-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const HANDLER = 'export const handler = async () => 1;\n';

async function configErrors(files: Record<string, string>): Promise<string[]> {
  const err = await loadConfig(project(files)).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ConfigError);
  return (err as ConfigError).message.split('\n');
}

describe('loadConfig', () => {
  it('finds functions in functions/ with AWS defaults when there is no config file', async () => {
    const config = await loadConfig(project({ 'functions/hello.ts': HANDLER, 'functions/resize/index.js': HANDLER, 'functions/_shared.ts': '', 'functions/hello.test.ts': '' }));
    expect([...config.functions.keys()]).toEqual(['hello', 'resize']);
    expect(config.functions.get('hello')).toMatchObject({
      handler: 'functions/hello.handler',
      exportPath: 'handler',
      memorySizeMb: 128,
      timeoutSec: 3,
      architecture: 'x86_64',
      runtime: 'nodejs22.x',
      maximumRetryAttempts: 2,
      declared: false,
    });
    expect(config.functions.get('resize')?.entryFile).toMatch(/functions\/resize\/index\.js$/);
    expect(config.region).toBe('us-east-1');
  });

  it('applies defaults, then each function\'s own settings', async () => {
    const config = await loadConfig(project({
      'functions/a.ts': HANDLER,
      'src/b.mjs': HANDLER,
      'lambkin.config.json': JSON.stringify({
        region: 'eu-west-1',
        defaults: { memory: 512, environment: { STAGE: 'local', LEVEL: 'debug' } },
        functions: { a: { timeout: 900, environment: { LEVEL: 'info' } }, b: { handler: 'src/b.main', architecture: 'arm64', memory: 10240 } },
      }),
    }));
    expect(config.functions.get('a')).toMatchObject({ memorySizeMb: 512, timeoutSec: 900, environment: { STAGE: 'local', LEVEL: 'info' }, declared: true });
    expect(config.functions.get('b')).toMatchObject({ exportPath: 'main', memorySizeMb: 10240, architecture: 'arm64' });
    expect(config.region).toBe('eu-west-1');
  });

  it('refuses out-of-range memory and timeout, naming the file, the path and the limit', async () => {
    const lines = await configErrors({
      'functions/hello.ts': HANDLER,
      'lambkin.config.json': JSON.stringify({ functions: { hello: { memory: 64, timeout: 901 } }, defaults: { memory: 10241, timeout: 0 } }),
    });
    expect(lines).toEqual(expect.arrayContaining([
      'lambkin.config.json: functions.hello.memory: 64 is below the 128 MB minimum',
      'lambkin.config.json: functions.hello.timeout: 901 is above the 900 s maximum',
      'lambkin.config.json: defaults.memory: 10241 is above the 10240 MB maximum',
      'lambkin.config.json: defaults.timeout: 0 is below the 1 s minimum',
    ]));
    expect(lines).toHaveLength(4);
  });

  it('refuses a fractional memory size and a wrong type', async () => {
    const lines = await configErrors({
      'functions/hello.ts': HANDLER,
      'lambkin.config.json': JSON.stringify({ functions: { hello: { memory: 128.5, timeout: '3' } } }),
    });
    expect(lines).toEqual([
      'lambkin.config.json: functions.hello.memory: 128.5 is not a whole number of MB',
      'lambkin.config.json: functions.hello.timeout: expected number, got "3"',
    ]);
  });

  it('refuses unknown fields and lists the allowed ones', async () => {
    const lines = await configErrors({
      'functions/hello.ts': HANDLER,
      'lambkin.config.json': JSON.stringify({ functions: { hello: { memorySize: 256 } } }),
    });
    expect(lines).toEqual([
      "lambkin.config.json: functions.hello: unknown field 'memorySize' (allowed: handler, memory, timeout, architecture, runtime, environment, reservedConcurrency, maximumRetryAttempts, maximumEventAge, events)",
    ]);
  });

  it('refuses a handler whose module does not exist, and a malformed handler string', async () => {
    const lines = await configErrors({
      'lambkin.config.json': JSON.stringify({ functions: { a: { handler: 'functions/nope.handler' }, b: { handler: 'noexport' }, c: { handler: '../outside.handler' }, d: {} } }),
    });
    expect(lines).toEqual([
      'lambkin.config.json: functions.a.handler: "functions/nope.handler": no module file functions/nope.{ts,mts,cts,js,mjs,cjs} or functions/nope/index.{ts,mts,cts,js,mjs,cjs}',
      'lambkin.config.json: functions.b.handler: \'noexport\' is not a valid handler name: use "<module path>.<export>", e.g. "functions/hello.handler"',
      "lambkin.config.json: functions.c.handler: '../outside.handler' is not a valid handler name: it must stay inside the project (no '..')",
      'lambkin.config.json: functions.d: no handler: there is no functions/d.{ts,mts,cts,js,mjs,cjs} or functions/d/index.{ts,mts,cts,js,mjs,cjs}; add a "handler" such as "functions/d.handler"',
    ]);
  });

  it('reports invalid JSON with its line and column', async () => {
    const lines = await configErrors({ 'lambkin.config.json': '{\n  "region": "us-east-1",\n}\n' });
    expect(lines).toEqual(['lambkin.config.json: line 3, column 1: invalid JSON: Expected double-quoted property name']);
  });

  it('refuses reserved environment variables and an environment over 4 KB', async () => {
    const lines = await configErrors({
      'functions/hello.ts': HANDLER,
      'lambkin.config.json': JSON.stringify({ functions: { hello: { environment: { AWS_REGION: 'x', BIG: 'x'.repeat(5000) } } } }),
    });
    expect(lines).toEqual([
      'lambkin.config.json: functions.hello.environment.AWS_REGION: AWS_REGION is reserved by Lambda and cannot be set',
      'lambkin.config.json: functions.hello.environment: 5014 bytes of variables is above Lambda\'s 4 KB (4096 bytes) limit',
    ]);
  });

  it('refuses an unknown runtime and architecture with the allowed values', async () => {
    const lines = await configErrors({
      'functions/hello.ts': HANDLER,
      'lambkin.config.json': JSON.stringify({ defaults: { runtime: 'nodejs18.x', architecture: 'arm' } }),
    });
    expect(lines).toEqual([
      'lambkin.config.json: defaults.architecture: "arm" is not allowed (allowed: "x86_64", "arm64")',
      'lambkin.config.json: defaults.runtime: "nodejs18.x" is not allowed (allowed: "nodejs20.x", "nodejs22.x", "nodejs24.x")',
    ]);
  });
});
