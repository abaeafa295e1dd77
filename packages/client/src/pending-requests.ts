// Requests waiting for their reply, keyed by requestId, each with its own timeout.
import { type ClientAction, replyTypes, type ServerMessage } from '@switchboard/protocol';
import {
  ConnectionLostError,
  RequestTimeoutError,
  ServerError,
  type SwitchboardClientError,
} from './errors.js';

interface PendingRequest {
  action: ClientAction;
  resolve: (reply: ServerMessage) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
  /** Written to a socket; a reply can only come on that socket's connection. */
  sent: boolean;
}

export class PendingRequests {
  readonly #requests = new Map<string, PendingRequest>();

  get size(): number {
    return this.#requests.size;
  }

  /** Waits for the reply to `requestId`; rejects with a timeout after `timeoutMs`. */
  add(
    requestId: string,
    action: ClientAction,
    timeoutMs: number,
    resolve: (reply: ServerMessage) => void,
    reject: (error: Error) => void,
  ): void {
    const timer = setTimeout(() => {
      this.#requests.delete(requestId);
      reject(new RequestTimeoutError(action, requestId, timeoutMs));
    }, timeoutMs);
    this.#requests.set(requestId, { action, resolve, reject, timer, sent: false });
  }

  markSent(requestId: string): void {
    const request = this.#requests.get(requestId);
    if (request) request.sent = true;
  }

  /**
   * Settles the request a message answers: its reply type resolves it, an `error` rejects it;
   * other messages with the same requestId (job progress) leave it waiting.
   */
  settle(message: ServerMessage): void {
    const request = message.requestId === undefined ? undefined : this.#requests.get(message.requestId);
    if (!request || message.requestId === undefined) return;
    if (message.type === 'error') {
      this.#finish(message.requestId, request);
      request.reject(new ServerError(message.code, message.message, request.action, message.requestId));
    } else if (message.type === replyTypes[request.action]) {
      this.#finish(message.requestId, request);
      request.resolve(message);
    }
  }

  /** Rejects one request (it could not be queued). */
  reject(requestId: string, error: Error): void {
    const request = this.#requests.get(requestId);
    if (!request) return;
    this.#finish(requestId, request);
    request.reject(error);
  }

  /** The connection closed: replies to what was sent on it will never arrive. */
  rejectSent(detail: string): void {
    for (const [requestId, request] of this.#requests) {
      if (!request.sent) continue;
      this.#finish(requestId, request);
      request.reject(new ConnectionLostError(detail));
    }
  }

  rejectAll(error: SwitchboardClientError): void {
    for (const [requestId, request] of this.#requests) {
      this.#finish(requestId, request);
      request.reject(error);
    }
  }

  #finish(requestId: string, request: PendingRequest): void {
    clearTimeout(request.timer);
    this.#requests.delete(requestId);
  }
}
