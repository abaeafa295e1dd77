// Lambda entry point of `connect`: clients and config are built here, once per cold start.
import { createConnectFunction } from '../compose/connect.js';

export const handler = createConnectFunction(process.env);
