'use client';

import { useTranslations } from 'next-intl';
import { useDetailsDismiss } from './use-details-dismiss';

/** The keyboard's help, folded into one short control so it does not take a line of the sticky header. */
export function KeysHelp({ canEdit }: { canEdit: boolean }) {
  const menu = useDetailsDismiss();
  const t = useTranslations('Editor');
  const th = useTranslations('EditorHeader');
  const tr = useTranslations('Review');
  return (
    <details ref={menu} className="header-menu keys-help">
      <summary>{th('keys')}</summary>
      <div className="header-menu-body">
        <p>{canEdit ? t('keys') : tr('readOnly')}</p>
      </div>
    </details>
  );
}
