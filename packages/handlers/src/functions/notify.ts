// Lambda entry point of `notify`: clients and config are built here, once per cold start.
import { createNotifyFunction } from '../compose/notify.js';

export const handler = createNotifyFunction(process.env);
