import { filterQuestions, type PillarInput, retargetPillar, t } from '../builders';
import { p6Infrastructure } from '../dgrs-2566/p6-infrastructure';
import { p7Technology } from '../dgrs-2566/p7-technology';

/** Questions 2566 added when it split technology out into its own pillar. */
const newIn2566 = new Set(['TECH_ADOPTION_STAGE', 'TECH_GENAI', 'TECH_CLOUD_NATIVE', 'TECH_PLANNED', 'INFRA_IPV6']);

// 2565 asked infrastructure and technology as one pillar; its technology indicators become P6.3 and P6.4.
const technologyIndicators = retargetPillar(p7Technology.indicators, 'P7', 'P6').map((ind, i) => ({
  ...ind,
  code: `P6.${i + 3}`,
}));

export const p6InfrastructureTechnology2565: PillarInput = {
  key: 'P6',
  number: 6,
  name: t('ด้านโครงสร้างพื้นฐานและเทคโนโลยีดิจิทัล', 'Infrastructure and Digital Technology'),
  description: t(
    'โครงสร้างพื้นฐานกลางภาครัฐ ความมั่นคงปลอดภัยไซเบอร์ และการประยุกต์ใช้เทคโนโลยีดิจิทัล',
    'Shared government infrastructure, cybersecurity and the adoption of digital technology.',
  ),
  levelNames: [
    t('ล้าสมัย', 'Obsolete'),
    t('พื้นฐาน', 'Fundamental'),
    t('รองรับหลายช่องทาง', 'Cross-channel'),
    t('บูรณาการ', 'Integrated'),
    t('ดิจิทัลเต็มรูปแบบ', 'Digitized'),
  ],
  // Staged like 2566's P6: the security prerequisites gate the levels; technology adds optional criteria.
  scoring: { mode: 'staged', minOptionalShare: 0.5 },
  indicators: filterQuestions([...p6Infrastructure.indicators, ...technologyIndicators], (q) => !newIn2566.has(q.code)),
};
