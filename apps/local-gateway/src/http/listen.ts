import type { AddressInfo, Server } from 'node:net';
import { GatewayStartError } from '../errors.js';

/**
 * Listens on `host:port` and resolves with the port bound (the one picked when `port` is 0).
 * What the OS refuses becomes a {@link GatewayStartError} that says what to do, one line, since
 * `switchboard dev` prints it as it is: a second `pnpm dev` is the usual cause of a busy port.
 */
export function listenOn(server: Server, port: number, host: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => reject(explainListenError(error, port, host));
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** The user's view of a failed listen; errors this does not know are returned as they are. */
export function explainListenError(error: NodeJS.ErrnoException, port: number, host: string): Error {
  const options = { cause: error };
  switch (error.code) {
    case 'EADDRINUSE':
      return new GatewayStartError(
        `Port ${port} on ${host} is already in use, probably by another switchboard dev: ` +
          'stop that one, or pass --port 0 to pick a free port.',
        options,
      );
    case 'EACCES':
      return new GatewayStartError(
        `Port ${port} on ${host} needs privileges this user does not have: ` +
          'pass a port above 1023, or --port 0 to pick a free port.',
        options,
      );
    case 'EADDRNOTAVAIL':
      return new GatewayStartError(
        `--host ${host} is not an address of this machine: ` +
          'pass one it has, such as 127.0.0.1 (the default) or 0.0.0.0 for every interface.',
        options,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
      return new GatewayStartError(
        `--host ${host} does not resolve to an address: ` +
          'pass an address of this machine, such as 127.0.0.1 (the default) or 0.0.0.0 for every interface.',
        options,
      );
    default:
      return error;
  }
}
