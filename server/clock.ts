// The real clocks behind server/room's Clock and Defer: the only place the room's time touches
// Date.now and setTimeout.
import type { Clock, Defer } from './room/clock';

export function createSystemClock(): Clock {
  return {
    now: () => Date.now(),
    at(at, fn) {
      // setTimeout caps at ~24.8 days; deadlines are minutes away, but re-check rather than trust it.
      let timer: NodeJS.Timeout;
      const arm = () => {
        const wait = at - Date.now();
        if (wait <= 0) fn();
        else timer = setTimeout(arm, Math.min(wait, 2 ** 30));
      };
      timer = setTimeout(arm, Math.max(0, Math.min(at - Date.now(), 2 ** 30)));
      return { cancel: () => clearTimeout(timer) };
    },
  };
}

export const deferOnWallClock: Defer = (fn, ms) => void setTimeout(fn, ms);
/** Wall time in ms, for what is about messages per second rather than the game: the commit window. */
export const wallClockMs = (): number => performance.now();
