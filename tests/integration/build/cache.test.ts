import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLambkin, type Lambkin } from '../../../src/lambkin.js';
import { MemoryLogger } from '../../../src/log.js';
import { copyFixture, type FixtureProject } from '../../support/fixture.js';

let project: FixtureProject;
beforeAll(() => {
  project = copyFixture('runtime');
});
afterAll(() => project?.remove());

async function started(): Promise<Lambkin> {
  const lk = await createLambkin({ dir: project.dir, logger: new MemoryLogger(), only: ['trace', 'counter'] });
  await lk.start();
  return lk;
}

describe('the build cache', () => {
  it('reuses an unchanged build on the next start, and rebuilds a changed one', async () => {
    const first = await started();
    expect(first.registry.get('trace')!.pool.build.cached).toBe(false);
    await first.stop();

    const second = await started();
    try {
      expect(second.registry.get('trace')!.pool.build.cached).toBe(true);
      expect(second.registry.get('counter')!.pool.build.cached).toBe(true);
      // The cached module still maps its stack trace to the TypeScript source.
      const result = await second.invoke('trace', {});
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error.trace.join('\n')).toMatch(/functions\/trace\.ts:2:9/);
    } finally {
      await second.stop();
    }

    writeFileSync(join(project.dir, 'functions', 'counter.ts'), 'export const handler = async () => ({ count: -1 });\n');
    const third = await started();
    try {
      expect(third.registry.get('counter')!.pool.build.cached).toBe(false);
      expect(third.registry.get('trace')!.pool.build.cached).toBe(true);
      expect(await third.invoke('counter', {})).toMatchObject({ ok: true, payload: { count: -1 } });
    } finally {
      await third.stop();
    }
  });
});
