/** ECharts' single-file ES build (render-png.ts) exports what the package's main entry does. */
declare module 'echarts/dist/echarts.esm.min.mjs' {
  export * from 'echarts';
}
