import { useLocale, useTranslations } from 'next-intl';
import { routing } from '@/i18n/routing';
import { LocaleSwitcherSelect } from './locale-switcher-select';

/** Server wrapper: resolves the labels, leaves the interaction to a small client leaf. */
export function LocaleSwitcher() {
  const t = useTranslations('LocaleSwitcher');
  const locale = useLocale();
  return (
    <LocaleSwitcherSelect
      label={t('label')}
      current={locale}
      options={routing.locales.map((l) => ({ value: l, label: t(l) }))}
    />
  );
}
