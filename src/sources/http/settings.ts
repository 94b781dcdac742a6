/**
 * What the emulated API Gateway knows about itself when it builds an event: Region, account,
 * API id, stage. Values that AWS would generate get fixed, recognisable placeholders.
 */
import { DEFAULTS } from '../../config/types.js';
import { rememberingLast } from './event-parts.js';
import type { PayloadVersion } from './request.js';

export interface GatewaySettings {
  region: string;
  accountId: string;
  /** 10 lower-case alphanumerics in AWS, e.g. `a1b2c3d4e5`. */
  apiId: string;
  /** HTTP APIs: `$default`; REST APIs always have a named stage. */
  stage: string;
  /** Absent or empty: the events say `null` (1.0) or omit the field (2.0). */
  stageVariables?: Readonly<Record<string, string>> | undefined;
  /** REST only (reference §3): request bodies with these content types are base64-encoded. */
  binaryMediaTypes?: readonly string[] | undefined;
}

/** The placeholder account AWS's own docs use, so events look like the documentation. */
export const DEFAULT_ACCOUNT_ID: string = DEFAULTS.accountId;
export const DEFAULT_API_ID = 'lambkinapi';
export const HTTP_API_DEFAULT_STAGE = '$default';
/**
 * REST APIs have no `$default` stage; lambkin serves REST routes without a stage prefix in the URL
 * but still reports a stage (and `/local/...` in `requestContext.path`), as a deployed API would.
 */
export const REST_API_DEFAULT_STAGE = 'local';

export function defaultGatewaySettings(region: string, payload: PayloadVersion): GatewaySettings {
  return {
    region,
    accountId: DEFAULT_ACCOUNT_ID,
    apiId: DEFAULT_API_ID,
    stage: payload === '1.0' ? REST_API_DEFAULT_STAGE : HTTP_API_DEFAULT_STAGE,
  };
}

/** The Host the client used (port kept, so URLs built from it work locally), else AWS's form. */
export function domainNameFor(host: string, settings: Pick<GatewaySettings, 'apiId' | 'region'>): string {
  return host !== '' ? host : `${settings.apiId}.execute-api.${settings.region}.amazonaws.com`;
}

/** The first label of the domain name, without any port. */
export const domainPrefixOf = rememberingLast((domainName: string): string => {
  const withoutPort = domainName.replace(/:\d+$/, '');
  const dot = withoutPort.indexOf('.');
  return dot === -1 ? withoutPort : withoutPort.slice(0, dot);
});
