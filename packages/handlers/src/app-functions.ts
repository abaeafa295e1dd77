/**
 * The reference application's functions as data, one line each: routes, two-way flag,
 * permissions, limits. `app-manifest.ts` turns this into the manifest; the bundler generates each
 * function's entry from it (custom route `x` is served by `src/routes/x.ts`); message functions
 * read `routeResponse` from here, so a route's direction is written once. No zod or SDK imports:
 * bundles import this file.
 */
import { authEnv, type Permission, type ValueSource } from '@switchboard/manifest/names';

export interface AppFunction {
  /** Route keys; none for the authorizer and workflow tasks. */
  routes?: readonly string[];
  routeResponse?: boolean;
  permissions: readonly Permission[];
  timeoutSeconds?: number;
  memoryMb?: number;
  environment?: Readonly<Record<string, string>>;
  /** Variables the world supplies (`@switchboard/manifest`'s `environmentFrom`). */
  environmentFrom?: Readonly<Record<string, ValueSource>>;
}

/**
 * Every function that opens the store reads its rooms with the same `ROOM_SHARDS` (a join and a
 * send must look in the same partitions). Declared here, so both worlds give it; infra sets each
 * environment's value over it (`fanOut.roomShards` in infra's environments table).
 */
const store = { ROOM_SHARDS: '8' } as const;

export const appFunctions = {
  /** REQUEST authorizer on `$connect`. Guests are let in (AUTH_MODE=optional): see README. */
  // Locally the authorizer verifies with the gateway's signing secret, so `switchboard token`
  // tokens get in; deployed, infra leaves JWT_SECRET unset (JWKS_URL from the stage's settings).
  authorize: {
    permissions: [],
    timeoutSeconds: 5,
    environment: { [authEnv.mode]: 'optional' },
    environmentFrom: { [authEnv.secret]: 'localSigningSecret' },
  },
  connect: { routes: ['$connect'], permissions: ['table'], timeoutSeconds: 10, environment: store },
  disconnect: { routes: ['$disconnect'], permissions: ['table'], timeoutSeconds: 10, environment: store },
  /** Unknown actions and non-JSON frames: an `error` event back (and a gone caller removed). */
  default: { routes: ['$default'], permissions: ['table', 'connections'], environment: store },
  ping: { routes: ['ping'], routeResponse: true, permissions: [] },
  /** `send` to a room of FANOUT_THRESHOLD members or more starts the fanOut workflow. */
  rooms: {
    routes: ['join', 'leave', 'send'],
    permissions: ['table', 'connections', 'startWorkflow'],
    timeoutSeconds: 10,
    // Rooms of FANOUT_THRESHOLD members or more fan out, at FANOUT_RATE_PER_SECOND (docs/fan-out.md).
    environment: { ...store, FANOUT_THRESHOLD: '250', FANOUT_RATE_PER_SECOND: '5000' },
  },
  submitJob: {
    routes: ['submitJob'],
    permissions: ['table', 'connections', 'startWorkflow'],
    timeoutSeconds: 10,
    environment: store,
  },
  /** Workflow task: works up to the protocol's MAX_JOB_DURATION_MS (60 s), reporting progress. */
  doWork: { permissions: ['table', 'connections'], timeoutSeconds: 90, environment: store },
  getConnections: { permissions: ['table'], timeoutSeconds: 10, environment: store },
  notify: { permissions: ['table', 'connections'], timeoutSeconds: 30, environment: store },
  /** Fan-out workflow task: one shard of a big room's broadcast, paced (see docs/fan-out.md). */
  fanOut: { permissions: ['table', 'connections'], timeoutSeconds: 120, memoryMb: 512, environment: store },
} as const satisfies Record<string, AppFunction>;

export type AppFunctionName = keyof typeof appFunctions;

/** Every function name, in manifest order. */
export const appFunctionNames = Object.keys(appFunctions) as AppFunctionName[];

/** Whether a function answers in the route response. */
export function isTwoWay(name: AppFunctionName): boolean {
  return (appFunctions[name] as AppFunction).routeResponse === true;
}
