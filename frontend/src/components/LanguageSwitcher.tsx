import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';

import { languages } from '../i18n';

// Each language is offered under its own name ("Deutsch", "日本語"), taken
// from its own catalogue, so a reader can find it whatever is active now.
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const data = languages.map((lng) => ({
    value: lng,
    label: <span lang={lng}>{i18n.getFixedT(lng)('language.name')}</span>,
  }));
  return (
    <SegmentedControl
      aria-label={t('language.label')}
      size="xs"
      data={data}
      value={i18n.resolvedLanguage ?? i18n.language}
      onChange={(lng) => void i18n.changeLanguage(lng)}
    />
  );
}
