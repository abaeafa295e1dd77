import { Construct } from 'constructs';
import type { FanOutSettings } from '../config/environments.js';
import type { HandlerFunction } from './handler-function.js';

/** The variables of {@link FanOutSettings}, as the reference app's functions read them. */
export const fanOutVariables = {
  roomShards: 'ROOM_SHARDS',
  threshold: 'FANOUT_THRESHOLD',
  ratePerSecond: 'FANOUT_RATE_PER_SECOND',
} as const satisfies Record<keyof FanOutSettings, string>;

export interface FanOutSettingsProps {
  settings: FanOutSettings;
  functions: Iterable<HandlerFunction>;
}

/**
 * An environment's room-broadcast settings on every function. Every function, not only the
 * ones that read them today: a store built with another ROOM_SHARDS than the joins were written
 * with would look in the wrong partitions, so N is one value per deployment. The fan-out
 * workflow itself (EXPRESS, its role, its alarms) comes from the manifest like any state machine.
 */
export class FanOutEnvironment extends Construct {
  readonly variables: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: FanOutSettingsProps) {
    super(scope, id);
    const { roomShards, threshold, ratePerSecond } = props.settings;
    if (!Number.isInteger(roomShards) || roomShards < 1 || roomShards > 100) {
      throw new RangeError(`fanOut.roomShards must be an integer from 1 to 100, got ${roomShards}`);
    }
    this.variables = {
      [fanOutVariables.roomShards]: String(roomShards),
      [fanOutVariables.threshold]: String(threshold),
      [fanOutVariables.ratePerSecond]: String(ratePerSecond),
    };
    for (const fn of props.functions) {
      for (const [name, value] of Object.entries(this.variables)) fn.addEnvironment(name, value);
    }
  }
}
