// Small display helpers shared by both apps.

import { common } from '../../shared/i18n/en/common';

/** 1st, 2nd, 3rd… in English; 1er, 2e, 3e… in French. */
export const ordinal = (n: number): string => common.ordinal(n);

/** "1,250" ("1 250" in French): scores read at a glance. */
// A score below 0 (a sure answer that was wrong, C3) gets a real minus sign, as the points line has.
export const points = (n: number): string => (n < 0 ? `−${common.points(-n)}` : common.points(n));

/** Seconds left, rounded up so "0" only shows once time is really up. */
export const secondsLeft = (deadlineAt: number, serverNow: number): number =>
  Math.max(0, Math.ceil((deadlineAt - serverNow) / 1000));
