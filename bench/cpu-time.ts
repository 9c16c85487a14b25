/**
 * CPU time spent by this process and by child processes, for the benches
 * that compare the bot with a floor on the same two cores (issue 20): on a
 * machine where every process of the bench shares the cores, throughput is
 * bounded by the CPU each command costs across all of them.
 *
 * A child's time is read from /proc/<pid>/stat (utime + stime, fields 14
 * and 15, in clock ticks: proc(5)); elsewhere than Linux it counts as 0.
 */
import fs from 'node:fs';

/** Clock ticks per second: 100 on every Linux kernel configuration Node supports (sysconf(_SC_CLK_TCK)). */
const TICKS_PER_SECOND = 100;

export function childCpuMs(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

export function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** CPU milliseconds of this process and of each named child while `run` runs. */
export async function measureCpu<T>(children: Record<string, number | undefined>, run: () => Promise<T>): Promise<{ value: T; cpuMs: Record<string, number> }> {
  const before = { self: ownCpuMs(), ...Object.fromEntries(Object.entries(children).map(([name, pid]) => [name, childCpuMs(pid)])) };
  const value = await run();
  const after = { self: ownCpuMs(), ...Object.fromEntries(Object.entries(children).map(([name, pid]) => [name, childCpuMs(pid)])) };
  const cpuMs = Object.fromEntries(Object.keys(before).map((name) => [name, after[name as keyof typeof after] - before[name as keyof typeof before]]));
  return { value, cpuMs };
}
