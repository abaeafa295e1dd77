// Field schemas shared by client and server messages, each bounded by a limit in limits.ts.
import * as v from 'valibot';
import { errorCodeNames } from './error-codes.js';
import {
  ID_PATTERN,
  MAX_ERROR_MESSAGE_LENGTH,
  MAX_ID_LENGTH,
  MAX_REQUEST_ID_LENGTH,
  MAX_ROOM_NAME_LENGTH,
  MAX_TEXT_LENGTH,
  REQUEST_ID_PATTERN,
  ROOM_NAME_PATTERN,
} from './limits.js';

/** A room name: {@link ROOM_NAME_PATTERN}, 1 to {@link MAX_ROOM_NAME_LENGTH} characters. */
export const roomNameSchema = v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(MAX_ROOM_NAME_LENGTH),
  v.regex(ROOM_NAME_PATTERN, 'Invalid room name: use letters, digits, "_" and "-"'),
);

/** A client-chosen request id that replies echo. */
export const requestIdSchema = v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(MAX_REQUEST_ID_LENGTH),
  v.regex(REQUEST_ID_PATTERN, 'Invalid request id: use printable ASCII without spaces'),
);

/** A server-made id (message, job, user). */
export const idSchema = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_ID_LENGTH), v.regex(ID_PATTERN));

/** Chat text: 1 to {@link MAX_TEXT_LENGTH} UTF-16 code units. */
export const textSchema = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_TEXT_LENGTH));

/** One of the protocol's error codes. */
export const errorCodeSchema = v.picklist(errorCodeNames);

/** A bounded, human-readable error message. */
export const errorTextSchema = v.pipe(v.string(), v.maxLength(MAX_ERROR_MESSAGE_LENGTH));

/** Milliseconds since the Unix epoch. */
export const epochMsSchema = v.pipe(v.number(), v.integer(), v.minValue(0));
