import type { IncomingMessage } from 'node:http';

/** A request body read whole, up to a limit. */
export interface ReadBody {
  /** The bytes received; only the first `limitBytes` when `tooLarge`. */
  body: Buffer;
  /** More than `limitBytes` arrived. */
  tooLarge: boolean;
}

/**
 * Reads a request body, keeping at most `limitBytes`. Past the limit it keeps draining without
 * keeping bytes, so the caller can still answer (413) on a socket the client can reuse, and a
 * large body never grows the gateway's memory.
 */
export function readBody(req: IncomingMessage, limitBytes: number): Promise<ReadBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limitBytes) chunks.push(chunk);
    });
    // A small body arrives in one chunk: use it as it is rather than copy it.
    const body = () => (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
    req.on('end', () => resolve({ body: body(), tooLarge: size > limitBytes }));
    req.on('error', reject);
  });
}
