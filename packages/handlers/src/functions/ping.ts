// Lambda entry point of `ping`: clients and config are built here, once per cold start.
import { createPingFunction } from '../compose/ping.js';

export const handler = createPingFunction(process.env);
