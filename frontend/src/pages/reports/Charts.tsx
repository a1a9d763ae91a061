import '@mantine/charts/styles.css';

import { BarChart, FunnelChart, LineChart } from '@mantine/charts';
import { Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { useFormat } from '../../lib/format';
import type { Labels } from './labels';
import type { KPIs } from './model';
import { byCurrency, fundingPerYear, majorUnits } from './money';
import { periodOf } from './period';

const palette = ['blue.6', 'teal.6', 'orange.6', 'grape.6', 'red.6', 'cyan.6', 'lime.6', 'indigo.6'];

// ChartCard is one titled chart; the title names the figure for screen
// readers too (the svg itself is decoration next to the tables).
function ChartCard({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  const id = useId();
  return (
    <Paper component="section" aria-labelledby={id} withBorder radius="md" p="md" data-testid={testId}>
      <Stack gap="sm">
        <Title order={3} size="h5" id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

// TrendChart: trips held, confirmed participants, agreements signed and
// projects initiated, year by year (the KPIs' trend, include=trend).
export function TrendChart({ kpis, labels }: { kpis: KPIs; labels: Labels }) {
  const { t } = useTranslation();
  const data = (kpis.trend ?? []).map((y) => ({
    year: labels.period(periodOf(y.period)),
    trips: y.trips,
    participants: y.participants,
    agreements: y.agreements,
    projects: y.projects,
  }));
  return (
    <ChartCard title={t('reports.charts.trend')} testId="chart-trend">
      <LineChart
        h={260}
        data={data}
        dataKey="year"
        withLegend
        yAxisProps={{ allowDecimals: false }}
        series={[
          { name: 'trips', label: t('reports.charts.trips'), color: palette[0] },
          { name: 'participants', label: t('reports.charts.participants'), color: palette[1] },
          { name: 'agreements', label: t('reports.charts.agreements'), color: palette[2] },
          { name: 'projects', label: t('reports.charts.projects'), color: palette[3] },
        ]}
      />
    </ChartCard>
  );
}

// FundingCharts: one chart per currency (EUR and JPY are never on one
// axis): funding per budget year stacked by funder, and the amounts
// committed per funder.
export function FundingCharts({ kpis, labels }: { kpis: KPIs; labels: Labels }) {
  const { t } = useTranslation();
  const format = useFormat();
  const currencies = [
    ...new Set([...kpis.funding.per_year.map((p) => p.amount.currency), ...kpis.funding.committed.map((c) => c.amount.currency)]),
  ].sort();
  if (currencies.length === 0) return <Text c="dimmed">{t('reports.charts.noFunding')}</Text>;
  const committed = byCurrency(kpis.funding.committed, (c) => c.amount);
  const money = (currency: string) => (value: number) =>
    new Intl.NumberFormat(format.locale, { style: 'currency', currency, notation: 'compact' }).format(value);
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      {currencies.map((currency) => {
        const perYear = fundingPerYear(kpis.funding.per_year, currency);
        const perFunder = new Map<string, number>();
        for (const c of committed.get(currency) ?? []) perFunder.set(c.funder, (perFunder.get(c.funder) ?? 0) + majorUnits(c.amount));
        return [
          <ChartCard key={`y-${currency}`} title={t('reports.charts.fundingPerYear', { currency })} testId={`chart-funding-${currency}`}>
            <BarChart
              h={240}
              data={perYear.data}
              dataKey="year"
              type="stacked"
              valueFormatter={money(currency)}
              series={perYear.funders.map((f, i) => ({ name: f, label: labels.code('funder', f), color: palette[i % palette.length] ?? 'blue.6' }))}
            />
          </ChartCard>,
          <ChartCard key={`c-${currency}`} title={t('reports.charts.committed', { currency })} testId={`chart-committed-${currency}`}>
            <BarChart
              h={240}
              data={[...perFunder.entries()].map(([funder, amount]) => ({ funder: labels.code('funder', funder), amount }))}
              dataKey="funder"
              valueFormatter={money(currency)}
              series={[{ name: 'amount', label: currency, color: 'teal.6' }]}
            />
          </ChartCard>,
        ];
      })}
    </SimpleGrid>
  );
}

// Funnel: how many of the period's contacts went on to each further step.
export function Funnel({ kpis, labels }: { kpis: KPIs; labels: Labels }) {
  const { t } = useTranslation();
  return (
    <ChartCard title={t('reports.charts.funnel')} testId="chart-funnel">
      <FunnelChart
        h={240}
        withLabels
        withTooltip
        data={kpis.funnel.steps.map((s, i) => ({
          name: labels.code('step', s.code),
          value: s.n,
          color: palette[i % palette.length] ?? 'blue.6',
        }))}
      />
    </ChartCard>
  );
}
