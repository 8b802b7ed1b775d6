/**
 * Where the CPU time goes during a bench phase (Linux /proc only): CPU seconds used by the API
 * server, the worker, the worker's Chromium (by process type), the PostgreSQL backends serving
 * the API or the worker (matched by their client port to the sockets each process holds), the
 * bench itself (autocannon) and everything else on the machine (other people's work on a shared
 * one). Sampled at the start and end of a phase; a process that ended in between is not counted.
 */
import fs from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

interface Proc {
  pid: number;
  ppid: number;
  ticks: number;
  cmd: string;
}

function readProcs(): Map<number, Proc> {
  const out = new Map<number, Proc>();
  let pids: string[] = [];
  try {
    pids = fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return out;
  }
  for (const p of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmd = fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').replace(/\0/g, ' ').slice(0, 300);
      out.set(Number(p), { pid: Number(p), ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]), cmd });
    } catch {
      // ended meanwhile
    }
  }
  return out;
}

function descendants(procs: Map<number, Proc>, root: number): Set<number> {
  const set = new Set<number>([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of procs.values()) {
      if (!set.has(p.pid) && set.has(p.ppid)) {
        set.add(p.pid);
        grew = true;
      }
    }
  }
  return set;
}

/** Local TCP ports of the sockets a process holds open. */
function portsOf(pid: number): Set<number> {
  const inodes = new Set<string>();
  try {
    for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
      const link = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
      const m = /^socket:\[(\d+)\]$/.exec(link);
      if (m) inodes.add(m[1] as string);
    }
  } catch {
    return new Set();
  }
  const ports = new Set<number>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = fs.readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length > 9 && inodes.has(cols[9] as string)) {
        ports.add(Number.parseInt((cols[1] as string).split(':')[1] as string, 16));
      }
    }
  }
  return ports;
}

export interface CpuRoles {
  api: number;
  worker?: number;
  postmaster: number;
}

type Sample = { at: number; ticks: Map<number, { ticks: number; role: string }>; busy: number; steal: number };

/** Machine-wide busy and steal ticks (/proc/stat): busy includes processes that ended meanwhile;
 * steal is time the hypervisor gave this VM's CPUs to others. */
function machineTicks(): { busy: number; steal: number } {
  try {
    const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = f;
    return { busy: user + nice + system + irq + softirq, steal };
  } catch {
    return { busy: 0, steal: 0 };
  }
}

function chromiumType(cmd: string): string {
  const t = /--type=([a-z-]+)/.exec(cmd)?.[1];
  const sub = /--utility-sub-type=[a-z.]*\.([A-Za-z]+)/.exec(cmd)?.[1];
  return `chromium ${t ? (sub ? `${t} ${sub}` : t) : 'browser'}`;
}

export function sampleCpu(roles: CpuRoles): Sample {
  const procs = readProcs();
  const pg = descendants(procs, roles.postmaster);
  const worker = roles.worker ? descendants(procs, roles.worker) : new Set<number>();
  const api = descendants(procs, roles.api);
  const bench = process.pid;
  const apiPorts = portsOf(roles.api);
  const workerPorts = roles.worker ? portsOf(roles.worker) : new Set<number>();
  const ticks = new Map<number, { ticks: number; role: string }>();
  for (const p of procs.values()) {
    let role = 'other processes on the machine';
    if (p.pid === bench) role = 'bench (autocannon)';
    else if (api.has(p.pid)) role = 'api server';
    else if (p.pid === roles.worker) role = 'worker (node)';
    else if (worker.has(p.pid)) role = /chromium/.test(p.cmd) ? chromiumType(p.cmd) : 'worker (other)';
    else if (pg.has(p.pid)) {
      const port = Number(/\((\d+)\)/.exec(p.cmd)?.[1]);
      role = apiPorts.has(port)
        ? 'postgres for the api'
        : workerPorts.has(port)
          ? 'postgres for the worker'
          : 'postgres (other)';
    }
    ticks.set(p.pid, { ticks: p.ticks, role });
  }
  return { at: performance.now(), ticks, ...machineTicks() };
}

/** CPU cores used per role between two samples (1 = one core busy the whole time), largest first. */
export function cpuBetween(a: Sample, b: Sample): Record<string, number> {
  const seconds = (b.at - a.at) / 1000;
  const by: Record<string, number> = {};
  for (const [pid, now] of b.ticks) {
    const before = a.ticks.get(pid)?.ticks ?? 0; // started during the phase: all its time
    by[now.role] = (by[now.role] ?? 0) + (now.ticks - before) / TICKS_PER_SECOND;
  }
  const counted = Object.values(by).reduce((x, y) => x + y, 0);
  by['ended processes (machine busy minus the above)'] = Math.max(0, (b.busy - a.busy) / TICKS_PER_SECOND - counted);
  by['steal (hypervisor)'] = (b.steal - a.steal) / TICKS_PER_SECOND;
  return Object.fromEntries(
    Object.entries(by)
      .filter(([, s]) => s > 0)
      .sort((x, y) => y[1] - x[1])
      .map(([role, s]) => [role, +(s / seconds).toFixed(2)]),
  );
}
