import { formatYear } from '@dg/shared/domain/dates';
import type { Db } from '../../db/database';
import type { Principal } from '../../plugins/auth';
import type { PdfPrinter } from './pdf';
import { type Lang, pageTemplates, reportHtml } from './report-html';
import * as repo from './reports.repository';
import { agencyDashboard, type CycleContext, loadCycleContext } from './reports.service';
import { reportXlsx } from './xlsx';

export async function renderAgencyPdf(
  db: Db,
  printer: PdfPrinter,
  principal: Principal,
  cycleId: number,
  agencyId: number,
  lang: Lang,
  context?: CycleContext,
): Promise<{ pdf: Buffer; fileName: string }> {
  const ctx = context ?? (await loadCycleContext(db, cycleId));
  const d = await agencyDashboard(db, principal, cycleId, agencyId, ctx);
  const opts = { lang, generatedAt: new Date(), fonts: 'system' as const };
  const pdf = await printer.print(reportHtml(d, ctx.framework, opts), pageTemplates(d, opts));
  return { pdf, fileName: reportFileName(d.agency.code, d.cycle.fiscalYear, d.label, 'pdf', lang) };
}

export async function renderAgencyXlsx(
  db: Db,
  principal: Principal,
  cycleId: number,
  agencyId: number,
  lang: Lang,
): Promise<{ xlsx: Buffer; fileName: string }> {
  const ctx = await loadCycleContext(db, cycleId);
  const d = await agencyDashboard(db, principal, cycleId, agencyId, ctx);
  const snap = await repo.findCurrentSnapshot(db, cycleId, agencyId);
  const answers = snap ? await repo.listAnswers(db, snap.response_id) : [];
  const xlsx = await reportXlsx(d, ctx.framework, answers, lang);
  return { xlsx, fileName: reportFileName(d.agency.code, d.cycle.fiscalYear, d.label, 'xlsx', lang) };
}

/**
 * ASCII-only, so Content-Disposition needs no encoding: dg-readiness-2566-D001[-preview].pdf, with
 * the reader's year (B.E. in Thai, C.E. in English) as every export.
 */
export function reportFileName(
  agencyCode: string,
  fiscalYear: number,
  label: string,
  ext: string,
  lang: Lang = 'th',
): string {
  const code = agencyCode.replace(/[^A-Za-z0-9_-]/g, '_');
  return `dg-readiness-${formatYear(fiscalYear, lang)}-${code}${label === 'preview' ? '-preview' : ''}.${ext}`;
}
