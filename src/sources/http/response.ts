/**
 * The HTTP response the API Gateway source writes, whoever produced it (the function, CORS or
 * API Gateway itself), and small pure helpers over its header list.
 */

export interface GatewayResponse {
  statusCode: number;
  /** In order; a name may repeat (`set-cookie`). */
  headers: Array<[string, string]>;
  body: Buffer;
}

export function hasHeader(response: Pick<GatewayResponse, 'headers'>, name: string): boolean {
  const wanted = name.toLowerCase();
  return response.headers.some(([n]) => n.toLowerCase() === wanted);
}

/** Values of one header, matched case-insensitively, in order. */
export function responseHeaderValues(response: Pick<GatewayResponse, 'headers'>, name: string): string[] {
  const wanted = name.toLowerCase();
  return response.headers.filter(([n]) => n.toLowerCase() === wanted).map(([, v]) => v);
}
