import type { Question } from '@dg/shared/schemas/framework';
import type { ResponseDetail } from '@dg/shared/schemas/questionnaire';
import type { QuestionState } from '../../components/questions/question-state';

export type FormValues = Record<string, QuestionState>;
/** What the uncontrolled text and number inputs hold, by question code. */
export type RawValues = Record<string, string>;
export type Comment = ResponseDetail['comments'][number];

export interface TrackQuestion {
  question: Question;
  pillarKey: string;
  indicatorCode: string;
}

/** Sends `publish(code, state, lazy)` into the live preview's answer map. */
export type Publish = (code: string, s: QuestionState, lazy: boolean) => void;
