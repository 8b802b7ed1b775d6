import type { Framework } from '../schemas/framework';
import { isBareOptionWord } from './criterion-label';

type Path = (string | number)[];
type AddIssue = (path: Path, code: string, message: string, messageTh: string) => void;

const where = (path: Path) =>
  path.reduce<string>((out, p) => (typeof p === 'number' ? `${out}[${p}]` : out ? `${out}.${p}` : p), '');

/**
 * Every criterion is named by what it means: results, reports and exports list criteria by name,
 * and "มี/ใช่" or "Yes" names nothing. An option-based criterion takes its option's label unless
 * its maturity has a label; a question-level criterion has its own label.
 */
export function checkCriterionLabels(fw: Framework, add: AddIssue): void {
  fw.pillars.forEach((pillar, pi) => {
    pillar.indicators.forEach((indicator, ii) => {
      indicator.questions.forEach((q, qi) => {
        const qPath: Path = ['pillars', pi, 'indicators', ii, 'questions', qi];
        (q.options ?? []).forEach((option, oi) => {
          if (!option.maturity) return;
          const named = option.maturity.label;
          const label = named ?? option.label;
          const bare = [label.th, label.en].find(isBareOptionWord);
          if (bare === undefined) return;
          const path: Path = [...qPath, 'options', oi, 'maturity', 'label'];
          add(
            path,
            'criterion_label_bare',
            `${where(path)}: criterion ${q.code}.${option.code} would be called "${bare}" in results and reports; give maturity.label a name that says what the agency has or does (e.g. "Approved digital action plan").`,
            `${where(path)}: เกณฑ์ ${q.code}.${option.code} จะแสดงในผลการประเมินและรายงานว่า "${bare}" ซึ่งไม่บอกว่าเกณฑ์คืออะไร ให้ระบุ maturity.label เป็นชื่อที่บอกสิ่งที่หน่วยงานมีหรือดำเนินการ (เช่น "มีแผนปฏิบัติการด้านดิจิทัลที่ได้รับความเห็นชอบ")`,
          );
        });
        (q.criteria ?? []).forEach((criterion, ci) => {
          const bare = [criterion.label.th, criterion.label.en].find(isBareOptionWord);
          if (bare === undefined) return;
          const path: Path = [...qPath, 'criteria', ci, 'label'];
          add(
            path,
            'criterion_label_bare',
            `${where(path)}: criterion ${criterion.code} is called "${bare}"; name it by what the agency has or does.`,
            `${where(path)}: เกณฑ์ ${criterion.code} มีชื่อว่า "${bare}" ซึ่งไม่บอกว่าเกณฑ์คืออะไร ให้ตั้งชื่อตามสิ่งที่หน่วยงานมีหรือดำเนินการ`,
          );
        });
      });
    });
  });
}
