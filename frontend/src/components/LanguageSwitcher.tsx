import { SegmentedControl } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

import { ifMatch } from '../api/problem';
import { useAuth } from '../auth/context';
import { useMe } from '../auth/useMe';
import { languages, type Language } from '../i18n';

const isLanguage = (value: string | undefined): value is Language =>
  languages.includes(value as Language);

// Each language is offered under its own name ("Deutsch", "日本語"), taken
// from its own catalogue, so a reader can find it whatever is active now.
// A signed-in user's choice is stored in their profile: the app follows
// the profile at sign-in, and the server writes names in that language's
// order (Japanese family name first).
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const { session } = useAuth();
  const me = useMe();
  const queryClient = useQueryClient();
  const profile = me.data?.user;
  const adopted = useRef<string | null>(null);

  // Once per signed-in user: take the language of their profile.
  useEffect(() => {
    if (profile === undefined || adopted.current === profile.id) return;
    adopted.current = profile.id;
    if (isLanguage(profile.locale) && profile.locale !== i18n.resolvedLanguage) {
      void i18n.changeLanguage(profile.locale);
    }
  }, [profile, i18n]);

  const change = async (lng: string) => {
    await i18n.changeLanguage(lng);
    if (profile === undefined || !isLanguage(lng) || profile.locale === lng) return;
    const { response } = await session.client.PATCH('/api/v1/me', {
      params: { header: ifMatch(profile.version) },
      body: { locale: lng },
    });
    // Names and other text the server localises are fetched again.
    if (response.ok) await queryClient.invalidateQueries();
  };

  // On a phone the header has room for the codes only; the full name
  // stays the accessible name.
  const narrow = useMediaQuery('(max-width: 36em)');
  const data = languages.map((lng) => {
    const name = i18n.getFixedT(lng)('language.name');
    return {
      value: lng,
      label: narrow ? (
        <span lang={lng} aria-label={name} title={name}>
          {lng.toUpperCase()}
        </span>
      ) : (
        <span lang={lng}>{name}</span>
      ),
    };
  });
  return (
    <SegmentedControl
      aria-label={t('language.label')}
      size="xs"
      data={data}
      value={i18n.resolvedLanguage ?? i18n.language}
      onChange={(lng) => void change(lng)}
    />
  );
}
