// Each audience gets its own view: small snapshots, never patches, stamped with the room's version
// so a client can drop a stale one. A player's view never holds the verdict before the reveal.
import type { Problem } from '../engine/round-kinds';
import type { Answer, Explanation, Outcome, Scenario, Simulation } from '../engine/types';
import type { Confidence, ScoreBy } from './confidence';
import type { RoundType } from './schemas';

export interface Settings {
  secondsPerQuestion: number;
  speedPoints: boolean;
  /** C1: absent in games made before confidence scoring, which score by speed. */
  scoreBy?: ScoreBy;
  /**
   * PI1: prediction rounds close to the class's votes, from which the host starts a discussion and a
   * second vote or reveals; the main action is the discussion when the share correct of the first
   * vote is within [low, high] percent. Absent: prediction rounds reveal as they close.
   */
  peerInstruction?: PeerBand;
}

/** PI1: the band of share correct (percent, both bounds included) in which a second vote is worth it. */
export interface PeerBand {
  low: number;
  high: number;
}

export const PEER_BAND_DEFAULT: PeerBand = { low: 30, high: 70 };
/** PI2: a discussion's length, and what the host's "+30 s" adds. */
export const DISCUSSION_MS = 90_000;
export const DISCUSSION_EXTEND_MS = 30_000;

export interface RankEntry {
  id: number;
  nickname: string;
  score: number;
  rank: number;
}

export interface RosterEntry {
  id: number;
  nickname: string;
  connected: boolean;
  score: number;
}

export type Distribution = Record<Answer | 'none', number>;

/** The engine's race (Race), in JSON: a run that never gets within 10⁻³ has null iterations. */
export interface RaceView {
  /** Per option, in the order of `task.alphas`: iterations to 10⁻³ of the start distance, or null. */
  iterations: Array<number | null>;
  /** Index of the fastest option; null on a tie or when none gets there. */
  winner: number | null;
  /** Runner-up's iterations over the winner's; null when the runner-up never gets there. */
  lead: number | null;
}

/**
 * Each kind of round on the wire, one line of this table per kind: its task (the question, with
 * nothing that decides the verdict), its reveal detail for the projector and each student's verdict.
 * Every other wire type is derived from it, so a task of one kind never travels beside the detail
 * or verdict of another.
 */
export interface KindWire {
  predict: {
    task: { scenario: Scenario };
    detail: { simulation: Simulation; distribution: Distribution };
    verdict: { outcome: Outcome; explanation: Explanation };
  };
  'max-alpha': {
    task: {
      problem: Problem;
      /** The answer slider's ends: a factor 900 apart, placed so that their middle is not the answer. */
      range: { min: number; max: number };
    };
    detail: {
      /** α*: at it the run bounces for ever; below it converges, above it diverges. */
      target: number;
      /** Every guess with what gradient descent does at it and the points it earned, smallest α first. */
      guesses: Array<{ alpha: number; outcome: Outcome; points: number }>;
      none: number;
    };
    verdict: {
      target: number;
      /** What gradient descent does at the student's own guess (null without one). */
      outcomeAtGuess: Outcome | null;
    };
  };
  fastest: {
    task: { problem: Problem; alphas: number[] };
    detail: {
      race: RaceView;
      /** One run per option, in the order of `task.alphas`, long enough to show the race. */
      simulations: Simulation[];
      /** Students per option, in the order of `task.alphas`. */
      counts: number[];
      none: number;
    };
    verdict: {
      /** The winning α itself; null on a tie. */
      winner: number | null;
      /** Per option, in the order of `task.alphas`: null for a run that never gets there. */
      iterations: Array<number | null>;
    };
  };
}

// Each type below is a mapped type indexed by T: with T one kind it is that kind's type, with T a
// union the union of each kind's, correlated. Code generic over T builds them without a cast.

/** What a question asks. The scenario or problem only: never anything that decides the verdict. */
export type TaskOf<T extends RoundType = RoundType> = { [P in T]: { type: P } & KindWire[P]['task'] }[T];
/** The verdict of a round and the class's answers, as the projector shows them. */
export type DetailOf<T extends RoundType = RoundType> = {
  [P in T]: { type: P } & KindWire[P]['detail'];
}[T];
/** What a student learns at the reveal about the round itself. */
export type VerdictOf<T extends RoundType = RoundType> = {
  [P in T]: { type: P } & KindWire[P]['verdict'];
}[T];
export type Task = TaskOf;
export type RevealDetail = DetailOf;
export type Verdict = VerdictOf;

/** A host reveal's task and detail, of one kind together: `type` narrows both. */
export type HostRevealOf<T extends RoundType = RoundType> = {
  [P in T]: { type: P; task: TaskOf<P>; detail: DetailOf<P> };
}[T];
export type HostReveal = HostRevealOf;
/** A player reveal's task and verdict, of one kind together: `type` narrows both. */
export type PlayerRevealOf<T extends RoundType = RoundType> = {
  [P in T]: { type: P; task: TaskOf<P>; verdict: VerdictOf<P> };
}[T];
export type PlayerReveal = PlayerRevealOf;

interface ViewBase {
  protocol: number;
  /** Grows with every change of the room; a client keeps the highest it has seen. */
  version: number;
  /** The server's clock when the view was made, in ms since the epoch: lets a client correct its own. */
  serverNow: number;
  code: string;
  roundCount: number;
}

/** An answer: one of the outcomes for a prediction, a learning rate for the other kinds. */
export type AnswerValue = Answer | number;

export interface QuestionInfo {
  round: number;
  task: Task;
  openedAt: number;
  deadlineAt: number;
  durationMs: number;
  /** PI3: present on the second vote of a question, after a discussion. */
  secondVote?: true;
  /** PI9: the question is the twin of that round (counted from 0): the same idea with new numbers. */
  twinOf?: number;
}

/**
 * PI1: the projector's view of a closed first vote: how the class voted, never which option is right
 * (V1: the projector is in front of the class). `main` is the action the host's screen puts first:
 * a discussion when the share correct lies in the game's band (PI1), the reveal otherwise.
 */
export interface HostVotesPhase {
  kind: 'votes';
  round: number;
  task: Task;
  /** The first vote, per option; `none` counts those who could have voted and did not. */
  distribution: Distribution;
  /** Students who could have voted in the first vote. */
  total: number;
  main: 'discuss' | 'reveal';
}

/** PI2: the discussion, with the first vote's counts and its absolute end (server time). */
export interface HostDiscussionPhase {
  kind: 'discussion';
  round: number;
  task: Task;
  distribution: Distribution;
  total: number;
  startedAt: number;
  endsAt: number;
}

export type HostPhase =
  | { kind: 'lobby' }
  | ({ kind: 'question'; answered: number; total: number } & QuestionInfo)
  | HostVotesPhase
  | HostDiscussionPhase
  | HostRevealPhase
  | { kind: 'leaderboard'; round: number; top: RankEntry[] }
  | {
      kind: 'podium';
      standings: RankEntry[];
      endedEarly: boolean;
      roundsPlayed: number;
      /** The game's report in the instructor API (GET /api/reports/:id); null for a game without an instructor. */
      reportId: string | null;
    };

interface HostRevealBase {
  kind: 'reveal';
  round: number;
  /** Students who could have answered: those connected at the close, or who answered. */
  total: number;
  correct: number;
  scored: boolean;
  top: RankEntry[];
  /**
   * A later round about the same cost, counted from 0, whose answer this reveal must not give away:
   * then it states no α thresholds and offers no α explorer. Null when no later round is.
   */
  thresholdsHeldFor: number | null;
  /** PI5: a round that went to a second vote: the first vote's counts, beside the detail's (the votes that scored). */
  firstVote?: Distribution;
  /** PI9: the host may ask this round's twin now (`round:twin`): it went to a second vote and has none yet. */
  twinAvailable?: true;
  /** PI9: this round is the twin of that round (counted from 0). */
  twinOf?: number;
}
export type HostRevealPhaseOf<T extends RoundType = RoundType> = {
  [P in T]: HostRevealBase & HostRevealOf<P>;
}[T];
export type HostRevealPhase = HostRevealPhaseOf;

export interface HostView extends ViewBase {
  role: 'host';
  locked: boolean;
  settings: Settings;
  deckTitle: string;
  /** Where students join this game, e.g. http://192.168.1.20:3000/join/123456 (the QR code's text). */
  joinUrl: string;
  players: RosterEntry[];
  /** H3: players the host removed, whose removal the lobby can undo (with their score). */
  kicked: Array<{ id: number; nickname: string; score: number }>;
  playerCount: number;
  connectedCount: number;
  phase: HostPhase;
}

export interface Me {
  id: number;
  nickname: string;
  score: number;
  /** Consecutive correct answers up to now. */
  streak: number;
  rank: number;
}

export type PlayerPhase =
  | { kind: 'lobby' }
  | ({
      kind: 'question';
      answer: AnswerValue | null;
      /** C1: the level the player's answer was given with, in a game scored by confidence. */
      confidence?: Confidence;
      /**
       * PI3: on a second vote, this player's own answer in the first vote (never anyone else's), so a
       * reloaded phone can still say it; absent when they did not vote first.
       */
      firstAnswer?: AnswerValue;
    } & QuestionInfo)
  /** PI1: the first vote closed; the host chooses what comes next. `answer` is the student's own. */
  | { kind: 'votes'; round: number; answer: AnswerValue | null }
  /** PI2: "Talk to your neighbours, then vote again." until `endsAt` (server time) or the host ends it. */
  | { kind: 'discussion'; round: number; answer: AnswerValue | null; endsAt: number }
  | PlayerRevealPhase
  | { kind: 'leaderboard'; round: number; playerCount: number }
  | { kind: 'podium'; podium: RankEntry[]; playerCount: number }
  | { kind: 'kicked' };

interface PlayerRevealBase {
  kind: 'reveal';
  round: number;
  /**
   * When the round closed, server time in ms: the projector starts its run then, and the phone holds
   * its result until closedAt + the run's animation (client/ui/reveal-timing.ts) so as not to spoil it.
   */
  closedAt: number;
  answer: AnswerValue | null;
  correct: boolean;
  /** False when no answer could be right (the exact r = 2 bounce, a race with a tie). */
  scored: boolean;
  /** Negative in a game scored by confidence when a wrong answer was given as fairly sure or sure (C2). */
  points: number;
  streakBonus: number;
  /**
   * A later round about the same cost, counted from 0, whose answer this reveal must not give away:
   * then it states no α thresholds and offers no α explorer. Null when no later round is.
   */
  thresholdsHeldFor: number | null;
  /** C1: the level the player's answer was given with, in a game scored by confidence. */
  confidence?: Confidence;
}
export type PlayerRevealPhaseOf<T extends RoundType = RoundType> = {
  [P in T]: PlayerRevealBase & PlayerRevealOf<P>;
}[T];
export type PlayerRevealPhase = PlayerRevealPhaseOf;

export interface PlayerView extends ViewBase {
  role: 'player';
  /** C1: how this game scores; 'confidence' asks each answer for a level. */
  scoreBy: ScoreBy;
  me: Me;
  phase: PlayerPhase;
}

/** Sent to the host as answers arrive, instead of the whole host view. */
export interface HostProgress {
  version: number;
  round: number;
  answered: number;
  total: number;
}
