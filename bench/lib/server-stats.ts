/**
 * The server's resident memory and CPU time, read from /proc (Linux), summed
 * over its processes: a cluster's primary and every worker.
 *
 * - Memory: VmRSS polled while the benchmark runs, for each scenario's peak,
 *   and the kernel's own high-water mark (VmHWM) of each process.
 * - CPU: user + system time the server used during a scenario. Divided by
 *   the requests served, it is the cost of one request, a figure that holds
 *   even when other processes compete for the cores and stretch the
 *   latencies (a busy machine inflates wall-clock times, not CPU time).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { processTree } from "./processes";

const SAMPLE_EVERY_MS = 50;

/** Kernel clock ticks per second, the unit of utime and stime in /proc/<pid>/stat. */
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

function readStatusKb(pid: number, field: "VmRSS" | "VmHWM"): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
    return match ? Number(match[1]) : null;
  } catch {
    return null; // Not Linux, or the process is gone.
  }
}

/** utime + stime of every process of the server, by pid, in milliseconds. */
function readTreeCpuMs(pid: number): Map<number, number> | null {
  const times = new Map<number, number>();
  for (const each of processTree(pid)) {
    const ms = readCpuMs(each);
    if (ms !== null) times.set(each, ms);
  }
  return times.size > 0 ? times : null;
}

/** CPU used between two readings (a process that started in between counts from 0). */
function cpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

/** The server's resident memory: the sum over its processes, kB. */
function readTreeKb(pid: number, field: "VmRSS" | "VmHWM"): number | null {
  let total: number | null = null;
  for (const each of processTree(pid)) {
    const kb = readStatusKb(each, field);
    if (kb !== null) total = (total ?? 0) + kb;
  }
  return total;
}

/** utime + stime of a process, in milliseconds. */
function readCpuMs(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces: count fields after its ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return ((utime + stime) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

export type Measured<T> = {
  value: T;
  /** RSS when the work started, MB. */
  beforeMb: number;
  /** Highest RSS seen during the work, MB. */
  peakMb: number;
  /** CPU time the server used during the work, ms (NaN where /proc is missing). */
  cpuMs: number;
};

export class ServerSampler {
  private timer: NodeJS.Timeout | null = null;
  private lastKb = 0;
  /** The peaks of the `during` calls under way (they may nest). */
  private readonly phases = new Set<{ peakKb: number }>();

  constructor(private readonly pid: number) {}

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), SAMPLE_EVERY_MS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private sample(): void {
    const kb = readTreeKb(this.pid, "VmRSS");
    if (kb === null) return;
    this.lastKb = kb;
    for (const phase of this.phases) phase.peakKb = Math.max(phase.peakKb, kb);
  }

  /** Runs `work`, and tells the server's memory and CPU time while it ran. */
  async during<T>(work: () => Promise<T>): Promise<Measured<T>> {
    this.sample();
    const beforeKb = this.lastKb;
    const phase = { peakKb: beforeKb };
    this.phases.add(phase);
    const cpuBefore = readTreeCpuMs(this.pid);
    try {
      const value = await work();
      const cpuAfter = readTreeCpuMs(this.pid);
      this.sample();
      return {
        value,
        beforeMb: beforeKb / 1024,
        peakMb: phase.peakKb / 1024,
        cpuMs: cpuBefore === null || cpuAfter === null ? Number.NaN : cpuBetween(cpuBefore, cpuAfter),
      };
    } finally {
      this.phases.delete(phase);
    }
  }

  /** The peak RSS of the server's whole life so far (the sum of each process's high-water mark), in MB. */
  highWaterMarkMb(): number | null {
    const kb = readTreeKb(this.pid, "VmHWM");
    return kb === null ? null : kb / 1024;
  }
}
