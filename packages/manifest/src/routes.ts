/**
 * The route table a manifest declares: which function serves each route key, and whether the
 * route is two-way. The local gateway selects routes from it; infra creates one
 * `aws_apigatewayv2_route` (and integration) per entry.
 */
import type { Manifest } from './format.js';

/** One route key and the function behind it. */
export interface RouteEntry {
  /** `$connect`, `$disconnect`, `$default` or a custom key (the protocol's `action`). */
  routeKey: string;
  functionName: string;
  /** `routeResponse: true`: the function's `body` is the answer to the caller. */
  twoWay: boolean;
}

/** The route keys API Gateway gives a meaning of its own. */
export const reservedRouteKeys = ['$connect', '$disconnect', '$default'] as const;

/**
 * Every route of a manifest, in manifest order (a route is served once; {@link parseManifest}
 * refuses a second).
 * @example
 * routeTableOf(manifest).find((r) => r.routeKey === 'ping'); // { routeKey: 'ping', functionName: 'ping', twoWay: true }
 */
export function routeTableOf(manifest: Manifest): RouteEntry[] {
  return Object.entries(manifest.functions).flatMap(([functionName, spec]) =>
    (spec.routes ?? []).map((routeKey) => ({ routeKey, functionName, twoWay: spec.routeResponse === true })),
  );
}

/** Route keys that are not API Gateway's own: the actions an app's clients send. */
export function customRouteKeys(manifest: Manifest): string[] {
  return routeTableOf(manifest)
    .map((route) => route.routeKey)
    .filter((key) => !(reservedRouteKeys as readonly string[]).includes(key));
}
