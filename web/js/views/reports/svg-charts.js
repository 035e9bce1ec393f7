// Two small charts drawn as SVG by the page, by hand (no library, no build step): bars of a 0-1 rate, and stacked bars
// of counts. The SVG scales with its box (viewBox); it is one picture for assistive technology (role="img" and a summary
// as its aria-label), the numbers being in a table beside it. Each bar and segment carries its value as data-
// attributes, so a test (or a reader of the DOM) finds the numbers drawn. Text goes in through textContent only.

const SVG_NS = 'http://www.w3.org/2000/svg';
const WIDTH = 720;
const HEIGHT = 250;
const MARGIN = { top: 10, right: 8, bottom: 30, left: 46 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;

/** An SVG element; `text` becomes its text, other attributes are set as given (null and undefined skipped). */
export function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null) continue;
    if (name === 'text') node.textContent = value;
    else node.setAttribute(name, String(value));
  }
  children.flat().forEach((child) => child && node.append(child));
  return node;
}

/** Rounds for the drawing only (the data- attributes keep the exact values). */
const r = (n) => Math.round(n * 100) / 100;

function frame(summary, className) {
  return svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': summary, class: `chart ${className}`,
    'data-plot-height': PLOT_H, preserveAspectRatio: 'xMidYMid meet' });
}

/** Horizontal grid lines and their labels at `ticks` (values 0..max). */
function yAxis(ticks, max, format) {
  return svg('g', { class: 'y-axis', 'aria-hidden': 'true' }, ticks.map((tick) => {
    const y = r(MARGIN.top + PLOT_H - (tick / max) * PLOT_H);
    return svg('g', {},
      svg('line', { x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y, y2: y, class: tick === 0 ? 'baseline' : 'grid' }),
      svg('text', { x: MARGIN.left - 6, y: y + 4, 'text-anchor': 'end', text: format(tick) }));
  }));
}

/** Labels under the bars, every `every`-th one, so that they never overlap. */
function xLabels(labels, every) {
  const step = PLOT_W / labels.length;
  return svg('g', { class: 'x-axis', 'aria-hidden': 'true' }, labels.map((label, i) => (i % every === 0
    ? svg('text', { x: r(MARGIN.left + step * (i + 0.5)), y: HEIGHT - MARGIN.bottom + 16, 'text-anchor': 'middle', text: label })
    : null)));
}

/**
 * Bars of a rate from 0 to 1, one per item of `bars` ({key, axisLabel, value: 0..1 or null, title}). A null value (no
 * calls to rate) is drawn as a short grey dash on the baseline, so that it never reads as 0%.
 */
export function rateBars({ bars, summary, labelEvery = 1, keyName = 'key' }) {
  const chart = frame(summary, 'rate-bars');
  chart.append(yAxis([0, 0.25, 0.5, 0.75, 1], 1, (t) => `${Math.round(t * 100)}%`));
  const step = PLOT_W / bars.length;
  const width = step * 0.72;
  const baseline = MARGIN.top + PLOT_H;
  chart.append(svg('g', { class: 'bars' }, bars.map((bar, i) => {
    const x = r(MARGIN.left + step * i + (step - width) / 2);
    const none = bar.value === null || bar.value === undefined;
    const height = none ? 0 : Math.max(bar.value * PLOT_H, bar.value > 0 ? 1 : 0);
    return svg('g', { class: none ? 'bar no-data' : 'bar', [`data-${keyName}`]: bar.key, 'data-value': none ? 'none' : bar.value },
      svg('title', { text: bar.title }),
      none ? svg('rect', { x, y: baseline - 2, width: r(width), height: 2, class: 'dash' })
        : svg('rect', { x, y: r(baseline - height), width: r(width), height: r(height), 'data-height': r(height) }));
  })));
  chart.append(xLabels(bars.map((b) => b.axisLabel), labelEvery));
  return chart;
}

/** A tick step of 1, 2 or 5 times a power of ten giving at most about 5 lines up to `max`. */
function niceStep(max) {
  const rough = Math.max(max, 1) / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough);
}

/**
 * A fill that differs from the others in lightness and, where `pattern` says so, in pattern too (stripes, a cross
 * hatch, dots), so that the series are told apart without colour: the pattern is defined in `defs` under `id`.
 */
function fillOf(series, defs, id) {
  if (!series.pattern) return series.colour;
  const lines = {
    stripes: [svg('path', { d: 'M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2', stroke: series.ink, 'stroke-width': 1.6 })],
    cross: [svg('path', { d: 'M0,0 L6,6 M6,0 L0,6', stroke: series.ink, 'stroke-width': 1.2 })],
    dots: [svg('circle', { cx: 3, cy: 3, r: 1.2, fill: series.ink })],
  }[series.pattern];
  defs.append(svg('pattern', { id, width: 6, height: 6, patternUnits: 'userSpaceOnUse' },
    svg('rect', { width: 6, height: 6, fill: series.colour }), lines));
  return `url(#${id})`;
}

/**
 * Stacked bars of counts, one per item of `bars` ({key, axisLabel, counts: {seriesId: n}, title}), its segments in the
 * order of `series` ({id, label, colour, pattern?, ink?}) from the bottom. `id` names the chart (its patterns' ids).
 */
export function stackedBars({ id, bars, series, summary, keyName = 'key', labelEvery = 1 }) {
  const chart = frame(summary, 'stacked-bars');
  const defs = svg('defs');
  chart.append(defs);
  const fills = Object.fromEntries(series.map((s) => [s.id, fillOf(s, defs, `${id}-${s.id}`)]));
  const most = Math.max(0, ...bars.map((b) => series.reduce((sum, s) => sum + (b.counts[s.id] || 0), 0)));
  const step = niceStep(most);
  const max = Math.max(step, Math.ceil(most / step) * step);
  const ticks = Array.from({ length: Math.round(max / step) + 1 }, (_, i) => i * step);
  chart.append(yAxis(ticks, max, (t) => String(t)));
  const slot = PLOT_W / Math.max(bars.length, 1);
  const width = slot * 0.72;
  chart.append(svg('g', { class: 'bars' }, bars.map((bar, i) => {
    const x = r(MARGIN.left + slot * i + (slot - width) / 2);
    let top = MARGIN.top + PLOT_H;
    const segments = series.filter((s) => bar.counts[s.id] > 0).map((s) => {
      const height = (bar.counts[s.id] / max) * PLOT_H;
      top -= height;
      return svg('rect', { x, y: r(top), width: r(width), height: r(height), fill: fills[s.id], class: `segment ${s.id}`,
        'data-outcome': s.id, 'data-count': bar.counts[s.id], 'data-height': r(height) });
    });
    return svg('g', { class: 'bar', [`data-${keyName}`]: bar.key }, svg('title', { text: bar.title }), segments);
  })));
  chart.append(xLabels(bars.map((b) => b.axisLabel), labelEvery));
  return chart;
}

/** The series' key as a list: a swatch drawn with the same fill as the chart's, and the name. */
export function legend(id, series) {
  const list = document.createElement('ul');
  list.className = 'chart-legend';
  for (const s of series) {
    const defs = svg('defs');
    const fill = fillOf(s, defs, `${id}-legend-${s.id}`);
    const item = document.createElement('li');
    item.append(svg('svg', { viewBox: '0 0 14 14', width: 14, height: 14, 'aria-hidden': 'true', class: 'swatch' },
      defs, svg('rect', { width: 14, height: 14, fill, stroke: '#4a515c', 'stroke-width': 0.6 })), s.label);
    list.append(item);
  }
  return list;
}
