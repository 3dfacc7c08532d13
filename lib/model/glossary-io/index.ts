export * from './csv';
export * from './merge';
export * from './records';
export * from './tbx';
