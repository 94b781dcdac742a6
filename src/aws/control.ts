/**
 * lambkin's own control calls on the AWS endpoint, under /__lambkin/ (no bucket name can
 * contain '_', so these never shadow S3): health, firing a schedule now, dead letters.
 * The `lambkin fire` and `lambkin dlq` commands talk to a running `dev` through them.
 */
import express, { type Router } from 'express';
import { LambkinError } from '../errors.js';
import type { AwsService } from './endpoint.js';

export interface ControlActions {
  /** The project served, so a command run elsewhere can tell whether this `dev` is its own. */
  projectDir: string;
  functions(): string[];
  /** Fires the function's schedules now; resolves with the queued event ids. */
  fireSchedule(functionName: string): Promise<string[]>;
  deadLetters(): Promise<unknown[]>;
  redrive(id?: string): Promise<number>;
}

export const CONTROL_PATH = '/__lambkin';

export function controlService(actions: ControlActions): AwsService {
  const router: Router = express.Router();
  const run = (res: express.Response, work: () => Promise<unknown>) => {
    work().then(
      (body) => res.json(body),
      (err: unknown) => {
        const status = err instanceof LambkinError && err.isUserError() ? (err.code === 'FUNCTION_NOT_FOUND' ? 404 : 400) : 500;
        res.status(status).json({ code: err instanceof LambkinError ? err.code : 'INTERNAL', message: err instanceof Error ? err.message : String(err) });
      },
    );
  };
  router.get('/health', (_req, res) => run(res, async () => ({ ok: true, dir: actions.projectDir, functions: actions.functions() })));
  router.post('/schedules/:fn/fire', (req, res) => run(res, async () => ({ queued: await actions.fireSchedule(req.params['fn'] ?? '') })));
  router.get('/dlq', (_req, res) => run(res, async () => actions.deadLetters()));
  router.post('/dlq/redrive', (req, res) => run(res, async () => ({ redriven: await actions.redrive(typeof req.query['id'] === 'string' ? req.query['id'] : undefined) })));
  return { mountPath: CONTROL_PATH, handler: router };
}
