/**
 * The one schema of lambkin.config.json (zod strict objects: an unknown field is an error).
 * Types come from it with z.infer; `schema.json` for editors is generated from it.
 * Deep checks of route keys, schedule expressions and S3 rules happen after parsing,
 * in config/validate-events.ts, where the parsers that run them live.
 */
import { z } from 'zod';

export const LIMITS = {
  memory: { min: 128, max: 10240 },
  timeout: { min: 1, max: 900 },
  maximumRetryAttempts: { min: 0, max: 2 },
  maximumEventAge: { min: 60, max: 21600 },
} as const;

export const RUNTIMES = ['nodejs20.x', 'nodejs22.x', 'nodejs24.x'] as const;
export const ARCHITECTURES = ['x86_64', 'arm64'] as const;

/** AWS's own rule for function names (CreateFunction `FunctionName`, name form). */
export const FUNCTION_NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;
/** AWS's environment variable key rule (reference/LAMBDA.md §3). */
const ENV_KEY_PATTERN = /^[a-zA-Z][a-zA-Z0-9_]+$/;

const memory = z.number().int().min(LIMITS.memory.min).max(LIMITS.memory.max)
  .describe('Memory size in MB, an integer from 128 to 10240');
const timeout = z.number().int().min(LIMITS.timeout.min).max(LIMITS.timeout.max)
  .describe('Timeout in seconds, an integer from 1 to 900');
const architecture = z.enum(ARCHITECTURES).describe('Instruction set; it sets the price per GB-second');
const runtime = z.enum(RUNTIMES).describe('Lambda runtime id; the code runs on the Node.js that runs lambkin');
const environment = z.record(z.string().regex(ENV_KEY_PATTERN), z.string())
  .describe('Environment variables of the function');
const maximumRetryAttempts = z.number().int().min(0).max(2)
  .describe('Retries of a failed asynchronous invocation (AWS default 2)');
const maximumEventAge = z.number().int().min(60).max(21600)
  .describe('Seconds an asynchronous event may wait before it goes to the dead-letter folder');

const corsObject = z.strictObject({
  allowOrigins: z.array(z.string()).optional(),
  allowMethods: z.array(z.string()).optional(),
  allowHeaders: z.array(z.string()).optional(),
  exposeHeaders: z.array(z.string()).optional(),
  maxAge: z.number().int().min(-1).max(86400).optional(),
  allowCredentials: z.boolean().optional(),
});

const httpEvent = z.strictObject({
  http: z.union([
    z.string().describe('Route key of an HTTP API (payload 2.0), e.g. "GET /users/{id}"'),
    z.strictObject({
      route: z.string().describe('Route key, e.g. "POST /items", "ANY /{proxy+}" or "$default"'),
      payload: z.enum(['1.0', '2.0']).optional().describe('"1.0" is a REST API proxy integration, "2.0" an HTTP API'),
      cors: z.union([z.boolean(), corsObject]).optional(),
    }),
  ]),
});

const scheduleEvent = z.strictObject({
  schedule: z.union([
    z.string().describe('rate(...) or cron(...) as EventBridge writes them'),
    z.strictObject({
      expression: z.string(),
      input: z.unknown().optional().describe('Constant JSON sent instead of the Scheduled Event'),
      enabled: z.boolean().optional(),
      timezone: z.string().optional().describe('IANA time zone for cron(); UTC if absent'),
      name: z.string().optional().describe('Rule name shown in the event resources'),
    }),
  ]),
});

const s3Event = z.strictObject({
  s3: z.strictObject({
    bucket: z.string(),
    events: z.array(z.string()).min(1),
    prefix: z.string().optional(),
    suffix: z.string().optional(),
  }),
});

export const eventSchema = z.union([httpEvent, scheduleEvent, s3Event]);

const functionSchema = z.strictObject({
  handler: z.string().optional().describe('"<module path>.<export>", e.g. "functions/hello.handler"'),
  memory: memory.optional(),
  timeout: timeout.optional(),
  architecture: architecture.optional(),
  runtime: runtime.optional(),
  environment: environment.optional(),
  reservedConcurrency: z.number().int().min(0).optional().describe('Most environments at once; 0 throttles every call'),
  maximumRetryAttempts: maximumRetryAttempts.optional(),
  maximumEventAge: maximumEventAge.optional(),
  events: z.array(eventSchema).optional(),
});

const defaultsSchema = z.strictObject({
  memory: memory.optional(),
  timeout: timeout.optional(),
  architecture: architecture.optional(),
  runtime: runtime.optional(),
  environment: environment.optional(),
  maximumRetryAttempts: maximumRetryAttempts.optional(),
  maximumEventAge: maximumEventAge.optional(),
});

export const configFileSchema = z.strictObject({
  $schema: z.string().optional(),
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/).optional().describe('AWS Region, e.g. us-east-1'),
  accountConcurrency: z.number().int().min(1).optional().describe('Account-wide concurrency limit (AWS default 1000)'),
  defaults: defaultsSchema.optional(),
  buckets: z.array(z.string()).optional(),
  functions: z.record(z.string().regex(FUNCTION_NAME_PATTERN), functionSchema).optional(),
});

export type ConfigFile = z.infer<typeof configFileSchema>;
export type FunctionFileConfig = z.infer<typeof functionSchema>;
export type EventConfig = z.infer<typeof eventSchema>;
export type Runtime = (typeof RUNTIMES)[number];

export function configJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(configFileSchema, { io: 'input' }) as Record<string, unknown>;
}
