import { z } from './zod';
import { rowIdSchema } from './schema';

/** An editor page's id, made by the page: it names the page's presence entry and survives its reconnects. */
export const clientIdSchema = z.string().regex(/^[a-z0-9-]{8,40}$/, 'must be 8 to 40 of a-z, 0-9 and -');

/** `POST /api/documents/:slug/presence`: the row this page is in, or null when it is in none. */
export const presenceRequestSchema = z
  .object({
    client: clientIdSchema,
    rowId: rowIdSchema.nullable(),
  })
  .strict();

export type PresenceRequest = z.infer<typeof presenceRequestSchema>;
