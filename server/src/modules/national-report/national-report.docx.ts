import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { ModelFigure, NationalReportModel } from './national-report.kit';
import { TXT } from './national-report.text';

/**
 * The model as DOCX for DGA's editors (the `docx` library). Word takes a Thai run's face and size
 * from the complex-script settings (w:rFonts w:cs, w:szCs): both are set to Sarabun in the
 * document's default style, or Thai falls back to another face. Charts are in the PDF; here each
 * figure is its data table, which editors restyle or chart in Word.
 */

const FONT = { ascii: 'Sarabun', hAnsi: 'Sarabun', cs: 'Sarabun', eastAsia: 'Sarabun' };

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

export async function nationalReportDocx(m: NationalReportModel): Promise<Buffer> {
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
    for (const f of s.figures) children.push(...tableOf(f, ++n, m.lang));
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
