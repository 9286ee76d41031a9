// Les règles d’une série, en français (voir ../en/deck-rules.ts).
import type { deckRules as en } from '../en/deck-rules';
import type { Strings } from '../language';
import { nombre } from './rules';

/** Espace fine insécable, avant « : ; ! ? % ». */
const NB = '\u202F';

export const deckRules: Strings<typeof en> = {
  round: () => 'une question doit être un objet JSON',
  seconds: (p) => `les secondes doivent être un nombre entier de ${nombre(p.min)} à ${nombre(p.max)}`,
  type: (p) => `le type de question doit être l’un de ${p.types}`,
  tags: (p) => `les idées fausses testées doivent être une liste parmi ${p.ids}`,
  options: (p) =>
    `les α proposés doivent être ${nombre(p.min)} ou ${nombre(p.max)} taux d’apprentissage différents`,
  deck: () => 'Une série doit être un objet JSON avec « title » et « rounds ».',
  warmupOf: () =>
    `warmupOf doit être un identifiant de bilan${NB}: 1 à 64 lettres, chiffres, « - » ou « _ ».`,
  title: (p) => `Le titre doit être un texte d’au plus ${nombre(p.max)} caractères.`,
  rounds: () => 'La série doit avoir au moins une question (« rounds »).',
  roundsMax: (p) => `Une série a au plus ${nombre(p.max)} questions.`,
  // Le champ est déjà nommé par la règle, dans les mots de l’éditeur.
  inRound: (p) => `Question ${p.round}${NB}: ${p.rule}.`,
};
