// Small display helpers shared by both apps.

/** 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st… */
export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  switch (n % 10) {
    case 1:
      return `${n}st`;
    case 2:
      return `${n}nd`;
    case 3:
      return `${n}rd`;
    default:
      return `${n}th`;
  }
}

/** "1,250": scores read at a glance. */
// A score below 0 (a sure answer that was wrong, C3) gets a real minus sign, as the points line has.
export const points = (n: number): string =>
  n < 0 ? `−${(-n).toLocaleString('en-US')}` : n.toLocaleString('en-US');

/** Seconds left, rounded up so "0" only shows once time is really up. */
export const secondsLeft = (deadlineAt: number, serverNow: number): number =>
  Math.max(0, Math.ceil((deadlineAt - serverNow) / 1000));
