import { esc, sarabunLocalFaces } from '../reports/report-html';
import { chartSvg } from './national-report.charts';
import type { ModelFigure, NationalReportModel } from './national-report.kit';
import { TXT } from './national-report.text';

/** The model as printable HTML (A4, Sarabun): every chart is inline SVG followed by its table. */

function figureHtml(f: ModelFigure, n: number, L: 'th' | 'en'): string {
  const t = TXT[L];
  const chart = f.chart
    ? `<figure class="chart" aria-label="${esc(f.title)}">${chartSvg(f.chart)}<figcaption>${esc(t.chart)} ${n}: ${esc(f.title)}</figcaption></figure>`
    : '';
  const head = f.table.columns.map((c) => `<th scope="col">${esc(c)}</th>`).join('');
  const body = f.table.rows
    .map(
      (r) =>
        `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${esc(c)}</th>` : `<td>${esc(c)}</td>`)).join('')}</tr>`,
    )
    .join('');
  return `${chart}<table><caption>${esc(t.table)} ${n}: ${esc(f.title)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table><p class="note">${esc(f.table.note)}</p>`;
}

export function nationalReportHtml(m: NationalReportModel): string {
  const L = m.lang;
  let n = 0;
  const sections = m.sections
    .map((s) => {
      const h = s.level === 1 ? 'h2' : 'h3';
      const paras = s.paragraphs.map((p) => `<p>${esc(p.text)}</p>`).join('');
      const figs = s.figures.map((f) => figureHtml(f, ++n, L)).join('');
      return `<section><${h}>${esc(s.heading)}</${h}>${paras}${figs}</section>`;
    })
    .join('');
  return `<!doctype html><html lang="${L}"><head><meta charset="utf-8"><title>${esc(m.title)}</title><style>
${sarabunLocalFaces()}
@page{size:A4;margin:18mm 14mm 16mm 14mm}
body{font-family:Sarabun,sans-serif;font-size:11pt;line-height:1.5;color:#222;margin:0}
h1{font-size:20pt;margin:0 0 4mm;color:#0b7285}
.cover{margin-bottom:8mm}.cover p{margin:0;font-size:13pt}
h2{font-size:15pt;color:#0b7285;border-bottom:1px solid #0b7285;margin:8mm 0 3mm;break-after:avoid}
h3{font-size:12.5pt;margin:5mm 0 2mm;break-after:avoid}
p{margin:0 0 2mm}
figure{margin:2mm 0;break-inside:avoid;break-after:avoid}figure svg{max-width:100%;height:auto}
figcaption,caption{font-size:9.5pt;color:#444;text-align:left;padding:1mm 0}
table{border-collapse:collapse;width:100%;font-size:9.5pt;margin:1mm 0}
tr{break-inside:avoid}
th,td{border:1px solid #ccc;padding:1mm 2mm;vertical-align:top}
thead th{background:#e3fafc}td{text-align:right;font-variant-numeric:tabular-nums}
tbody th{text-align:left;font-weight:400}
.note{font-size:9pt;color:#555;margin-bottom:4mm}
</style></head><body><div class="cover"><h1>${esc(m.title)}</h1><p>${esc(m.subtitle)}</p><p>${esc(TXT[L].generated)} ${esc(m.generatedAt)}</p></div>${sections}</body></html>`;
}

export function nationalReportTemplates(m: NationalReportModel) {
  const t = TXT[m.lang];
  const style =
    'font-family:Sarabun,sans-serif;font-size:8.5px;color:#555;width:100%;padding:0 14mm;display:flex;justify-content:space-between;';
  return {
    header: `<div style="${style}"><span>${esc(t.title)}</span><span>${esc(m.fiscalYearLabel)}</span></div>`,
    footer: `<div style="${style}"><span>${esc(t.generated)} ${esc(m.generatedAt)}</span><span>${esc(t.page)} <span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`,
  };
}
