// Lambda entry point of `authorize`: clients and config are built here, once per cold start.
import { createAuthorizeFunction } from '../compose/authorize.js';

export const handler = createAuthorizeFunction(process.env);
