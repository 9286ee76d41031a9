// The gradebook's matching of names and its arithmetic, on sources written out by hand (the HTTP
// tests, test/api/gradebook.test.ts, play real games).
import { describe, expect, it } from 'vitest';
import { type GradebookSource, gradebook, gradebookKey } from '../../server/reports/gradebook';

const student = (name: string, parts: Array<number | null>, correct: number, counted: number) => ({
  name,
  parts,
  points: parts.reduce<number>((sum, p) => sum + (p ?? 0), 0),
  correct,
  counted,
});

describe('gradebookKey: the name students are matched by across games', () => {
  it('ignores case, spaces at the ends and how many spaces there are between words', () => {
    expect(gradebookKey('  Ada   LOVELACE ')).toBe(gradebookKey('ada lovelace'));
    expect(gradebookKey('Ada\u00a0Lovelace')).toBe(gradebookKey('ada lovelace')); // NFKC: a no-break space is a space
  });
  it('is the room’s own key otherwise (README N1): emoji joiners ignored, other letters kept apart', () => {
    expect(gradebookKey('👩‍💻 Jo')).toBe(gradebookKey('👩💻 jo'));
    expect(gradebookKey('Zoë')).not.toBe(gradebookKey('Zoe'));
    expect(gradebookKey('Ada')).not.toBe(gradebookKey('Ada B'));
  });
});

describe('gradebook', () => {
  it('keeps apart two students of one game whose names differ only in spacing, and matches neither', () => {
    const game: GradebookSource = {
      label: 'Week 1',
      at: 1,
      parts: ['round 1'],
      students: [student('Jo Li', [900], 1, 1), student('Jo  Li', [0], 0, 1)],
    };
    const later: GradebookSource = {
      label: 'Week 2',
      at: 2,
      parts: ['round 1'],
      students: [student('jo li', [800], 1, 1)],
    };
    // Each keeps a row, and the next game's "jo li", who could be either, a row of their own.
    expect(gradebook([later, game]).rows).toEqual([
      ['Jo  Li', 0, null, 0, 0, 1],
      ['Jo Li', 900, null, 900, 100, 1],
      ['jo li', null, 800, 800, 100, 1],
    ]);
  });

  it('adds negative points (a game scored by confidence) and writes the share with one decimal', () => {
    const game: GradebookSource = {
      label: 'Sure?',
      at: 1,
      parts: ['round 1', 'round 2', 'round 3'],
      students: [student('Ada', [1000, -2000, 333], 2, 3), student('Bo', [null, null, 0], 0, 0)],
    };
    expect(gradebook([game])).toEqual({
      header: ['name', 'round 1', 'round 2', 'round 3', 'total points', 'share correct (%)', 'games played'],
      // Bo joined after the last scored round: no share to give.
      rows: [
        ['Ada', 1000, -2000, 333, -667, 66.7, 1],
        ['Bo', null, null, 0, 0, null, 1],
      ],
    });
  });
});
