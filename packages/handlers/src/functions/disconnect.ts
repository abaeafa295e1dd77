// Lambda entry point of `disconnect`: clients and config are built here, once per cold start.
import { createDisconnectFunction } from '../compose/disconnect.js';

export const handler = createDisconnectFunction(process.env);
