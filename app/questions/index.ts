/** Question generation: parsed documents → knowledge points and questions (see design §5). */
export { generateBank } from "./bank";
export { sampleMarkdown, questionMarkdown } from "./sample";
export { normalizeAnswer, answerVariants } from "./text";
export { documentLabel } from "./context";
export { GENERATOR_VERSION } from "./types";
export type {
  Bank,
  BankStats,
  FactType,
  Figure,
  FigureStatus,
  InputDocument,
  InputPassage,
  KnowledgeKind,
  KnowledgePoint,
  KnowledgePointSource,
  Question,
  QuestionFormat,
  QuestionSource,
} from "./types";
