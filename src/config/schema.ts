/**
 * The one schema of lambkin.config.json (zod strict objects: an unknown field is an error).
 * Types come from it with z.infer; `schema.json` for editors is generated from it.
 * Deep checks of route keys, schedule expressions and S3 rules happen after parsing,
 * in config/validate-events.ts, where the parsers that run them live.
 */
// zod/mini: the same validation with a tree-shakeable API; the classic build was a third of
// lambkin's bundle and of its start time.
import * as z from 'zod/mini';

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
const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d$/;

// The rules above in words: config/issues.ts puts them after what was found.
const FUNCTION_NAME_RULE = 'a function name is 1 to 64 letters, digits, hyphens (-) or underscores (_)';
const ENV_KEY_RULE = 'an environment variable name is a letter followed by one or more letters, digits or underscores (_)';
const REGION_RULE = 'expected an AWS Region such as us-east-1';

const memory = z.int().check(z.minimum(LIMITS.memory.min), z.maximum(LIMITS.memory.max)).check(z.describe(`Memory size in MB, an integer from ${LIMITS.memory.min} to ${LIMITS.memory.max}`));
const timeout = z.int().check(z.minimum(LIMITS.timeout.min), z.maximum(LIMITS.timeout.max)).check(z.describe(`Timeout in seconds, an integer from ${LIMITS.timeout.min} to ${LIMITS.timeout.max}`));
const architecture = z.enum(ARCHITECTURES).check(z.describe('Instruction set; it sets the price per GB-second'));
const runtime = z.enum(RUNTIMES).check(z.describe('Lambda runtime id; the code runs on the Node.js that runs lambkin'));
const environment = z.record(z.string().check(z.regex(ENV_KEY_PATTERN, ENV_KEY_RULE)), z.string()).check(z.describe('Environment variables of the function'));
const maximumRetryAttempts = z.int().check(z.minimum(LIMITS.maximumRetryAttempts.min), z.maximum(LIMITS.maximumRetryAttempts.max)).check(z.describe('Retries of a failed asynchronous invocation (AWS default 2)'));
const maximumEventAge = z.int().check(z.minimum(LIMITS.maximumEventAge.min), z.maximum(LIMITS.maximumEventAge.max)).check(z.describe('Seconds an asynchronous event may wait before it goes to the dead-letter folder'));

const corsObject = z.strictObject({
  allowOrigins: z.optional(z.array(z.string())),
  allowMethods: z.optional(z.array(z.string())),
  allowHeaders: z.optional(z.array(z.string())),
  exposeHeaders: z.optional(z.array(z.string())),
  maxAge: z.optional(z.int().check(z.minimum(-1), z.maximum(86400))),
  allowCredentials: z.optional(z.boolean()),
});

const httpEvent = z.strictObject({
  http: z.union([
    z.string().check(z.describe('Route key of an HTTP API (payload 2.0), e.g. "GET /users/{id}"')),
    z.strictObject({
      route: z.string().check(z.describe('Route key, e.g. "POST /items", "ANY /{proxy+}" or "$default"')),
      payload: z.optional(z.enum(['1.0', '2.0']).check(z.describe('"1.0" is a REST API proxy integration, "2.0" an HTTP API'))),
      cors: z.optional(z.union([z.boolean(), corsObject])),
    }),
  ]),
});

const scheduleEvent = z.strictObject({
  schedule: z.union([
    z.string().check(z.describe('rate(...) or cron(...) as EventBridge writes them')),
    z.strictObject({
      expression: z.string(),
      input: z.optional(z.unknown().check(z.describe('Constant JSON sent instead of the Scheduled Event'))),
      enabled: z.optional(z.boolean()),
      timezone: z.optional(z.string().check(z.describe('IANA time zone for cron(); UTC if absent'))),
      name: z.optional(z.string().check(z.describe('Rule name shown in the event resources'))),
    }),
  ]),
});

const s3Event = z.strictObject({
  s3: z.strictObject({
    bucket: z.string(),
    events: z.array(z.string()).check(z.minLength(1)),
    prefix: z.optional(z.string()),
    suffix: z.optional(z.string()),
  }),
});

export const eventSchema = z.union([httpEvent, scheduleEvent, s3Event]);

const functionSchema = z.strictObject({
  handler: z.optional(z.string().check(z.describe('"<module path>.<export>", e.g. "functions/hello.handler"'))),
  memory: z.optional(memory),
  timeout: z.optional(timeout),
  architecture: z.optional(architecture),
  runtime: z.optional(runtime),
  environment: z.optional(environment),
  reservedConcurrency: z.optional(z.int().check(z.minimum(0)).check(z.describe('Most environments at once; 0 throttles every call'))),
  maximumRetryAttempts: z.optional(maximumRetryAttempts),
  maximumEventAge: z.optional(maximumEventAge),
  events: z.optional(z.array(eventSchema)),
});

const defaultsSchema = z.strictObject({
  memory: z.optional(memory),
  timeout: z.optional(timeout),
  architecture: z.optional(architecture),
  runtime: z.optional(runtime),
  environment: z.optional(environment),
  maximumRetryAttempts: z.optional(maximumRetryAttempts),
  maximumEventAge: z.optional(maximumEventAge),
});

export const configFileSchema = z.strictObject({
  $schema: z.optional(z.string()),
  region: z.optional(z.string().check(z.regex(REGION_PATTERN, REGION_RULE)).check(z.describe('AWS Region, e.g. us-east-1'))),
  accountConcurrency: z.optional(z.int().check(z.minimum(1)).check(z.describe('Account-wide concurrency limit (AWS default 1000)'))),
  defaults: z.optional(defaultsSchema),
  buckets: z.optional(z.array(z.string())),
  functions: z.optional(z.record(z.string().check(z.regex(FUNCTION_NAME_PATTERN, FUNCTION_NAME_RULE)), functionSchema)),
});

export type ConfigFile = z.infer<typeof configFileSchema>;
export type FunctionFileConfig = z.infer<typeof functionSchema>;
export type EventConfig = z.infer<typeof eventSchema>;
export type Runtime = (typeof RUNTIMES)[number];

export function configJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(configFileSchema, { io: 'input' }) as Record<string, unknown>;
}
