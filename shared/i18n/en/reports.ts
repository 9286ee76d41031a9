// Past games and the reports: the list and the gradebook, one game's or one assignment's report, its
// misconceptions, charts, second votes, twins and the warm-up's comparison. Only the host page
// imports this (client/host/language.ts). English is the source of truth (see ../language.ts).
//
// The server stores a report's words in English (for the CSV, and for whoever reads an old report);
// the page writes them anew from the ids and numbers beside them: a misconception by its id, a
// round's line from its task, a bar from its answer.
import { MISCONCEPTION_IDS, MISCONCEPTIONS, type MisconceptionId } from '../../engine/misconceptions';
import { PEER_CHANGE_LABELS, type PeerChange, type WarmupState } from '../../protocol/report';

type Idea = { name: string; text: string; separates: string };

const ideas = Object.fromEntries(
  MISCONCEPTION_IDS.map((id) => {
    const { name, text, separates } = MISCONCEPTIONS[id];
    return [id, { name, text, separates }];
  }),
) as Record<MisconceptionId, Idea>;

// A copy: the host page writes French into this catalog, and the CSV's words must stay English.
const peerChanges: Record<PeerChange, string> = { ...PEER_CHANGE_LABELS };

const warmupStates: Record<WarmupState, string> = {
  retained: 'retained',
  'newly-right': 'newly right',
  'still-wrong': 'still wrong',
  'new-mistake': 'new mistake',
};

export const reports = {
  // Past games and the gradebook.
  gradebook: 'Gradebook',
  gradebookHelp:
    'Tick the games of one course, then download them as one sheet for your gradebook: a row per student (matched by nickname, ignoring capitals and extra spaces) and a column of points per game, or per round for a single game.',
  downloadGradebook: 'Download the gradebook (CSV)',
  noneTicked: 'No game ticked yet.',
  tooManyTicked: (n: number, max: number) => `${n} games ticked: a gradebook holds at most ${max}.`,
  ticked: (n: number) => (n === 1 ? '1 game ticked.' : `${n} games ticked.`),
  untickAll: 'Untick all',
  games: 'Games',
  loadingGames: 'Loading your past games…',
  noGames: "No finished games yet. A game's report is saved here when it reaches its final results.",
  addToGradebook: 'Add to gradebook',
  homeworkWord: 'homework',
  game: (code: string) => `game ${code}`,
  students: (n: number) => (n === 1 ? '1 student' : `${n} students`),
  rounds: (n: number) => (n === 1 ? '1 round' : `${n} rounds`),
  right: (share: string) => `${share} right`,
  deleteReportNamed: (what: string) => `Delete the report of ${what}`,
  deleteReport: 'Delete this report?',
  open: 'Open',
  openReportNamed: (what: string) => `Open the report of ${what}`,
  homework: 'Homework',
  noDue: 'no due date',
  due: (when: string) => `due ${when}`,
  started: (n: number) => `${n} started`,
  finished: (n: number) => `${n} finished`,
  deleteHomeworkNamed: (title: string) => `Delete the homework ${title} and its answers`,
  deleteHomeworkAsk: 'Delete this homework?',
  deleteHomework: 'Delete this homework and every answer to it?',
  openHomeworkNamed: (title: string) => `Open the report of the homework ${title}`,
  linkNamed: (title: string) => `Link of the homework ${title}`,
  link: 'Link',

  // A report.
  report: 'Report',
  loadingReport: 'Loading the report…',
  whoHasDone: 'Who has done it',
  devicesHelp: "Each line is one device's attempt. A name used on two devices is two lines, “(device 2)”.",
  nobodyStarted: 'Nobody has started yet.',
  name: 'Name',
  studentId: 'Student id',
  answeredCol: 'Answered',
  startedCol: 'Started',
  lastAnswer: 'Last answer',
  finishedCol: 'Finished',
  notYet: 'not yet',
  warmupSaved: (title: string, rounds: number) =>
    `Saved “${title}” to My decks: ${rounds} generated rounds on the ideas this class found hardest, none of them a round of this game. When it is played, its report shows what lasted.`,
  hostNow: 'Host it now',
  openInEditor: 'Open it in the editor',
  startedEnded: (started: string, ended: string) => `Started ${started} · ended ${ended}`,
  assignedMeta: (when: string) => `Homework · assigned ${when}`,
  revealEach: 'reveal after each answer',
  revealEnd: 'reveal at the end',
  noTimer: 'no timer',
  perQuestion: (s: number) => `${s} s per question`,
  triesAllowed: 'tries again allowed',
  oneTry: 'one try',
  gameMeta: (code: string) => `Game ${code}`,
  played: (played: number, of: number) => `${played} of ${of} rounds played`,
  endedEarly: ' (ended early)',
  pastDue: (when: string) => `Past its due date (${when}): new attempts and answers are refused.`,
  downloadAnswers: 'Download the answers (CSV)',
  warmup: 'Warm-up for next lecture',
  allPastGames: 'All past games',
  gradebookNote:
    'The gradebook is a sheet to import into Moodle, Canvas or another gradebook: a row per student and a column of points per round. To combine several games in one sheet, tick them on Past games.',
  misconceptions: 'Misconceptions the class holds',
  misconceptionsHelp:
    'Each wrong answer is read as the wrong idea it shows (a zig-zag answered “diverges”, a largest α guessed near α*/2, …). A student holds one when at least 2 of their answers show it and at least half of their answers to the rounds that test it, 25 points more than guessing would. The class is said to hold it only when its answers on those rounds show it at least 15 points more often than guessing among the options would: a class answering at random is not diagnosed.',
  noMisconception: 'None: no wrong idea showed clearly above chance, in at least two rounds.',
  ofAnswers: (share: string, rounds: string, chance: string) =>
    `${share} of the answers in rounds ${rounds} (guessing: ${chance}).`,
  shownOf: (name: string, shown: number, tested: number) => `${name} (${shown} of ${tested})`,
  followUp: 'Build a follow-up deck',
  followUpHelp:
    'Saves a new deck to your decks and opens it in the editor: 3 generated rounds for each of the first three misconceptions above, on which the wrong idea and the right one give different answers, among other rounds so that the outcomes stay balanced.',
  intuition: "Where the class's intuition breaks",
  intuitionHelp:
    'Share of right answers in each prediction round against its r = α·λ_max: r = 1 and r = 2 are the boundaries between converging, zig-zagging and diverging.',
  noPrediction: 'No prediction round was scored in this game.',
  chartZones: { converges: 'converges (r < 1)', zigzag: 'zig-zags', diverges: 'diverges (r > 2)' },
  chartAxis: 'r = α·λₘₐₓ (s = α(θ₀² + b) for the quartic), log scale',
  chartPoint: (round: number) => `Q${round}`,
  chartAria: (points: string[]) => `Share correct per prediction round against r: ${points.join('; ')}`,
  chartAriaPoint: (round: number, r: string, share: string) => `round ${round}, r = ${r}, ${share}`,
  roundsHeading: 'Rounds',
  round: (n: number) => `Round ${n}`,
  notScored: 'not scored',
  of: (a: number, b: number) => `${a} of ${b}`,
  rightAnswer: 'Right answer:',
  secondVote: 'Went to a second vote. First vote:',
  barsScored: '; the bars are the vote that scored.',
  answersIn: (n: number) => `Answers in round ${n}`,
  studentsHeading: 'Students',
  rank: 'Rank',
  nickname: 'Nickname',
  score: 'Score',
  answers: 'Answers',
  hide: 'Hide',
  show: 'Show',
  answersOf: (name: string) => `${name}'s answers`,
  notReached: 'not reached yet',
  notJoined: 'not yet joined',
  noAnswer: 'no answer',
  /** Seconds to answer, to a tenth. */
  seconds: (s: number) => `${s.toFixed(1)} s`,
  points: (n: number) => (n === 1 ? '1 point' : `${n} points`),
  firstVote: 'first vote:',
  none: 'none',
  // A round's line and its right answer, written from its task (the server's are English).
  summary: (cost: string, start: string, ask: string) => `${cost}; θ₀ = ${start}; ${ask}`,
  askMaxAlpha: 'largest α that converges?',
  askFastest: (alphas: string[]) => `fastest of ${alphas.join(', ')}?`,
  justBelow: (target: string) => `α just below α* = ${target}`,
  tie: 'no single fastest α (a tie)',
  /** A "largest α" round's four buckets of guesses, in the server's order. */
  maxAlphaBars: [
    'far below α*: too cautious to score',
    'near α*/2: where overshooting starts, not where convergence ends',
    'just below α*: scored',
    'α* or above: does not converge',
  ],
  ideas,

  // How sure, how right.
  calibration: 'How sure, how right',
  calibrationHelp:
    'Answers at each level and how many were right, over the scored rounds. A calibrated student is right about 90 % of the time when sure, 67–80 % when fairly sure, less when guessing. Sure and wrong is the answer most worth going back to: a confident error, once understood, is the one remembered best. The Brier score is 0 for perfect confidence; always saying “guessing” scores 0.25.',
  who: 'Who',
  brier: 'Brier score',
  theClass: 'The class',
  /** Brier scores: two decimals. */
  decimals: (n: number) => n.toFixed(2),

  // Discussion and second vote.
  peer: 'Discussion and second vote',
  peerHelp:
    "Each student's two votes, by whether each was right. A move between two wrong answers stays wrong. A student who did not vote again kept their first vote, which scored; one who joined during the discussion or missed the first vote has a second vote only. Neither is counted as staying.",
  roundCol: 'Round',
  firstVoteCol: 'First vote',
  secondVoteCol: 'Second vote',
  all: 'All',
  student: 'Student',
  kept: (mark: string) => `${mark} (kept)`,
  peerChanges,

  // Twins.
  twins: 'Twin questions: did the discussion teach?',
  twinsHelp:
    "A twin is the same idea with new numbers, answered alone right after the round's reveal. If the class does about as well on the twin as after the discussion, the discussion taught; if it falls back to the first vote, the second vote was copied.",
  twinPair: 'Round and its twin',
  afterDiscussion: 'After the discussion',
  twinAlone: 'Twin, alone',
  twinOf: (round: number, twin: number) => `Round ${round} · twin: round ${twin}`,
  shareOf: (correct: number, of: number, share: string) => `${correct} of ${of} (${share})`,

  // Since last time.
  since: 'Since last time',
  originalMissing:
    'The game this was the warm-up of is not in your Past games (its report was deleted, or it was hosted with another instructor key), so there is nothing to compare with.',
  // "This game was the warm-up of <strong>title</strong> (game …): <em>retained</em> is right both times, …"
  sinceOf: 'This game was the warm-up of ',
  sinceGame: (code: string, when: string) =>
    ` (game ${code}, ${when}). For each idea the rounds of both games test, a student is counted right in a game when more than half of the answers they gave on those rounds were right: `,
  sinceMeans: {
    retained: 'is right both times',
    'newly-right': 'wrong then and right now',
    'still-wrong': 'wrong both times',
    'new-mistake': 'right then and wrong now',
  } satisfies Record<WarmupState, string>,
  /** Between a state's name and what it means, and between two states. */
  sinceTerm: ' ',
  sinceNext: ', ',
  sinceMatched: '. Students are matched by nickname, ignoring capitals and extra spaces.',
  nothingToCompare: 'No idea was tested by scored rounds of both games, so there is nothing to compare.',
  ideaTested: 'Idea tested',
  rightThen: 'Answers right then',
  rightNow: 'Answers right now',
  perStudent: (n: number) => `Per student, how many of the ${n} ideas fall in each column.`,
  newSince: (names: string) => `New since last time (not compared): ${names}.`,
  notInGame: (names: string) => `Not in this game: ${names}.`,
  warmupStates,
};
