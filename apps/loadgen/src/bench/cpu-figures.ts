// "Where the time goes" as figures: CPU per unit of work (a round trip, a connect) of the server,
// in total and by thread group, and of the load client, which shares the same cores.
import { addFigure, type BenchContext } from './context.js';
import { type CpuPerUnit, type ThreadGroup, totalOf } from './thread-cpu.js';

const groupLabels: Record<ThreadGroup, string> = {
  main: 'gateway main thread',
  functions: 'function environments',
  dynalite: 'dynalite thread',
  v8: 'V8 helper threads (GC)',
  other: 'other threads',
};

/** The labels the gateway's lines and the bare server's ceiling lines share. */
export const cpuLabels = {
  total: (unit: string) => `server CPU per ${unit}, all threads`,
  client: (unit: string) => `load client CPU per ${unit}`,
};

export interface CpuFigureOptions {
  scenario: string;
  /** Figure ids start with it: `twoWay` gives `twoWay.cpu`, `twoWay.cpu.main`... */
  idPrefix: string;
  /** `round trip`, `connect`. */
  unit: string;
  /** Groups to show one by one, besides the total. */
  groups: readonly ThreadGroup[];
  /** Ceiling ids of the same total and client figures on the bare server. */
  ceiling?: { total: string; client: string };
}

/** Adds the total, the chosen groups and the client, each a median over the runs. */
export function addCpuFigures(ctx: BenchContext, runs: CpuPerUnit[], options: CpuFigureOptions): void {
  const { scenario, idPrefix, unit } = options;
  const figure = (id: string, label: string) => ({ id: `${idPrefix}.${id}`, scenario, label, unit: 'µs' });
  const measured = (pick: (run: CpuPerUnit) => number) => ({ values: runs.map(pick), notes: [] });
  addFigure(
    ctx,
    figure('cpu', cpuLabels.total(unit)),
    measured((r) => totalOf(r.server)),
    {
      ceilingId: options.ceiling?.total,
    },
  );
  for (const group of options.groups) {
    addFigure(
      ctx,
      figure(`cpu.${group}`, `  of which ${groupLabels[group]}`),
      measured((r) => r.server[group]),
    );
  }
  addFigure(
    ctx,
    figure('cpu.client', cpuLabels.client(unit)),
    measured((r) => r.client),
    {
      ceilingId: options.ceiling?.client,
    },
  );
}
