import { formatPercent } from '../format';

/** Height of one bar's row (index.html's .bar-chart): the box's size is known before it is drawn. */
export const BAR_ROW_PX = 36;

const TICKS = [25, 50, 75];

/**
 * On-time rate by office, worst first: one bar per row on a 0–100 % track, its value written beside it.
 *
 * Our own few SVG bars rather than a chart library: the chart is one series of percentages with
 * fixed bounds, no legend, zoom or tooltip to offer (the value is printed), and ECharts cost the
 * overview 170 KB gzip of script to parse after its table. A list, so that it reads as
 * "name, value" without the table; the drawn bars are hidden from screen readers.
 */
export function OnTimeChart({ rows, labelledBy }: { rows: { key: string; name: string; percent: string }[]; labelledBy: string }) {
  if (!rows.length) return <p className="bar-chart-empty">Chưa có nhiệm vụ nào đến hạn để tính tỷ lệ đúng hạn.</p>;
  return (
    <ol className="bar-chart" aria-labelledby={labelledBy}>
      {rows.map((r) => (
        <li key={r.key} style={{ height: BAR_ROW_PX }}>
          <span className="bar-chart-name">{r.name}</span>
          <svg width="100%" height="18" aria-hidden="true" focusable="false">
            <rect width="100%" height="18" rx="3" fill="#f0f0f0" />
            <rect width={`${Math.min(100, Math.max(0, Number(r.percent)))}%`} height="18" rx="3" fill="#0958d9" />
            {TICKS.map((t) => (
              <line key={t} x1={`${t}%`} x2={`${t}%`} y1="0" y2="18" stroke="#fff" strokeWidth="1" />
            ))}
          </svg>
          <span className="bar-chart-value">{formatPercent(r.percent)}</span>
        </li>
      ))}
    </ol>
  );
}
