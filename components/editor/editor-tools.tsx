'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { useEditorSession } from './editor-context';
import { lazyTool } from './lazy-tool';

const QaPanel = lazyTool(() => import('./qa-panel').then((m) => m.QaPanel));
const SearchPanel = lazyTool(() => import('./search-panel').then((m) => m.SearchPanel));

type Tool = 'qa' | 'search';

/** How many rows have findings other than being untranslated (the button's count). */
function useQaRowCount(): number {
  const { qa } = useEditorSession();
  const list = useSyncExternalStore(qa.subscribeList, qa.getList, () => null);
  return list ? list.filter((r) => r.findings.some((f) => f.check !== 'untranslated')).length : 0;
}

/**
 * The editor's tool buttons and the side panel they open: quality checks and find-and-replace. The panel sits at
 * the inline end over the notes column, so the rows keep their layout. Ctrl+Shift+F opens find (the browser's
 * own Ctrl+F is left alone); Esc in the panel closes it.
 */
export function EditorTools({ onJump }: { onJump: (rowId: string) => void }) {
  const t = useTranslations('Tools');
  const [open, setOpen] = useState<Tool | null>(null);
  const qaRows = useQaRowCount();

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.code === 'KeyF' && e.shiftKey && (e.ctrlKey || e.metaKey) && !e.altKey) {
        e.preventDefault();
        setOpen('search');
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  const toggle = (tool: Tool) => setOpen((current) => (current === tool ? null : tool));
  return (
    <>
      <div className="editor-tools" role="toolbar" aria-label={t('label')}>
        <button type="button" aria-expanded={open === 'qa'} aria-controls="tool-panel" onClick={() => toggle('qa')} data-testid="open-qa">
          {t('qa', { count: qaRows })}
        </button>
        <button type="button" aria-expanded={open === 'search'} aria-controls="tool-panel" onClick={() => toggle('search')} data-testid="open-search">
          {t('search')}
        </button>
      </div>
      {open && (
        <aside
          id="tool-panel"
          className="tool-panel"
          aria-label={open === 'qa' ? t('qaTitle') : t('searchTitle')}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              setOpen(null);
            }
          }}
        >
          <header className="tool-panel-head">
            <h2>{open === 'qa' ? t('qaTitle') : t('searchTitle')}</h2>
            <button type="button" onClick={() => setOpen(null)} aria-label={t('close')} data-testid="close-tool">
              ×
            </button>
          </header>
          {open === 'qa' ? <QaPanel onJump={onJump} /> : <SearchPanel onJump={onJump} />}
        </aside>
      )}
    </>
  );
}
