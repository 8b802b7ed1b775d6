// The review workspace's public functions, split by concern: the queue and a response's detail
// (review-queue.service), decisions on claims (review-decisions.service), returns and acceptance
// (review-returns.service), and what they share (review-claims).
export { answerText, audit, claimsOf, cycleOf, lockedContext, pillarLevels } from './review-claims';
export { deriveVerification, verify, verifyEvidence } from './review-decisions.service';
export { detail, queue } from './review-queue.service';
export { acceptResponse, returnResponse } from './review-returns.service';
