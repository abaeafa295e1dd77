// dynalite ships no types; this is the part the gateway uses.
declare module 'dynalite' {
  import type { Server } from 'node:http';
  interface DynaliteOptions {
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
    /** LevelDB folder; in memory when absent. */
    path?: string;
  }
  export default function dynalite(options?: DynaliteOptions): Server;
}
