import type { Manifest } from '@switchboard/manifest';
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
  /** The deployed functions, by manifest name. */
  functions: ReadonlyMap<string, HandlerFunction>;
  manifest: Pick<Manifest, 'functions'>;
}

/**
 * An environment's room-broadcast settings, over the values the manifest declares: a function
 * gets a variable here exactly when its manifest `environment` names it, so both worlds give
 * the same names (the local gateway the manifest's values) and N is one value per deployment
 * (a store built with another ROOM_SHARDS than the joins were written with would look in the
 * wrong partitions). The fan-out workflow itself (EXPRESS, its role, its alarms) comes from the
 * manifest like any state machine.
 */
export class FanOutEnvironment extends Construct {
  constructor(scope: Construct, id: string, props: FanOutSettingsProps) {
    super(scope, id);
    const { roomShards, threshold, ratePerSecond } = props.settings;
    if (!Number.isInteger(roomShards) || roomShards < 1 || roomShards > 100) {
      throw new RangeError(`fanOut.roomShards must be an integer from 1 to 100, got ${roomShards}`);
    }
    const variables = {
      [fanOutVariables.roomShards]: String(roomShards),
      [fanOutVariables.threshold]: String(threshold),
      [fanOutVariables.ratePerSecond]: String(ratePerSecond),
    };
    for (const [functionName, fn] of props.functions) {
      const declared = props.manifest.functions[functionName]?.environment ?? {};
      for (const [name, value] of Object.entries(variables)) {
        if (name in declared) fn.addEnvironment(name, value);
      }
    }
  }
}
