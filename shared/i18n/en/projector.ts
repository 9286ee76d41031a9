// The projector: what a class reads from the back row during a game, and the host's buttons under it.
// The host page holds every language of this catalog and switches at run time (client/ui/language.ts).

export const projector = {
  language: 'Language',
  questionOf: (i: number, n: number) => `Question ${i} of ${n}`,
  twin: 'Same idea, new numbers',
  code: 'code',
  report: 'See the report',
  newGame: 'New game',
  endArmed: 'Click again to end the game',
  endGame: 'End game',
  askTwin: 'Ask its twin',
  revealNow: 'Reveal now',
  start: 'Start',
  discuss: 'Discuss and vote again',
  reveal: 'Reveal',
  voteAgainNow: 'Vote again now',
  leaderboard: 'Leaderboard',
  nextQuestion: 'Next question',
  finalResults: 'Final results',
  // The lobby.
  joinAt: 'Join at',
  withCode: 'with the code',
  scan: 'or scan to open',
  waitingPlayers: 'Waiting for players…',
  players: (n: number) => `${n} ${n === 1 ? 'player' : 'players'}`,
  clickToRemove: 'Click a name to remove that player.',
  remove: (name: string) => `Remove ${name}`,
  removedPlayers: 'Removed players',
  removedNote:
    'Removed (their browser cannot join again under another name; a private window can, so lock the game to keep everyone out):',
  undo: 'Undo',
  undoRemove: (name: string) => `Undo removing ${name}`,
  locked: ' Locked: nobody new can join',
  lock: ' Lock the game (nobody new can join)',
  // Between questions and at the end.
  afterQuestion: (i: number, n: number) => `After question ${i} of ${n}`,
  endedAfter: (played: number, n: number) => `Ended after ${played} of ${n} questions`,
  questions: (n: number) => `${n} questions`,
  // A question.
  maxAlphaAsk: 'What is the largest α that still converges?',
  maxAlphaNote: 'Zig-zagging still converges. Slide or type your α on your phone.',
  fastestAsk: 'Which α is fastest?',
  fastestNote: 'Fastest: the fewest steps to within 1/1000 of the start distance.',
  secondsLeft: (n: number) => `${n} seconds left`,
  secondVote: 'Second vote: after the discussion',
  answered: 'answered',
  of: (n: number) => `of ${n}`,
  // The votes and the discussion.
  firstVote: 'How the class voted (first vote)',
  revealInstead: 'Reveal instead',
  discussInstead: 'Discuss and vote again instead',
  talk: 'Talk to your neighbours, then vote again.',
  // A prediction's reveal.
  theClass: (right: number, total: number) => `The class: ${right} of ${total} right`,
  rightMark: '(✓ the right answer)',
  before: 'Before discussion',
  after: 'After discussion',
  /** α, and where steps start to overshoot and to diverge, all written already. */
  thresholds: (alpha: string, zigzag: string, diverge: string, quartic: boolean) =>
    `Here α = ${alpha}: steps overshoot for α above ${zigzag} and diverge above ${diverge}${quartic ? ', from this start only' : ''}.`,
  heldFor: (round: number) =>
    `Round ${round} asks about this cost, so where α starts to overshoot and to diverge waits until then.`,
  voidPredict: 'Bounces for ever — nobody could win this one.',
  distance: 'Distance to the minimum, log scale',
  distanceNote: '(straight line: the same factor each step)',
  stepOf: (shown: number, last: number) => `Step ${shown} of ${last}`,
  replay: 'Replay',
  showAll: 'Show all steps',
  zoom: (steps: number, magnify: number) => `First ${steps} steps, ×${magnify}`,
  noAnswer: 'No answer',
  correct: 'correct',
  spaceKey: 'Space',
  // The largest α's reveal.
  maxAlphaRule: (formula: string) =>
    `α* = ${formula}. Below α* gradient descent converges (zig-zagging above α*/2); at α* it bounces for ever; above it diverges.`,
  maxAlphaScored: (correct: number, total: number, low: string, half: string, halfGuesses: number) =>
    `${correct} of ${total} scored: guesses from α*/√10 = ${low} up to just below α*, except near α*/2 = ${half}${halfGuesses > 0 ? ` (${halfGuesses} ${halfGuesses === 1 ? 'guess' : 'guesses'})` : ''}, where overshooting starts, not where it stops converging.`,
  guesses: (n: number, none: number) =>
    `${n} ${n === 1 ? 'guess' : 'guesses'}${none > 0 ? `, ${none} without an answer` : ''}`,
  closestBelow: 'Closest below α*',
  justBelow: 'Just below α*',
  closestAbove: 'Closest ≥ α*',
  justAbove: 'Just above α*',
  // The race's reveal.
  noWinner: 'No single winner',
  tie: 'A tie, or no option gets within 1/1000 of the start distance: nobody scores, and streaks stay as they were.',
  /** `finish`, `nextFinish`: step counts already written (finishText). */
  winnerFinish: (finish: string, next: { alpha: string; finish: string } | null) =>
    `${finish} to 1/1000 of the start distance${next ? `; next best, α = ${next.alpha}: ${next.finish}.` : '; no other α gets there.'}`,
  zigzagWinner:
    "This winner zig-zags: overshooting is not always slower. Each step's factor |1 − α·λ| decides, not the side it lands on.",
  never: 'never',
  steps: (n: number) => (n === 1 ? '1 step' : `${n} steps`),
  bestQuartic: (best: string) => `From θ₀, α = 1/(θ₀² + b) = ${best} lands on the minimum in one step.`,
  bestLine: (best: string) => `Here α = 1/J″ = ${best} lands on the minimum in one step.`,
  bestValley: (best: string) =>
    `The fastest α for this cost is 2/(λ_min + λ_max) = ${best}: it shrinks the steep and the shallow directions equally.`,
  classCounts: (right: number, total: number) => `The class, ${right} of ${total} right:`,
  /** The projector's own plots: the largest-α guesses, the race, the class's answers. */
  plots: {
    /** The largest-α guesses: the three zones of the axis, as short as fits above the dots. */
    zones: { converges: 'converges', zigzag: 'zig-zags', diverges: 'diverges' },
    /** `counts`: "3 converges directly" for each outcome guessed, from `guessCount`. */
    guessesAria: (guesses: number, counts: readonly string[], target: string) =>
      `${guesses} guesses of α on a log scale: ${counts.join(', ') || 'none'}; α* = ${target}`,
    guessCount: (n: number, outcome: string) => `${n} ${outcome.toLowerCase()}`,
    perDot: (n: number) => `each mark: up to ${n} guesses`,
    /** The race's finish line: 1/1000 of the start distance. */
    finish: (fraction: string) => `finish: ${fraction}`,
    /** `options`: "A finishes at 25" for each option, from `raceOption`. */
    raceAria: (options: readonly string[]) =>
      `Distance to the minimum per iteration, log scale, one line per option: ${options.join(', ')}`,
    raceOption: (letter: string, iterations: number | null) =>
      `${letter} ${iterations === null ? 'never finishes' : `finishes at ${iterations}`}`,
    /** The class's answers: "Diverges: 3" for each row. */
    barsAria: (rows: ReadonlyArray<readonly [string, number]>) =>
      rows.map(([label, count]) => `${label}: ${count}`).join(', '),
  },
};
