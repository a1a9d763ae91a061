import './reports.css';

import { Button, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';

import { QueryState } from '../../components/QueryState';
import { languages, type Language } from '../../i18n';
import { createFormat, intlLocales } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { useAgreementsSigned, useTripsHeld } from './draftData';
import type { KPIs } from './model';
import { formatTotals } from './money';
import { periodFromSearch, periodParams, periodRange } from './period';
import { FigureTable } from './ReportTables';
import { tablesOf } from './tables';
import { useLabels } from './useLabels';
import { useKpis } from './useReports';

// DraftPage is the report draft: the period's activities as sentences and
// tables, to copy into the narrative report or print to PDF. It is written
// in German unless ?lang= asks for English or Japanese, whatever the
// reader's language is: the funder reads German.
export function DraftPage() {
  const { t: ui, i18n } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const requested = search.get('lang');
  const lang: Language = languages.includes(requested as Language) ? (requested as Language) : 'de';
  const t = useMemo(() => i18n.getFixedT(lang), [i18n, lang]);
  const format = useMemo(() => createFormat(intlLocales[lang]), [lang]);
  const labels = useLabels(lang);
  const period = periodFromSearch(search);
  const params = periodParams(period);
  const range = periodRange(period);
  const kpis = useKpis(params, lang);
  usePageTitle(ui('reports.draft.title'));

  return (
    <Stack gap="lg" py="md" lang={lang} maw={900}>
      <Group className="report-no-print" justify="space-between">
        <SegmentedControl
          aria-label={ui('reports.draft.language')}
          value={lang}
          onChange={(l) => {
            const next = new URLSearchParams(search);
            next.set('lang', l);
            setSearch(next, { replace: true });
          }}
          data={languages.map((l) => ({ value: l, label: i18n.getFixedT(l)('language.name') }))}
        />
        <Button variant="default" onClick={() => {
          window.print();
        }}>
          {ui('reports.draft.print')}
        </Button>
      </Group>
      <QueryState query={kpis}>
        {kpis.data && (
          <Draft
            kpis={kpis.data}
            title={t('reports.draft.title')}
            intro={t('reports.draft.intro', {
              period: labels.period(period),
              from: format.date(range.from),
              to: format.date(range.to),
              today: format.date(new Date().toISOString().slice(0, 10)),
            })}
            from={range.from}
            to={range.to}
            lang={lang}
          />
        )}
      </QueryState>
    </Stack>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack component="section" className="report-section" gap="sm" aria-label={title}>
      <Title order={2} size="h3">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

function Draft({ kpis, title, intro, from, to, lang }: { kpis: KPIs; title: string; intro: string; from: string; to: string; lang: Language }) {
  const { i18n } = useTranslation();
  const t = useMemo(() => i18n.getFixedT(lang), [i18n, lang]);
  const format = useMemo(() => createFormat(intlLocales[lang]), [lang]);
  const labels = useLabels(lang);
  const trips = useTripsHeld(from, to);
  const agreements = useAgreementsSigned(from, to);
  const tables = new Map(tablesOf(kpis).map((tb) => [tb.key, tb]));
  const table = (key: string) => {
    const tb = tables.get(key);
    return tb ? <FigureTable table={tb} labels={labels} /> : null;
  };
  const n = (v: number) => format.number(v);
  const agreementKind = (code: string) => labels.code('agreement_kind', code);
  const shown = {
    directoryTotals: table('directory_totals'),
    tripsByKind: table('trips_by_kind'),
    network: table('projects_network'),
    byPhase: table('projects_by_phase'),
    perYear: table('funding_per_year'),
    committed: table('funding_committed'),
  };
  return (
    <Stack gap="xl" data-testid="report-draft">
      <Stack component="section" className="report-section" gap="sm">
        <Title order={1}>{title}</Title>
        <Text>{intro}</Text>
        {shown.directoryTotals}
      </Stack>
      <Section title={t('reports.sections.trips')}>
        <Text>
          {t('reports.draft.trips', {
            count: n(kpis.trips.held),
            confirmed: n(kpis.trips.confirmed),
            organisations: n(kpis.trips.organisations),
            visited: n(kpis.trips.japanese_organisations_visited),
          })}
        </Text>
        <QueryState query={trips}>
          {trips.data?.length === 0 && <Text c="dimmed">{t('reports.draft.none')}</Text>}
          {trips.data && trips.data.length > 0 && (
            <Table withTableBorder fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('reports.columns.trips')}</Table.Th>
                  <Table.Th>{t('reports.draft.tripDates')}</Table.Th>
                  <Table.Th ta="right">{t('reports.draft.participants')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {trips.data.map((trip) => (
                  <Table.Tr key={trip.id}>
                    <Table.Td>{trip.title}</Table.Td>
                    <Table.Td>{t('reports.range', { from: format.date(trip.start_date), to: format.date(trip.end_date) })}</Table.Td>
                    <Table.Td ta="right">{n(trip.seats.confirmed)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </QueryState>
        {shown.tripsByKind}
      </Section>
      <Section title={t('reports.sections.agreements')}>
        <Text>
          {t('reports.draft.agreements', {
            count: n(kpis.agreements.signed),
            renewed: n(kpis.agreements.renewed),
            terminated: n(kpis.agreements.terminated),
            active: n(kpis.agreements.active_at_end),
          })}
        </Text>
        <QueryState query={agreements}>
          {agreements.data?.length === 0 && <Text c="dimmed">{t('reports.draft.none')}</Text>}
          {agreements.data && agreements.data.length > 0 && (
            <Table withTableBorder fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('reports.columns.agreement_kind')}</Table.Th>
                  <Table.Th>{t('reports.draft.parties')}</Table.Th>
                  <Table.Th>{t('reports.draft.agreementSigned')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {agreements.data.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>
                      {a.title} ({agreementKind(a.kind)})
                    </Table.Td>
                    <Table.Td>{a.parties.map((p) => p.organisation.name).join(', ')}</Table.Td>
                    <Table.Td>{format.date(a.signed_on)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </QueryState>
      </Section>
      <Section title={t('reports.sections.projects')}>
        <Text>
          {t('reports.draft.projects', {
            initiated: n(kpis.projects.initiated),
            started: n(kpis.projects.started),
            network: n(kpis.projects.network.length),
          })}
        </Text>
        {shown.network}
        {shown.byPhase}
      </Section>
      <Section title={t('reports.sections.funding')}>
        {kpis.funding.per_year.length === 0 ? (
          <Text>{t('reports.draft.noFunding')}</Text>
        ) : (
          <>
            <Text>
              {t('reports.draft.funding')} {formatTotals(format, kpis.funding.committed.map((c) => c.amount))}
            </Text>
            {shown.perYear}
            {shown.committed}
          </>
        )}
      </Section>
    </Stack>
  );
}
