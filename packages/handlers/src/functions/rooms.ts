// Lambda entry point of `rooms`: clients and config are built here, once per cold start.
import { createRoomsFunction } from '../compose/rooms.js';

export const handler = createRoomsFunction(process.env);
