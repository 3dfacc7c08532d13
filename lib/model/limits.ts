/**
 * Every bound the app puts on a request's body and on the work one request or one saved text may cause, in one
 * place: the server refuses what passes them, the browser reads the same numbers to refuse or warn before
 * sending, and the README's security section lists them. Each says what it protects.
 */

/** Request bodies, read through one limit each: a body over it is a 413 as soon as that is known. */
export const BODY_LIMITS = {
  /** A row save, a split or merge, a note or reply, a glossary term, signing in (bytes). */
  row: 1024 * 1024,
  /** A text, XLIFF or TMX file sent whole: importing a document, an XLIFF file into one, a TMX file (bytes). */
  import: 5 * 1024 * 1024,
  /** Confirming an XLIFF import: JSON escaping makes it larger than its file, which is still held to `import` (bytes). */
  importConfirmation: 10 * 1024 * 1024,
  /** Publishing: the source credit and address (bytes). */
  publish: 16 * 1024,
} as const;

/**
 * The XML reader's bounds (XLIFF, TMX, TBX), checked as each start tag streams in, before any tree is built.
 * Nothing an article needs comes near them (an XLIFF export nests 8 deep; a 20,000-row export holds about
 * 200,000 elements, its <file> 20,000 units); 100,000 nested elements once held the server for minutes.
 */
export const XML_LIMITS = {
  /** Elements open at once: namespace resolution costs the square of the depth, and every walk is as deep. */
  maxDepth: 200,
  /** Elements in the whole file. */
  maxElements: 300_000,
  /** Child elements of any one element (units in a <file>, codes in a <source>, <tu> in a TMX body). */
  maxChildren: 100_000,
} as const;

/** The work one request or one saved text may cause. */
export const LIMITS = {
  /** Characters of one row's Arabic (its blocks together) or English: every per-row check, memory lookup and note anchor reads the whole row. */
  rowChars: 20_000,
  /** Words of one row's Arabic or English: memory matching and the difference it shows work word by word. */
  rowWords: 4_000,
  /** Rows of a document made by one import: 500,000 one-letter lines once made a 199 MB document. */
  importRows: 10_000,
  /** UTF-8 bytes of an imported text. */
  importTextBytes: 2 * 1024 * 1024,
  /** Characters of a text looked up in the memory (`POST /api/memory/matches`). */
  memoryQueryChars: 20_000,
  /**
   * Words of a text the memory compares: longer texts are matched on their first words only (and never score
   * 100% unless whole texts are equal), so a lookup costs at most this squared, whatever the row's length.
   */
  memoryMatchWords: 500,
  /**
   * Wrong sign-ins before sign-in is refused with 429 for a while, the wait doubling with each further failure:
   * for one name from one address (reset by signing in), from one address for any names (guessing many names),
   * and for one name from any addresses (guessing from many). Counted per name and address apart, so someone
   * guessing elsewhere does not lock a person out of their own desk.
   */
  signInFailuresPerNameAndAddress: 5,
  signInFailuresPerAddress: 20,
  signInFailuresPerName: 50,
  /** How long failures are remembered, in seconds. */
  signInWindowSeconds: 15 * 60,
  /** The first wait once failures reach a limit, in seconds. */
  signInBaseWaitSeconds: 30,
  /** The longest wait the backoff reaches, in seconds. */
  signInMaxWaitSeconds: 60 * 60,
  /** Password checks (scrypt, 128 MB each in Node's shared thread pool) running at once; more wait in line. */
  signInConcurrentChecks: 2,
  /** Sign-ins waiting for a check before more are refused with 503: a flood never queues without end. */
  signInQueue: 32,
} as const;

export type Limits = typeof LIMITS;
