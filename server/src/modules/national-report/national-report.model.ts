import { formatDate, formatYear } from '@dg/shared/domain/dates';
import type { NationalReportData } from './national-report.data';
import { factFindingSections } from './national-report.fact-finding';
import type { Lang, NationalReportModel } from './national-report.kit';
import { levelsSections, pillarSections, ratesSection, segmentSection } from './national-report.levels';
import { derivedSection, methodSection, targetsSection, yoySection } from './national-report.sections';
import { TXT } from './national-report.text';

/**
 * The national report as one object, built once per language by this pure function: the PDF's HTML
 * and the DOCX both render it, and every number in its sentences is a cell of its tables.
 */
export function buildNationalReportModel(d: NationalReportData, L: Lang): NationalReportModel {
  const t = TXT[L];
  const year = formatYear(d.cycle.fiscalYear, L);
  return {
    lang: L,
    title: t.title,
    subtitle: `${t.subtitle} ${t.fiscalYear} ${year}`,
    fiscalYearLabel: `${t.fiscalYear} ${year}`,
    generatedAt: formatDate(d.generatedAt, L, true),
    sections: [
      ratesSection(d, L),
      ...levelsSections(d, L),
      ...pillarSections(d, L),
      segmentSection(d, L),
      targetsSection(d, L),
      yoySection(d, L),
      derivedSection(d, L),
      ...factFindingSections(d, L),
      methodSection(d, L),
    ],
  };
}

/** ASCII file names in the reader's year, as every export: dg-national-report-2566-th.pdf, -2023-en.pdf. */
export const nationalReportFileName = (fiscalYear: number, lang: Lang, ext: 'pdf' | 'docx') =>
  `dg-national-report-${formatYear(fiscalYear, lang)}-${lang}.${ext}`;
