import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { type LoadedManifest, loadManifest } from '@switchboard/manifest';
import { WebSocketServer } from 'ws';
import { type Backends, startBackends } from './backends.js';
import type { GatewayContext, GatewayLimits } from './context.js';
import { GatewayError } from './errors.js';
import { handleRequest, isStageUpgrade } from './http/dispatch.js';
import { listenOn } from './http/listen.js';
import { createLocalCertificate, type LocalCertificate } from './http/tls.js';
import { defaults, type GatewayOptions, validateOptions } from './options.js';
import { RouteTable } from './routing/route-table.js';
import { ConnectionRegistry, closeCodes, closeConnection } from './ws/connection.js';
import { runSession } from './ws/session.js';
import { chosenProtocols, handleUpgrade } from './ws/upgrade.js';

/** Where a listening gateway can be reached. */
export interface GatewayAddress {
  /** `ws://<host>:<port>/<stage>` */
  webSocketUrl: string;
  /** `http://<host>:<port>/<stage>/@connections` */
  connectionUrl: string;
  /** The management API endpoint for SDK clients: `http://<host>:<port>/<stage>`. */
  connectionsEndpoint: string;
  host: string;
  port: number;
  stage: string;
  /**
   * What events carry as `requestContext.domainName`: host and port of the gateway's HTTPS
   * listener, so `https://${domainName}/${stage}` reaches the `@connections` API.
   */
  domainName: string;
  /** The HTTPS listener's self-signed certificate (PEM); functions trust it. */
  caCertificate: string;
  /** The variables every function got on top of its manifest `environment`. */
  functionEnvironment: Record<string, string>;
}

/** A local API Gateway WebSocket API; nothing listens until {@link Gateway.listen}. */
export interface Gateway {
  listen(): Promise<GatewayAddress>;
  /** Closes every client with 1001, runs `$disconnect` for each, then stops everything. */
  close(): Promise<void>;
}

// How long clients get to answer the close frame at shutdown before their socket is cut.
const CLOSE_GRACE_MS = 1000;

/**
 * Creates a local gateway for a manifest.
 * @example
 * const gateway = createGateway({ manifest: 'dist/manifest.json', port: 0 });
 * const { webSocketUrl } = await gateway.listen();
 * // ...
 * await gateway.close();
 */
export function createGateway(options: GatewayOptions): Gateway {
  validateOptions(options);
  const loaded: LoadedManifest =
    typeof options.manifest === 'string' ? loadManifest(options.manifest) : options.manifest;
  const stage = options.stage ?? defaults.stage;
  const host = options.host ?? defaults.host;
  let backends: Backends | undefined;
  const limits: GatewayLimits = {
    idleTimeoutMs: options.idleTimeoutMs ?? defaults.idleTimeoutMs,
    maxDurationMs: options.maxDurationMs ?? defaults.maxDurationMs,
    maxFrameBytes: defaults.maxFrameBytes,
    maxMessageBytes: defaults.maxMessageBytes,
    maxPostBytes: defaults.maxPostBytes,
    maxBufferedBytes: defaults.maxBufferedBytes,
    ...options.limits,
  };
  const ctx: GatewayContext = {
    api: {
      apiId: options.apiId ?? defaults.apiId,
      stage,
      domainName: host,
      region: options.region ?? defaults.region,
      accountId: defaults.accountId,
    },
    manifest: loaded.manifest,
    routes: new RouteTable(loaded.manifest),
    connections: new ConnectionRegistry(limits),
    limits,
    credentials: {
      accessKeyId: options.accessKeyId ?? defaults.accessKeyId,
      secretAccessKey: options.secretAccessKey ?? defaults.secretAccessKey,
    },
    chaosMaxDelayMs: options.chaosMaxDelayMs ?? 0,
    runtime: () => {
      if (!backends) throw new GatewayError('The gateway is not listening');
      return backends.runtime;
    },
    log: options.log ?? (() => {}),
  };

  const heartbeatIntervalMs = options.heartbeatIntervalMs ?? defaults.heartbeatIntervalMs;
  const wss = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    maxPayload: ctx.limits.maxMessageBytes,
    // API Gateway does not negotiate compression; frame sizes are then what the client sent.
    perMessageDeflate: false,
    // Never pick a subprotocol on our own: only the one $connect returned is echoed.
    handleProtocols: (_offered, req) => chosenProtocols.get(req) ?? false,
  });
  const pendingUpgrades = new Set<Duplex>();
  const sessions = new Set<Promise<void>>();
  let state: 'new' | 'starting' | 'ready' | 'closed' = 'new';

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    if (state !== 'ready') {
      res.writeHead(503).end();
      return;
    }
    handleRequest(ctx, options.staticDir, req, res).catch((error: unknown) => {
      ctx.log(`internal error on ${req.method} ${req.url}: ${(error as Error).message}`);
      if (!res.headersSent) res.writeHead(500).end();
    });
  };
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (state !== 'ready') {
      socket.destroy();
      return;
    }
    if (!isStageUpgrade(ctx, req, socket)) return;
    pendingUpgrades.add(socket);
    handleUpgrade(ctx, wss, req, socket, head, (connection, ws) => {
      const session = runSession(ctx, connection, ws, { heartbeatIntervalMs });
      sessions.add(session);
      void session.finally(() => sessions.delete(session));
    })
      .catch((error: unknown) => {
        ctx.log(`internal error during upgrade: ${(error as Error).message}`);
        socket.destroy();
      })
      .finally(() => pendingUpgrades.delete(socket));
  };
  const server = createServer(onRequest).on('upgrade', onUpgrade);
  // Created at listen(), once its certificate exists.
  let secure: { server: HttpsServer; certificate: LocalCertificate } | undefined;

  const stopServers = () =>
    Promise.all(
      [server, secure?.server].map(
        (s) => new Promise<void>((resolve) => (s ? s.close(() => resolve()) : resolve())),
      ),
    );

  return {
    async listen() {
      if (state !== 'new') throw new GatewayError('listen() may be called once');
      state = 'starting';
      // A wildcard listen address is not something a client can dial.
      const publicHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
      const authorityOf = (port: number) =>
        `${publicHost.includes(':') ? `[${publicHost}]` : publicHost}:${port}`;
      let port: number;
      let connectionsEndpoint: string;
      try {
        port = await listenOn(server, options.port ?? defaults.port, host);
        connectionsEndpoint = `http://${authorityOf(port)}/${stage}`;
        // Handlers written for AWS build `https://${domainName}/${stage}`: domainName names an
        // HTTPS listener serving the same API, with a certificate the functions trust.
        const certificate = await createLocalCertificate(publicHost);
        const httpsServer = createHttpsServer({ key: certificate.key, cert: certificate.cert }, onRequest);
        secure = { server: httpsServer.on('upgrade', onUpgrade), certificate };
        ctx.api.domainName = authorityOf(await listenOn(httpsServer, 0, host));
        backends = await startBackends(ctx, loaded, options, connectionsEndpoint, {
          NODE_EXTRA_CA_CERTS: certificate.certFile,
        });
      } catch (error) {
        state = 'closed';
        await stopServers();
        await secure?.certificate.remove();
        throw error;
      }
      state = 'ready';
      return {
        webSocketUrl: `ws://${authorityOf(port)}/${stage}`,
        connectionUrl: `${connectionsEndpoint}/@connections`,
        connectionsEndpoint,
        host: publicHost,
        port,
        stage,
        domainName: ctx.api.domainName,
        caCertificate: secure!.certificate.cert,
        functionEnvironment: backends.environment,
      };
    },

    async close() {
      if (state === 'closed') return;
      state = 'closed';
      const stopped = stopServers();
      for (const socket of pendingUpgrades) socket.destroy();
      for (const connection of ctx.connections.values()) closeConnection(connection, closeCodes.goingAway);
      const grace = setTimeout(() => {
        for (const connection of ctx.connections.values()) connection.socket?.terminate();
      }, CLOSE_GRACE_MS);
      await Promise.all([...sessions]);
      clearTimeout(grace);
      await backends?.close();
      server.closeAllConnections();
      secure?.server.closeAllConnections();
      await stopped;
      // Only now: a `$disconnect` run at shutdown may start an environment, which reads the
      // certificate file (NODE_EXTRA_CA_CERTS) during its init.
      await secure?.certificate.remove();
    },
  };
}
