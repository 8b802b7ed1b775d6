import {
  AlignmentType,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { chartSvg } from './national-report.charts';
import type { ModelChart, ModelFigure, NationalReportModel } from './national-report.kit';
import { TXT } from './national-report.text';

/**
 * The model as DOCX for DGA's editors (the `docx` library). Word takes a Thai run's face and size
 * from the complex-script settings (w:rFonts w:cs, w:szCs): both are set to Sarabun in the
 * document's default style, or Thai falls back to another face. Each chart is the PDF's SVG (vector,
 * Sarabun) with a PNG of it for readers without SVG, followed by its data table as in the PDF.
 */

/** Draws SVGs as PNGs (the job's Chromium: PdfPrinter.svgToPng). */
export type SvgRasterizer = (svgs: string[]) => Promise<Buffer[]>;

/** Widest chart on the page, in pixels (A4 less margins is about 600 px at 96 dpi). */
const CHART_WIDTH = 600;

const FONT = { ascii: 'Sarabun', hAnsi: 'Sarabun', cs: 'Sarabun', eastAsia: 'Sarabun' };

function svgSize(svg: string): { width: number; height: number } {
  const m = /<svg[^>]*\swidth="(\d+(?:\.\d+)?)"[^>]*\sheight="(\d+(?:\.\d+)?)"/.exec(svg);
  if (!m) throw new Error('A chart SVG has no width and height');
  return { width: Number(m[1]), height: Number(m[2]) };
}

function chartOf(chart: { svg: string; png: Buffer }, f: ModelFigure, n: number, L: 'th' | 'en'): Paragraph[] {
  const { width, height } = svgSize(chart.svg);
  const k = Math.min(1, CHART_WIDTH / width);
  const caption = `${TXT[L].chart} ${n}: ${f.title}`;
  return [
    new Paragraph({
      keepNext: true,
      children: [
        new ImageRun({
          type: 'svg',
          data: Buffer.from(chart.svg, 'utf8'),
          fallback: { type: 'png', data: chart.png },
          transformation: { width: Math.round(width * k), height: Math.round(height * k) },
          altText: { name: `chart-${n}`, title: caption, description: caption },
        }),
      ],
    }),
    new Paragraph({
      keepNext: true,
      children: [new TextRun({ text: caption, italics: true, size: 19, sizeComplexScript: 22 })],
    }),
  ];
}

function tableOf(f: ModelFigure, n: number, L: 'th' | 'en'): (Paragraph | Table)[] {
  const t = TXT[L];
  const cell = (text: string, header: boolean, right: boolean) =>
    new TableCell({
      children: [
        new Paragraph({
          alignment: right ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [new TextRun({ text, bold: header })],
        }),
      ],
    });
  const rows = [
    new TableRow({ tableHeader: true, children: f.table.columns.map((c) => cell(c, true, false)) }),
    ...f.table.rows.map((r) => new TableRow({ children: r.map((c, i) => cell(c, false, i > 0)) })),
  ];
  return [
    new Paragraph({ children: [new TextRun({ text: `${t.table} ${n}: ${f.title}`, bold: true })] }),
    new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } }),
    new Paragraph({ children: [new TextRun({ text: f.table.note, italics: true, size: 18, sizeComplexScript: 18 })] }),
  ];
}

export async function nationalReportDocx(m: NationalReportModel, rasterize: SvgRasterizer): Promise<Buffer> {
  // Every chart drawn first, in one batch: the figures then number and place them in order.
  const charts = m.sections.flatMap((s) => s.figures).flatMap((f) => (f.chart ? [f.chart] : []));
  const svgs = charts.map((c) => chartSvg(c));
  const pngs = await rasterize(svgs);
  if (pngs.length !== svgs.length) throw new Error(`${svgs.length} charts, ${pngs.length} images`);
  const drawn = new Map<ModelChart, { svg: string; png: Buffer }>(
    charts.map((c, i) => [c, { svg: svgs[i] as string, png: pngs[i] as Buffer }]),
  );
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(m.title)] }),
    new Paragraph({ children: [new TextRun(m.subtitle)] }),
    new Paragraph({ children: [new TextRun(`${TXT[m.lang].generated} ${m.generatedAt}`)] }),
  ];
  let n = 0;
  for (const s of m.sections) {
    children.push(
      new Paragraph({
        heading: s.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
        children: [new TextRun(s.heading)],
      }),
    );
    for (const p of s.paragraphs) children.push(new Paragraph({ children: [new TextRun(p.text)] }));
    for (const f of s.figures) {
      const chart = f.chart && drawn.get(f.chart);
      n++;
      if (chart) children.push(...chartOf(chart, f, n, m.lang));
      children.push(...tableOf(f, n, m.lang));
    }
  }
  const doc = new Document({
    title: `${m.title} ${m.fiscalYearLabel}`,
    creator: 'DGA Digital Government Readiness Survey',
    styles: {
      default: {
        document: { run: { font: FONT, size: 24, sizeComplexScript: 28 } },
        heading1: { run: { font: FONT, size: 32, sizeComplexScript: 36, bold: true, color: '0B7285' } },
        heading2: { run: { font: FONT, size: 28, sizeComplexScript: 30, bold: true } },
        title: { run: { font: FONT, size: 40, sizeComplexScript: 44, bold: true, color: '0B7285' } },
      },
    },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
