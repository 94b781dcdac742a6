/**
 * The HTTP response the API Gateway source writes, whoever produced it (the function, CORS or
 * API Gateway itself), and small pure helpers over its header list.
 */
import { headerValuesIn } from './request.js';

export interface GatewayResponse {
  statusCode: number;
  /** In order; a name may repeat (`set-cookie`). */
  headers: Array<[string, string]>;
  body: Buffer;
}

export function hasHeader(response: Pick<GatewayResponse, 'headers'>, name: string): boolean {
  return headerValuesIn(response.headers, name).length > 0;
}

/** Values of one header, matched case-insensitively, in order. */
export function responseHeaderValues(response: Pick<GatewayResponse, 'headers'>, name: string): string[] {
  return headerValuesIn(response.headers, name);
}
