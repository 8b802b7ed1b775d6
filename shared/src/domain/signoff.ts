/**
 * The declaration of accuracy a CIO accepts when submitting the agency's answers to DGA. The text is
 * stored with the submission exactly as shown (both languages), beside the CIO's name and the time.
 */
export const SIGNOFF_DECLARATION = {
  th: 'ข้าพเจ้าในฐานะผู้บริหารเทคโนโลยีสารสนเทศระดับสูง (CIO) ของหน่วยงาน ขอรับรองว่าข้อมูลและหลักฐานในแบบสำรวจนี้ถูกต้องและเป็นความจริง และอนุมัติให้ส่งต่อสำนักงานพัฒนารัฐบาลดิจิทัล (สพร.)',
  en: "As the agency's Chief Information Officer, I declare that the answers and evidence in this questionnaire are accurate and true, and I approve their submission to DGA.",
} as const;

export const signoffDeclarationText = (): string => `${SIGNOFF_DECLARATION.th}\n${SIGNOFF_DECLARATION.en}`;

/** Why a respondent cannot submit where the cycle requires sign-off (Thai first). */
export const SIGNOFF_REQUIRED_MESSAGE =
  'รอบการสำรวจนี้กำหนดให้ผู้บริหารเทคโนโลยีสารสนเทศระดับสูง (CIO) ของหน่วยงานเป็นผู้รับรองและส่งแบบสำรวจ: โปรดกด "พร้อมให้ CIO รับรอง" แทน · ' +
  "This cycle requires sign-off: only the agency's CIO submits to DGA. Mark the questionnaire ready for sign-off instead.";
