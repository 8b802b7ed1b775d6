import type { EChartsType } from 'echarts/core';
import * as echarts from 'echarts/core';

/**
 * A data: URL decoded in memory. The Content-Security-Policy forbids fetch(data:…) (connect-src),
 * and it needs no network at all: base64 → bytes → Blob.
 */
export function dataUrlToBlob(url: string): Blob {
  const comma = url.indexOf(',');
  const head = url.slice(0, comma);
  const body = url.slice(comma + 1);
  const type = /^data:([^;,]+)/.exec(head)?.[1] ?? 'application/octet-stream';
  if (head.endsWith(';base64')) {
    const bin = atob(body);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return new Blob([bytes], { type });
  }
  return new Blob([decodeURIComponent(body)], { type });
}

/** The chart as drawn, at twice its pixels, on white (a transparent PNG is unreadable in dark viewers). */
export function chartPng(chart: EChartsType): Blob {
  return dataUrlToBlob(chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' }));
}

/**
 * The same option drawn again by ECharts' SVG renderer in memory (server-side mode works in the
 * browser too): vector text that scales in reports, whatever renderer the page uses.
 * The SVG renderer must be registered (echarts.use([SVGRenderer])) by the caller's module.
 */
export function chartSvg(option: echarts.EChartsCoreOption, width: number, height: number): Blob {
  const off = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    off.setOption({ animation: false, backgroundColor: '#fff', ...option });
    return new Blob([off.renderToSVGString()], { type: 'image/svg+xml' });
  } finally {
    off.dispose();
  }
}
