/**
 * One lambkin on the lambda-api fixture with its AWS endpoint on port 0, and an
 * `@aws-sdk/client-lambda` client pointed at it, for the Invoke API tests.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvokeCommand, LambdaClient, type InvokeCommandInput, type InvokeCommandOutput } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll } from 'vitest';
import { createLambkin, type Lambkin } from '../../../src/lambkin.js';
import { MemoryLogger } from '../../../src/log.js';
import { copyFixture, type FixtureProject } from '../../support/fixture.js';

export const ARN = 'arn:aws:lambda:us-east-1:123456789012:function';
export const MB = 1024 * 1024;

export interface LambdaApiHarness {
  readonly project: FixtureProject;
  readonly lk: Lambkin;
  readonly logger: MemoryLogger;
  invoke(input: InvokeCommandInput): Promise<InvokeCommandOutput>;
  /** Event ids the `records` function wrote to delivered.log. */
  delivered(): string[];
  /** The records of .lambkin/invocations.jsonl. */
  ledger(): Array<Record<string, unknown>>;
}

/** Registers beforeAll/afterAll; the returned harness is usable inside tests. */
export function useLambdaApi(): LambdaApiHarness {
  let project: FixtureProject | undefined;
  let lk: Lambkin | undefined;
  let client: LambdaClient | undefined;
  const logger = new MemoryLogger();
  beforeAll(async () => {
    project = copyFixture('lambda-api');
    lk = await createLambkin({ dir: project.dir, logger, awsPort: 0 });
    await lk.start();
    // One attempt: the SDK retries throttles and 5xx by itself, which would hide what lambkin answered.
    client = new LambdaClient({
      endpoint: lk.awsUrl!,
      region: 'us-east-1',
      credentials: { accessKeyId: 'LAMBKINTEST', secretAccessKey: 'lambkin-test-secret' },
      maxAttempts: 1,
    });
  });
  afterAll(async () => {
    client?.destroy();
    await lk?.stop();
    project?.remove();
  });
  const lines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);
  return {
    get project() {
      return project!;
    },
    get lk() {
      return lk!;
    },
    logger,
    invoke: (input) => client!.send(new InvokeCommand(input)),
    delivered: () => lines(join(project!.dir, 'delivered.log')),
    ledger: () => lines(join(project!.dir, '.lambkin', 'invocations.jsonl')).map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

export const json = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));

export const payloadOf = (output: { Payload?: Uint8Array | undefined }): unknown => JSON.parse(new TextDecoder().decode(output.Payload));

/** A JSON payload of exactly `bytes` bytes: `{"id":"…","pad":"xxxx…"}`. */
export function paddedPayload(bytes: number, id = 'padded'): Uint8Array {
  const empty = JSON.stringify({ id, pad: '' }).length;
  return new TextEncoder().encode(JSON.stringify({ id, pad: 'x'.repeat(bytes - empty) }));
}
