import { createGateway, type Gateway, type GatewayAddress } from '@switchboard/local-gateway';
import { referenceManifestPath, webDistDir } from './paths.js';

/** A running local gateway with the reference app and this page at `/`. */
export interface PageGateway {
  address: GatewayAddress;
  /** `http://127.0.0.1:<port>/` */
  pageUrl: string;
  logs: string[];
  close(): Promise<void>;
}

/** Starts the reference app behind the local gateway on 127.0.0.1, serving the built page. */
export async function startPageGateway(
  options: { port?: number; dataDir?: string } = {},
): Promise<PageGateway> {
  const logs: string[] = [];
  const gateway: Gateway = createGateway({
    manifest: referenceManifestPath,
    port: options.port ?? 0,
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    staticDir: webDistDir,
    log: (line) => logs.push(line),
  });
  const address = await gateway.listen();
  return {
    address,
    pageUrl: `http://${address.host}:${address.port}/`,
    logs,
    close: () => gateway.close(),
  };
}
