export * from './export';
export * from './inline';
export * from './merge';
export * from './notes';
export * from './parse';
export * from './rows';
export * from './states';
export { parseXml, type XmlElement } from './xml';
