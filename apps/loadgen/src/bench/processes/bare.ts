// Child process of the bench: the bare `ws` server (the ceiling), alone in its process like
// the gateway, so both are measured the same way.
import { startBareServer } from '../../bare/bare-server.js';
import { announce, stopOnSignal } from './announce.js';

const server = await startBareServer({ port: 0 });
announce({ webSocketUrl: server.url });
stopOnSignal(() => server.close());
