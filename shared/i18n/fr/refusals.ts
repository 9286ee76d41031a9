// Les refus qui donnent un détail, en français (voir ../en/refusals.ts).
import type { refusals as en, Limited } from '../en/refusals';
import type { Strings } from '../language';

const TOO_MANY: Record<Limited, string> = {
  requests: 'Trop de demandes',
  'deck saves': 'Trop de séries enregistrées',
  'homework starts': 'Trop de devoirs commencés',
};

export const refusals: Strings<typeof en> = {
  tooMany: (what, seconds) =>
    `${TOO_MANY[what]} depuis cette adresse. Patientez ${seconds}\u00A0s, puis réessayez.`,
  storeUnavailable:
    'Le serveur ne peut pas joindre sa base de données pour l’instant, donc rien n’a été enregistré. Réessayez dans un instant.',
  // « Nom » plutôt que « pseudo » : la même règle vaut pour le pseudo d’une partie et le nom d’un devoir.
  name: {
    empty: 'Tapez un nom, s’il vous plaît.',
    tooLong: (max) => `Un nom fait au plus ${max}\u00A0caractères.`,
    invisible: 'Ce nom contient des caractères invisibles.',
  },
};
