/**
 * The server's one clock: every time the app stamps on data (a row's `updatedAt`, a note's `createdAt`, a
 * publication, a memory entry, a TMX header) comes from here, so there is one place to read or fake the time.
 */
export function now(): string {
  return new Date().toISOString();
}
