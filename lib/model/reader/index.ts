/** How a published snapshot is presented to readers: layouts, the kinds of translated blocks, footnotes, text cut for marks. */
export * from './blocks';
export * from './description';
export * from './footnotes';
export * from './inline';
export * from './layouts';
