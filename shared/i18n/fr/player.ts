// Le premier chargement du téléphone, en français (voir ../en/player.ts).
// Named exports, not an object: see ../en/player.ts. ../check.ts holds it to the English keys.

export const lead =
  'La descente de gradient converge-t-elle, zigzague-t-elle ou diverge-t-elle\u202F? Rejoignez la partie affichée au tableau.';
export const code = 'Code de la partie';
export const codeHint = '6 chiffres';
export const nickname = 'Pseudo';
export const nicknameHint = 'Ce que la classe verra';
export const join = 'Rejoindre';
export const joining = 'Connexion…';
export const badCode = 'Le code de la partie, ce sont les six chiffres affichés au tableau.';
export const noNickname = 'Tapez un pseudo.';
export const kicked = 'L’enseignant vous a retiré de cette partie.';
export const forgotten = 'Cette partie ne vous connaît plus. Rejoignez-la avec le code affiché au tableau.';
export const ended =
  'Votre dernière partie est terminée. Rejoignez-en une nouvelle avec le code affiché au tableau.';
export const rejoining = 'Retour dans la partie…';
export const gameAs = (code: string) => `Partie ${code}, pseudo`;
export const another = 'Rejoindre une autre partie';
export const youreIn = 'C’est parti\u202F!';
export const waitingHost = 'En attente du lancement de la partie…';
export const gameOf = (code: string, n: number) => `Partie ${code} · ${n} question${n === 1 ? '' : 's'}`;
export const questionOf = (i: number, n: number) => `Question ${i} sur ${n}`;
export const secondsLeft = (n: number) => `encore ${n} secondes`;
export const predictPrompt = 'Que fait la descente de gradient\u202F?';
export const fastestPrompt = 'Quel α arrive au millième de la distance de départ en le moins de pas\u202F?';
export const locked = 'Réponse enregistrée';
export const sending = 'Envoi de votre réponse…';
export const watchReveal = 'Regardez le tableau pour la solution.';
export const goesSoon = 'Elle part dès que la connexion le permet.';
export const timesUp = 'Temps écoulé\u202F! Regardez le tableau pour la solution.';
export const loadingSlider = 'Chargement du curseur…';
export const pts = 'pts';
export const watchScreen = 'Regardez l’écran';
export const playing =
  'La descente se déroule au tableau. Votre résultat s’affiche ici quand elle se termine.';
export const otherLanguage = 'English';
export const otherLanguageCode = 'en';
