import { isIP } from 'node:net';

/**
 * Whether a listen address only this machine can reach: 127.0.0.0/8, ::1, `localhost`. The
 * inspector can post to and close any connection, so it is off on any other address unless
 * asked for (`--inspector`).
 */
export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost' || host === '::1') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return /^::ffff:127\./i.test(host);
}
