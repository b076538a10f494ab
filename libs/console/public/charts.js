// Horizontal bar charts as inline SVG: no chart library, nothing downloaded.
import { h } from './dom.js';

/** entries: [[label, value], ...]; title names the chart for screen readers too. */
export function barChart(title, entries, { unit = '' } = {}) {
  const rows = entries.filter(([, v]) => Number.isFinite(v));
  const labelWidth = 170;
  const barWidth = 260;
  const rowHeight = 22;
  const max = Math.max(...rows.map(([, v]) => v), 1);
  const height = rows.length * rowHeight + 6;
  const svg = h(
    'svg:svg',
    {
      viewBox: `0 0 ${labelWidth + barWidth + 70} ${height}`,
      width: labelWidth + barWidth + 70,
      height,
      role: 'img',
      'aria-label': `${title}: ${rows.map(([l, v]) => `${l} ${v}${unit}`).join(', ')}`,
    },
    rows.map(([label, value], i) => {
      const y = i * rowHeight + 3;
      const width = Math.max((value / max) * barWidth, value > 0 ? 2 : 0);
      return h(
        'svg:g',
        {},
        h(
          'svg:text',
          { x: labelWidth - 6, y: y + 14, 'text-anchor': 'end' },
          label.length > 26 ? `${label.slice(0, 25)}…` : label,
        ),
        h('svg:rect', { class: 'bar', x: labelWidth, y, width: width.toFixed(1), height: rowHeight - 6, rx: 2 }),
        h('svg:text', { x: labelWidth + width + 6, y: y + 14 }, `${formatNumber(value)}${unit}`),
      );
    }),
  );
  return h(
    'figure',
    { class: 'chart' },
    h('figcaption', {}, h('strong', {}, title)),
    rows.length ? svg : h('p', { class: 'muted' }, 'Nothing in this period.'),
  );
}

export function formatNumber(value) {
  return Number.isInteger(value)
    ? value.toLocaleString()
    : value.toLocaleString(undefined, { maximumFractionDigits: 2 });
}
