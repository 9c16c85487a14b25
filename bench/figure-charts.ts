/**
 * One small PNG per figure that has a goal (issue 20): the figure as a bar
 * against its goal as a line, green when met and red when not, written to
 * docs/bench/<figure>.png for README's benchmark section. Drawn like the
 * stats chart (src/stats/chart/render-png.ts): ECharts' server-side SVG
 * renderer, resvg to rasterise, DejaVu Sans from the dejavu-fonts-ttf
 * package, no browser and no network.
 *
 *   npx tsx bench/figure-charts.ts     (npm run bench runs it after writing results.json)
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';
import type { EChartsOption } from 'echarts';
import { CHART_FONT_FAMILY, echartsSvg, pngBytes, rasterOptions } from '../src/stats/chart/render-png.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CHART_DIR = path.join(REPO_ROOT, 'docs', 'bench');
const WIDTH = 480;
const HEIGHT = 110;

export interface GoalResult {
  figure: string;
  value: number | null;
  /** As printed: "≤ 1.2", "< 150", "= 0". */
  goal: string;
  ok: string;
}

/** Writes one chart per figure with a value; returns the files written, relative to the repository. */
export function writeFigureCharts(goals: GoalResult[], dir = CHART_DIR): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const row of goals) {
    if (row.value === null) continue;
    const file = path.join(dir, `${row.figure}.png`);
    fs.writeFileSync(file, renderFigurePng(row));
    written.push(path.relative(REPO_ROOT, file));
  }
  return written;
}

export function renderFigurePng(row: GoalResult): Uint8Array {
  return pngBytes(new Resvg(echartsSvg(option(row), WIDTH, HEIGHT), rasterOptions(WIDTH * 1.5)).render().asPng());
}

function option(row: GoalResult): EChartsOption {
  const value = row.value ?? 0;
  const target = Number(row.goal.replace(/[^0-9.]/g, ''));
  const met = row.ok === 'yes';
  const text = { fontFamily: CHART_FONT_FAMILY, color: '#333333' };
  // Room past the larger of the two, so the goal line never sits on the edge; at least 1 for goals of 0.
  const max = Math.max(value, target, 1) * 1.15;
  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: text,
    title: { text: `${row.figure}: ${value} (goal ${row.goal})`, left: 8, top: 6, textStyle: { ...text, fontSize: 13, fontWeight: 'bold' } },
    grid: { left: 8, right: 24, top: 46, bottom: 24 },
    xAxis: { type: 'value', min: 0, max: Number(max.toPrecision(2)), axisLabel: { ...text, fontSize: 10 }, splitLine: { show: false } },
    yAxis: { type: 'category', data: [''], axisTick: { show: false }, axisLine: { show: false } },
    series: [
      {
        type: 'bar',
        data: [value],
        barWidth: 22,
        itemStyle: { color: met ? '#2e7d32' : '#e53935' },
        markLine: {
          symbol: 'none',
          lineStyle: { color: '#1565c0', width: 2, type: 'dashed' },
          label: { ...text, fontSize: 10, formatter: `goal ${row.goal}` },
          data: [{ xAxis: target }],
        },
      },
    ],
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const results = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'bench', 'results.json'), 'utf8')) as { goals: GoalResult[] };
  for (const file of writeFigureCharts(results.goals)) process.stdout.write(`${file}\n`);
}
