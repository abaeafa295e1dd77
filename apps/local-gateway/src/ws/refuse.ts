import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

// API Gateway's bodies for the statuses it makes up itself; a $connect status passes its own body.
const gatewayBodies: Record<number, string> = {
  400: '{"message":"Bad Request"}',
  401: '{"message":"Unauthorized"}',
  403: '{"message":"Forbidden"}',
  500: '{"message": "Internal server error"}',
  502: '{"message": "Internal server error"}',
};

/** Ends a pending WebSocket handshake with an HTTP status, as a refused upgrade does. */
export function refuseUpgrade(socket: Duplex, status: number, body?: string): void {
  if (socket.destroyed) return;
  const text = body ?? gatewayBodies[status] ?? '';
  const payload = Buffer.from(text);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Unknown'}\r\n` +
      'Connection: close\r\n' +
      'Content-Type: application/json\r\n' +
      `Content-Length: ${payload.length}\r\n\r\n${text}`,
  );
}
