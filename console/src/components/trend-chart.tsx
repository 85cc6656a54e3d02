/**
 * A unit's composite score and on-time completion over the six months up to the one shown, drawn with
 * ECharts (only the line chart and the components it uses, on the canvas renderer). The same figures are
 * given as a table for screen readers and keyboard users.
 */
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'preact/hooks';
import { api } from '../api.js';
import { useApp } from '../app-context.js';
import { ErrorMessage, Loading } from './status.js';
import { previousMonths } from '../format.js';
import type { AppraisalResult } from '../types.js';
import { useFetch } from '../use-fetch.js';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

interface Point {
  month: string;
  score: number | null;
  onTime: number | null;
}

export function TrendChart({ unitId, month, group }: { unitId: string; month: string; group: string }) {
  const { t } = useApp();
  const container = useRef<HTMLDivElement>(null);
  const series = useFetch(`${unitId}|${month}|${group}`, async (): Promise<Point[]> => {
    const months = previousMonths(month, 6);
    const tables = await Promise.all(months.map((m) => api.get<AppraisalResult>(`/appraisal?month=${m}&group=${encodeURIComponent(group)}`)));
    return tables.map((table, i) => {
      const unit = table.units.find((entry) => entry.unitId === unitId);
      return { month: months[i]!, score: unit?.score ?? null, onTime: unit?.metrics.onTimeCompletionRate ?? null };
    });
  });

  useEffect(() => {
    if (!container.current || !series.data) return;
    const chart = echarts.init(container.current, undefined, { renderer: 'canvas' });
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { data: [t.appraisal.score, t.metrics.onTimeCompletionRate ?? ''] },
      grid: { left: 48, right: 48, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: series.data.map((point) => point.month) },
      yAxis: [
        { type: 'value', name: t.appraisal.score, min: 0 },
        { type: 'value', name: '%', min: 0, max: 100 },
      ],
      series: [
        { name: t.appraisal.score, type: 'line', data: series.data.map((point) => point.score), connectNulls: false },
        { name: t.metrics.onTimeCompletionRate, type: 'line', yAxisIndex: 1, data: series.data.map((point) => (point.onTime === null ? null : Math.round(point.onTime * 1000) / 10)) },
      ],
    });
    const resize = () => chart.resize();
    addEventListener('resize', resize);
    return () => {
      removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [series.data, t]);

  if (series.error) return <ErrorMessage error={series.error} onRetry={series.reload} />;
  if (!series.data) return <Loading />;
  return (
    <>
      <div ref={container} class="chart" aria-hidden="true" />
      <table class="visually-hidden">
        <caption>{t.appraisal.trend}</caption>
        <thead>
          <tr>
            <th scope="col">{t.appraisal.month}</th>
            <th scope="col">{t.appraisal.score}</th>
            <th scope="col">{t.metrics.onTimeCompletionRate}</th>
          </tr>
        </thead>
        <tbody>
          {series.data.map((point) => (
            <tr key={point.month}>
              <th scope="row">{point.month}</th>
              <td>{point.score ?? '—'}</td>
              <td>{point.onTime === null ? '—' : `${(point.onTime * 100).toFixed(1)}%`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
