/** The figures as a plain table: figure | value | goal | ok. */

export interface Goal {
  /** As printed, e.g. "≤ 1.2". */
  text: string;
  met(value: number): boolean;
}

export interface FigureRow {
  figure: string;
  value: number | null;
  unit?: string;
  goal?: Goal;
  /** Printed instead of the value when it is null. */
  missing?: string;
}

export const goal = {
  equal: (target: number): Goal => ({ text: `= ${target}`, met: (v) => v === target }),
  atMost: (target: number): Goal => ({ text: `≤ ${target}`, met: (v) => v <= target }),
  atLeast: (target: number): Goal => ({ text: `≥ ${target}`, met: (v) => v >= target }),
  below: (target: number): Goal => ({ text: `< ${target}`, met: (v) => v < target }),
};

export type Verdict = 'yes' | 'NO' | 'n/a' | '';

export function verdict(row: FigureRow): Verdict {
  if (!row.goal) return '';
  if (row.value === null) return 'n/a';
  return row.goal.met(row.value) ? 'yes' : 'NO';
}

export function renderTable(rows: FigureRow[]): string {
  const cells = [
    ['figure', 'value', 'goal', 'ok'],
    ...rows.map((row) => [
      row.figure,
      row.value === null ? (row.missing ?? 'n/a') : `${row.value}${row.unit ? ` ${row.unit}` : ''}`,
      row.goal?.text ?? '—',
      verdict(row),
    ]),
  ];
  const widths = cells[0]!.map((_, column) => Math.max(...cells.map((line) => [...line[column]!].length)));
  const line = (values: string[]) => values.map((value, i) => value.padEnd(widths[i]!)).join(' | ').trimEnd();
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('-|-'), ...cells.slice(1).map(line)].join('\n');
}
