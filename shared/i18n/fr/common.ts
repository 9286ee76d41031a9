// Les mots communs aux deux applications, en français (l'anglais, ../en/common.ts, fait foi).
// Typographie française : virgule décimale, espace fine insécable (U+202F) avant « ; : ! ? % ».

import type { common as en } from '../en/common';
import type { Strings } from '../language';
export const common: Strings<typeof en> = {
  lang: 'fr',
  decimal: ',',
  // "(1,5 ; −2)": with a decimal comma, a point's coordinates are parted by a semicolon.
  pointSeparator: '\u202F; ',
  points: (n) => n.toLocaleString('fr-FR'),
  ordinal: (n) => (n === 1 ? '1er' : `${n}e`),
  outcomes: {
    converges: 'Converge directement',
    zigzag: 'Converge en zigzag',
    diverges: 'Diverge',
    oscillates: 'Oscille sans fin',
  },
  hints: {
    converges: 'chaque pas se rapproche, du même côté',
    zigzag: 'dépasse de l’autre côté, mais se rapproche',
    diverges: 'finit toujours plus loin',
  },
  confidence: { guessing: 'Au hasard', 'fairly-sure': 'Plutôt sûr·e', sure: 'Sûr·e' },
  updated: 'Overshoot a été mis à jour. Rechargez la page pour continuer : vous gardez votre place.',
  reload: 'Recharger',
  reconnecting: 'Connexion perdue. Reconnexion…',
  connecting: 'Connexion…',
  curvature: 'courbure',
  // A semicolon parts the two: a comma would read as a decimal one.
  hessian: (low, high) => `hessienne λ_min = ${low}\u202F; λ_max = ${high}`,
  start: 'départ',
  step: 'pas',
  seconds: 's',
  plot: {
    minimum: 'minimum',
    minimumAt: (theta, short) => `${short ? 'min' : 'minimum'} θ* = ${theta}`,
    curveAria: (start) => `J(θ), avec le départ θ₀ = ${start}`,
    contoursAria: (minimum, start) => `Lignes de niveau de J autour du minimum ${minimum}, départ ${start}`,
  },
};
