import { randomInt } from 'node:crypto';
import { ROW_ID_LENGTH } from '@/lib/model';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A random row id: 10 characters of a-z0-9 (about 51 bits), from the system's CSPRNG. */
export function newRowId(): string {
  let id = '';
  for (let i = 0; i < ROW_ID_LENGTH; i++) id += ALPHABET[randomInt(ALPHABET.length)];
  return id;
}
