import fs from "node:fs";

/**
 * CPU time spent by this process (all its threads: API, worker, workflow thread, client) and by
 * the Temporal dev server it started, between `cpuMeter()` and the call of what it returns. Under
 * a busy machine latencies swing from run to run; CPU per message moves far less, and it says
 * which side (ours or Temporal's) a change made cheaper. Linux only (/proc); elsewhere the
 * server's figure is null.
 */
export function cpuMeter(): () => { nodeMs: number; serverMs: number | null } {
  const server = temporalServerPid();
  const node0 = process.cpuUsage();
  const server0 = server === null ? null : processCpuMs(server);
  return () => {
    const node = process.cpuUsage(node0);
    const serverNow = server === null ? null : processCpuMs(server);
    return { nodeMs: (node.user + node.system) / 1000, serverMs: server0 === null || serverNow === null ? null : serverNow - server0 };
  };
}

/** The dev server is a child process of this one (TestWorkflowEnvironment.createLocal). */
function temporalServerPid(): number | null {
  try {
    for (const entry of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = readStat(Number(entry));
      if (stat && stat.ppid === process.pid && /temporal/.test(stat.name)) return Number(entry);
    }
  } catch {
    // No /proc: not Linux.
  }
  return null;
}

function processCpuMs(pid: number): number | null {
  const stat = readStat(pid);
  return stat ? stat.cpuTicks * (1000 / CLOCK_TICKS_PER_SECOND) : null;
}

/** USER_HZ: 100 on every Linux the bench runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

function readStat(pid: number, file = `/proc/${pid}/stat`): { name: string; ppid: number; cpuTicks: number } | null {
  try {
    const text = fs.readFileSync(file, "utf8");
    const name = text.slice(text.indexOf("(") + 1, text.lastIndexOf(")"));
    // Fields after the name: state ppid … utime (12th) stime (13th).
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return { name, ppid: Number(fields[1]), cpuTicks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}

/** What each kind of thread of this process is, by the name Linux knows it by. */
const THREAD_KINDS: [RegExp, string][] = [
  [/^MainThread$|^node$/, "main (API, client, activities, SDK)"],
  [/^WorkerThread$/, "workflow threads"],
  [/^V8Worker$/, "V8 helpers (GC, compiler)"],
  [/^libuv-worker$/, "libuv pool"],
  [/^tokio|^temporal/, "Temporal core (Rust)"],
];

/**
 * CPU time of this process's threads by kind (see THREAD_KINDS) between `threadCpuMeter()` and
 * the call of what it returns: says whether the API side, the workflow thread or the SDK's Rust
 * core spends a start's CPU. Linux only; elsewhere empty.
 */
export function threadCpuMeter(): () => Map<string, number> {
  const before = threadTicks();
  return () => {
    const byKind = new Map<string, number>();
    for (const [tid, { name, ticks }] of threadTicks()) {
      const kind = THREAD_KINDS.find(([pattern]) => pattern.test(name))?.[1] ?? `other (${name})`;
      const spent = (ticks - (before.get(tid)?.ticks ?? 0)) * (1000 / CLOCK_TICKS_PER_SECOND);
      byKind.set(kind, (byKind.get(kind) ?? 0) + spent);
    }
    return byKind;
  };
}

function threadTicks(): Map<number, { name: string; ticks: number }> {
  const threads = new Map<number, { name: string; ticks: number }>();
  try {
    for (const entry of fs.readdirSync(`/proc/${process.pid}/task`)) {
      const stat = readStat(Number(entry), `/proc/${process.pid}/task/${entry}/stat`);
      if (stat) threads.set(Number(entry), { name: stat.name, ticks: stat.cpuTicks });
    }
  } catch {
    // No /proc: not Linux.
  }
  return threads;
}
