/**
 * `npm run bench` (issue 8): measures the sweep, commands, paging, alerts,
 * start-up and provider webhooks (issue 16) against the sandbox emulators on
 * loopback and `/kyc stats` over 100,000 verifications (issue 18), prints
 * each figure next to its goal, and writes bench/results.json. Progress goes
 * to stderr.
 *
 *   npm run bench                      every part (about 4-5 minutes)
 *   npm run bench -- --only sweep,alerts
 *
 * Every goal is a fair ratio or a bound against a floor measured in the same
 * run (issue 20): results.json keeps each figure with its floor beside it
 * under `figures`, and the machine's load average before and after.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchAlerts, type AlertFigures } from './alerts.js';
import { REPO_ROOT } from './child.js';
import { benchCommands, type CommandFigures } from './commands.js';
import { benchKycStats, type KycStatsFigures } from './kyc-stats.js';
import { writeFigureCharts } from './figure-charts.js';
import { benchPaging, type PagingFigures } from './paging.js';
import { progress } from './stats.js';
import { benchStartup, type StartupFigures } from './startup.js';
import { benchSweep, type SweepFigures } from './sweep.js';
import { goal, renderTable, verdict, type FigureRow } from './table.js';
import { benchWebhooks, type WebhookFigures } from './webhooks.js';

const PARTS = ['sweep', 'commands', 'paging', 'alerts', 'startup', 'webhooks', 'stats'] as const;
type Part = (typeof PARTS)[number];

const onlyArg = process.argv.indexOf('--only');
const only = onlyArg === -1 ? [...PARTS] : (process.argv[onlyArg + 1] ?? '').split(',').map((p) => p.trim());
const unknown = only.filter((part) => !(PARTS as readonly string[]).includes(part));
if (unknown.length > 0) {
  process.stderr.write(`unknown part(s): ${unknown.join(', ')}; choose from ${PARTS.join(', ')}\n`);
  process.exit(2);
}
const wanted = (part: Part) => only.includes(part);

const startedAt = new Date();
const loadBefore = os.loadavg();
const errors: Record<string, string> = {};
async function attempt<T>(part: Part, run: () => Promise<T>): Promise<T | undefined> {
  if (!wanted(part)) return undefined;
  const started = performance.now();
  try {
    return await run();
  } catch (error) {
    errors[part] = error instanceof Error ? (error.stack ?? error.message) : String(error);
    progress(`${part} failed: ${errors[part]}`);
    return undefined;
  } finally {
    progress(`${part}: ${Math.round((performance.now() - started) / 1000)} s`);
  }
}

const sweep = await attempt('sweep', benchSweep);
const commands = await attempt('commands', benchCommands);
const paging = await attempt('paging', benchPaging);
const alerts = await attempt('alerts', benchAlerts);
const startup = await attempt('startup', benchStartup);
const webhooks = await attempt('webhooks', benchWebhooks);
const kycStats = await attempt('stats', benchKycStats);

const rows = [...sweepRows(sweep), ...commandRows(commands), ...pagingRows(paging), ...alertRows(alerts), ...startupRows(startup), ...webhookRows(webhooks), ...statsRows(kycStats)];
const results = {
  ranAt: startedAt.toISOString(),
  durationS: Math.round((Date.now() - startedAt.getTime()) / 1000),
  machine: {
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    loadAverageBefore: loadBefore.map((n) => Math.round(n * 100) / 100),
    loadAverageAfter: os.loadavg().map((n) => Math.round(n * 100) / 100),
  },
  figures: {
    ...(sweep && { sweep: withoutDetails(sweep) }),
    ...(commands && { commands: withoutDetails(commands) }),
    ...(paging && { paging: withoutDetails(paging) }),
    ...(alerts && { alerts: withoutDetails(alerts) }),
    ...(startup && { startup: withoutDetails(startup) }),
    ...(webhooks && { webhooks: { ...withoutDetails(webhooks), failover: webhooks.failover && withoutDetails(webhooks.failover) } }),
    ...(kycStats && { stats: withoutDetails(kycStats) }),
  },
  goals: rows
    .filter((row) => row.goal)
    .map((row) => ({ figure: row.figure, value: row.value, goal: row.goal!.text, ok: verdict(row) })),
  details: {
    ...(sweep && { sweep: sweep.details }),
    ...(commands && { commands: commands.details }),
    ...(paging && { paging: paging.details }),
    ...(alerts && { alerts: alerts.details }),
    ...(startup && { startup: startup.details }),
    ...(webhooks && { webhooks: webhooks.details }),
    ...(kycStats && { stats: kycStats.details }),
  },
  ...(Object.keys(errors).length > 0 && { errors }),
};
const file = path.join(REPO_ROOT, 'bench', 'results.json');
fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
// README's benchmark section shows each figure against its goal (figure-charts.ts: docs/bench/<figure>.png).
const charts = writeFigureCharts(results.goals);

const loads = (values: number[]) => values.map((n) => n.toFixed(2)).join(' ');
process.stdout.write(
  `\nKYC Desk benchmark, ${startedAt.toISOString()} (node ${process.version}, ${os.cpus().length} CPUs, load ${loads(loadBefore)} before, ${loads(os.loadavg())} after)\n\n`,
);
process.stdout.write(`${renderTable(rows)}\n\n`);
const missed = rows.filter((row) => verdict(row) === 'NO').map((row) => row.figure);
process.stdout.write(missed.length > 0 ? `Goals missed: ${missed.join(', ')}\n` : 'Every goal met.\n');
for (const part of Object.keys(errors)) process.stdout.write(`${part} did not run to the end (see bench/results.json, "errors").\n`);
process.stdout.write(`Written: ${path.relative(process.cwd(), file)} and ${charts.length} charts in docs/bench/\n`);
process.exit(Object.keys(errors).length > 0 ? 1 : 0);

function sweepRows(f: SweepFigures | undefined): FigureRow[] {
  if (!f) return [];
  return [
    { figure: 'sweep.steadyRequests', value: f.steadyRequests, goal: goal.atMost(2) },
    { figure: 'sweep.freshApprovals', value: f.freshApprovals, goal: goal.equal(50) },
    { figure: 'sweep.freshRequests', value: f.freshRequests, goal: goal.atMost(4) },
    { figure: 'sweep.fullReconcileMs', value: f.fullReconcileMs, unit: 'ms' },
    { figure: 'sweep.parseFetchMs', value: f.parseFetchMs, unit: 'ms' },
    { figure: 'sweep.reconcileParseRatio', value: f.reconcileParseRatio, goal: goal.atMost(1.2) },
    { figure: 'sweep.rssAtStartMb', value: f.rssAtStartMb, unit: 'MB' },
    { figure: 'sweep.peakRssMb', value: f.peakRssMb, unit: 'MB', goal: goal.below(150) },
  ];
}

function commandRows(f: CommandFigures | undefined): FigureRow[] {
  if (!f) return [];
  return [
    { figure: 'commands.sequentialBotP50Ms', value: f.sequentialBotP50Ms, unit: 'ms' },
    { figure: 'commands.sequentialDirectP50Ms', value: f.sequentialDirectP50Ms, unit: 'ms' },
    { figure: 'commands.sequentialOverheadP50Ms', value: f.sequentialOverheadP50Ms, unit: 'ms', goal: goal.atMost(2) },
    { figure: 'commands.sequentialOverheadP99Ms', value: f.sequentialOverheadP99Ms, unit: 'ms', goal: goal.atMost(10) },
    { figure: 'commands.botCommandsPerSecond', value: f.botCommandsPerSecond, unit: '/s' },
    { figure: 'commands.boltFloorCommandsPerSecond', value: f.boltFloorCommandsPerSecond, unit: '/s' },
    { figure: 'commands.floorRatio', value: f.floorRatio, goal: goal.atMost(1.25) },
  ];
}

function pagingRows(f: PagingFigures | undefined): FigureRow[] {
  if (!f) return [];
  return [
    { figure: 'paging.cachedP50Ms', value: f.cachedP50Ms, unit: 'ms' },
    { figure: 'paging.directP50Ms', value: f.directP50Ms, unit: 'ms' },
    { figure: 'paging.cachedRatio', value: f.cachedRatio, goal: goal.atMost(0.5) },
  ];
}

function alertRows(f: AlertFigures | undefined): FigureRow[] {
  if (!f) return [];
  return [
    { figure: 'alerts.messages', value: f.messages },
    { figure: 'alerts.drainMs', value: f.drainMs, unit: 'ms' },
    { figure: 'alerts.idealMs', value: f.idealMs, unit: 'ms' },
    { figure: 'alerts.drainRatio', value: f.drainRatio, goal: goal.atMost(1.1), missing: 'n/a (idealMs is 0)' },
    { figure: 'alerts.lost', value: f.lost, goal: goal.equal(0) },
    { figure: 'alerts.duplicates', value: f.duplicates, goal: goal.equal(0) },
  ];
}

function startupRows(f: StartupFigures | undefined): FigureRow[] {
  if (!f) return [];
  return [
    { figure: 'startup.nodeFloorMs', value: f.nodeFloorMs, unit: 'ms' },
    { figure: 'startup.startupMs', value: f.startupMs, unit: 'ms', goal: goal.atMost(800) },
    { figure: 'startup.startupTsxMs', value: f.startupTsxMs, unit: 'ms' },
    { figure: 'startup.startupSpeedup', value: f.startupSpeedup },
    { figure: 'startup.rssAtStartMb', value: f.rssAtStartMb, unit: 'MB' },
    { figure: 'startup.rssAtStartTsxMb', value: f.rssAtStartTsxMb, unit: 'MB' },
  ];
}

function webhookRows(f: WebhookFigures | undefined): FigureRow[] {
  if (!f) return [];
  const run = (prefix: string, figures: Omit<WebhookFigures, 'failover'> | null): FigureRow[] => [
    { figure: `${prefix}.p50Ms`, value: figures?.p50Ms ?? null, unit: 'ms', goal: goal.atMost(150), missing: 'n/a (no PostgreSQL)' },
    { figure: `${prefix}.p99Ms`, value: figures?.p99Ms ?? null, unit: 'ms', goal: goal.atMost(1000), missing: 'n/a (no PostgreSQL)' },
    { figure: `${prefix}.lost`, value: figures?.lost ?? null, goal: goal.equal(0), missing: 'n/a (no PostgreSQL)' },
    { figure: `${prefix}.duplicates`, value: figures?.duplicates ?? null, goal: goal.equal(0), missing: 'n/a (no PostgreSQL)' },
    { figure: `${prefix}.queuedP50Ms`, value: figures?.queuedP50Ms ?? null, unit: 'ms', missing: 'n/a (no PostgreSQL)' },
    { figure: `${prefix}.queuedP99Ms`, value: figures?.queuedP99Ms ?? null, unit: 'ms', missing: 'n/a (no PostgreSQL)' },
    { figure: `${prefix}.paceFloorP50Ms`, value: figures?.paceFloorP50Ms ?? null, unit: 'ms', missing: 'n/a (no PostgreSQL)' },
    { figure: `${prefix}.paceFloorP99Ms`, value: figures?.paceFloorP99Ms ?? null, unit: 'ms', missing: 'n/a (no PostgreSQL)' },
    { figure: `${prefix}.ruleFloorP50Ms`, value: figures?.ruleFloorP50Ms ?? null, unit: 'ms', missing: 'n/a (no PostgreSQL)' },
    { figure: `${prefix}.ruleFloorP99Ms`, value: figures?.ruleFloorP99Ms ?? null, unit: 'ms', missing: 'n/a (no PostgreSQL)' },
  ];
  return [
    ...run('webhooks', f),
    { figure: 'webhooks.spacedP50Ms', value: f.spacedP50Ms, unit: 'ms' },
    { figure: 'webhooks.spacedP99Ms', value: f.spacedP99Ms, unit: 'ms' },
    ...run('webhooks.failover', f.failover),
  ];
}

/** `/kyc stats 30d` over 100,000 verifications (issue 18), beside a bare query of the same rows. */
function statsRows(f: KycStatsFigures | undefined): FigureRow[] {
  if (!f) return [];
  return [
    { figure: 'stats.p50Ms', value: f.p50Ms, unit: 'ms', goal: goal.atMost(500) },
    { figure: 'stats.p90Ms', value: f.p90Ms, unit: 'ms' },
    { figure: 'stats.floorP50Ms', value: f.floorP50Ms, unit: 'ms' },
    { figure: 'stats.floorRatio', value: f.floorRatio },
  ];
}

function withoutDetails<T extends { details: unknown }>(figures: T): Omit<T, 'details'> {
  const { details: _details, ...rest } = figures;
  return rest;
}
