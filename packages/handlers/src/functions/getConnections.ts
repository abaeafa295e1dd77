// Lambda entry point of `getConnections`: clients and config are built here, once per cold start.
import { createGetConnectionsFunction } from '../compose/getConnections.js';

export const handler = createGetConnectionsFunction(process.env);
