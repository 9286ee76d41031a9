// The phone's first load: join, lobby, question, the wait for the reveal. Every byte here counts
// against the player page's budget (test/browser/bundle-size.test.ts); the reveal's words are in
// ./phone-reveal.ts, which rides in the chunk loaded at the first reveal.
// Named exports rather than one object: the bundle then holds each sentence once as a variable,
// not also a property name per sentence and per use (about 400 bytes gzipped over this page).
// Only the phone imports them (`import * as player`); ../check.ts holds each translation to them.

export const lead = 'Does gradient descent converge, zig-zag or diverge? Join the game on the projector.';
export const code = 'Room code';
export const codeHint = '6 digits';
export const nickname = 'Nickname';
export const nicknameHint = 'What the class will see';
export const join = 'Join';
export const joining = 'Joining…';
export const badCode = 'The room code is the six digits on the projector.';
export const noNickname = 'Please type a nickname.';
export const kicked = 'The host removed you from this game.';
export const forgotten = 'That game no longer knows you. Join again with the code on the projector.';
export const ended = 'Your last game has ended. Join a new one with the code on the projector.';
export const rejoining = 'Rejoining…';
export const gameAs = (code: string) => `Game ${code} as`;
export const another = 'Join another game';
export const youreIn = "You're in!";
export const waitingHost = 'Waiting for the host to start the game…';
export const gameOf = (code: string, n: number) =>
  `Game ${code} · ${n} ${n === 1 ? 'question' : 'questions'}`;
export const questionOf = (i: number, n: number) => `Question ${i} of ${n}`;
export const secondsLeft = (n: number) => `${n} seconds left`;
export const predictPrompt = 'What does gradient descent do?';
export const fastestPrompt = 'Which α gets within 1/1000 of the start distance in the fewest steps?';
export const locked = 'Answer locked in';
export const sending = 'Sending your answer…';
export const watchReveal = 'Watch the projector for the reveal.';
export const goesSoon = 'It goes as soon as the connection allows.';
export const timesUp = "Time's up! Watch the projector for the reveal.";
export const loadingSlider = 'Loading the answer slider…';
export const pts = 'pts';
export const watchScreen = 'Watch the screen';
export const playing = 'The run is playing on the projector. Your result appears here when it ends.';
/** The switch to the other language, written in it. */
export const otherLanguage = 'Français';
export const otherLanguageCode = 'fr';
