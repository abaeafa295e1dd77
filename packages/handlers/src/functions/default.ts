// Lambda entry point of `default`: clients and config are built here, once per cold start.
import { createDefaultFunction } from '../compose/default.js';

export const handler = createDefaultFunction(process.env);
