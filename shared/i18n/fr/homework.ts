// La page des devoirs et les refus de son API, en français (l'anglais, ../en/homework.ts, fait foi).
// Typographie française : espace fine insécable (U+202F) avant « ; : ! ? % ».
import type { homework as en, homeworkRefusals as enRefusals } from '../en/homework';
import type { Strings } from '../language';

const dateTime = (ms: number) =>
  new Date(ms).toLocaleString('fr', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });

export const homework: Strings<typeof en> = {
  pageTitle: 'Devoir Overshoot',
  loading: 'Chargement de votre devoir…',
  rounds: (n) => (n === 1 ? '1 question' : `${n} questions`),
  due: (at) => `À rendre le ${dateTime(at)}`,
  noDue: 'Pas de date limite',
  closed: (at) => `Ce devoir était à rendre le ${dateTime(at)}\u202F: il ne prend plus de réponses.`,
  timer: (s) =>
    s === null
      ? 'Pas de chrono\u202F: prenez le temps qu’il vous faut.'
      : `Chaque question a un chrono de ${s}\u00A0secondes.`,
  reveal: (r) =>
    r === 'each'
      ? 'Vous voyez la réponse et son explication après chaque question.'
      : 'Vous voyez toutes les réponses et leurs explications à la fin.',
  retries: (n) =>
    `Vous pouvez essayer chaque question jusqu’à ${n}\u00A0fois\u202F; c’est votre dernier essai qui compte.`,
  resume: 'Vous pouvez vous arrêter à tout moment et reprendre plus tard sur cet appareil.',
  nameLabel: 'Votre nom',
  namePlaceholder: 'Celui que votre enseignant connaît',
  idLabel: 'Votre numéro d’étudiant',
  idHint: 'Votre enseignant le demande pour reporter vos résultats dans ses notes.',
  start: 'Commencer',
  starting: 'Démarrage…',
  readyTitle: (name) => `Prêt·e, ${name}\u202F?`,
  begin: 'Voir la première question',
  question: (k, n) => `Question ${k} sur ${n}`,
  secondsLeft: (s) => `${s}\u00A0s`,
  secondsLeftLabel: (s) => `encore ${s} secondes`,
  noTimer: 'Pas de chrono',
  sending: 'Enregistrement de votre réponse…',
  savedTitle: 'Réponse enregistrée',
  savedBody: 'Vous saurez si elle était juste, et pourquoi, quand vous aurez répondu à toutes les questions.',
  timeUp: 'Le temps est écoulé pour cette question\u202F: elle compte comme sans réponse.',
  next: 'Question suivante',
  finish: 'Voir mes résultats',
  resultsTitle: 'Vos résultats',
  score: (right, asked, points) => `${right} sur ${asked} justes · ${points} points`,
  roundHeading: (k) => `Question ${k}`,
  finishedAt: (at) => `Terminé le ${dateTime(at)}.`,
  tries: (n) => `${n}\u00A0essais\u202F: le dernier compte.`,
  tryAgain: 'Réessayer cette question',
  notYet: 'Pas encore juste.',
  notYetBody: (left) =>
    left === 1
      ? 'Il vous reste 1 essai. Repensez à ce que fait chaque pas, ou voyez la réponse.'
      : `Il vous reste ${left}\u00A0essais. Repensez à ce que fait chaque pas, ou voyez la réponse.`,
  showAnswer: 'Voir la réponse',
  triesLeft: (left) =>
    left === 1
      ? 'Vous pouvez encore changer cette réponse une fois.'
      : `Vous pouvez encore changer cette réponse ${left}\u00A0fois.`,
  lost: 'Cet appareil n’a plus de devoir enregistré pour ce lien. Donnez votre nom pour recommencer.',
  notFound: 'Aucun devoir n’a ce lien. Vérifiez le lien donné par votre enseignant.',
  network: 'Le serveur est injoignable. Vérifiez votre connexion et réessayez.',
};

const dueDay = (ms: number) =>
  new Date(ms).toLocaleString('fr', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });

export const homeworkRefusals: Strings<typeof enRefusals> = {
  pastDue: (due) =>
    `Ce devoir était à rendre le ${due} (UTC)\u202F: il ne prend plus de réponses. Vos réponses déjà données sont gardées.`,
  dueText: dueDay,
  notFound:
    'Aucun devoir n’a ce lien. Vérifiez le lien donné par votre enseignant\u202F; le devoir a peut-être été supprimé.',
  noToken: 'Il faut pour cela le jeton que cet appareil a reçu en commençant le devoir.',
  noAttempt: 'Cet appareil n’a pas encore commencé ce devoir\u202F: donnez votre nom pour commencer.',
  studentIdRequired: 'Votre enseignant demande votre numéro d’étudiant\u202F: tapez-le, s’il vous plaît.',
  studentIdTooLong: (max) => `Un numéro d’étudiant fait au plus ${max}\u00A0caractères.`,
  studentIdUnreadable: 'Le numéro d’étudiant contient des caractères qui ne peuvent pas s’afficher.',
  noRetries: 'Votre enseignant n’a pas permis de réessayer les questions de ce devoir.',
  notAnswered: 'Répondez d’abord à cette question\u202F; vous pourrez ensuite la réessayer.',
  revealed: 'Vous avez vu la réponse à cette question\u202F: elle ne peut plus être réessayée.',
  triesUsed: (max) =>
    `Vous avez essayé cette question ${max}\u00A0fois, le maximum pour ce devoir. Passez à la suivante.`,
  alreadyStarted: 'Ce devoir a déjà été commencé, peut-être dans un autre onglet\u202F: rechargez la page.',
  busy: 'Ce devoir a été modifié depuis un autre onglet au même moment. Réessayez.',
  attemptsFull: (max) =>
    `Ce devoir a déjà ${max}\u00A0participations, le maximum pour un devoir. Prévenez votre enseignant.`,
  wrongPhase: 'Ce n’est pas possible à ce moment du devoir.',
  noRoute: 'Cette adresse de devoir n’existe pas.',
  badJson: 'Cette demande n’est pas du JSON valide.',
  tooLarge: (limit) =>
    `C’est plus que ce qu’une demande du devoir peut contenir (${limit})\u202F: un nom, un numéro d’étudiant et une réponse font quelques mots chacun.`,
  internal: 'Quelque chose s’est mal passé sur le serveur. Réessayez.',
};
