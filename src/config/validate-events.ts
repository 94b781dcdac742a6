/**
 * Cross-field checks after the schema: each trigger's own syntax and the clashes between
 * functions (two functions on one route, overlapping S3 rules). The parsers live with
 * their sources; this file only asks them.
 */
import type { ConfigIssue } from '../errors.js';
import { configuredRoutes } from '../sources/http/config-routes.js';
import { validateCorsConfig } from '../sources/http/cors.js';
import { parseRouteKey } from '../sources/http/route-key.js';
import { findRouteConflicts } from '../sources/http/routes.js';
import { findOverlappingRules, filterValueProblem, isValidS3EventName, type FunctionNotificationRule } from '../sources/s3/notification-rules.js';
import { isValidBucketName } from '../sources/s3/bucket-name.js';
import { parseScheduleExpression } from '../sources/schedule/expression.js';
import { isValidTimeZone } from '../sources/schedule/time-zone.js';
import { CONFIG_FILE_NAME, type LambkinConfig } from './types.js';

const issue = (path: string, message: string): ConfigIssue => ({ file: CONFIG_FILE_NAME, path, message });

function httpIssues(config: LambkinConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const routes = configuredRoutes(config);
  const valid = routes.filter((route) => {
    try {
      parseRouteKey(route.routeKey);
      return true;
    } catch (err) {
      issues.push(issue(route.configPath, (err as Error).message));
      return false;
    }
  });
  for (const conflict of findRouteConflicts(valid)) issues.push(issue(conflict.second.configPath, conflict.message));
  const withCors = routes.filter((r) => r.cors !== undefined);
  for (const route of withCors) {
    if (route.payload === '1.0') issues.push(issue(`${route.configPath}.cors`, 'CORS settings belong to HTTP APIs (payload 2.0); a REST API function sends its own CORS headers'));
    for (const problem of validateCorsConfig(route.cors!)) issues.push(issue(`${route.configPath}.cors`, problem));
  }
  const first = withCors[0];
  for (const route of withCors.slice(1)) {
    if (JSON.stringify(route.cors) !== JSON.stringify(first!.cors)) {
      issues.push(issue(`${route.configPath}.cors`, `lambkin serves every route as one HTTP API, which has one CORS setting: make it the same as ${first!.configPath}.cors`));
    }
  }
  return issues;
}

function scheduleIssues(config: LambkinConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const fn of config.functions.values()) {
    fn.events.forEach((event, i) => {
      if (!('schedule' in event)) return;
      const path = `functions.${fn.name}.events[${i}].schedule`;
      const schedule = typeof event.schedule === 'string' ? { expression: event.schedule } : event.schedule;
      try {
        parseScheduleExpression(schedule.expression);
      } catch (err) {
        issues.push(issue(typeof event.schedule === 'string' ? path : `${path}.expression`, (err as Error).message));
      }
      if ('timezone' in schedule && schedule.timezone !== undefined && !isValidTimeZone(schedule.timezone)) {
        issues.push(issue(`${path}.timezone`, `unknown time zone '${schedule.timezone}'; use an IANA name such as 'Europe/Paris'`));
      }
    });
  }
  return issues;
}

function s3Issues(config: LambkinConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  config.buckets.forEach((bucket, i) => {
    if (!isValidBucketName(bucket)) issues.push(issue(`buckets[${i}]`, `"${bucket}" is not a valid S3 bucket name: 3-63 lower-case letters, digits, '.' and '-', starting and ending with a letter or digit`));
  });
  const rules: Array<FunctionNotificationRule & { path: string }> = [];
  for (const fn of config.functions.values()) {
    fn.events.forEach((event, i) => {
      if (!('s3' in event)) return;
      const path = `functions.${fn.name}.events[${i}].s3`;
      const rule = event.s3;
      if (!isValidBucketName(rule.bucket)) issues.push(issue(`${path}.bucket`, `"${rule.bucket}" is not a valid S3 bucket name`));
      rule.events.forEach((name, j) => {
        if (!isValidS3EventName(name)) issues.push(issue(`${path}.events[${j}]`, `"${name}" is not an S3 event type; e.g. "s3:ObjectCreated:*", "s3:ObjectCreated:Put", "s3:ObjectRemoved:Delete"`));
      });
      for (const field of ['prefix', 'suffix'] as const) {
        const value = rule[field];
        const problem = value === undefined ? undefined : filterValueProblem(value);
        if (problem) issues.push(issue(`${path}.${field}`, `"${value}" ${problem}`));
      }
      rules.push({ ...rule, functionName: fn.name, path });
    });
  }
  const pathOf = new Map<FunctionNotificationRule, string>(rules.map((r) => [r, r.path]));
  for (const overlap of findOverlappingRules(rules)) issues.push(issue(pathOf.get(overlap.second) ?? 'functions', overlap.message));
  return issues;
}

export function validateEvents(config: LambkinConfig): ConfigIssue[] {
  return [...httpIssues(config), ...scheduleIssues(config), ...s3Issues(config)];
}
