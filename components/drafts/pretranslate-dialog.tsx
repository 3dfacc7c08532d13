'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { can } from '@/lib/model';
import { useEditorSession } from '@/components/editor/editor-context';
import { lazyTool } from '@/components/editor/lazy-tool';
import styles from './drafts.module.css';

const PretranslateDialogContent = lazyTool(() => import('./pretranslate-dialog-content').then((m) => m.PretranslateDialogContent));

/**
 * "Pre-translate…" in the editor header (editors). Its dialog and the run it drives are loaded by the first
 * press (or earlier, when the editor is idle), then take this button's place and open.
 */
export function PretranslateDialog() {
  const t = useTranslations('Drafts');
  const session = useEditorSession();
  const [opened, setOpened] = useState(false);
  if (!can(session.user.role, 'pretranslate')) return null;
  const button = (
    <button type="button" className={styles.open} onClick={() => setOpened(true)} data-testid="pretranslate-open">
      {t('pretranslateOpen')}
    </button>
  );
  return opened ? <PretranslateDialogContent openOnMount fallback={button} /> : button;
}
