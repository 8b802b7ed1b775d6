export { MultipleInput, ReasonInput, SingleInput, StagedInput, YesNoInput } from './choice-inputs';
export { MatrixInput } from './matrix-input';
export { answerError, QuestionField, type QuestionFieldProps } from './question-field';
export {
  EMPTY_STATE,
  formatAnswer,
  justificationOk,
  type Lang,
  MIN_JUSTIFICATION,
  type QuestionState,
  sameState,
  stateFromStored,
  stateToPayload,
  toEngineAnswer,
} from './question-state';
export { DateAnswerInput, LongTextAnswerInput, NumberAnswerInput, TextAnswerInput } from './scalar-inputs';
export type { InputProps } from './types';
