/**
 * The EventBridge "Scheduled Event" a rule delivers to Lambda, shaped like
 * reference/events/scheduled.json (reference/EVENTS.md §2.1), key for key and in the same order.
 */
import { v4 as uuidv4 } from 'uuid';

/** `EventBridgeEvent<'Scheduled Event', {}>` from @types/aws-lambda, written out. */
export interface ScheduledEvent {
  version: '0';
  id: string;
  'detail-type': 'Scheduled Event';
  source: 'aws.events';
  account: string;
  /** ISO-8601 without milliseconds: `2024-05-01T12:00:00Z`. */
  time: string;
  region: string;
  /** The rule's ARN, alone. */
  resources: string[];
  detail: Record<string, never>;
}

export interface ScheduledEventInput {
  /** The scheduled fire time (not when the handler happens to run). */
  time: Date;
  region: string;
  accountId: string;
  ruleName: string;
  /** Defaults to a fresh v4 UUID, as every EventBridge event has its own. */
  id?: string | undefined;
}

export function toScheduledEvent(input: ScheduledEventInput): ScheduledEvent {
  return {
    version: '0',
    id: input.id ?? uuidv4(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: input.accountId,
    time: toEventTime(input.time),
    region: input.region,
    resources: [ruleArn(input.region, input.accountId, input.ruleName)],
    detail: {},
  };
}

export function ruleArn(region: string, accountId: string, ruleName: string): string {
  return `arn:aws:events:${region}:${accountId}:rule/${ruleName}`;
}

/** EventBridge writes event times to the second: `2024-05-01T12:00:00Z`, never `...00.000Z`. */
export function toEventTime(time: Date): string {
  if (Number.isNaN(time.getTime())) throw new RangeError('time must be a valid Date');
  return time.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
