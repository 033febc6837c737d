/** One line of a chart. */
export interface ChartSeries {
  readonly name: string;
  /** `[x, y]` points; on a log axis, non-positive values are left out. */
  readonly points: readonly (readonly [number, number])[];
  /** Line colour. @default one of a fixed palette, by position */
  readonly color?: string;
  /** Draws the line dashed, to pair two series of one colour. @default false */
  readonly dashed?: boolean;
}

/** A line chart: a few series over a shared x axis. */
export interface LineChart {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly ChartSeries[];
  /** @default false */
  readonly xLog?: boolean;
  /** @default false */
  readonly yLog?: boolean;
  /** Renders an x tick value. @default String */
  readonly formatX?: (value: number) => string;
  /** Renders a y tick value. @default a compact number */
  readonly formatY?: (value: number) => string;
}

const WIDTH = 760;
const HEIGHT = 420;
const MARGIN = { top: 48, right: 170, bottom: 56, left: 72 };
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#7f7f7f', '#9467bd', '#ff7f0e'];

interface Axis {
  readonly min: number;
  readonly max: number;
  readonly log: boolean;
}

/** The palette, exported so that related charts can give a series the same colour. */
export const PALETTE: readonly string[] = COLORS;

/**
 * Escapes text for SVG content and attributes.
 *
 * @param text - raw text
 * @returns text safe inside an element or a quoted attribute
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function compact(value: number): string {
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e6) return `${+(value / 1e6).toPrecision(3)}M`;
  if (abs >= 1e3) return `${+(value / 1e3).toPrecision(3)}k`;
  return String(+value.toPrecision(3));
}

function axisFor(values: readonly number[], log: boolean): Axis {
  const usable = log ? values.filter((v) => v > 0) : values;
  if (usable.length === 0) return { min: log ? 1 : 0, max: log ? 10 : 1, log };
  let min = Math.min(...usable);
  let max = Math.max(...usable);
  if (log) {
    min = 10 ** Math.floor(Math.log10(min));
    max = 10 ** Math.ceil(Math.log10(max));
    if (min === max) max = min * 10;
  } else {
    min = Math.min(0, min);
    max = max === min ? min + 1 : max * 1.05;
  }
  return { min, max, log };
}

/**
 * Tick values of an axis: the powers of ten (and 2× and 5× when few decades) on a log axis,
 * about five round steps on a linear one.
 *
 * @param axis - the axis range
 * @returns tick values within the range, ascending
 */
function ticks(axis: Axis): number[] {
  if (axis.log) {
    const decades = Math.round(Math.log10(axis.max / axis.min));
    const steps = decades <= 2 ? [1, 2, 5] : [1];
    const out: number[] = [];
    for (let p = Math.log10(axis.min); p <= Math.log10(axis.max) + 1e-9; p++) {
      for (const s of steps) {
        const v = s * 10 ** p;
        if (v <= axis.max * (1 + 1e-9)) out.push(v);
      }
    }
    return out;
  }
  const raw = (axis.max - axis.min) / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(axis.min / step) * step; v <= axis.max + 1e-9; v += step) out.push(+v.toPrecision(12));
  return out;
}

function scale(axis: Axis, from: number, to: number): (v: number) => number {
  const f = axis.log ? Math.log10 : (v: number) => v;
  const lo = f(axis.min);
  const span = f(axis.max) - lo || 1;
  return (v) => from + ((f(v) - lo) / span) * (to - from);
}

/**
 * Renders a line chart as a standalone SVG document, with axes, ticks, a legend and a point
 * marker per measurement. No plotting dependency: the reports only need lines on log axes.
 *
 * @param chart - the chart to draw
 * @returns SVG markup
 */
export function renderLineChart(chart: LineChart): string {
  const xLog = chart.xLog ?? false;
  const yLog = chart.yLog ?? false;
  const keep = ([x, y]: readonly [number, number]): boolean =>
    Number.isFinite(x) && Number.isFinite(y) && (!xLog || x > 0) && (!yLog || y > 0);
  const series = chart.series.map((s) => ({ ...s, points: s.points.filter(keep) }));
  const all = series.flatMap((s) => s.points);
  const xAxis = axisFor(all.map(([x]) => x), xLog);
  const yAxis = axisFor(all.map(([, y]) => y), yLog);
  const px = scale(xAxis, MARGIN.left, WIDTH - MARGIN.right);
  const py = scale(yAxis, HEIGHT - MARGIN.bottom, MARGIN.top);
  const formatX = chart.formatX ?? compact;
  const formatY = chart.formatY ?? compact;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>`,
    `<text x="${WIDTH / 2}" y="24" text-anchor="middle" font-size="15" font-weight="bold">${escapeXml(chart.title)}</text>`,
  ];
  for (const t of ticks(xAxis)) {
    const x = px(t).toFixed(1);
    out.push(`<line x1="${x}" y1="${MARGIN.top}" x2="${x}" y2="${HEIGHT - MARGIN.bottom}" stroke="#eee"/>`);
    out.push(`<text x="${x}" y="${HEIGHT - MARGIN.bottom + 16}" text-anchor="middle">${escapeXml(formatX(t))}</text>`);
  }
  for (const t of ticks(yAxis)) {
    const y = py(t).toFixed(1);
    out.push(`<line x1="${MARGIN.left}" y1="${y}" x2="${WIDTH - MARGIN.right}" y2="${y}" stroke="#eee"/>`);
    out.push(`<text x="${MARGIN.left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${escapeXml(formatY(t))}</text>`);
  }
  out.push(
    `<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${WIDTH - MARGIN.left - MARGIN.right}" height="${HEIGHT - MARGIN.top - MARGIN.bottom}" fill="none" stroke="#333"/>`,
    `<text x="${(MARGIN.left + WIDTH - MARGIN.right) / 2}" y="${HEIGHT - 14}" text-anchor="middle">${escapeXml(chart.xLabel)}</text>`,
    `<text transform="translate(18 ${(MARGIN.top + HEIGHT - MARGIN.bottom) / 2}) rotate(-90)" text-anchor="middle">${escapeXml(chart.yLabel)}</text>`,
  );
  series.forEach((s, i) => {
    const color = s.color ?? (COLORS[i % COLORS.length] as string);
    const dash = s.dashed === true ? ' stroke-dasharray="6 4"' : '';
    const path = s.points.map(([x, y]) => `${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(' ');
    if (s.points.length > 1) out.push(`<polyline points="${path}" fill="none" stroke="${color}" stroke-width="2"${dash}/>`);
    for (const [x, y] of s.points) {
      out.push(`<circle cx="${px(x).toFixed(1)}" cy="${py(y).toFixed(1)}" r="3" fill="${color}"/>`);
    }
    const ly = MARGIN.top + 8 + i * 20;
    const lx = WIDTH - MARGIN.right + 12;
    out.push(`<line x1="${lx}" y1="${ly}" x2="${lx + 20}" y2="${ly}" stroke="${color}" stroke-width="2"${dash}/>`);
    out.push(`<text x="${lx + 26}" y="${ly}" dominant-baseline="middle">${escapeXml(s.name)}</text>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
