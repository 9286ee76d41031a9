// Les refus du serveur, en français (l'anglais : ERROR_MESSAGES, shared/protocol/errors.ts).
import type { ErrorCode } from '../../protocol/errors';

export const errors: Record<ErrorCode, string> = {
  BAD_PAYLOAD: 'Cette demande n’a pas été comprise.',
  UNKNOWN_EVENT: 'Cette action n’existe pas.',
  ROOM_NOT_FOUND: 'Aucune partie n’a ce code. Vérifiez le code affiché au tableau.',
  ROOM_LOCKED: 'Cette partie est verrouillée : l’enseignant ne laisse plus entrer de joueurs.',
  ROOM_FULL: 'Cette partie est complète.',
  NAME_TAKEN: 'Quelqu’un dans cette partie a déjà ce pseudo. Choisissez-en un autre.',
  NAME_INVALID: 'Un pseudo fait de 1 à 20 caractères : lettres, chiffres et symboles seulement.',
  NOT_HOST: 'Seul l’enseignant peut faire cela.',
  MOVED: 'Cette partie est passée sur un autre serveur. Reconnexion…',
  NOT_IN_ROOM: 'Rejoignez d’abord une partie.',
  UNKNOWN_PLAYER: 'Cette partie ne vous connaît plus. Rejoignez-la à nouveau.',
  KICKED: 'L’enseignant vous a retiré de cette partie.',
  WRONG_PHASE: 'Ce n’est pas possible à ce moment de la partie.',
  WRONG_ROUND: 'Cette question n’est pas la question en cours.',
  NO_PLAYERS: 'Attendez qu’au moins un joueur ait rejoint la partie.',
  ROUND_CLOSED: 'Trop tard : cette question est close.',
  ALREADY_ANSWERED: 'Vous avez déjà répondu à cette question.',
  WRONG_ANSWER_TYPE: 'Cette question attend un autre type de réponse.',
  GAME_OVER: 'Cette partie est terminée.',
  DECK_NOT_FOUND: 'Cette série ne fait pas partie de vos séries enregistrées.',
  RATE_LIMITED: 'Trop de demandes. Patientez un instant.',
  QUOTA_EXCEEDED: 'Plus de place pour enregistrer cela. Supprimez d’abord ce dont vous n’avez plus besoin.',
  SERVER_BUSY: 'Ce serveur fait tourner autant de parties qu’il le peut. Réessayez dans quelques minutes.',
  STORE_UNAVAILABLE:
    'Le serveur ne peut pas enregistrer pour l’instant. Il réessaie tout seul dans un instant.',
  INTERNAL: 'Quelque chose s’est mal passé sur le serveur. Réessayez.',
  NO_RESPONSE: 'Le serveur de jeu n’a pas répondu. Vérifiez votre connexion et réessayez.',
};

export const heldAnswer =
  'Le serveur ne peut pas enregistrer pour l’instant. Votre réponse sera renvoyée dans un instant.';
