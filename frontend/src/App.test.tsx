import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { languageStorageKey } from './i18n';
import { renderApp } from './test/renderApp';
import { de, en, ja } from './locales';

describe('shell', () => {
  it('shows the product name and the tagline', () => {
    renderApp();
    expect(screen.getByRole('heading', { level: 1, name: en.app.name })).toBeInTheDocument();
    expect(screen.getByText(en.app.tagline)).toBeInTheDocument();
  });

  it('links to the API documentation and the OpenAPI spec', () => {
    renderApp();
    expect(screen.getByRole('link', { name: en.home.apiDocs })).toHaveAttribute('href', '/api/docs');
    expect(screen.getByRole('link', { name: en.home.openApiSpec })).toHaveAttribute(
      'href',
      '/openapi.json',
    );
  });

  it('switches to Japanese: tagline, html lang and the stored choice follow', async () => {
    const user = userEvent.setup();
    renderApp();
    expect(document.documentElement).toHaveAttribute('lang', 'en');

    await user.click(screen.getByRole('radio', { name: ja.language.name }));

    expect(await screen.findByText(ja.app.tagline)).toBeInTheDocument();
    expect(screen.queryByText(en.app.tagline)).not.toBeInTheDocument();
    expect(document.documentElement).toHaveAttribute('lang', 'ja');
    expect(localStorage.getItem(languageStorageKey)).toBe('ja');
  });

  it('starts in the browser language when it is supported', () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['de-AT', 'de']);
    renderApp();
    expect(screen.getByText(de.app.tagline)).toBeInTheDocument();
    expect(document.documentElement).toHaveAttribute('lang', 'de');
  });

  it('falls back to English for an unsupported browser language', () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['fr-FR', 'fr']);
    vi.spyOn(navigator, 'language', 'get').mockReturnValue('fr-FR');
    renderApp();
    expect(screen.getByText(en.app.tagline)).toBeInTheDocument();
    expect(document.documentElement).toHaveAttribute('lang', 'en');
  });

  it('prefers the stored choice over the browser language', () => {
    localStorage.setItem(languageStorageKey, 'ja');
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['de-DE']);
    renderApp();
    expect(screen.getByText(ja.app.tagline)).toBeInTheDocument();
  });

  it('shows the not-found page for an unknown client route', () => {
    renderApp('/no-such-page/xyz');
    expect(screen.getByRole('heading', { level: 1, name: en.notFound.title })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: en.notFound.back })).toHaveAttribute('href', '/');
  });
});
