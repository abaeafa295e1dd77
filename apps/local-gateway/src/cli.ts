#!/usr/bin/env node
/**
 * `switchboard`: re-runs itself under the gateway's V8 flags (same pid, see node-flags.ts)
 * before it loads anything else, then runs the command in cli-main.ts.
 */
import { relaunchWithGatewayFlags } from './node-flags.js';

relaunchWithGatewayFlags();
await import('./cli-main.js');
