export * from './deck';
export * from './decks';
export * from './errors';
export * from './events';
export * from './nickname';
export * from './report';
export * from './schemas';
export * from './views';
