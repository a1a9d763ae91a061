import '@mantine/charts/styles.css';

import { BarChart, LineChart } from '@mantine/charts';
import { Paper, SimpleGrid, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import type { Schemas } from '../../api/client';
import { LoadingRows, QueryState } from '../../components/QueryState';
import { useFormat } from '../../lib/format';
import { majorUnits } from '../../lib/money';
import { useSummaryCharts } from './useSummary';

type Charts = Schemas['SummaryCharts'];

const colours = ['blue.7', 'teal.7', 'orange.8', 'grape.7'];

// Figure is one titled chart with its text alternative: the drawing is
// hidden from assistive technology, and a table of the same numbers
// (visually hidden) names the figure and carries the data.
function Figure({
  title,
  testId,
  head,
  rows,
  children,
}: {
  title: string;
  testId: string;
  head: string[];
  rows: (string | number)[][];
  children: ReactNode;
}) {
  const id = useId();
  return (
    <Paper component="figure" aria-labelledby={id} withBorder radius="md" p="md" m={0} data-testid={testId}>
      <Stack gap="sm">
        <Title order={3} size="h5" id={id}>
          {title}
        </Title>
        <div inert>{children}</div>
        <VisuallyHidden>
          <Table aria-label={title}>
            <Table.Thead>
              <Table.Tr>
                {head.map((h) => (
                  <Table.Th key={h}>{h}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={String(r[0])}>
                  {r.map((cell, i) => (i === 0 ? <Table.Th key={i} scope="row">{cell}</Table.Th> : <Table.Td key={i}>{cell}</Table.Td>))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </VisuallyHidden>
      </Stack>
    </Paper>
  );
}

// DashboardCharts: the five-year trend, funding per year (one chart per
// currency: EUR and JPY are never added) and organisations by partner
// region. Loaded lazily with the dashboard, for readers of reports.
export function DashboardCharts() {
  const { t } = useTranslation();
  const charts = useSummaryCharts(true);
  const id = useId();
  return (
    <Paper component="section" aria-labelledby={id} withBorder radius="md" p="md">
      <Stack gap="sm">
        <Title order={2} size="h4" id={id}>
          {t('dashboard.charts.title')}
        </Title>
        <QueryState query={charts} skeleton={<LoadingRows rows={4} height={48} />}>
          {charts.data && <ChartGrid charts={charts.data} />}
        </QueryState>
      </Stack>
    </Paper>
  );
}

function ChartGrid({ charts }: { charts: Charts }) {
  const { t } = useTranslation();
  const format = useFormat();
  const series = (['organisations', 'trips', 'agreements', 'projects'] as const).map((name, i) => ({
    name,
    label: t(`dashboard.charts.series.${name}`),
    color: colours[i] ?? 'blue.7',
  }));
  const trend = charts.years.map((y) => ({ ...y, year: String(y.year) }));
  const currencies = [...new Set(charts.funding.map((f) => f.amount.currency))].sort();
  const years = charts.years.map((y) => y.year);
  const regions = charts.regions.map((r) => ({ region: t(`dashboard.charts.regions.${r.region}`), n: r.n }));
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
      <Figure
        title={t('dashboard.charts.trend')}
        testId="chart-trend"
        head={[t('dashboard.charts.year'), ...series.map((s) => s.label)]}
        rows={charts.years.map((y) => [String(y.year), ...series.map((s) => format.number(y[s.name]))])}
      >
        {/* Counts: whole numbers on the axes (no "0.25 organisations"). */}
        <LineChart h={240} data={trend} dataKey="year" withLegend series={series} yAxisProps={{ allowDecimals: false }} />
      </Figure>
      <Figure
        title={t('dashboard.charts.regionsTitle')}
        testId="chart-regions"
        head={[t('dashboard.charts.region'), t('dashboard.charts.series.organisations')]}
        rows={regions.map((r) => [r.region, format.number(r.n)])}
      >
        {/* Bars across, the regions' names down the side: six names under
            narrow bars would not all fit, and the chart would hide some. */}
        <BarChart
          h={240}
          data={regions}
          dataKey="region"
          orientation="vertical"
          yAxisProps={{ width: 120, interval: 0 }}
          xAxisProps={{ allowDecimals: false }}
          valueFormatter={(v) => format.number(v)}
          series={[{ name: 'n', label: t('dashboard.charts.series.organisations'), color: 'teal.7' }]}
        />
      </Figure>
      {currencies.length === 0 && <Text c="dimmed">{t('dashboard.charts.noFunding')}</Text>}
      {currencies.map((currency) => {
        const data = years.map((year) => {
          const part = charts.funding.find((f) => f.year === year && f.amount.currency === currency);
          return { year: String(year), amount: part ? majorUnits(part.amount) : 0, text: format.money({ amount: part?.amount.amount ?? 0, currency }) };
        });
        const money = (v: number) => new Intl.NumberFormat(format.locale, { style: 'currency', currency, notation: 'compact' }).format(v);
        return (
          <Figure
            key={currency}
            title={t('dashboard.charts.funding', { currency })}
            testId={`chart-funding-${currency}`}
            head={[t('dashboard.charts.year'), currency]}
            rows={data.map((d) => [d.year, d.text])}
          >
            <BarChart
              h={240}
              data={data}
              dataKey="year"
              valueFormatter={money}
              series={[{ name: 'amount', label: currency, color: 'blue.7' }]}
            />
          </Figure>
        );
      })}
    </SimpleGrid>
  );
}
