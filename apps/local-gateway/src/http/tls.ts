import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';

/** A self-signed certificate for the gateway's HTTPS listener, and the file functions trust. */
export interface LocalCertificate {
  key: string;
  cert: string;
  /** PEM file of `cert`, given to functions as `NODE_EXTRA_CA_CERTS`. */
  certFile: string;
  /** Deletes the certificate file. */
  remove(): Promise<void>;
}

/**
 * Generates a short-lived self-signed certificate for `host`, `localhost` and `127.0.0.1`
 * (an EC key: milliseconds, not the seconds an RSA key takes), and writes it to a temp file.
 */
export async function createLocalCertificate(host: string): Promise<LocalCertificate> {
  const names = new Set([host, 'localhost', '127.0.0.1']);
  const altNames = [...names].map((name) =>
    isIP(name) ? { type: 7 as const, ip: name } : { type: 2 as const, value: name },
  );
  const now = Date.now();
  const pems = await generate([{ name: 'commonName', value: 'Switchboard local gateway' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now - 60_000),
    notAfterDate: new Date(now + 30 * 24 * 3600_000),
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  });
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-tls-'));
  const certFile = join(dir, 'gateway-ca.pem');
  await writeFile(certFile, pems.cert);
  return {
    key: pems.private,
    cert: pems.cert,
    certFile,
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
