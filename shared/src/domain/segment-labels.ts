import type { LocalizedText } from '../schemas/i18n';

/** The segments of DGA's findings, named as the findings name them, so every screen and file agrees. */
export const ORG_TYPE_LABELS: Record<string, LocalizedText> = {
  government_agency: { th: 'ส่วนราชการ', en: 'Government agency' },
  state_enterprise: { th: 'รัฐวิสาหกิจ', en: 'State enterprise' },
  public_organization: { th: 'องค์การมหาชน', en: 'Public organization' },
  independent_organization: { th: 'องค์กรอิสระ', en: 'Independent organization' },
  other: { th: 'อื่น ๆ', en: 'Other' },
};
export const ROLE_LABELS: Record<string, LocalizedText> = {
  policy: { th: 'จัดทำนโยบาย กำกับดูแล หรือประสานงานเป็นหลัก', en: 'Policy, regulation or coordination' },
  service: { th: 'ให้บริการเป็นหลัก', en: 'Service provision' },
};
export const TRACK_LABELS: Record<string, LocalizedText> = {
  department: { th: 'หน่วยงานระดับกรมหรือเทียบเท่า', en: 'Department level' },
  province: { th: 'หน่วยงานระดับจังหวัด', en: 'Province level' },
};
