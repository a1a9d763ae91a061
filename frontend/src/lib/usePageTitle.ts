import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

// usePageTitle sets the browser tab's title: "<page> · <app>".
export function usePageTitle(title: string | undefined) {
  const { t } = useTranslation();
  const app = t('app.name');
  useEffect(() => {
    document.title = title ? `${title} · ${app}` : app;
  }, [title, app]);
}
