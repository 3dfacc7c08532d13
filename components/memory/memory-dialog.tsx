'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { lazyTool } from '@/components/editor/lazy-tool';
import styles from './memory.module.css';

const MemoryDialogContent = lazyTool(() => import('./memory-dialog-content').then((m) => m.MemoryDialogContent));

/**
 * "Translation memory…" in the editor header. Its dialog (search, export, import) is loaded by the first press
 * (or earlier, when the editor is idle), then takes this button's place and opens.
 */
export function MemoryDialog({ canImport }: { canImport: boolean }) {
  const t = useTranslations('Memory');
  const [opened, setOpened] = useState(false);
  const button = (
    <button type="button" className={styles.open} onClick={() => setOpened(true)} data-testid="tm-open">
      {t('open')}
    </button>
  );
  return opened ? <MemoryDialogContent canImport={canImport} openOnMount fallback={button} /> : button;
}
