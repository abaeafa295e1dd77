/**
 * Configuration from the environment, read and validated once per cold start. Each reader takes
 * what it needs, so a function that never touches the table does not demand `TABLE_NAME`.
 */
import { ConfigError } from './errors.js';
import { authEnv, injectedEnv } from '@switchboard/manifest/names';

export type Env = Readonly<Record<string, string | undefined>>;

/** `optional`: callers without a token get a guest id. `required`: they are refused (401). */
export type AuthMode = 'optional' | 'required';

export interface AuthConfig {
  /** @default 'required' (fail closed; the reference manifest sets `optional` explicitly) */
  mode: AuthMode;
  /** `JWT_SECRET`: an HMAC secret (HS256/384/512). */
  secret?: string;
  /** `JWKS_URL`: a JSON Web Key Set for asymmetric tokens (RS*, ES*, EdDSA). */
  jwksUrl?: string;
  /** `JWT_ISSUER`: the `iss` every token must carry, when set. */
  issuer?: string;
  /** `JWT_AUDIENCE`: the `aud` every token must carry, when set. */
  audience?: string;
}

export function readAuthConfig(env: Env): AuthConfig {
  const mode = env[authEnv.mode] ?? 'required';
  if (mode !== 'optional' && mode !== 'required') {
    throw new ConfigError(authEnv.mode, `expected "optional" or "required", got "${mode}"`);
  }
  const config: AuthConfig = { mode };
  const secret = env[authEnv.secret];
  if (secret) config.secret = secret;
  const jwksUrl = env[authEnv.jwksUrl];
  if (jwksUrl) {
    try {
      new URL(jwksUrl);
    } catch {
      throw new ConfigError(authEnv.jwksUrl, `not a URL: "${jwksUrl}"`);
    }
    config.jwksUrl = jwksUrl;
  }
  const issuer = env[authEnv.issuer];
  if (issuer) config.issuer = issuer;
  const audience = env[authEnv.audience];
  if (audience) config.audience = audience;
  return config;
}

/** The connection table's name (`TABLE_NAME`, injected by infra and the local gateway). */
export function readTableName(env: Env): string {
  return required(env, injectedEnv.tableName);
}

/** ARN of the notify state machine (`STATE_MACHINE_ARN_NOTIFY`). */
export function readNotifyStateMachineArn(env: Env): string {
  return required(env, injectedEnv.stateMachineArnOf('notify'));
}

export interface JobConfig {
  /** `JOB_DEFAULT_DURATION_MS`: how long a job works when its input names no duration. @default 2000 */
  defaultDurationMs: number;
  /** `JOB_PROGRESS_STEPS`: how many `jobProgress` events a job reports. @default 4 */
  progressSteps: number;
}

export function readJobConfig(env: Env): JobConfig {
  return {
    defaultDurationMs: integer(env, 'JOB_DEFAULT_DURATION_MS', 2000, 0, 60_000),
    progressSteps: integer(env, 'JOB_PROGRESS_STEPS', 4, 1, 100),
  };
}

/** `FANOUT_CONCURRENCY`: PostToConnection calls in flight per invocation. @default 16 */
export function readFanOutConcurrency(env: Env): number {
  return integer(env, 'FANOUT_CONCURRENCY', 16, 1, 256);
}

/**
 * `ROOM_SHARDS`: partitions per room in the store. Every function of a deployment must read the
 * same N (infra sets it on all of them from the environment's config), or a join and a send
 * would look in different partitions. The default and the bound are the store's own
 * (`DEFAULT_ROOM_SHARDS`, 8, and `MAX_ROOM_SHARDS`), given by the caller that opens the store,
 * so this file (in every bundle, the authorizer's too) does not import the store.
 */
export function readRoomShards(env: Env, store: { fallback: number; max: number }): number {
  return integer(env, 'ROOM_SHARDS', store.fallback, 1, store.max);
}

export interface FanOutConfig {
  /**
   * `FANOUT_THRESHOLD`: a room with at least this many members (by its count) is broadcast
   * through the fan-out workflow; below it `send` posts directly. 0 turns the workflow off.
   * @default 250
   */
  threshold: number;
  /**
   * `FANOUT_RATE_PER_SECOND`: posts per second one broadcast may make, over all its slices; the
   * account's `@connections` throttle (10,000 a second) is shared with every other caller.
   * @default 5000
   */
  ratePerSecond: number;
}

export function readFanOutConfig(env: Env): FanOutConfig {
  return {
    threshold: integer(env, 'FANOUT_THRESHOLD', 250, 0, 10_000_000),
    ratePerSecond: integer(env, 'FANOUT_RATE_PER_SECOND', 5000, 1, 1_000_000),
  };
}

/** `FANOUT_WORKER_CONCURRENCY`: posts in flight in one fan-out task. @default 32 */
export function readFanOutWorkerConcurrency(env: Env): number {
  return integer(env, 'FANOUT_WORKER_CONCURRENCY', 32, 1, 512);
}

/**
 * `FANOUT_POST_ATTEMPTS`: attempts per member on 429 or a server fault before the slice fails
 * (and Step Functions runs it again). @default 8
 */
export function readFanOutPostAttempts(env: Env): number {
  return integer(env, 'FANOUT_POST_ATTEMPTS', 8, 1, 20);
}

/** ARN of the fan-out state machine (`STATE_MACHINE_ARN_FAN_OUT`). */
export function readFanOutStateMachineArn(env: Env): string {
  return required(env, injectedEnv.stateMachineArnOf('fanOut'));
}

function required(env: Env, name: string): string {
  const value = env[name];
  if (!value) throw new ConfigError(name, 'is not set');
  return value;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(name, `expected an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}
