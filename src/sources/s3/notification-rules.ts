/**
 * Which function an object change notifies, and which sets of rules S3 would refuse to save.
 * The rules are S3's (EVENTS.md §1.3, §1.4): event types with `s3:<Category>:*` wildcards,
 * at most one prefix and one suffix compared as plain strings with the URL-encoded key.
 */
import { encodeS3EventKey, decodeS3EventKey, type ObjectEventName } from './to-event.js';

/** Every type S3 accepts in a notification configuration (EVENTS.md §1.3, the S3 API's `Event`). */
export const S3_EVENT_TYPES = [
  's3:ObjectCreated:*',
  's3:ObjectCreated:Put',
  's3:ObjectCreated:Post',
  's3:ObjectCreated:Copy',
  's3:ObjectCreated:CompleteMultipartUpload',
  's3:ObjectRemoved:*',
  's3:ObjectRemoved:Delete',
  's3:ObjectRemoved:DeleteMarkerCreated',
  's3:ObjectRestore:*',
  's3:ObjectRestore:Post',
  's3:ObjectRestore:Completed',
  's3:ObjectRestore:Delete',
  's3:ReducedRedundancyLostObject',
  's3:Replication:*',
  's3:Replication:OperationFailedReplication',
  's3:Replication:OperationMissedThreshold',
  's3:Replication:OperationReplicatedAfterThreshold',
  's3:Replication:OperationNotTracked',
  's3:LifecycleExpiration:*',
  's3:LifecycleExpiration:Delete',
  's3:LifecycleExpiration:DeleteMarkerCreated',
  's3:LifecycleTransition',
  's3:IntelligentTiering',
  's3:ObjectTagging:*',
  's3:ObjectTagging:Put',
  's3:ObjectTagging:Delete',
  's3:ObjectAcl:Put',
] as const;
export type S3EventType = (typeof S3_EVENT_TYPES)[number];

const KNOWN_TYPES: ReadonlySet<string> = new Set(S3_EVENT_TYPES);

/**
 * True for a name S3 accepts in a configuration. Case matters and `s3:TestEvent` is not one:
 * S3 sends it itself when a configuration is saved.
 */
export function isValidS3EventName(name: string): name is S3EventType {
  return KNOWN_TYPES.has(name);
}

/** The types lambkin's store can ever fire; a config may name others, they just never match. */
export function isEmittedByLambkin(name: string): boolean {
  return isValidS3EventName(name) && (name.startsWith('s3:ObjectCreated:') || name.startsWith('s3:ObjectRemoved:'));
}

/** One `s3` trigger as written in lambkin.config.json (and the zod-inferred config type). */
export interface S3NotificationRule {
  bucket: string;
  events: readonly string[];
  prefix?: string | undefined;
  suffix?: string | undefined;
}

export interface FunctionNotificationRule extends S3NotificationRule {
  functionName: string;
}

/** Does configured type `s3:ObjectCreated:*` / `s3:ObjectCreated:Put` cover the emitted `ObjectCreated:Put`? */
export function eventTypeMatches(configured: string, eventName: string): boolean {
  if (!configured.startsWith('s3:')) return false;
  const type = configured.slice(3);
  return type.endsWith(':*') ? eventName.startsWith(type.slice(0, -1)) : type === eventName;
}

export interface MatchableChange {
  bucket: string;
  /** The raw key; filters are compared with its encoded form, as S3 does. */
  key: string;
  eventName: ObjectEventName;
}

/** True when S3 would deliver this change to the rule's destination. */
export function ruleMatches(rule: S3NotificationRule, change: MatchableChange): boolean {
  if (rule.bucket !== change.bucket) return false;
  if (!rule.events.some((configured) => eventTypeMatches(configured, change.eventName))) return false;
  // S3 documents filter values as URL-encoded ("write a space as +"), i.e. they are compared with
  // the key in the form it has in the event. For keys of letters, digits and `/._-` the two agree.
  const key = encodeS3EventKey(change.key);
  return key.startsWith(rule.prefix ?? '') && key.endsWith(rule.suffix ?? '');
}

/**
 * Why a prefix/suffix value can never match what its author meant, or undefined when it is fine.
 * S3 saves such values silently (and then never matches them); lambkin can tell the user instead.
 */
export function filterValueProblem(value: string): string | undefined {
  if (value.length > 1024) return 'is longer than the 1024 characters S3 allows';
  if (value.includes('*')) return '"*" is not a wildcard in S3 key filters: it only matches a literal "*"';
  let decoded: string;
  try {
    decoded = decodeS3EventKey(value);
  } catch {
    return 'has a malformed %-escape';
  }
  const canonical = encodeS3EventKey(decoded);
  if (canonical === value) return undefined;
  // S3 compares filters with the URL-encoded key, so a raw space or "(" can never match.
  return `must be written URL-encoded as S3 compares it with the encoded key: use "${canonical}"`;
}

export interface RuleOverlap {
  bucket: string;
  /** Event types both rules receive, the more specific name when one side is a wildcard. */
  eventTypes: string[];
  first: FunctionNotificationRule;
  second: FunctionNotificationRule;
  /** A key that both rules would match. */
  exampleKey: string;
  message: string;
}

// S3's own words when it refuses to save such a configuration (PutBucketNotificationConfiguration).
export const S3_OVERLAP_MESSAGE =
  'Configurations overlap. Configurations on the same bucket cannot share a common event type.';

/**
 * Pairs of rules S3 would refuse to save together: same bucket, a common event type, and filters
 * that some key satisfies both of. Two prefixes leave such a key when one starts with the other
 * (an absent prefix is ""), two suffixes when one ends with the other; then the longer prefix
 * followed by the longer suffix matches both rules. This is the overlap EVENTS.md §1.4 describes:
 * `.jpg` and `.png` do not overlap, a shared prefix is fine when the suffixes differ, and a rule
 * with only a prefix overlaps one with only a suffix. Rules of one function are checked too, as S3
 * checks every configuration whatever its destination.
 */
export function findOverlappingRules(rules: readonly FunctionNotificationRule[]): RuleOverlap[] {
  const overlaps: RuleOverlap[] = [];
  for (let i = 0; i < rules.length; i++) {
    for (let j = i + 1; j < rules.length; j++) {
      const overlap = overlapOf(rules[i]!, rules[j]!);
      if (overlap !== undefined) overlaps.push(overlap);
    }
  }
  return overlaps;
}

function overlapOf(first: FunctionNotificationRule, second: FunctionNotificationRule): RuleOverlap | undefined {
  if (first.bucket !== second.bucket) return undefined;
  const eventTypes = commonEventTypes(first.events, second.events);
  if (eventTypes.length === 0) return undefined;
  const prefix = longerIfNested(first.prefix ?? '', second.prefix ?? '', (a, b) => a.startsWith(b));
  const suffix = longerIfNested(first.suffix ?? '', second.suffix ?? '', (a, b) => a.endsWith(b));
  if (prefix === undefined || suffix === undefined) return undefined;
  const exampleKey = prefix + suffix;
  const message =
    `${describe(first)} and ${describe(second)} overlap on bucket "${first.bucket}" for ` +
    `${eventTypes.join(', ')}: ${exampleKey === '' ? 'every key' : `a key such as "${exampleKey}"`} ` +
    `matches both. S3 refuses this: "${S3_OVERLAP_MESSAGE}"`;
  return { bucket: first.bucket, eventTypes, first, second, exampleKey, message };
}

/** The longer of two strings when one contains the other at the given end, else undefined. */
function longerIfNested(a: string, b: string, contains: (longer: string, shorter: string) => boolean): string | undefined {
  if (contains(a, b)) return a;
  if (contains(b, a)) return b;
  return undefined;
}

function commonEventTypes(left: readonly string[], right: readonly string[]): string[] {
  const common = new Set<string>();
  for (const a of left) {
    for (const b of right) {
      const shared = sharedType(a, b);
      if (shared !== undefined) common.add(shared);
    }
  }
  return [...common];
}

function sharedType(a: string, b: string): string | undefined {
  if (a === b) return a;
  if (a.endsWith(':*') && b.startsWith(a.slice(0, -1))) return b;
  if (b.endsWith(':*') && a.startsWith(b.slice(0, -1))) return a;
  return undefined;
}

function describe(rule: FunctionNotificationRule): string {
  const filters = [
    rule.prefix ? `prefix "${rule.prefix}"` : undefined,
    rule.suffix ? `suffix "${rule.suffix}"` : undefined,
  ].filter((part) => part !== undefined);
  return `function "${rule.functionName}" (${filters.length === 0 ? 'no filter' : filters.join(', ')})`;
}
