/**
 * Bulk report bench: 376 agencies (300 departments, 76 provinces) with snapshots, then the
 * POST /api/results/:cycleId/reports-zip job timed until the ZIP is ready. Target: < 2 minutes.
 * `npx tsx bench/reports-bench.ts [count]` or `npm run bench reports`.
 */
import fs from 'node:fs';
import { insertUser, signIn } from '../tests/support/fixtures';
import {
  importTestFramework,
  insertCycle,
  insertNamedAgency,
  strengthAnswers,
  submitWithSnapshot,
} from '../tests/support/report-fixtures';
import { createTestApp } from '../tests/support/test-app';

const TARGET_MS = 120_000;
const ORG_TYPES = ['government_agency', 'state_enterprise', 'public_organization', 'independent_organization', 'other'];

export async function runReportsBench(opts: { log?: boolean; count?: number } = {}) {
  const count = opts.count ?? 376;
  const t = await createTestApp();
  try {
    const f = await importTestFramework(t.db);
    const cycle = await insertCycle(t.db, f.id, 2023, 'published');
    const setupStart = performance.now();
    for (let i = 0; i < count; i++) {
      const province = i >= Math.round((count * 300) / 376);
      const a = await insertNamedAgency(
        t.db,
        `${province ? 'P' : 'D'}${String(i).padStart(3, '0')}`,
        province ? `คณะกรรมการผู้บริหารเทคโนโลยีสารสนเทศระดับสูงระดับจังหวัด ${i}` : `กรมพัฒนาธุรกิจการค้า ${i}`,
        province ? `Province ${i}` : `Department ${i}`,
        province ? 'province' : 'department',
        ORG_TYPES[i % ORG_TYPES.length] as string,
        i % 3 === 0 ? 'policy' : 'service',
      );
      await submitWithSnapshot(t.db, cycle.id, a.id, strengthAnswers(f.framework, a.track, (i % 10) / 10, i));
    }
    const setupMs = performance.now() - setupStart;
    await insertUser(t.db, 'bench@dga.or.th', 'analyst');
    const { headers } = await signIn(t.app, 'bench@dga.or.th');

    const start = performance.now();
    const res = await t.app.inject({ method: 'POST', url: `/api/results/${cycle.id}/reports-zip`, headers });
    if (res.statusCode !== 202) throw new Error(`start failed: ${res.statusCode} ${res.body}`);
    const jobId = res.json().id as string;
    let job = res.json();
    while (job.status === 'running' || job.status === 'queued') {
      await new Promise((r) => setTimeout(r, 500));
      job = (await t.app.inject({ method: 'GET', url: `/api/jobs/${jobId}`, headers })).json();
    }
    const ms = performance.now() - start;
    if (job.status !== 'done') throw new Error(`job ${job.status}: ${job.error}`);
    const zip = await t.app.inject({ method: 'GET', url: job.downloadUrl, headers });
    const size = zip.rawPayload.length;
    const figures = {
      reports: job.done,
      zipMs: Math.round(ms),
      perReportMs: Math.round(ms / job.done),
      zipMB: +(size / 1e6).toFixed(1),
      setupMs: Math.round(setupMs),
      targetMs: TARGET_MS,
      ratio: +(ms / TARGET_MS).toFixed(2),
    };
    if (opts.log) console.log(`reports: ${job.done} PDFs into a ZIP in ${(ms / 1000).toFixed(1)} s`, figures);
    return figures;
  } finally {
    await t.close();
  }
}

if (process.argv[1] && fs.realpathSync(process.argv[1]) === fs.realpathSync(new URL(import.meta.url).pathname)) {
  const n = Number(process.argv[2]) || undefined;
  runReportsBench({ log: true, count: n })
    .then(() => process.exit(0))
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
