// The countdown's clock, for both apps: `now` follows the local time while a question is open and
// stands still otherwise, so an idle screen does not re-render four times a second.

/** A switch for `now` (a signal or a cell): on, it is set to Date.now() every 250 ms. */
export function ticker(now: { value: number }): (on: boolean) => void {
  let timer: ReturnType<typeof setInterval> | undefined;
  return (on) => {
    if (on && timer === undefined) {
      now.value = Date.now();
      timer = setInterval(() => {
        now.value = Date.now();
      }, 250);
    } else if (!on && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}
