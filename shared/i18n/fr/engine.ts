// Les explications du moteur, en français (voir ../en/engine.ts) : mêmes faits, mêmes nombres,
// écrits avec la virgule décimale (shared/engine/format.ts) et les espaces fines de la typographie.
import { formatAlpha, formatNumber, formatPoint, formatRatio } from '../../engine/format';
import type { Outcome, ValleyFacts } from '../../engine/types';
import type { engine as en } from '../en/engine';
import type { Strings } from '../language';

/** Espace fine insécable, avant « : ; % » et entre les milliers. */
const NB = '\u202F';
const fmt = (x: number): string => formatNumber(x);
const fmtCurvature = (x: number): string => formatNumber(x, 4);
const fmtFactor = (f: number): string => formatRatio(f, [0, 1]);

/** « environ 1 700 pas » : deux chiffres significatifs à partir de 100. */
function aboutSteps(n: number): string {
  const rounded = n < 100 ? n : Number(n.toPrecision(2));
  return `${String(rounded).replace(/\B(?=(\d{3})+(?!\d))/g, NB)} pas`;
}

/** « est multipliée par 0,996 à chaque pas (0,4 % plus près ; environ 1 700 pas pour être 1 000 fois plus près) ». */
function multiplied(label: string, factor: number, steps?: number | null): string {
  const printed = `${label} = ${fmtFactor(factor)}`;
  if (factor > 1)
    return `est multipliée par ${printed} à chaque pas (+${formatNumber((factor - 1) * 100, 2)}${NB}%)`;
  const count =
    steps !== undefined && steps !== null
      ? `${NB}; environ ${aboutSteps(steps)} pour être 1${NB}000 fois plus près`
      : '';
  return `est multipliée par ${printed} à chaque pas (${formatNumber((1 - factor) * 100, 2)}${NB}% plus près${count})`;
}

const VERDICT_CLAUSES: Record<Outcome, string> = {
  converges: 'est au plus 1 et la descente de gradient convergerait',
  zigzag: 'est entre 1 et 2 et la descente de gradient zigzaguerait',
  oscillates: 'vaut exactement 2 et la descente de gradient oscillerait sans fin',
  diverges: 'dépasse 2 et la descente de gradient divergerait',
};

const HIDDEN_CLAUSES: Record<Outcome, string> = {
  converges: 'est au plus 1, donc la descente de gradient converge',
  zigzag: 'est entre 1 et 2, donc la descente de gradient zigzague',
  oscillates: 'vaut exactement 2, donc la descente de gradient oscille sans fin',
  diverges: 'dépasse 2, donc la descente de gradient diverge',
};

const atMinimum = (decided: string, outcome: Outcome) =>
  `θ₀ est déjà le minimum${NB}: le gradient y vaut 0 et aucun pas ne bouge${NB}; depuis tout autre départ, ${decided} ${VERDICT_CLAUSES[outcome]}.`;

function pace(f: ValleyFacts): string {
  const { by, factor } = f.pace;
  if (by === 'distance') return `La distance ${multiplied('|1 − α·λ|', factor, f.steps)}.`;
  return by === 'steep'
    ? `Rythme${NB}: la direction raide ${multiplied('|1 − α·λ_max|', factor, f.steps)}.`
    : `Rythme${NB}: la direction lente ${multiplied('1 − α·λ_min', factor, f.steps)}.`;
}

/** Avec la virgule décimale, les nombres d’une liste sont séparés par des points-virgules : « 1,5 ; 0,3 ; … ». */
const list = (items: readonly string[], more: boolean): string =>
  `${items.join(`${NB}; `)}${more ? `${NB}; …` : ''}`;

export const engine: Strings<typeof en> = {
  line(f) {
    const decided = `α·J″ = ${formatAlpha(f.alpha)} × ${fmtCurvature(f.curvature)} = ${formatRatio(f.ratio)}`;
    const factor = Math.abs(1 - f.ratio);
    if (f.atMinimum) return atMinimum(decided, f.outcome);
    switch (f.outcome) {
      case 'converges':
        return f.ratio === 1
          ? `${decided} exactement${NB}: le premier pas arrive sur le minimum θ = ${formatPoint([f.minimum])} et y reste.`
          : `${decided} est inférieur à 1${NB}: chaque pas va vers le minimum sans le dépasser, et la distance ${multiplied('1 − α·J″', factor, f.steps)}.`;
      case 'zigzag':
        return `${decided} est entre 1 et 2${NB}: chaque pas dépasse le minimum mais arrive plus près${NB}; la distance ${multiplied('|1 − α·J″|', factor, f.steps)}.`;
      case 'oscillates':
        return `${decided} exactement${NB}: chaque pas saute au point symétrique, de l’autre côté du minimum, donc θ oscille sans fin entre ${fmt(f.start)} et ${fmt(2 * f.minimum - f.start)}.`;
      case 'diverges':
        return `${decided} est supérieur à 2${NB}: chaque pas dépasse le minimum et arrive plus loin${NB}; la distance ${multiplied('|1 − α·J″|', factor)}.`;
    }
  },

  valley(f) {
    const decided = `α·λ_max = ${formatAlpha(f.alpha)} × ${fmtCurvature(f.curvature)} = ${formatRatio(f.ratio)}`;
    if (f.atMinimum) return atMinimum(decided, f.outcome);
    if (f.hidden)
      return `${decided} ${HIDDEN_CLAUSES[f.outcome]} depuis presque tous les départs, mais ce départ n’a aucune composante selon la direction raide, donc cette descente ne le montre jamais.`;
    switch (f.outcome) {
      case 'converges':
        if (f.ratio === 1)
          return f.round
            ? `${decided} exactement${NB}: le premier pas arrive sur le minimum.`
            : `${decided} exactement${NB}: le premier pas efface la direction raide, puis θ glisse le long du fond de la vallée jusqu’au minimum. ${pace(f)}`;
        return `${decided} est inférieur à 1${NB}: θ ne traverse jamais le fond de la vallée. ${pace(f)}`;
      case 'zigzag':
        return `${decided} est entre 1 et 2${NB}: chaque pas traverse le fond de la vallée mais arrive plus près. ${pace(f)}`;
      case 'oscillates':
        return `${decided} exactement${NB}: dans la direction raide, chaque pas saute au point symétrique de l’autre côté de la vallée, donc θ la traverse sans fin.`;
      case 'diverges': {
        const grows = multiplied('|1 − α·λ_max|', Math.abs(1 - f.ratio));
        if (f.closerSteps === 0)
          return `${decided} est supérieur à 2${NB}: dans la direction raide, chaque pas traverse le fond de la vallée et arrive plus loin${NB}; la direction raide ${grows}.`;
        const first =
          f.closerSteps === 1
            ? 'le premier pas se rapproche'
            : `les ${f.closerSteps} premiers pas se rapprochent`;
        return `${decided} est supérieur à 2${NB}: la direction raide ${grows}, et traverse le fond de la vallée à chaque fois. Pourtant ${first}, car le départ est surtout selon la direction douce, qui diminue${NB}; la direction raide l’emporte vite et θ finit toujours plus loin.`;
      }
    }
  },

  quartic(f) {
    if (f.theta0 === 0)
      return `θ₀ = 0 est déjà le minimum${NB}: la pente y vaut 0, donc la descente de gradient ne bouge jamais.`;
    const why = `Un pas multiplie θ par 1 − α(θ² + b)${NB}: la pente θ³ + bθ divisée par la distance θ.`;
    const decided = `Depuis θ₀ = ${fmt(f.theta0)}, α(θ₀² + b) = ${formatAlpha(f.alpha)} × (${fmtCurvature(f.theta0 * f.theta0)} + ${fmtCurvature(f.b)}) = ${formatRatio(f.ratio)}`;
    const only = `Cela ne vaut que depuis ce départ${NB}: θ₀² fait partie du facteur.`;
    switch (f.outcome) {
      case 'converges':
        return f.ratio === 1
          ? `${why} ${decided} exactement${NB}: le premier pas arrive sur le minimum θ = 0 et y reste. ${only}`
          : `${why} ${decided} est inférieur à 1${NB}: le premier pas va vers 0 sans le dépasser, et plus près la pente est plus douce, donc θ glisse jusqu’au minimum. ${only}`;
      case 'zigzag': {
        const path =
          f.crossings === 1
            ? 'donc θ ne passe qu’une fois de l’autre côté, puis glisse jusqu’au minimum'
            : f.crossings !== null
              ? `donc θ passe ${f.crossings} fois de l’autre côté, de moins en moins loin, puis glisse jusqu’au minimum`
              : 'donc θ converge en zigzag vers le minimum';
        return `${why} ${decided} est entre 1 et 2${NB}: le premier pas dépasse 0 mais arrive plus près, là où la pente est plus douce, ${path}. ${only}`;
      }
      case 'oscillates':
        return `${why} ${decided} exactement${NB}: θ saute de ${fmt(f.theta0)} à ${fmt(-f.theta0)} et revient, sans fin. ${only}`;
      case 'diverges':
        return `${why} ${decided} est supérieur à 2${NB}: le premier pas arrive plus loin, là où la pente est plus raide, donc chaque pas dépasse davantage et θ s’échappe. ${only}`;
    }
  },
  plots: {
    offChart: (step) => `le pas ${step} sort du graphique`,
    offChartAt: (step, theta) => `pas ${step}${NB}: θ = ${theta}, hors du graphique`,
    visits: (plot, visited, more) => `${plot}${NB}; la descente de gradient passe par ${list(visited, more)}`,
    distanceAria: (distances, more) =>
      `Distance au minimum à chaque pas, échelle log${NB}: ${list(distances, more)}`,
    steepAria: (components, more) => `Composante raide à chaque pas${NB}: ${list(components, more)}`,
  },
};
