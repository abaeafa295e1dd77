/**
 * The reference application's functions as data, one line each: routes, two-way flag,
 * permissions, limits. `app-manifest.ts` turns this into the manifest; the bundler generates each
 * function's entry from it (custom route `x` is served by `src/routes/x.ts`); message functions
 * read `routeResponse` from here, so a route's direction is written once. No zod or SDK imports:
 * bundles import this file.
 */
import type { Permission } from '@switchboard/manifest/names';

export interface AppFunction {
  /** Route keys; none for the authorizer and workflow tasks. */
  routes?: readonly string[];
  routeResponse?: boolean;
  permissions: readonly Permission[];
  timeoutSeconds?: number;
  memoryMb?: number;
  environment?: Readonly<Record<string, string>>;
}

export const appFunctions = {
  /** REQUEST authorizer on `$connect`. Guests are let in (AUTH_MODE=optional): see README. */
  authorize: { permissions: [], timeoutSeconds: 5, environment: { AUTH_MODE: 'optional' } },
  connect: { routes: ['$connect'], permissions: ['table'], timeoutSeconds: 10 },
  disconnect: { routes: ['$disconnect'], permissions: ['table'], timeoutSeconds: 10 },
  /** Unknown actions and non-JSON frames: an `error` event back (and a gone caller removed). */
  default: { routes: ['$default'], permissions: ['table', 'connections'] },
  ping: { routes: ['ping'], routeResponse: true, permissions: [] },
  rooms: { routes: ['join', 'leave', 'send'], permissions: ['table', 'connections'], timeoutSeconds: 10 },
  submitJob: {
    routes: ['submitJob'],
    permissions: ['table', 'connections', 'startWorkflow'],
    timeoutSeconds: 10,
  },
  /** Workflow task: works up to the protocol's MAX_JOB_DURATION_MS (60 s), reporting progress. */
  doWork: { permissions: ['table', 'connections'], timeoutSeconds: 90 },
  getConnections: { permissions: ['table'], timeoutSeconds: 10 },
  notify: { permissions: ['table', 'connections'], timeoutSeconds: 30 },
} as const satisfies Record<string, AppFunction>;

export type AppFunctionName = keyof typeof appFunctions;

/** Every function name, in manifest order. */
export const appFunctionNames = Object.keys(appFunctions) as AppFunctionName[];

/** Whether a function answers in the route response. */
export function isTwoWay(name: AppFunctionName): boolean {
  return (appFunctions[name] as AppFunction).routeResponse === true;
}
