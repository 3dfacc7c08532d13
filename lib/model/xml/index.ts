export * from './read';
export * from './tree';
export * from './write';
