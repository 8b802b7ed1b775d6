import type { ErrorReason } from '@dg/shared/domain/error-reasons';
import type { ErrorCode } from '@dg/shared/domain/errors';

/**
 * A message for every error code the server can answer with (shared/src/domain/errors.ts),
 * plus the client's own (HTTP_ERROR: no JSON body; NETWORK: no answer at all). The client shows
 * these, never the server's English text, in the Thai UI.
 */
// The codes the error handler sends for errors that are not DomainErrors (server/src/plugins/errors.ts).
type TransportCode = 'BAD_REQUEST' | 'METHOD_NOT_ALLOWED' | 'NOT_ACCEPTABLE' | 'INTERNAL_ERROR';
type ErrorTexts = Record<ErrorCode | TransportCode | 'HTTP_ERROR' | 'NETWORK', string>;

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
  BAD_REQUEST: 'คำขอไม่ถูกต้อง กรุณาตรวจสอบข้อมูลแล้วลองอีกครั้ง',
  METHOD_NOT_ALLOWED: 'ทำรายการนี้ไม่ได้',
  NOT_ACCEPTABLE: 'เซิร์ฟเวอร์ส่งข้อมูลในรูปแบบที่ขอไม่ได้',
  INTERNAL_ERROR: 'เกิดข้อผิดพลาดในระบบ กรุณาลองอีกครั้งภายหลัง',
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
  BAD_REQUEST: 'The request is not valid. Please check the data and try again.',
  METHOD_NOT_ALLOWED: 'This action is not available.',
  NOT_ACCEPTABLE: 'The server cannot answer in the format asked for.',
  INTERNAL_ERROR: 'Something went wrong on the server. Please try again later.',
  HTTP_ERROR: 'The server answered with an error. Please try again.',
  NETWORK: 'The server cannot be reached. Check the connection and try again.',
};

/** Finer reasons (shared/src/domain/error-reasons.ts): shown instead of the code's message when present. */
export const errorReasonsTh: Record<ErrorReason, string> = {
  link_invalid: 'ลิงก์นี้ไม่ถูกต้อง กรุณาตรวจสอบว่าคัดลอกลิงก์มาครบ หรือขอลิงก์ใหม่',
  link_used: 'ลิงก์นี้ถูกใช้ไปแล้ว หากตั้งรหัสผ่านแล้วให้เข้าสู่ระบบได้เลย หรือขอลิงก์ใหม่จากหน้า "ลืมรหัสผ่าน"',
  link_revoked: 'คำเชิญนี้ถูกยกเลิกแล้ว กรุณาติดต่อผู้ดูแลระบบหรือผู้บริหารเทคโนโลยีสารสนเทศระดับสูง (CIO) ของหน่วยงาน',
  link_expired: 'ลิงก์นี้หมดอายุแล้ว ขอลิงก์ใหม่ได้จากหน้า "ลืมรหัสผ่าน" หรือติดต่อผู้ดูแลระบบ',
  password_common: 'รหัสผ่านนี้เป็นรหัสผ่านที่ใช้กันทั่วไปและเดาได้ง่าย กรุณาตั้งรหัสผ่านอื่น',
  password_has_email: 'รหัสผ่านต้องไม่มีชื่อบัญชีอีเมล',
  account_exists: 'มีบัญชีที่ใช้อีเมลนี้อยู่แล้ว ให้ผู้ใช้ตั้งรหัสผ่านใหม่จากหน้า "ลืมรหัสผ่าน" แทน',
  not_agency_cio: 'เฉพาะผู้บริหารเทคโนโลยีสารสนเทศระดับสูง (CIO) ของหน่วยงานเท่านั้นที่จัดการบุคลากรได้',
  own_account: 'ไม่สามารถระงับหรือคืนสิทธิ์บัญชีของตนเองได้ กรุณาติดต่อ สพร.',
  cio_manages_only: 'CIO จัดการได้เฉพาะผู้ประสานงานและผู้บริหารที่ดูผล (ผู้ชม) ของหน่วยงาน',
  user_not_found: 'ไม่พบผู้ใช้นี้ในหน่วยงานของคุณ',
};

export const errorReasonsEn: Record<ErrorReason, string> = {
  link_invalid: 'This link is not valid. Check that the whole link was copied, or ask for a new one.',
  link_used:
    'This link has already been used. If you set a password, sign in; otherwise ask for a new link from "Forgot password".',
  link_revoked: 'This invitation was withdrawn. Contact your administrator or your agency’s CIO.',
  link_expired: 'This link has expired. Ask for a new one from "Forgot password", or contact your administrator.',
  password_common: 'This password is one of the most common and easy to guess. Choose another.',
  password_has_email: 'The password must not contain your email name.',
  account_exists:
    'An account with this email already exists. The person can set a new password from "Forgot password".',
  not_agency_cio: 'Only the agency’s CIO manages its people.',
  own_account: 'You cannot remove or restore your own account. Contact DGA.',
  cio_manages_only: 'A CIO manages only the agency’s coordinators and viewers.',
  user_not_found: 'This user is not in your agency.',
};
