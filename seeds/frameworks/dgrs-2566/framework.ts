import type { FrameworkInput } from '../../../shared/src/schemas/framework';
import { levels, t } from '../builders';
import { nameCriteria } from '../criterion-names';
import { derived2566 } from './derived';
import { p1Policies } from './p1-policies';
import { p2Data } from './p2-data';
import { p3Capability } from './p3-capability';
import { p4Services } from './p4-services';
import { p5BackOffice } from './p5-back-office';
import { p6Infrastructure } from './p6-infrastructure';
import { p7Technology } from './p7-technology';

/** DGA's 2566 (2023) Digital Government Readiness framework: 7 pillars x 5 levels, two tracks. */
export const dgrs2566: FrameworkInput = {
  code: 'DGRS-2566',
  year: 2023,
  title: t(
    'กรอบการประเมินระดับความพร้อมรัฐบาลดิจิทัลของหน่วยงานภาครัฐ ประจำปี 2566',
    'Digital Government Readiness Framework 2023',
  ),
  previousCode: 'DGRS-2565',
  levels,
  overall: {
    method: 'floor_weighted_mean',
    rationale: t(
      'ระดับความพร้อมในภาพรวมคำนวณจากค่าเฉลี่ยถ่วงน้ำหนักของระดับรายตัวชี้วัดแล้วปัดเศษลง ซึ่งสอดคล้องกับผลที่ สพร. เผยแพร่ ภาพรวมจึงสะท้อนความก้าวหน้าในทุกตัวชี้วัด ไม่ถูกฉุดด้วยตัวชี้วัดที่ต่ำที่สุดเพียงตัวเดียวอย่างการใช้ค่าต่ำสุด และการปัดลงทำให้หน่วยงานไม่ได้ระดับที่ยังไม่ได้บรรลุจริง',
      "The overall level is the weighted mean of pillar levels rounded down, which matches how DGA's published overall level behaves. It reflects progress on every pillar instead of being held back by the single weakest one, as a minimum would be, and rounding down never credits a level the agency has not reached.",
    ),
  },
  minApplicableShare: 0.5,
  pillars: [p1Policies, p2Data, p3Capability, p4Services, p5BackOffice, p6Infrastructure, p7Technology].map(
    nameCriteria,
  ),
  derivedIndicators: derived2566,
};
