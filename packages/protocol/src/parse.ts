/**
 * Parsing at the edge: raw text in, a result out, never a throw. Invalid JSON, an unknown
 * action (or type) and an invalid payload are distinct codes; the last names the field.
 */
import * as v from 'valibot';
import { type ClientMessage, clientMessageSchemas, isClientAction } from './client-messages.js';
import type { ErrorCode } from './error-codes.js';
import { requestIdSchema } from './fields.js';
import { MAX_CLIENT_MESSAGE_BYTES, MAX_SERVER_MESSAGE_BYTES } from './limits.js';
import { isServerMessageType, type ServerMessage, serverMessageSchemas } from './server-messages.js';

/** Why a message was refused. */
export interface ParseFailure<C extends ErrorCode = ParseErrorCode> {
  code: C;
  /** For humans; includes the field path for `invalid_payload`. */
  message: string;
  /** Dotted path of the offending field (`input.text`), for `invalid_payload` and unknown names. */
  path?: string;
  /** The message's requestId, when it had a valid one, so that the error reply can echo it. */
  requestId?: string;
}

/** The outcome of a parse: `ok` narrows to the value or the failure. */
export type ParseResult<T, C extends ErrorCode = ParseErrorCode> =
  | { ok: true; value: T }
  | { ok: false; error: ParseFailure<C> };

/** Failure codes of {@link parseClientMessage}. */
export type ClientParseErrorCode =
  | 'invalid_json'
  | 'message_too_large'
  | 'unknown_action'
  | 'invalid_payload';
/** Failure codes of {@link parseServerMessage}. */
export type ServerParseErrorCode = 'invalid_json' | 'message_too_large' | 'unknown_type' | 'invalid_payload';
export type ParseErrorCode = ClientParseErrorCode | ServerParseErrorCode;

/**
 * Parses a client message (an API Gateway `event.body`).
 * @example
 * const parsed = parseClientMessage(event.body ?? '');
 * if (!parsed.ok) return reply(toErrorMessage(parsed.error));
 * if (parsed.value.action === 'join') join(parsed.value.room);
 */
export function parseClientMessage(raw: string): ParseResult<ClientMessage, ClientParseErrorCode> {
  const decoded = decodeJson(raw, MAX_CLIENT_MESSAGE_BYTES);
  return decoded.ok ? checkClientMessage(decoded.value) : decoded;
}

/** Validates an already decoded client message; see {@link parseClientMessage}. */
export function checkClientMessage(value: unknown): ParseResult<ClientMessage, ClientParseErrorCode> {
  return checkMessage(value, 'action', isClientAction, clientMessageSchemas, 'unknown_action');
}

/**
 * Parses a server message (a WebSocket frame received by a client).
 * @example
 * const parsed = parseServerMessage(event.data);
 * if (parsed.ok && parsed.value.type === 'message') show(parsed.value.text);
 */
export function parseServerMessage(raw: string): ParseResult<ServerMessage, ServerParseErrorCode> {
  const decoded = decodeJson(raw, MAX_SERVER_MESSAGE_BYTES);
  return decoded.ok ? checkServerMessage(decoded.value) : decoded;
}

/** Validates an already decoded server message; see {@link parseServerMessage}. */
export function checkServerMessage(value: unknown): ParseResult<ServerMessage, ServerParseErrorCode> {
  return checkMessage(value, 'type', isServerMessageType, serverMessageSchemas, 'unknown_type');
}

// One check for both directions: the discriminator picks the schema, so a failure names the
// unknown name or the field of the message it was meant to be.
function checkMessage<T, N extends string, U extends 'unknown_action' | 'unknown_type'>(
  value: unknown,
  key: 'action' | 'type',
  isName: (name: unknown) => name is N,
  schemas: Record<N, v.GenericSchema>,
  unknownCode: U,
): ParseResult<T, U | 'invalid_payload'> {
  if (!isRecord(value)) return fail('invalid_payload', 'Expected a JSON object', undefined, '');
  const name = value[key];
  if (!isName(name)) {
    const message = name === undefined ? `Missing "${key}"` : `Unknown ${key} ${describe(name)}`;
    return fail(unknownCode, message, requestIdOf(value), key);
  }
  const result = v.safeParse(schemas[name], value);
  // The requestId is only looked at on failure: a valid message's schema checks it already.
  if (!result.success) return payloadFailure(result.issues[0], requestIdOf(value));
  return { ok: true, value: result.output as T };
}

// Encodes once; only used for strings near the limit.
const utf8 = new TextEncoder();

function decodeJson(
  raw: string,
  maxBytes: number,
): { ok: true; value: unknown } | { ok: false; error: ParseFailure<'invalid_json' | 'message_too_large'> } {
  if (typeof raw !== 'string') return fail('invalid_json', `Expected text, received ${typeof raw}`);
  // A UTF-16 code unit is 1 to 3 UTF-8 bytes: only strings near the limit need encoding.
  const tooLarge = raw.length > maxBytes || (raw.length * 3 > maxBytes && utf8.encode(raw).length > maxBytes);
  if (tooLarge) return fail('message_too_large', `Message is over ${maxBytes} bytes`);
  try {
    return { ok: true, value: JSON.parse(raw) };
  } catch (error) {
    return fail('invalid_json', `Invalid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function payloadFailure(issue: v.BaseIssue<unknown>, requestId: string | undefined) {
  const path = v.getDotPath(issue) ?? '';
  const message = path ? `Invalid ${path}: ${issue.message}` : issue.message;
  return fail('invalid_payload', message, requestId, path);
}

function fail<C extends ErrorCode>(
  code: C,
  message: string,
  requestId?: string,
  path?: string,
): { ok: false; error: ParseFailure<C> } {
  const error: ParseFailure<C> = { code, message };
  if (path !== undefined) error.path = path;
  if (requestId !== undefined) error.requestId = requestId;
  return { ok: false, error };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requestIdOf(value: Record<string, unknown>): string | undefined {
  return v.is(requestIdSchema, value.requestId) ? value.requestId : undefined;
}

// Names what was received without echoing an unbounded string back.
function describe(value: unknown): string {
  if (typeof value !== 'string') return `of type ${value === null ? 'null' : typeof value}`;
  return JSON.stringify(value.length > 64 ? `${value.slice(0, 64)}...` : value);
}
