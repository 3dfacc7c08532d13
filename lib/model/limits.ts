/**
 * Every bound the app puts on the work one request or one saved text may cause, in one place: the server
 * enforces them, the browser reads the same numbers to warn before sending, and the README's security section
 * lists them. Each says what it protects.
 */
export const LIMITS = {
  /** Characters of one row's Arabic (its blocks together) or English: every per-row check, memory lookup and note anchor reads the whole row. */
  rowChars: 20_000,
  /** Words of one row's Arabic or English: memory matching and the difference it shows work word by word. */
  rowWords: 4_000,
  /** Rows of a document made by one import: 500,000 one-letter lines once made a 199 MB document. */
  importRows: 10_000,
  /** UTF-8 bytes of an imported text. */
  importTextBytes: 2 * 1024 * 1024,
  /** Characters of a text looked up in the memory (`POST /api/tm/matches`). */
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
