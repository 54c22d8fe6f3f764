import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, GridComponent, TooltipComponent, AriaComponent, SVGRenderer]);

const vi = (n: number) => `${n.toFixed(2).replace('.', ',')} %`;

/** On-time rate by office, worst first (the table above holds the same numbers for screen readers). */
export function OnTimeChart({ rows }: { rows: { name: string; percent: number }[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg', locale: 'EN' });
    chart.setOption({
      aria: { enabled: true, label: { description: `Tỷ lệ đúng hạn: ${rows.map((r) => `${r.name} ${vi(r.percent)}`).join('; ')}` } },
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: (v: number) => `${v} %` } },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name) },
      tooltip: { valueFormatter: (v: number) => vi(v) },
      series: [
        {
          type: 'bar',
          data: rows.map((r) => r.percent),
          label: { show: true, position: 'right', formatter: ({ value }: { value: number }) => vi(value) },
        },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [rows]);
  return <div ref={ref} style={{ width: '100%', height: Math.max(120, rows.length * 36) }} />;
}
