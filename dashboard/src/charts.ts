/** Chart.js, registered piece by piece (tree-shaken), and the three dashboard charts. */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  Filler,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
);

const ACCENT = '#e0457b';
const ACCENT_SOFT = 'rgba(224, 69, 123, 0.18)';
const BLUE = '#4c7dff';
const GRID = 'rgba(255, 255, 255, 0.08)';
const TEXT = '#a9aec7';

Chart.defaults.color = TEXT;
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

const charts = new Map<string, Chart>();

function draw(canvasId: string, config: ChartConfiguration): void {
  charts.get(canvasId)?.destroy();
  const canvas = document.getElementById(canvasId) as HTMLCanvasElement;
  const chart = new Chart(canvas, {
    ...config,
    options: {
      ...config.options,
      animation: false, // render at once: screenshots and slow machines
      responsive: true,
      maintainAspectRatio: false,
      plugins: { legend: { display: false }, tooltip: { intersect: false, mode: 'index' } },
    },
  });
  charts.set(canvasId, chart);
  canvas.dataset.rendered = String(config.data.datasets[0]?.data.length ?? 0);
}

const axes = {
  x: { grid: { color: GRID }, ticks: { maxTicksLimit: 10, autoSkip: true, maxRotation: 0 } },
  y: { grid: { color: GRID }, beginAtZero: true, ticks: { precision: 0 } },
};

export function tokensChart(labels: string[], values: number[]): void {
  draw('chart-tokens', {
    type: 'line',
    data: {
      labels,
      datasets: [
        {
          label: 'Tokens',
          data: values,
          borderColor: ACCENT,
          backgroundColor: ACCENT_SOFT,
          fill: true,
          tension: 0.25,
          pointRadius: 0,
          borderWidth: 2,
        },
      ],
    },
    options: { scales: axes },
  });
}

export function tipsChart(labels: string[], values: number[]): void {
  draw('chart-tips', {
    type: 'bar',
    data: { labels, datasets: [{ label: 'Tips', data: values, backgroundColor: BLUE, borderRadius: 2 }] },
    options: { scales: axes },
  });
}

export function tippersChart(names: string[], tokens: number[]): void {
  draw('chart-tippers', {
    type: 'bar',
    data: {
      labels: names,
      datasets: [{ label: 'Tokens', data: tokens, backgroundColor: ACCENT, borderRadius: 3 }],
    },
    options: {
      indexAxis: 'y',
      scales: { x: { ...axes.y }, y: { grid: { display: false }, ticks: { autoSkip: false } } },
    },
  });
}
