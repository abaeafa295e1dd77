// Where a server process spends its CPU, by thread, from /proc/<pid>/task/*/stat: the gateway's
// main thread, its function environments (threads named `fn:<function>`), dynalite, and V8's
// helper threads (concurrent GC and compilation, shared by every isolate of the process).
import { readdirSync, readFileSync } from 'node:fs';

export const threadGroups = ['main', 'functions', 'dynalite', 'v8', 'other'] as const;
export type ThreadGroup = (typeof threadGroups)[number];
/** CPU time (user + system) per group, in ms, or per unit of work, in µs. */
export type GroupCpu = Record<ThreadGroup, number>;

/** Which group a thread belongs to, by its id and its name (`comm`, 15 characters at most). */
export function groupOf(tid: number, pid: number, name: string): ThreadGroup {
  if (tid === pid) return 'main';
  if (name.startsWith('fn:')) return 'functions';
  if (name === 'dynalite') return 'dynalite';
  if (name === 'V8Worker' || name === 'DelayedTaskSche') return 'v8';
  return 'other';
}

const emptyGroups = (): GroupCpu => ({ main: 0, functions: 0, dynalite: 0, v8: 0, other: 0 });

/**
 * CPU used so far by each group of threads of `pid`. Threads that have exited are no longer
 * counted, so a delta over a window in which environments were reclaimed comes out low.
 */
export function readGroupCpuMs(pid: number): GroupCpu {
  const groups = emptyGroups();
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return groups;
  }
  for (const tid of tids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    } catch {
      continue; // exited between the listing and the read
    }
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, in clock ticks of 10 ms (USER_HZ is 100 on Linux)
    groups[groupOf(Number(tid), pid, name)] += (Number(fields[11]) + Number(fields[12])) * 10;
  }
  return groups;
}

/** µs per unit of work for each group, from two readings in ms. */
export function perUnitMicros(before: GroupCpu, after: GroupCpu, units: number): GroupCpu {
  const result = emptyGroups();
  if (units <= 0) return result;
  for (const group of threadGroups) result[group] = ((after[group] - before[group]) * 1000) / units;
  return result;
}

/** The sum of every group. */
export const totalOf = (cpu: GroupCpu): number => threadGroups.reduce((sum, g) => sum + cpu[g], 0);

/** CPU per unit of work, of the server (by group) and of this process (the load client). */
export interface CpuPerUnit {
  server: GroupCpu;
  client: number;
}

/**
 * Starts counting CPU, of the server `pid` and of this process; `end(units)` divides what was
 * spent since by the units of work done (round trips, connects).
 */
export function cpuWindow(pid: number): { end(units: number): CpuPerUnit } {
  const before = readGroupCpuMs(pid);
  const clientBefore = process.cpuUsage();
  return {
    end(units) {
      const client = process.cpuUsage(clientBefore);
      return {
        server: perUnitMicros(before, readGroupCpuMs(pid), units),
        client: units > 0 ? (client.user + client.system) / units : 0,
      };
    },
  };
}
