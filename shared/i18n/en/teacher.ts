// The teacher's own pages: creating a game, My decks, the assign form, the instructor key, and the
// frame around them. Only the host page imports this (client/host/language.ts): the player's bundle
// never carries it. English is the source of truth (see ../language.ts).

export const teacher = {
  // The create screen.
  intro:
    'A live game about the learning rate. Students predict whether gradient descent converges, zig-zags or diverges, find the largest α that still converges and pick the fastest α; the projector shows what it really does.',
  yourPages: 'Your decks and games',
  newGame: 'New game',
  deck: 'Deck',
  builtIn: (title: string, questions: number) => `Built-in: ${title} (${questions} questions)`,
  /** The built-in decks' titles (the decks hold the English ones). */
  lessonTitle: 'The learning rate in 15 minutes',
  builtinTitle: 'The learning rate: a first class',
  generated: 'Generated questions',
  difficulty: 'Difficulty',
  difficulties: { easy: 'easy', medium: 'medium', hard: 'hard' },
  questions: 'Questions',
  mixKinds: 'Mix in “largest α” and “fastest α” rounds',
  secondsPerQuestion: 'Seconds per question',
  speedPoints: 'Faster answers earn more points',
  byConfidence:
    'Score by confidence: students say how sure they are (sure, fairly sure, guessing); sure and wrong costs points',
  peerInstruction: 'Discuss and vote again when the class is split',
  split: 'Split:',
  splitLow: 'Lowest share right for a discussion',
  splitTo: 'to',
  splitHigh: 'Highest share right for a discussion',
  splitRight: 'right',
  splitWhole: 'Each bound of the split is a whole percent from 0 to 100.',
  splitOrder: (low: number, high: number) => `The lower bound (${low} %) is above the upper one (${high} %).`,
  creating: 'Creating…',
  createGame: 'Create game',
  reconnecting: (code: string) => `Reconnecting to game ${code}…`,
  startNew: 'Start a new game instead',
  lostEnded: 'Your last game has ended. Start a new one.',
  lostHost: 'This browser is no longer the host of that game. Start a new one.',

  /** The kinds of round: a name in lists and reports, and the label the editor offers. */
  kinds: {
    predict: { name: 'Predict', label: 'Predict: converges, zig-zags or diverges?' },
    'max-alpha': { name: 'Largest α', label: 'Largest α that still converges' },
    fastest: { name: 'Fastest α', label: 'Which α is fastest?' },
  },

  // The frame of the instructor's pages.
  instructorPages: 'Instructor pages',
  myDecks: 'My decks',
  pastGames: 'Past games',
  yourKey: 'Your instructor key',
  yesDelete: 'Yes, delete',
  keepIt: 'Keep it',
  delete: 'Delete',
  /** Dates and times as this language writes them ("25 Nov 2026, 13:05"). */
  locale: 'en-GB',
  /** A whole percent, as the reports write shares. */
  percent: (n: number) => `${n} %`,
  /** After a percent typed in a box. */
  percentSign: ' %',
  /** Between a label and what follows it on one line. */
  colon: ': ',

  // My decks.
  newDeck: 'New deck',
  importFile: 'Import a deck file…',
  notImported: 'That file was not imported, and nothing was saved.',
  round: (n: number) => `Round ${n}`,
  field: 'field',
  loadingDecks: 'Loading your decks…',
  noDecksBefore: 'No decks yet. Make one with ',
  noDecksAfter: ', or import a file a colleague sent you.',
  rounds: (n: number) => (n === 1 ? '1 round' : `${n} rounds`),
  changed: (when: string) => `changed ${when}`,
  deleteNamed: (title: string) => `Delete ${title}`,
  deleteNamedAsk: (title: string) => `Delete ${title}?`,
  deleteDeck: 'Delete this deck?',
  play: 'Play',
  playNamed: (title: string) => `Play ${title}`,
  edit: 'Edit',
  editNamed: (title: string) => `Edit ${title}`,
  duplicate: 'Duplicate',
  duplicateNamed: (title: string) => `Duplicate ${title}`,
  export: 'Export',
  exportNamed: (title: string) => `Export ${title}`,
  assign: 'Assign as homework',
  imported: (title: string, rounds: number) => `Imported “${title}” (${rounds} rounds).`,
  made: (title: string) => `Made “${title}”.`,
  deckDeleted: 'Deck deleted.',

  // The assign form.
  assigned: (title: string) => `“${title}” is assigned.`,
  assignedWhere: 'Its report is on Past games, under Homework.',
  assignNamed: (title: string) => `Assign ${title} as homework`,
  due: 'Due (leave empty for no due date)',
  revealWhen: 'Students see the right answer and its explanation',
  afterEach: 'after each answer',
  atEnd: 'only at the end',
  retries: 'Students may try a question again (up to 3 tries; the last one counts)',
  askStudentId: 'Ask for a student id (for the gradebook)',
  timer: (min: number, max: number) => `Seconds per question (leave empty for no timer; ${min} to ${max})`,
  assignSubmit: 'Assign and get the link',
  cancel: 'Cancel',
  qrFor: (link: string) => `QR code for ${link}`,
  studentsOpen: 'Students open',
  studentsOpenEnd: 'on a phone or a laptop, or scan the code.',

  // The instructor key.
  keyAbout:
    'Your decks and the reports of your games belong to this key. The browser made it the first time you opened Overshoot and keeps it, so on this computer there is nothing to set up. Students never see it, and nobody else on the server can read your decks or reports without it.',
  thisKey: "This browser's key",
  hide: 'Hide',
  show: 'Show',
  copy: 'Copy',
  copied: 'Copied. Keep it like a password.',
  cannotCopy: 'Copying is not allowed here: select the key and copy it by hand.',
  keyElsewhere:
    'To use your decks from another computer, open this page there and paste this key below. A lost key cannot be recovered: the server only keeps a fingerprint of it.',
  otherKey: 'Use a key from another computer',
  notAKey: 'That is not an instructor key: it has 22 to 64 letters, digits, “-” and “_”.',
  keyAdopted: 'This browser now uses that key: its decks and reports are yours here.',
  pasteKey: 'Paste a key',
  useKey: 'Use this key',
  keyReplaced: 'The key this browser has now is replaced: copy it first if you want to keep it.',

  /**
   * The API's refusals by code, in this language. English shows the server's own sentence (it may
   * name a number or a round); another language shows this, plus the round and field it names.
   */
  apiErrors: {
    UNAUTHORIZED: 'This needs your instructor key: open /host in the browser you teach from.',
    NOT_FOUND: 'That is not among your saved decks, reports or homework.',
    BAD_JSON: 'That file is not valid JSON.',
    BAD_DECK: 'That is not a valid deck.',
    BAD_PAYLOAD: 'One of these settings is not valid.',
    TOO_LARGE: 'That is too large to send.',
    NO_REPORTS: 'Tick at least one game for the gradebook.',
    TOO_MANY_REPORTS: 'A gradebook combines at most 50 games.',
    NO_MISCONCEPTIONS: 'This report names no misconception the class holds: there is nothing to follow up.',
    NOTHING_TO_WARM_UP: 'No scored round tests an idea the warm-up could aim at.',
    DECK_NOT_FOUND: 'That deck is not among your saved decks.',
    QUOTA_EXCEEDED: 'There is no room left to save that. Delete something you no longer need first.',
    RATE_LIMITED: 'Too many requests. Please wait a moment.',
    SERVER_BUSY: 'The server is busy. Please try again in a moment.',
    STORE_UNAVAILABLE:
      'The server cannot reach its database right now, so nothing was saved. Please try again in a moment.',
    INTERNAL: 'Something went wrong on the server.',
    NETWORK: 'The server did not answer. Check that it is running, then try again.',
  },
  dueInPast: 'The due date must be in the future.',
  /** A refusal whose code the page does not know: its status. */
  answered: (status: number) => `The server answered ${status}.`,
};
