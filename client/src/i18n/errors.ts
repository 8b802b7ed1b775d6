import type { ErrorCode } from '@dg/shared/domain/errors';

/**
 * A message for every error code the server can answer with (shared/src/domain/errors.ts),
 * plus the client's own (HTTP_ERROR: no JSON body; NETWORK: no answer at all). The client shows
 * these, never the server's English text, in the Thai UI.
 */
type ErrorTexts = Record<ErrorCode | 'HTTP_ERROR' | 'NETWORK', string>;

export const errorsTh: ErrorTexts = {
  VALIDATION_FAILED: 'ข้อมูลที่ส่งไม่ถูกต้อง กรุณาตรวจสอบแล้วลองอีกครั้ง',
  NOT_FOUND: 'ไม่พบข้อมูลที่ต้องการ อาจถูกลบหรือคุณไม่มีสิทธิ์เข้าถึง',
  UNAUTHENTICATED: 'เซสชันหมดอายุ กรุณาเข้าสู่ระบบใหม่',
  FORBIDDEN: 'คุณไม่มีสิทธิ์ทำรายการนี้',
  CONFLICT: 'ข้อมูลนี้ถูกเปลี่ยนหรือมีอยู่แล้ว กรุณาโหลดหน้าใหม่แล้วลองอีกครั้ง',
  STALE_REVISION: 'มีผู้อื่นแก้ไขคำตอบนี้ก่อนหน้า กรุณาตรวจสอบคำตอบล่าสุด',
  INVALID_STATE: 'ทำรายการนี้ไม่ได้ในสถานะปัจจุบันของแบบสำรวจ',
  DEADLINE_PASSED: 'เลยกำหนดส่งแล้ว แก้ไขหรือส่งไม่ได้ กรุณาติดต่อ สพร. หากต้องการขยายเวลา',
  RATE_LIMITED: 'มีคำขอมากเกินไป กรุณารอสักครู่แล้วลองอีกครั้ง',
  ACCOUNT_LOCKED: 'บัญชีถูกระงับชั่วคราว กรุณารอสักครู่แล้วลองอีกครั้ง',
  PAYLOAD_TOO_LARGE: 'ไฟล์หรือข้อมูลมีขนาดใหญ่เกินกำหนด',
  UNSUPPORTED_MEDIA_TYPE: 'ไม่รับไฟล์ชนิดนี้',
  FRAMEWORK_INVALID: 'กรอบการประเมินไม่ถูกต้อง',
  SERVICE_UNAVAILABLE: 'ระบบไม่ว่างชั่วคราว กรุณาลองอีกครั้งในอีกสักครู่',
  STORAGE_FAILED: 'บันทึกไฟล์ไม่สำเร็จ กรุณาลองอีกครั้ง',
  INCOMPLETE: 'แบบสำรวจยังไม่ครบถ้วน',
  IMPORT_INVALID: 'ไฟล์นำเข้าไม่ถูกต้อง',
  IDEMPOTENCY_KEY_REUSED: 'คำขอนี้ซ้ำกับคำขอก่อนหน้าที่ต่างกัน กรุณาโหลดหน้าใหม่',
  HTTP_ERROR: 'เกิดข้อผิดพลาดจากเซิร์ฟเวอร์ กรุณาลองอีกครั้ง',
  NETWORK: 'เชื่อมต่อเซิร์ฟเวอร์ไม่ได้ กรุณาตรวจสอบอินเทอร์เน็ตแล้วลองอีกครั้ง',
};

export const errorsEn: ErrorTexts = {
  VALIDATION_FAILED: 'Some of the data sent is not valid. Please check it and try again.',
  NOT_FOUND: 'Not found: it may have been removed, or you do not have access to it.',
  UNAUTHENTICATED: 'Your session has expired. Please sign in again.',
  FORBIDDEN: 'You are not allowed to do this.',
  CONFLICT: 'This was changed or already exists. Reload the page and try again.',
  STALE_REVISION: 'Someone else changed this answer first. Please check the latest answer.',
  INVALID_STATE: 'This cannot be done in the questionnaire’s current state.',
  DEADLINE_PASSED: 'The deadline has passed: answers can no longer be changed or submitted. Contact DGA to extend it.',
  RATE_LIMITED: 'Too many requests. Please wait a moment and try again.',
  ACCOUNT_LOCKED: 'The account is temporarily locked. Please wait and try again.',
  PAYLOAD_TOO_LARGE: 'The file or data is larger than allowed.',
  UNSUPPORTED_MEDIA_TYPE: 'This type of file is not accepted.',
  FRAMEWORK_INVALID: 'The framework is not valid.',
  SERVICE_UNAVAILABLE: 'The service is busy. Please try again in a moment.',
  STORAGE_FAILED: 'The file could not be stored. Please try again.',
  INCOMPLETE: 'The questionnaire is not complete.',
  IMPORT_INVALID: 'The import file is not valid.',
  IDEMPOTENCY_KEY_REUSED: 'This request repeats an earlier, different one. Please reload the page.',
  HTTP_ERROR: 'The server answered with an error. Please try again.',
  NETWORK: 'The server cannot be reached. Check the connection and try again.',
};
