import { request } from 'node:https';
import type { GatewayAddress } from '../../src/index.js';

/** The status a GET of `path` gets on the gateway's HTTPS listener (the one functions reach). */
export function httpsStatus(address: GatewayAddress, path: string): Promise<number> {
  const [host, port] = address.domainName.split(':');
  return new Promise((resolve, reject) => {
    request({ host, port, path, ca: address.caCertificate, servername: 'localhost' }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });
}
