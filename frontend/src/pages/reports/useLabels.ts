import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

import type { Language } from '../../i18n';
import { createFormat, intlLocales } from '../../lib/format';
import { useFunders, useRegions } from '../../lib/reference';
import { createLabels, type Labels } from './labels';

// useLabels names a report's codes and figures in a language: the
// reader's unless one is given (the report draft's).
export function useLabels(lang?: Language): Labels {
  const { i18n } = useTranslation();
  const language = lang ?? ((i18n.resolvedLanguage ?? 'en') as Language);
  const regions = useRegions();
  const funders = useFunders();
  return useMemo(() => {
    const t = i18n.getFixedT(language);
    const refs = {
      region: new Map((regions.data ?? []).map((r) => [r.code, r.name])),
      funder: new Map((funders.data ?? []).map((f) => [f.code, f.name])),
    };
    return createLabels(t, createFormat(intlLocales[language]), language, refs);
  }, [i18n, language, regions.data, funders.data]);
}
