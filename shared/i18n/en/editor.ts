// The deck editor: the deck page, the round's form and its live preview. Only the host page imports
// this (client/host/language.ts). English is the source of truth (see ../language.ts).

export const editor = {
  // The deck page.
  deck: 'Deck',
  loading: 'Loading the deck…',
  newDeck: 'New deck',
  editDeck: 'Edit deck',
  deckTitle: 'Deck title',
  untitled: 'Untitled deck',
  saving: 'Saving…',
  unsaved: 'Unsaved changes',
  allSaved: 'All changes saved',
  saved: 'Saved.',
  notSaved: (why: string) => `Not saved. ${why}`,
  save: 'Save',
  saveAndPlay: 'Save and play',
  playDeck: 'Play this deck',
  saveFirst: 'Save the deck first',
  export: 'Export',
  rounds: 'Rounds',
  roundsCount: (n: number) => `Rounds (${n})`,
  needsFixing: '⚠ needs fixing',
  moveUp: (n: number) => `Move round ${n} up`,
  moveDown: (n: number) => `Move round ${n} down`,
  duplicate: 'Duplicate',
  duplicateRound: (n: number) => `Duplicate round ${n}`,
  delete: 'Delete',
  deleteRound: (n: number) => `Delete round ${n}`,
  addRound: 'Add a round',
  addGenerated: 'Add generated rounds',
  difficulty: 'Difficulty',
  kindOfRounds: 'Kind of rounds',
  mix: 'a mix of the three',
  howMany: 'How many',
  addCount: (n: number) => (n === 1 ? 'Add 1 round' : `Add ${n} rounds`),
  leaveTitle: 'This deck has unsaved changes',
  leaveAsk: 'Save them before you go?',
  saveAndGo: 'Save and go on',
  leaveAnyway: 'Leave without saving',
  stay: 'Stay here',
  // A round in the list: the cost in a few words.
  parabola: (a: string, c: string) => `parabola a = ${a}, c = ${c}`,
  quartic: (b: string) => `quartic b = ${b}`,
  bowl: (l1: string, l2: string, angle: string) => `bowl λ = ${l1}, ${l2} at ${angle}°`,
  regression: (points: string) => `regression on ${points}`,
  points: (n: number) => `${n} points`,
  dataToFix: 'data to fix',

  // The round's form.
  round: (n: number) => `Round ${n}`,
  /** A round's data that cannot be read (a line of the data that is not two numbers). */
  roundProblem: (n: number, why: string) => `Round ${n}: ${why}`,
  kindOfRound: 'Kind of round',
  cost: 'Cost',
  costs: {
    quadratic: 'Parabola: J(θ) = a/2 (θ − c)²',
    quartic: 'Quartic: J(θ) = θ⁴/4 + b·θ²/2',
    bowl: 'Bowl in 2-D: eigenvalues λ₁, λ₂, angle, centre',
    linreg: 'Linear regression on data (the lecture’s cost)',
  },
  alpha: 'Learning rate α',
  offered: (min: number, max: number) => `The α offered (${min} or ${max})`,
  option: (letter: string) => `Option ${letter}: α`,
  addOption: 'Add option D',
  removeOption: 'Remove option D',
  a: 'a (curvature, > 0)',
  c: 'c (the minimum)',
  b: 'b (curvature at 0, > 0)',
  eigenvalues: 'Eigenvalues λ₁, λ₂ (> 0)',
  angle: 'Angle (degrees)',
  centre: 'Centre (the minimum)',
  centreAt: (i: number) => `Centre θ${i === 0 ? '₀' : '₁'}`,
  data: 'Data: x and y as two columns',
  dataHint:
    'Paste from a spreadsheet or type one pair per line, separated by a tab, comma, semicolon or spaces; a header line is fine.',
  dataPoints: (n: number) => ` ${n} points.`,
  start2: 'Start θ = (θ₀, θ₁)',
  start1: 'Start θ₀',
  startAt: (i: number) => `Start θ${i === 0 ? '₀' : '₁'}`,
  seconds: 'Seconds to answer',
  gameDefault: "game's default",
  tags: 'Misconceptions tested',
  tagsHint: (ids: string) =>
    `Empty: found by the engine from the round. Or ids separated by commas (none: no misconception): ${ids}.`,
  byEngine: 'found by the engine',
  lineNeedsTwo: (line: number) => `line ${line} needs two numbers, x and y`,
  lineNotNumbers: (line: number, text: string) => `line ${line}: “${text}” is not two numbers`,

  // The live preview.
  preview: 'Preview',
  whenComplete: 'The preview shows once the round is complete.',
  engineFailed: (why: string) => `The engine could not run this round: ${why}`,
  working: 'Working it out…',
  warnings: 'Warnings',
  toThousandth: 'to 1/1000',
  fastestMark: ' ✓ fastest',
  raceCaption: 'The race: distance to the minimum, log scale',
  atMinimum: 'The start is the minimum itself: gradient descent never moves, so there is nothing to watch.',
  hiddenSteep: (share: string) =>
    `Only ${share} of the start's distance lies along the steep direction: the overshoot hardly shows, and the run looks as if it converged. Start further up the valley's side.`,
  boundary: (name: string, r: string, share: string, edge: 1 | 2) =>
    `${name} = ${r} is within ${share} of ${edge}, the boundary between ${
      edge === 1 ? 'converging and zig-zagging' : 'zig-zagging and diverging'
    }: students cannot tell from the picture, and a small change of α flips the answer.`,
  bouncesForEver: (name: string) =>
    `Never settles: at ${name} = 2 exactly the run bounces for ever, and nobody can score this round.`,
  neverSettles: (steps: number, share: string) =>
    `Never settles on screen: after ${steps} steps the run is still ${share} of the start distance away, so the class sees no convergence.`,
  offPlot:
    'Diverges off the plot in one step: the first step already lands outside the picture, so the class sees nothing of the run.',
  runAt: (alpha: string) => `The run at 0.9 α* = ${alpha}`,
  maxAlphaAnswer: (target: string) =>
    `The answer: any α just below ${target}. At α* the run bounces for ever; above it, it diverges.`,
  noWinnerWarning:
    'No single winner: the fastest options tie, or none gets within 1/1000 of the start distance. Nobody can score this round.',
  closeRace: (lead: string, min: string) =>
    `Close race: the winner is only ${lead} ahead of the runner-up (generated rounds keep at least ${min}).`,
  mirrorPair: (a: string, b: string, ra: string, rb: string) =>
    `α = ${a} and α = ${b} give r and 2 − r (${ra} and ${rb}): both shrink the distance by the same factor each step, a tie in 1-D.`,
  longRace: (steps: number) =>
    `The winner needs ${steps} steps: a long race to watch. Larger α values make it shorter.`,
  trap: (alpha: string, diverges: boolean, r: string) =>
    `α = ${alpha} ${diverges ? 'diverges' : 'bounces for ever'} (r = ${r}): fine as a trap, but say so at the reveal.`,
  winnerRun: (alpha: string) => `The winner's run, α = ${alpha}`,
  noWinner: 'No single winner',
  fastest: (alpha: string, finish: string) => `Fastest: α = ${alpha}, ${finish}`,
};
