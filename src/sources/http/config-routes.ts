/**
 * The HTTP routes a configuration declares: one entry per `http` event, with its payload
 * version and CORS settings. lambkin serves every route on one port, as one API.
 */
import type { LambkinConfig } from '../../config/types.js';
import type { CorsConfig } from './cors.js';
import type { PayloadVersion } from './request.js';
import type { RouteEntry } from './routes.js';

export interface ConfiguredRoute extends RouteEntry {
  readonly cors: CorsConfig | undefined;
  /** JSON path of the event in lambkin.config.json, for error messages. */
  readonly configPath: string;
}

export function configuredRoutes(config: LambkinConfig): ConfiguredRoute[] {
  const routes: ConfiguredRoute[] = [];
  for (const fn of config.functions.values()) {
    fn.events.forEach((event, i) => {
      if (!('http' in event)) return;
      const http = typeof event.http === 'string' ? { route: event.http } : event.http;
      const cors = 'cors' in http && http.cors !== false ? (http.cors as CorsConfig | undefined) : undefined;
      routes.push({
        routeKey: http.route,
        functionName: fn.name,
        payload: ('payload' in http ? http.payload : undefined) ?? ('2.0' satisfies PayloadVersion),
        cors,
        configPath: `functions.${fn.name}.events[${i}].http`,
      });
    });
  }
  return routes;
}
