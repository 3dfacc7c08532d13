'use client';

import { createContext, useContext } from 'react';
import type { ReviewTools } from '@/lib/editor/review-tools';

export const ReviewContext = createContext<ReviewTools | null>(null);

/** The open document's review tools (undo of replace and merge, status notices, changes since review, restore). */
export function useReviewTools(): ReviewTools {
  const value = useContext(ReviewContext);
  if (!value) throw new Error('useReviewTools outside DocumentEditor');
  return value;
}
