// The engine's public surface: pure maths shared by the server and both apps.

export { BUILTIN_DECK } from './builtin-deck';
export {
  componentsIn,
  costAt,
  dimensionOf,
  eigenComponents,
  gradientAt,
  hessianEigen,
  minimumCostOf,
  minimumOf,
  type QuadraticForm,
  quadraticFormOf,
} from './cost-model';
export {
  FOLLOW_UP_AIMED,
  FOLLOW_UP_TARGETS_MAX,
  type FollowUpDeck,
  type FollowUpRound,
  generateFollowUpDeck,
  generateWarmupDeck,
  isFairFollowUpRound,
  roundKey,
  WARMUP_AIMED,
  WARMUP_ROUNDS,
} from './follow-up';
export { formatAlpha, formatCost, formatNumber, formatPoint, formatRatio } from './format';
export {
  arrangeOutcomes,
  BOUNDARY_MARGIN,
  boundaryMargin,
  DECK_ROUNDS_LIMIT,
  generateDeck,
  generateRound,
  hasBalancedStart,
  isFairRound,
  isNiceAlpha,
  isNiceParameter,
  isVisible,
  KINDS_BY_DIFFICULTY,
  MIN_COMPONENT_SHARE,
  ROUND_BANDS,
} from './generate';
export { LECTURE_DATASET, type LectureDataset } from './lecture-dataset';
export {
  type AnswerOption,
  answerOptions,
  CLASS_MARGIN,
  type Diagnosis,
  diagnose,
  isMisconceptionId,
  MIN_ROUNDS_SHOWN,
  MISCONCEPTION_IDS,
  MISCONCEPTIONS,
  type Misconception,
  type MisconceptionId,
  misconceptionsOf,
  optionKeyOf,
  type PlayedRound,
  STUDENT_MARGIN,
  type StudentEvidence,
  type TaggedRound,
  testedBy,
} from './misconceptions';
export {
  escapeOf,
  PACE_FRACTION,
  REVEAL_MAX_STEPS,
  revealSteps,
  stepsToShrink,
} from './pace';
export { createRng, type Rng, type RngState, rngNext, toRngState } from './rng';
export {
  FASTEST_FRACTION,
  FASTEST_KINDS,
  FASTEST_MAX_WINNER_STEPS,
  FASTEST_MIN_LEAD,
  generateFastestRound,
  generateMaxAlphaRound,
  HALF_TARGET_FACTOR,
  hasMirrorPair,
  isFairRace,
  isHalfTargetGuess,
  iterationsToReach,
  MAX_ALPHA_KINDS,
  MAX_ALPHA_POINTS,
  MAX_ALPHA_SPAN,
  MAX_ALPHA_WINDOW_DECADES,
  maxAlphaPoints,
  maxAlphaRange,
  mirrorPair,
  type Problem,
  RACE_RUN_STEPS,
  type Race,
  raceAlphas,
  raceRuns,
  targetAlpha,
} from './round-kinds';
export { parseScenario, ScenarioSchema } from './schema';
export {
  BOUNDARY_TOLERANCE,
  DEFAULT_MAX_STEPS,
  MAX_STEPS_LIMIT,
  outcomeOfRatio,
  quarticCrossings,
  simulate,
  snapRatio,
  sweepAlpha,
} from './simulate';
export { type Run, trajectory } from './trajectory';
export { generateTwin } from './twin';
export * from './types';
export {
  ENGINE_MAX_ALPHA,
  InvalidScenarioError,
  problemIssue,
  SCENARIO_LIMITS,
  type ScenarioIssue,
  scenarioIssue,
} from './validate';
