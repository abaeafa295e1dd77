import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { type Backends, startBackends } from './backends.js';
import type { GatewayContext } from './context.js';
import { GatewayError } from './errors.js';
import { createConnectionsConditions } from './http/connections-conditions.js';
import { handleRequest } from './http/dispatch.js';
import { listenOn } from './http/listen.js';
import { createLocalCertificate, type LocalCertificate } from './http/tls.js';
import { INSPECTOR_PREFIX, type Inspector } from './inspect/inspector.js';
import { createObservation } from './inspect/observation.js';
import type { Recorder } from './inspect/recorder.js';
import { startLiveReload } from './live-reload.js';
import { type GatewayOptions, type ResolvedGatewayOptions, resolveOptions } from './options.js';
import { RouteTable } from './routing/route-table.js';
import type { BundleWatcher } from './runtime/index.js';
import { ConnectionRegistry, closeCodes, closeConnection } from './ws/connection.js';
import { runSession } from './ws/session.js';
import { createUpgradeHandler, type UpgradeHandler } from './ws/upgrade.js';

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
  /**
   * The HMAC secret of local tokens: functions get it through the manifest's
   * `environmentFrom: { X: 'localSigningSecret' }`; sign a user's token with `signLocalToken`.
   */
  signingSecret: string;
  /** `http://<host>:<port>/@inspector/`, when the inspector is on. */
  inspectorUrl?: string;
}

/** A local API Gateway WebSocket API; nothing listens until {@link Gateway.listen}. */
export interface Gateway {
  listen(): Promise<GatewayAddress>;
  /**
   * What the gateway records (connections, frames sent and received, invocations with event and
   * result) when the inspector or an access log is on; `@switchboard/local-gateway/testing` reads
   * it. It keeps frames and invocations once `keep()` is called (the inspector calls it when
   * opened), in rings of `inspectorFrames` and `inspectorInvocations`.
   */
  readonly recorder: Recorder | undefined;
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
  const config = resolveOptions(options);
  const { host, stage } = config;
  // A route selection expression API Gateway would refuse fails here, before anything listens.
  const routes = new RouteTable(config.loaded.manifest);
  const observation = createObservation(config);
  const connections = new ConnectionRegistry(config.limits, observation.observer);
  const sessions = new Set<Promise<void>>();
  // Built by listen(), once the domain name and the runtime they hold exist.
  let front: { ctx: GatewayContext; upgrades: UpgradeHandler; inspector?: Inspector } | undefined;
  let backends: Backends | undefined;
  // `watchBundles`: rebuilt bundles and a changed manifest apply without a restart.
  let reloader: BundleWatcher | undefined;
  let state: 'new' | 'starting' | 'ready' | 'closed' = 'new';

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    if (state !== 'ready' || !front) {
      res.writeHead(503).end();
      return;
    }
    const { ctx } = front;
    handleRequest(ctx, config.staticDir, req, res, front.inspector).catch((error: unknown) => {
      ctx.log(`internal error on ${req.method} ${req.url}: ${(error as Error).message}`);
      if (!res.headersSent) res.writeHead(500).end();
    });
  };
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (state !== 'ready' || !front) socket.destroy();
    else front.upgrades.handle(req, socket, head);
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
  const startFront = (domainName: string, started: Backends) => {
    const ctx = createContext(config, {
      routes,
      connections,
      domainName,
      runtime: started.runtime,
      observer: observation.observer,
      signingSecret: started.signingSecret,
    });
    const upgrades = createUpgradeHandler(ctx, (connection, ws) => {
      const session = runSession(ctx, connection, ws, { heartbeatIntervalMs: config.heartbeatIntervalMs });
      sessions.add(session);
      void session.finally(() => sessions.delete(session));
    });
    return { ctx, upgrades, inspector: observation.startInspector(ctx, started) };
  };

  return {
    recorder: observation.recorder,
    async listen() {
      if (state !== 'new') throw new GatewayError('listen() may be called once');
      state = 'starting';
      // A wildcard listen address is not something a client can dial.
      const publicHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
      const authorityOf = (port: number) =>
        `${publicHost.includes(':') ? `[${publicHost}]` : publicHost}:${port}`;
      let port: number;
      let connectionsEndpoint: string;
      let domainName: string;
      try {
        port = await listenOn(server, config.port, host);
        connectionsEndpoint = `http://${authorityOf(port)}/${stage}`;
        // Handlers written for AWS build `https://${domainName}/${stage}`: domainName names an
        // HTTPS listener serving the same API, with a certificate the functions trust.
        const certificate = await createLocalCertificate(publicHost);
        const httpsServer = createHttpsServer({ key: certificate.key, cert: certificate.cert }, onRequest);
        secure = { server: httpsServer.on('upgrade', onUpgrade), certificate };
        domainName = authorityOf(await listenOn(httpsServer, 0, host));
        backends = await startBackends(config, {
          connections,
          connectionsEndpoint,
          extraEnvironment: { NODE_EXTRA_CA_CERTS: certificate.certFile },
          observer: observation.observer,
        });
      } catch (error) {
        state = 'closed';
        await stopServers();
        await secure?.certificate.remove();
        throw error;
      }
      front = startFront(domainName, backends);
      if (config.watchBundles) {
        reloader = startLiveReload({
          loaded: config.loaded,
          ctx: front.ctx,
          runtime: backends.runtime,
          environmentOf: backends.environmentOf,
          log: config.log,
        });
      }
      state = 'ready';
      return {
        webSocketUrl: `ws://${authorityOf(port)}/${stage}`,
        connectionUrl: `${connectionsEndpoint}/@connections`,
        connectionsEndpoint,
        host: publicHost,
        port,
        stage,
        domainName,
        caCertificate: secure!.certificate.cert,
        functionEnvironment: backends.environment,
        signingSecret: backends.signingSecret,
        ...(front.inspector ? { inspectorUrl: `http://${authorityOf(port)}${INSPECTOR_PREFIX}/` } : {}),
      };
    },

    async close() {
      if (state === 'closed') return;
      state = 'closed';
      const stopped = stopServers();
      reloader?.close();
      front?.upgrades.abortPending();
      for (const connection of connections.values()) closeConnection(connection, closeCodes.goingAway);
      const grace = setTimeout(() => {
        for (const connection of connections.values()) connection.socket?.terminate();
      }, CLOSE_GRACE_MS);
      await Promise.all([...sessions]);
      clearTimeout(grace);
      await observation.close();
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

/** The context the front's parts share, from the resolved options and what listen() started. */
function createContext(
  config: ResolvedGatewayOptions,
  parts: Pick<GatewayContext, 'routes' | 'connections' | 'runtime' | 'observer' | 'signingSecret'> & {
    domainName: string;
  },
): GatewayContext {
  const { routes, connections, domainName, runtime, observer, signingSecret } = parts;
  return {
    api: {
      apiId: config.apiId,
      stage: config.stage,
      domainName,
      region: config.region,
      accountId: config.accountId,
    },
    manifest: config.loaded.manifest,
    routes,
    connections,
    limits: config.limits,
    credentials: config.credentials,
    chaosMaxDelayMs: config.chaosMaxDelayMs,
    connectionsConditions: createConnectionsConditions({
      latencyMs: config.connectionsLatencyMs,
      rateLimitPerSecond: config.connectionsRateLimit,
    }),
    runtime,
    log: config.log,
    observer,
    signingSecret,
  };
}
