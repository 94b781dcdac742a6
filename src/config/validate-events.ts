/**
 * Cross-field checks after the schema: each trigger's own syntax and the clashes between
 * functions (two functions on one route, overlapping S3 rules). The parsers live with
 * their sources; this file only asks them.
 */
import type { ConfigIssue } from '../errors.js';
import type { LambkinConfig } from './types.js';

export function validateEvents(_config: LambkinConfig): ConfigIssue[] {
  return [];
}
