// Lambda entry point of `doWork`: clients and config are built here, once per cold start.
import { createDoWorkFunction } from '../compose/doWork.js';

export const handler = createDoWorkFunction(process.env);
