import type { Schemas } from '../../api/client';
import { languages, type Language } from '../../i18n';

export type Opportunity = Schemas['Opportunity'];
export type OpportunityKind = Opportunity['kind'];
export type OpportunityStatus = Opportunity['status'];
export type Match = Schemas['OpportunityMatch'];
export type Why = Schemas['MatchWhy'];
export type Criterion = Schemas['MatchCriterion'];

// missingLanguages lists the languages in which an opportunity lacks its
// title or summary, as the API reports them.
export function missingLanguages(o: Pick<Opportunity, 'missing_languages'>): Language[] {
  return languages.filter((l) => o.missing_languages.includes(l));
}

// nullableObject reads a field that holds an object or null. The spec
// marks such fields x-nullable, which the generated types render loosely
// (any JSON value); this narrows them to what the API sends.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names what the API sends
export function nullableObject<T extends object>(value: unknown): T | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as T) : null;
}

// detailsOf reads an opportunity's details: null where the caller may not
// read them.
export function detailsOf(o: Opportunity): Schemas['Text'] | null {
  return nullableObject<Schemas['Text']>(o.details);
}
