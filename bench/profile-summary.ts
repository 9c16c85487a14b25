/**
 * What a CPU profile (`node --cpu-prof`, see BENCH_CPU_PROF) says about where
 * a process's time went: idle, JavaScript, garbage collection and V8's own
 * work as shares of its life, then the functions with the most self time.
 *
 *   npx tsx bench/profile-summary.ts <file.cpuprofile> [top]
 */
import fs from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** V8's names for time spent outside JavaScript. */
const OUTSIDE_JS = new Set(['(idle)', '(garbage collector)', '(program)']);

function summarise(profile: CpuProfile, top = 15): string[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMs = new Map<string, number>();
  const shares = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    // A sample's time is the gap to the next one.
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const frame = byId.get(id)!.callFrame;
    const name = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').at(-1) ?? ''}:${frame.lineNumber + 1}`;
    const kind = OUTSIDE_JS.has(frame.functionName) ? frame.functionName : 'JavaScript';
    if (kind === 'JavaScript') selfMs.set(name, (selfMs.get(name) ?? 0) + ms);
    shares.set(kind, (shares.get(kind) ?? 0) + ms);
  });
  const wallMs = (profile.endTime - profile.startTime) / 1000;
  const percent = (ms: number) => `${((100 * ms) / wallMs).toFixed(1)}%`;
  return [
    `${(wallMs / 1000).toFixed(1)} s profiled`,
    ...[...shares].sort((a, b) => b[1] - a[1]).map(([kind, ms]) => `  ${kind}: ${(ms / 1000).toFixed(2)} s (${percent(ms)})`),
    `the ${top} JavaScript functions with the most self time (bundled chunks name the chunk):`,
    ...[...selfMs].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, ms]) => `  ${ms.toFixed(0).padStart(7)} ms  ${name}`),
  ];
}

const [file, top] = process.argv.slice(2);
if (!file) {
  console.error('usage: npx tsx bench/profile-summary.ts <file.cpuprofile> [top]');
  process.exit(2);
}
console.log(summarise(JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile, Number(top ?? 15)).join('\n'));
