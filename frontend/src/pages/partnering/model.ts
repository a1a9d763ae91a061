import type { Schemas } from '../../api/client';
import { languages, type Language } from '../../i18n';

export type Opportunity = Schemas['Opportunity'];
export type OpportunityKind = Opportunity['kind'];
export type OpportunityStatus = Opportunity['status'];
export type Match = Schemas['OpportunityMatch'];
export type Why = Schemas['MatchWhy'];
export type Criterion = Schemas['MatchCriterion'];
export type Stage = Opportunity['stage'];
export type IpStatus = Opportunity['ip_status'];
export type ClosedReason = NonNullable<Opportunity['closed_reason']>;

// missingLanguages lists the languages in which an opportunity lacks its
// title or summary, as the API reports them.
export function missingLanguages(o: Pick<Opportunity, 'missing_languages'>): Language[] {
  return languages.filter((l) => o.missing_languages.includes(l));
}
