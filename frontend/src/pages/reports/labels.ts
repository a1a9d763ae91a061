import type { TFunction } from 'i18next';

import type { Schemas } from '../../api/client';
import type { Language } from '../../i18n';
import type { Format } from '../../lib/format';
import type { Cell } from './model';
import type { Period } from './period';

type Text = Schemas['Text'];

const textOrder: Record<Language, Language[]> = {
  de: ['de', 'en', 'ja'],
  en: ['en', 'de', 'ja'],
  ja: ['ja', 'en', 'de'],
};

// Reference names (regions, funders) by code, as {de, en, ja}.
export interface ReferenceNames {
  region: Map<string, Text>;
  funder: Map<string, Text>;
}

// Labels names everything a report shows, in one language: the page uses
// the reader's, the report draft the one it is written in (German unless
// asked otherwise), whatever the reader's is.
export interface Labels {
  period(p: Period): string;
  table(key: string): string;
  section(key: string): string;
  /** A field of the KPIs: a figure's name, else a column's. */
  figure(key: string): string;
  column(key: string): string;
  code(column: string, code: string): string;
  cell(kind: string, column: string, value: Cell): string;
  /** What an empty table says. */
  empty: string;
}

export function createLabels(t: TFunction, format: Format, language: Language, refs: ReferenceNames): Labels {
  const countries = new Intl.DisplayNames([format.locale], { type: 'region' });
  const pick = (text: Text | undefined, code: string) => {
    for (const lng of textOrder[language]) {
      const v = text?.[lng];
      if (v) return v;
    }
    return code;
  };
  const code = (column: string, value: string): string => {
    switch (column) {
      case 'country':
        try {
          return countries.of(value) ?? value;
        } catch {
          return value;
        }
      case 'region':
        return value === 'none' ? '–' : pick(refs.region.get(value), value);
      case 'funder':
        return pick(refs.funder.get(value), value);
      case 'organisation_kind':
        return t(`organisations.kinds.${value}`, { defaultValue: value });
      case 'trip_kind':
        return t(`trips.kinds.${value}`, { defaultValue: value });
      case 'agreement_kind':
        return t(`agreements.kinds.${value}`, { defaultValue: value });
      case 'phase':
        return t(`projects.phases.${value}`, { defaultValue: value });
      case 'figure':
        return t(`reports.figures.${value}`, { defaultValue: value });
      case 'step':
        return t(`reports.steps.${value}`, { defaultValue: value });
      case 'origin':
        return t(`reports.origins.${value}`, { defaultValue: value });
      default:
        return value.replaceAll('_', ' ');
    }
  };
  return {
    period(p) {
      switch (p.kind) {
        case 'budget':
          return t('reports.budgetYear', { year: p.year });
        case 'fiscal':
          return t('reports.fiscalYear', { year: p.year });
        case 'custom':
          return t('reports.range', { from: format.date(p.from), to: format.date(p.to) });
      }
    },
    table: (key) => t(`reports.tables.${key}`, { defaultValue: key }),
    section: (key) => t(`reports.sections.${key}`, { defaultValue: key }),
    figure: (key) =>
      t(`reports.figures.${key}`, { defaultValue: t(`reports.columns.${key}`, { defaultValue: key.replaceAll('_', ' ') }) }),
    column: (key) => t(`reports.columns.${key}`, { defaultValue: key }),
    code,
    empty: t('reports.empty'),
    cell(kind, column, value) {
      if (value === null) return '';
      if (typeof value === 'object') return format.money(value);
      switch (kind) {
        case 'code':
          return code(column, String(value));
        case 'count':
          return format.number(Number(value));
        case 'share':
          return new Intl.NumberFormat(format.locale, { style: 'percent', maximumFractionDigits: 1 }).format(Number(value));
        case 'date':
          return format.date(String(value));
        default:
          return String(value);
      }
    },
  };
}
