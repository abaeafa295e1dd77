// Lambda entry point of `submitJob`: clients and config are built here, once per cold start.
import { createSubmitJobFunction } from '../compose/submitJob.js';

export const handler = createSubmitJobFunction(process.env);
