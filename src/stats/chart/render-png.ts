/**
 * A chart (chart-spec.ts) to PNG in this process, with no browser and no
 * network: ECharts' server-side SVG renderer draws it
 * (echarts.apache.org/handbook/en/how-to/cross-platform/server), resvg
 * rasterises the SVG (@resvg/resvg-js, a prebuilt binary from npm), and every
 * glyph comes from the DejaVu Sans files in the dejavu-fonts-ttf package:
 * no system font is read, so Russian labels look the same on every machine.
 *
 * Loaded only when the first chart is drawn (chart-spec.ts's drawChart
 * imports it lazily): ECharts is a megabyte of JavaScript that start-up must
 * not pay for. resvg rasterises on libuv's thread pool (renderAsync), so the
 * event loop goes on answering meanwhile; resvg-js 2.6 takes fonts as files
 * only (its options cross to Rust as JSON), so the font files are read there
 * too, not on the event loop. Answers are cached (stats/answer-cache.ts), so a
 * chart is drawn once a minute per window at most.
 */
import { createRequire } from 'node:module';
import { renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js';
// The single-file ES build: a tenth of the load time of ECharts' per-module files in Node.
import * as echarts from 'echarts/dist/echarts.esm.min.mjs';
import type { EChartsOption } from 'echarts';
import type { ChartSpec } from './chart-spec.js';

const require = createRequire(import.meta.url);
/** The font every label is drawn in: DejaVu Sans has Latin and Cyrillic (dejavu-fonts.github.io). */
export const CHART_FONT_FAMILY = 'DejaVu Sans';
const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((name) => require.resolve(`dejavu-fonts-ttf/ttf/${name}`));

/** Drawn at this size, then scaled by CHART_SCALE: crisp on high-density screens, still a small file. */
export const CHART_WIDTH = 960;
export const CHART_HEIGHT = 480;
export const CHART_SCALE = 1.5;

/** A chart is tens of kilobytes; anything near this is broken and too big to post (Telegram's photo limit is 10 MB). */
export const MAX_PNG_BYTES = 5 * 1024 * 1024;

export class ChartTooLargeError extends Error {
  constructor(
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(`the chart came out at ${bytes} bytes, over the ${limit}-byte limit; it is not posted`);
    this.name = 'ChartTooLargeError';
  }
}

export async function renderPng(spec: ChartSpec, limitBytes = MAX_PNG_BYTES): Promise<Uint8Array> {
  const image = await renderAsync(renderSvg(spec), rasterOptions(Math.round(CHART_WIDTH * CHART_SCALE)));
  const png = pngBytes(image.asPng());
  if (png.byteLength > limitBytes) throw new ChartTooLargeError(png.byteLength, limitBytes);
  return png;
}

export function renderSvg(spec: ChartSpec): string {
  return echartsSvg(option(spec), CHART_WIDTH, CHART_HEIGHT);
}

/** ECharts' server-side SVG of one option at one size (also the bench's figure charts, bench/figure-charts.ts). */
export function echartsSvg(chartOption: EChartsOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(chartOption);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** How resvg draws every chart: on white, in DejaVu Sans only (no system font), scaled to `width` pixels. */
export function rasterOptions(width: number): ResvgRenderOptions {
  return {
    background: '#ffffff',
    fitTo: { mode: 'width', value: width },
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: CHART_FONT_FAMILY },
  };
}

/** resvg's Buffer as the plain bytes the senders take. */
export const pngBytes = (png: Buffer): Uint8Array => new Uint8Array(png.buffer, png.byteOffset, png.byteLength);

function option(spec: ChartSpec): EChartsOption {
  const text = { fontFamily: CHART_FONT_FAMILY, color: '#333333' };
  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: text,
    title: { text: spec.title, left: 16, top: 12, textStyle: { ...text, fontSize: 16, fontWeight: 'bold' } },
    legend: { top: 46, left: 16, itemGap: 18, textStyle: text },
    grid: { left: 64, right: 64, top: 104, bottom: 40 },
    xAxis: { type: 'category', data: spec.labels, axisTick: { alignWithLabel: true }, axisLabel: { ...text, hideOverlap: true } },
    yAxis: [
      { type: 'value', name: spec.countAxis, minInterval: 1, nameTextStyle: text, axisLabel: text },
      { type: 'value', min: 0, max: 100, interval: 25, splitLine: { show: false }, axisLabel: { ...text, formatter: '{value}%' } },
    ],
    series: [
      ...spec.stacks.map((stack) => ({
        name: stack.name,
        type: 'bar' as const,
        stack: 'outcomes',
        barMaxWidth: 48,
        itemStyle: { color: stack.color },
        data: stack.values,
      })),
      {
        name: spec.rate.name,
        type: 'line' as const,
        yAxisIndex: 1,
        symbolSize: 6,
        connectNulls: false,
        itemStyle: { color: spec.rate.color },
        lineStyle: { width: 2.5, color: spec.rate.color },
        data: spec.rate.values.map((value) => (value === null ? '-' : value)),
      },
    ],
  };
}
