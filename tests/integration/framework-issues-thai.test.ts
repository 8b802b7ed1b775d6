import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dgrs2566 } from '../../seeds/frameworks/dgrs-2566/framework';
import { type Personas, setupPersonas } from '../support/fixtures';
import { multipart } from '../support/multipart';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let personas: Personas;

const THAI = /[\u0E00-\u0E7F]/;
type Issue = { code: string; pathText: string; message: string; messageTh: string };

const upload = (content: string) => {
  const body = multipart({}, { name: 'framework.json', content: Buffer.from(content), type: 'application/json' });
  return t.app.inject({
    method: 'POST',
    url: '/api/frameworks/import',
    headers: { ...personas.admin.headers, 'content-type': body.contentType },
    payload: body.payload,
  });
};

/** Posts a framework document and returns the issues of its 422. */
async function issuesOf(doc: object): Promise<Issue[]> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/frameworks/import',
    headers: personas.admin.headers,
    payload: doc,
  });
  expect(res.statusCode, res.body).toBe(422);
  return res.json().error.details as Issue[];
}

beforeAll(async () => {
  t = await createTestApp();
  personas = await setupPersonas(t.app, t.db);
});
afterAll(async () => t.close());

describe('framework issues over the API', () => {
  it('send a Thai message with every schema and semantic issue', async () => {
    const bad = JSON.parse(JSON.stringify(dgrs2566)) as {
      code: string;
      year: unknown;
      pillars: { indicators: { questions: { code: string }[] }[] }[];
    };
    bad.code = 'bad code';
    bad.year = 'next year';
    const schemaIssues = await issuesOf(bad);
    expect(schemaIssues.map((i) => i.pathText)).toEqual(expect.arrayContaining(['code', 'year']));
    for (const i of schemaIssues) expect(i.messageTh).toMatch(THAI);

    const semantic = JSON.parse(JSON.stringify(dgrs2566)) as typeof bad;
    semantic.code = 'BAD-2566';
    const qs = semantic.pillars[0]?.indicators[0]?.questions;
    if (!qs || qs.length < 2) throw new Error('need two questions');
    (qs[1] as { code: string }).code = qs[0]?.code as string;
    const issues = await issuesOf(semantic);
    expect(issues.map((i) => i.code)).toContain('duplicate_question_code');
    for (const i of issues) expect(i.messageTh).toMatch(THAI);
  });

  it('send a Thai message for a file that is not JSON or not an object', async () => {
    const notJson = await upload('{ not json');
    expect(notJson.statusCode).toBe(422);
    const [jsonIssue] = notJson.json().error.details as Issue[];
    expect(jsonIssue).toMatchObject({ code: 'json', pathText: '(root)' });
    expect(jsonIssue?.messageTh).toMatch(/^ไฟล์ไม่ใช่ JSON ที่ถูกต้อง: /);

    const notObject = await upload('[1, 2]');
    expect(notObject.statusCode).toBe(422);
    expect(notObject.json().error.details).toEqual([
      {
        path: [],
        pathText: '(root)',
        code: 'schema',
        message: '(root): expected a JSON object',
        messageTh: '(root): ข้อมูลต้องเป็นออบเจกต์ JSON',
      },
    ]);
  });
});
