// L’éditeur de séries, en français (voir ../en/editor.ts).
import type { editor as en } from '../en/editor';
import type { Strings } from '../language';

/** Espace fine insécable, avant « : ; ! ? % ». */
const NB = '\u202F';

export const editor: Strings<typeof en> = {
  deck: 'Série',
  loading: 'Chargement de la série…',
  newDeck: 'Nouvelle série',
  editDeck: 'Modifier la série',
  deckTitle: 'Titre de la série',
  untitled: 'Série sans titre',
  saving: 'Enregistrement…',
  unsaved: 'Modifications non enregistrées',
  allSaved: 'Tout est enregistré',
  saved: 'Enregistrée.',
  notSaved: (why) => `Non enregistrée. ${why}`,
  save: 'Enregistrer',
  saveAndPlay: 'Enregistrer et jouer',
  playDeck: 'Jouer cette série',
  saveFirst: 'Enregistrez d’abord la série',
  export: 'Exporter',
  rounds: 'Questions',
  roundsCount: (n) => `Questions (${n})`,
  needsFixing: '⚠ à corriger',
  moveUp: (n) => `Monter la question ${n}`,
  moveDown: (n) => `Descendre la question ${n}`,
  duplicate: 'Dupliquer',
  duplicateRound: (n) => `Dupliquer la question ${n}`,
  delete: 'Supprimer',
  deleteRound: (n) => `Supprimer la question ${n}`,
  addRound: 'Ajouter une question',
  addGenerated: 'Ajouter des questions générées',
  difficulty: 'Difficulté',
  kindOfRounds: 'Type de questions',
  mix: 'un mélange des trois',
  howMany: 'Combien',
  addCount: (n) => (n === 1 ? 'Ajouter 1 question' : `Ajouter ${n} questions`),
  leaveTitle: 'Cette série a des modifications non enregistrées',
  leaveAsk: `Les enregistrer avant de partir${NB}?`,
  saveAndGo: 'Enregistrer et continuer',
  leaveAnyway: 'Partir sans enregistrer',
  stay: 'Rester ici',
  parabola: (a, c) => `parabole a = ${a}${NB}; c = ${c}`,
  quartic: (b) => `quartique b = ${b}`,
  bowl: (l1, l2, angle) => `cuvette λ = ${l1}${NB}; ${l2} à ${angle}°`,
  regression: (points) => `régression sur ${points}`,
  points: (n) => `${n} points`,
  dataToFix: 'données à corriger',

  round: (n) => `Question ${n}`,
  kindOfRound: 'Type de question',
  cost: 'Coût',
  costs: {
    quadratic: `Parabole${NB}: J(θ) = a/2 (θ − c)²`,
    quartic: `Quartique${NB}: J(θ) = θ⁴/4 + b·θ²/2`,
    bowl: `Cuvette en 2D${NB}: valeurs propres λ₁, λ₂, angle, centre`,
    linreg: 'Régression linéaire sur des données (le coût du cours)',
  },
  alpha: 'Pas d’apprentissage α',
  offered: (min, max) => `Les α proposés (${min} ou ${max})`,
  option: (letter) => `Option ${letter}${NB}: α`,
  addOption: 'Ajouter l’option D',
  removeOption: 'Retirer l’option D',
  a: 'a (courbure, > 0)',
  c: 'c (le minimum)',
  b: 'b (courbure en 0, > 0)',
  eigenvalues: 'Valeurs propres λ₁, λ₂ (> 0)',
  angle: 'Angle (degrés)',
  centre: 'Centre (le minimum)',
  centreAt: (i) => `Centre θ${i === 0 ? '₀' : '₁'}`,
  data: `Données${NB}: x et y en deux colonnes`,
  dataHint: `Collez depuis un tableur ou tapez une paire par ligne, séparée par une tabulation, une virgule, un point-virgule ou des espaces${NB}; une ligne d’en-tête est acceptée.`,
  dataPoints: (n) => ` ${n} points.`,
  start2: 'Départ θ = (θ₀, θ₁)',
  start1: 'Départ θ₀',
  startAt: (i) => `Départ θ${i === 0 ? '₀' : '₁'}`,
  seconds: 'Secondes pour répondre',
  gameDefault: 'celles de la partie',
  tags: 'Idées fausses testées',
  tagsHint: (ids) =>
    `Vide${NB}: trouvées par le moteur à partir de la question. Sinon des identifiants séparés par des virgules (none${NB}: aucune idée fausse)${NB}: ${ids}.`,
  byEngine: 'trouvées par le moteur',
  lineNeedsTwo: (line) => `la ligne ${line} doit contenir deux nombres, x et y`,
  lineNotNumbers: (line, text) => `ligne ${line}${NB}: «\u00A0${text}\u00A0» n’est pas une paire de nombres`,

  preview: 'Aperçu',
  whenComplete: 'L’aperçu s’affiche une fois la question complète.',
  engineFailed: (why) => `Le moteur n’a pas pu calculer cette question${NB}: ${why}`,
  working: 'Calcul en cours…',
  warnings: 'Avertissements',
  toThousandth: 'jusqu’au millième',
  fastestMark: ' ✓ le plus rapide',
  raceCaption: `La course${NB}: distance au minimum, échelle logarithmique`,
  atMinimum: `Le départ est le minimum lui-même${NB}: la descente de gradient ne bouge jamais, il n’y a rien à voir.`,
  hiddenSteep: (share) =>
    `Seulement ${share} de la distance de départ est dans la direction raide${NB}: le dépassement se voit à peine, et la trajectoire semble converger. Partez plus haut sur le flanc de la vallée.`,
  boundary: (name, r, share, edge) =>
    `${name} = ${r} est à moins de ${share} de ${edge}, la limite entre ${
      edge === 1 ? 'converger et zigzaguer' : 'zigzaguer et diverger'
    }${NB}: les élèves ne peuvent pas trancher sur l’image, et un petit changement de α inverse la réponse.`,
  bouncesForEver: (name) =>
    `Ne se stabilise jamais${NB}: à ${name} = 2 exactement, la trajectoire oscille sans fin, et personne ne peut marquer de points sur cette question.`,
  neverSettles: (steps, share) =>
    `Ne se stabilise pas à l’écran${NB}: après ${steps} pas, la trajectoire est encore à ${share} de la distance de départ, la classe ne voit donc pas de convergence.`,
  offPlot: `Sort du graphique en un pas${NB}: le premier pas tombe déjà hors de l’image, la classe ne voit rien de la trajectoire.`,
  runAt: (alpha) => `La trajectoire à 0,9 α* = ${alpha}`,
  maxAlphaAnswer: (target) =>
    `La réponse${NB}: tout α juste en dessous de ${target}. À α*, la trajectoire oscille sans fin${NB}; au-delà, elle diverge.`,
  noWinnerWarning: `Pas de vainqueur unique${NB}: les options les plus rapides sont à égalité, ou aucune n’arrive au millième de la distance de départ. Personne ne peut marquer de points sur cette question.`,
  closeRace: (lead, min) =>
    `Course serrée${NB}: le vainqueur n’a que ${lead} d’avance sur le deuxième (les questions générées gardent au moins ${min}).`,
  mirrorPair: (a, b, ra, rb) =>
    `α = ${a} et α = ${b} donnent r et 2 − r (${ra} et ${rb})${NB}: tous deux réduisent la distance du même facteur à chaque pas, une égalité en 1D.`,
  longRace: (steps) =>
    `Le vainqueur a besoin de ${steps} pas${NB}: une longue course à regarder. Des α plus grands la raccourcissent.`,
  trap: (alpha, diverges, r) =>
    `α = ${alpha} ${diverges ? 'diverge' : 'oscille sans fin'} (r = ${r})${NB}: bien comme piège, mais dites-le à la révélation.`,
  winnerRun: (alpha) => `La trajectoire du vainqueur, α = ${alpha}`,
  noWinner: 'Pas de vainqueur unique',
  fastest: (alpha, finish) => `Le plus rapide${NB}: α = ${alpha}, ${finish}`,
};
