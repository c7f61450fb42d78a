/**
 * The Whisper helper processes a test started, seen from /proc: which are alive, and how much CPU
 * each has used (proof that a helper really decoded, not just had a request queued).
 */
import { readdirSync, readFileSync } from "node:fs";

/** Pids of this process's own Whisper helpers (children of this test worker only). */
export function ownWhisperHelpers(): number[] {
  const children = readdirSync("/proc/self/task").flatMap((task) =>
    readFileSync(`/proc/self/task/${task}/children`, "utf8").split(/\s+/).filter(Boolean).map(Number),
  );
  return children.filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("whisper_worker.py");
    } catch {
      return false; // already gone
    }
  });
}

/** User + system CPU time of a process so far, in clock ticks (/proc/<pid>/stat fields 14 and 15). */
export function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // The command name (field 2) may hold spaces: count fields from after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[11]) + Number(fields[12]);
}
