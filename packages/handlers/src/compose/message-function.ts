/**
 * A message function (protocol actions in, replies out) from its routes and, when they need any,
 * its clients. The direction comes from the function's line in `app-functions.ts`, so the
 * function's name is all that is given here. The routes are bound to their dependencies once per
 * environment, at the first call (so a bundle imports without configuration, and a missing
 * setting fails that call as it always did), never per call.
 */
import type { ClientAction, ClientMessageOf } from '@switchboard/protocol';
import { type AppFunctionName, isTwoWay } from '../app-functions.js';
import { createMessageHandler, type MessageHandler } from '../adapters/message-handler.js';
import type { NotifierFor } from '../deps/notifier.js';
import { once } from '../deps/util.js';
import { createLogger, type Logger } from '../log.js';
import type { MessageContext, MessageRoute, RouteOutcome, RouteTable } from '../routes/types.js';

/** A route before it is given its dependencies: `(deps) => (ctx) => outcome`. */
export type RouteFactory<A extends ClientAction = ClientAction> = (
  deps: never,
) => MessageRoute<ClientMessageOf<A>>;

/** The routes of one function, by action. */
export type RouteFactories = { readonly [A in ClientAction]?: RouteFactory<A> };

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void
  ? I
  : never;

/** What a function's routes need together: the intersection of each route's `deps`. */
export type DepsOf<R extends RouteFactories> = UnionToIntersection<
  { [A in keyof R]-?: R[A] extends (deps: infer D) => unknown ? D : never }[keyof R]
>;

/** The clients of a message function, built once per environment by its `src/compose/<name>.ts`. */
export interface MessageFunctionClients<D> {
  /** The routes' dependencies; called once, at the first invocation. */
  deps?: () => D;
  /**
   * The notifier for the caller's stage: a one-way function posts its replies through it. A
   * two-way function without one answers in the route response only.
   */
  notifierFor?: NotifierFor;
}

type Route = (ctx: MessageContext) => Promise<RouteOutcome>;

/**
 * @example
 * // What the bundler generates for `ping` (two-way, its route needs nothing):
 * export const handler = createMessageFunction('ping', { ping });
 * // For `rooms`, with the clients of `src/compose/rooms.ts`:
 * export const handler = createMessageFunction('rooms', { join, leave, send }, roomsClients(process.env));
 */
export function createMessageFunction<R extends RouteFactories>(
  name: AppFunctionName,
  factories: R,
  clients: MessageFunctionClients<DepsOf<R>> = {},
  logger: Logger = createLogger(),
): MessageHandler {
  const actions = Object.entries(factories) as Array<[string, (deps: DepsOf<R>) => Route]>;
  const bound = once(() => {
    const deps = clients.deps?.() ?? ({} as DepsOf<R>);
    return new Map(actions.map(([action, factory]) => [action, factory(deps)]));
  });
  const routes: Record<string, Route> = {};
  for (const [action] of actions) routes[action] = (ctx) => bound().get(action)!(ctx);
  const { notifierFor } = clients;
  return createMessageHandler({
    functionName: name,
    routes: routes as RouteTable,
    twoWay: isTwoWay(name),
    notifierFor: notifierFor
      ? (event) => notifierFor(event.requestContext)
      : () => {
          throw new Error(`${name} has no notifier: it is two-way and posts nothing`);
        },
    logger,
  });
}
