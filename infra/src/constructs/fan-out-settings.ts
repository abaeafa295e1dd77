import type { FunctionSpec } from '@switchboard/manifest';
import type { FanOutSettings } from '../config/environments.js';

/** The variables of {@link FanOutSettings}, as the reference app's functions read them. */
export const fanOutVariables = {
  roomShards: 'ROOM_SHARDS',
  threshold: 'FANOUT_THRESHOLD',
  ratePerSecond: 'FANOUT_RATE_PER_SECOND',
} as const satisfies Record<keyof FanOutSettings, string>;

/**
 * An environment's room-broadcast settings, over the values the manifest declares: a function
 * gets a variable here exactly when its manifest `environment` names it, so both worlds give
 * the same names (the local gateway the manifest's values) and N is one value per deployment
 * (a store built with another ROOM_SHARDS than the joins were written with would look in the
 * wrong partitions). The fan-out workflow itself (EXPRESS, its role, its alarms) comes from the
 * manifest like any state machine.
 * @example fanOutEnvironment(config.fanOut, manifest.functions.rooms) // { ROOM_SHARDS: '8', ... }
 */
export function fanOutEnvironment(
  settings: FanOutSettings,
  spec: Pick<FunctionSpec, 'environment'> | undefined,
): Record<string, string> {
  const { roomShards, threshold, ratePerSecond } = settings;
  if (!Number.isInteger(roomShards) || roomShards < 1 || roomShards > 100) {
    throw new RangeError(`fanOut.roomShards must be an integer from 1 to 100, got ${roomShards}`);
  }
  const variables = {
    [fanOutVariables.roomShards]: String(roomShards),
    [fanOutVariables.threshold]: String(threshold),
    [fanOutVariables.ratePerSecond]: String(ratePerSecond),
  };
  const declared = spec?.environment ?? {};
  return Object.fromEntries(Object.entries(variables).filter(([name]) => name in declared));
}
