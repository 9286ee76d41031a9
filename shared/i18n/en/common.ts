// Words both apps and the server share: how numbers are written, the outcomes' names, the
// confidence levels, the connection banner. English is the source of truth (see ../language.ts).
export const common = {
  lang: 'en',
  /** How formatNumber (shared/engine/format.ts) writes a decimal number and a point's coordinates. */
  decimal: '.',
  pointSeparator: ', ',
  /** A score of 0 or more: "1,250" (client/ui/format.ts adds the minus sign). */
  points: (n: number): string => n.toLocaleString('en-US'),
  /** 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st… */
  ordinal: (n: number): string => {
    const tens = n % 100;
    const suffix =
      tens >= 11 && tens <= 13
        ? 'th'
        : n % 10 === 1
          ? 'st'
          : n % 10 === 2
            ? 'nd'
            : n % 10 === 3
              ? 'rd'
              : 'th';
    return `${n}${suffix}`;
  },
  outcomes: {
    converges: 'Converges directly',
    zigzag: 'Zig-zags in',
    diverges: 'Diverges',
    oscillates: 'Bounces for ever',
  },
  hints: {
    converges: 'every step lands closer, on the same side',
    zigzag: 'overshoots to the other side, yet gets closer',
    // In 2-D the first steps may still get closer (the lecture's α = 0.06 does for 6 steps).
    diverges: 'ends up ever further away',
  },
  confidence: { guessing: 'Guessing', 'fairly-sure': 'Fairly sure', sure: 'Sure' },
  updated: 'Overshoot has been updated. Reload this page to carry on: you keep your place.',
  reload: 'Reload',
  reconnecting: 'Connection lost. Reconnecting…',
  connecting: 'Connecting…',
  curvature: 'curvature',
  hessian: (low: string, high: string) => `Hessian λ_min = ${low}, λ_max = ${high}`,
  start: 'start',
  step: 'step',
  seconds: 's',
  /** The question's plot (client/plots/start-plot.tsx), in the phone's first load. */
  plot: {
    minimum: 'minimum',
    /** The cost curve's line through θ*; a phone's plot says it shorter. */
    minimumAt: (theta: string, short: boolean) => `${short ? 'min' : 'minimum'} θ* = ${theta}`,
    curveAria: (start: string) => `J(θ) with the start θ₀ = ${start}`,
    contoursAria: (minimum: string, start: string) =>
      `Contours of J around the minimum ${minimum}, start ${start}`,
  },
};
