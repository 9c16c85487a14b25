/**
 * Samples this process's memory while something runs, for `peakRssMb`. A
 * timer samples every few milliseconds between the tasks of the event loop;
 * the peak is also read once more at the end. The V8 heap is sampled too,
 * to tell the JavaScript heap apart from the rest of the resident set.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

export interface MemoryPeak {
  rssBytes: number;
  heapUsedBytes: number;
  heapTotalBytes: number;
}

export async function peakMemoryDuring<T>(task: () => Promise<T>, everyMs = 5): Promise<{ value: T; peak: MemoryPeak }> {
  const peak: MemoryPeak = { rssBytes: 0, heapUsedBytes: 0, heapTotalBytes: 0 };
  const sample = () => {
    const usage = process.memoryUsage();
    peak.rssBytes = Math.max(peak.rssBytes, usage.rss);
    peak.heapUsedBytes = Math.max(peak.heapUsedBytes, usage.heapUsed);
    peak.heapTotalBytes = Math.max(peak.heapTotalBytes, usage.heapTotal);
  };
  sample();
  const timer = setInterval(sample, everyMs);
  try {
    const value = await task();
    sample();
    return { value, peak };
  } finally {
    clearInterval(timer);
  }
}

/**
 * A full garbage collection before a measurement, so each pass starts from
 * the same heap. `tsx bench/run.ts` runs without --expose-gc; V8 exposes
 * gc() to a new context once the flag is set at run time.
 */
export function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as (() => void) | undefined;
  gc?.();
}

export const toMb = (bytes: number) => bytes / 1024 / 1024;
