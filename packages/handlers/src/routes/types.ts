/**
 * The shape every route shares: `(deps) => (ctx) => outcome`. Routes see parsed, typed input
 * and plain dependencies; the adapters deal with API Gateway and the SDK.
 */
import type { ClientMessage, ServerMessage } from '@switchboard/protocol';
import type { DeliveryReport, Notifier } from '../adapters/notifier.js';

/** A parsed client message and who sent it. */
export interface MessageContext<M extends ClientMessage = ClientMessage> {
  connectionId: string;
  /** From the authorizer context; `unknown` when the API has no authorizer. */
  userId: string;
  message: M;
  /** Epoch milliseconds the message was received. */
  nowMs: number;
  /** Posts a message to the caller right away (before the route's own reply). */
  post(message: ServerMessage): Promise<DeliveryReport>;
  /** The notifier of the caller's stage, for fan-out. */
  notifier(): Notifier;
}

/** What a message route did. */
export interface RouteOutcome {
  /**
   * The answer to the caller: the route response body on a two-way route, else posted through
   * the connection URL.
   */
  reply?: ServerMessage;
  /** @default 'ok' */
  outcome?: 'ok' | 'rejected' | 'error';
  /** Fan-out figures for the log line. */
  delivery?: DeliveryReport;
  /** A broadcast handed to the fan-out workflow, for the log line. */
  fanOut?: { executionArn: string; members: number; slices: number };
  /** An error the route handled (answered the client) but that the log should show. */
  cause?: unknown;
}

export type MessageRoute<M extends ClientMessage = ClientMessage> = (
  ctx: MessageContext<M>,
) => Promise<RouteOutcome>;

/** Routes of one function, by action. */
export type RouteTable = {
  [A in ClientMessage['action']]?: MessageRoute<Extract<ClientMessage, { action: A }>>;
};
