// Ce que le serveur écrit dans les documents de l’enseignant, en français (voir ../en/documents.ts).
import type { documents as en } from '../en/documents';
import type { Strings } from '../language';

export const documents: Strings<typeof en> = {
  copyTitle: (title) => `${title} (copie)`,
  followUpTitle: (ideas) => `Suite${'\u202F'}: ${ideas}`,
  ideasSeparator: '\u202F; ',
  warmUpTitle: (title) => `Échauffement${'\u202F'}: ${title}`,

  reportColumns: [
    'pseudo',
    'question',
    'type',
    'scénario',
    'réponse',
    'bonne réponse',
    'juste',
    'secondes',
    'points',
    'confiance',
    'premier vote',
    'premier vote juste',
    'changement',
  ],
  homeworkColumns: ['numéro d’étudiant', 'essais', 'commencé (UTC)', 'terminé (UTC)'],
  kinds: { predict: 'prédire', 'max-alpha': 'plus grand α', fastest: 'α le plus rapide' },
  askMaxAlpha: `plus grand α qui converge${'\u202F'}?`,
  askFastest: (alphas) => `le plus rapide parmi ${alphas.join('\u202F; ')}${'\u202F'}?`,
  justBelow: (target) => `α juste en dessous de α* = ${target}`,
  tie: 'pas d’α le plus rapide (égalité)',
  yes: 'oui',
  no: 'non',

  name: 'nom',
  studentId: 'numéro d’étudiant',
  gradebookTail: ['total des points', 'part de bonnes réponses (%)', 'parties jouées'],
  roundColumn: (n) => `question ${n}`,
  gameColumn: (title, day, code) => `${title} (${day}, partie ${code})`,
  homeworkColumn: (title, day) => `${title} (devoir donné le ${day})`,
};
