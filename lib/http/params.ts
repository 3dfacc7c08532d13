import { ModelError, rowIdSchema, slugSchema } from '@/lib/model';

/** A slug from the URL, or 'invalid' (400) before anything touches the disk. */
export function parseSlugParam(slug: string): string {
  if (!slugSchema.safeParse(slug).success) throw new ModelError('invalid', `"${slug}" is not a valid document slug`);
  return slug;
}

/** A row id from the URL, or 'invalid' (400). */
export function parseRowIdParam(rowId: string): string {
  if (!rowIdSchema.safeParse(rowId).success) throw new ModelError('invalid', `"${rowId}" is not a valid row id`);
  return rowId;
}

/** A note or reply id from the URL, or 'invalid' (400). */
export function parseIdParam(id: string, what: string): string {
  if (!rowIdSchema.safeParse(id).success) throw new ModelError('invalid', `"${id}" is not a valid ${what} id`);
  return id;
}
