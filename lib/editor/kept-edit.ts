import { z } from '@/lib/model/zod';
import { targetDocSchema } from '@/lib/model/schema';
import type { KeptEdit } from './pending-store';

const keptEditSchema = z.strictObject({ target: targetDocSchema, baseRev: z.number().int().min(1) });

/** A kept edit read back from browser storage, or null when it is not one (other tabs, old versions, hand edits). */
export function checkKeptEdit(value: unknown): KeptEdit | null {
  const parsed = keptEditSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
