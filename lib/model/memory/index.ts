/** The translation memory: its file's schema, feeding it from rows, fuzzy matching, and concordance search. */
export * from './concordance';
export * from './feed';
export * from './match';
export * from './schema';
