import { type Manifest, type RouteEntry, routeTableOf } from '@switchboard/manifest';
import {
  evaluateSelectionExpression,
  parseSelectionExpression,
  type SelectionExpression,
} from './selection.js';

/** A route as the gateway runs it: an entry of the manifest's route table. */
export type RouteTarget = RouteEntry;

/** The manifest's routes, and route selection for incoming messages. */
export class RouteTable {
  readonly #routes = new Map<string, RouteTarget>();
  readonly #expression: SelectionExpression;

  constructor(manifest: Manifest) {
    this.#expression = parseSelectionExpression(manifest.routeSelectionExpression);
    for (const route of routeTableOf(manifest)) this.#routes.set(route.routeKey, route);
  }

  /** `$connect`, `$disconnect`, or any route key, when the manifest has it. */
  get(routeKey: string): RouteTarget | undefined {
    return this.#routes.get(routeKey);
  }

  /**
   * The route for a message: the exact match, else `$default`, else undefined (the caller sends
   * the `Forbidden` frame). `$connect`/`$disconnect` are never selected by the expression.
   */
  select(body: string): RouteTarget | undefined {
    const key = evaluateSelectionExpression(this.#expression, body);
    const reserved = key === '$connect' || key === '$disconnect';
    const match = key !== undefined && !reserved ? this.#routes.get(key) : undefined;
    return match ?? this.#routes.get('$default');
  }
}
