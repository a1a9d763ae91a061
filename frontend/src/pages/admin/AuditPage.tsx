import { Anchor, Button, Group, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';

import type { Schemas } from '../../api/client';
import { useApi } from '../../auth/context';
import { ListTable, type Column, type TableList } from '../../components/ListTable';
import { ListFooter, LoadingRows, QueryState } from '../../components/QueryState';
import { useFormat } from '../../lib/format';
import { useCursorList } from '../../lib/useCursorList';
import { usePageTitle } from '../../lib/usePageTitle';
import { en } from '../../locales';
import { Allowed } from './AdminLayout';
import { AuditChanges, AuditEntity } from './audit';
import { addDays, startOfDay } from '../../lib/days';
import { useAdminLabels } from './labels';
import { Badge } from '../../components/Badge';
import { DateFilter } from '../../components/DateFilter';

type AuditEvent = Schemas['AuditEvent'];

const filterNames = ['entity_type', 'entity_id', 'actor', 'from', 'to'] as const;
type Filters = Partial<Record<(typeof filterNames)[number], string>>;

const entityTypes = Object.keys(en.admin.entityTypes);

export function AuditPage() {
  const { t } = useTranslation();
  usePageTitle(t('admin.audit.title'));
  return (
    <Allowed when="readAudit">
      <AuditLog />
    </Allowed>
  );
}

// The audit log's filters live in the URL, so a filtered view can be
// shared and survives a reload; from and to are calendar days in the
// viewer's zone, "to" included.
function AuditLog() {
  const { t } = useTranslation();
  const api = useApi();
  const [params, setParams] = useSearchParams();
  const filters: Filters = {};
  for (const name of filterNames) {
    const value = params.get(name);
    if (value) filters[name] = value;
  }
  const list = useCursorList(['audit-events', filters], (cursor, signal) =>
    api.GET('/api/v1/audit-events', {
      params: {
        query: {
          entity_type: filters.entity_type,
          entity_id: filters.entity_id,
          actor: filters.actor,
          from: filters.from ? startOfDay(filters.from) : undefined,
          to: filters.to ? startOfDay(addDays(filters.to, 1)) : undefined,
          cursor,
          limit: 50,
        },
      },
      signal,
    }),
  );
  const apply = (next: Filters) => {
    const out = new URLSearchParams();
    for (const name of filterNames) {
      const value = next[name]?.trim();
      if (value) out.set(name, value);
    }
    setParams(out);
  };

  return (
    <Stack gap="md">
      <Title order={2}>{t('admin.audit.title')}</Title>
      {/* Keyed by the URL, so back/forward and "clear" refill the form. */}
      <FilterForm key={params.toString()} filters={filters} onApply={apply} />
      <QueryState query={list} skeleton={<LoadingRows rows={8} height={36} />}>
        <EventTable
          list={list}
          onActor={(actor) => {
            apply({ ...filters, actor });
          }}
          onHistory={(event) => {
            apply({ ...filters, entity_type: event.entity_type, entity_id: event.entity_id });
          }}
        />
        <ListFooter list={list} empty={t('admin.audit.empty')} />
      </QueryState>
    </Stack>
  );
}

function FilterForm({ filters, onApply }: { filters: Filters; onApply: (filters: Filters) => void }) {
  const { t } = useTranslation();
  const labels = useAdminLabels();
  const [values, setValues] = useState<Filters>(filters);
  const set = (name: keyof Filters) => (value: string | null) => {
    setValues((v) => ({ ...v, [name]: value ?? '' }));
  };
  return (
    <form
      aria-label={t('admin.audit.filters')}
      onSubmit={(event) => {
        event.preventDefault();
        onApply(values);
      }}
    >
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }}>
          <Select
            label={t('admin.audit.entityType')}
            placeholder={t('common.all')}
            clearable
            searchable
            data={entityTypes
              .map((type) => ({ value: type, label: labels.entityType(type) }))
              .sort((a, b) => a.label.localeCompare(b.label))}
            value={values.entity_type ?? null}
            onChange={set('entity_type')}
          />
          <TextInput
            label={t('admin.audit.entityId')}
            value={values.entity_id ?? ''}
            onChange={(e) => {
              set('entity_id')(e.currentTarget.value);
            }}
          />
          <TextInput
            label={t('admin.audit.actor')}
            value={values.actor ?? ''}
            onChange={(e) => {
              set('actor')(e.currentTarget.value);
            }}
          />
          <DateFilter label={t('admin.audit.from')} value={values.from ?? ''} onChange={set('from')} />
          <DateFilter label={t('admin.audit.to')} value={values.to ?? ''} onChange={set('to')} />
        </SimpleGrid>
        <Group>
          <Button type="submit">{t('admin.audit.apply')}</Button>
          <Button
            variant="default"
            onClick={() => {
              onApply({});
            }}
          >
            {t('common.clearFilters')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

// EventTable is the log in the one list table; each event opens its
// before/after in place.
function EventTable({
  list,
  onActor,
  onHistory,
}: {
  list: TableList<AuditEvent>;
  onActor: (actorId: string) => void;
  onHistory: (event: AuditEvent) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useAdminLabels();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) => {
    setOpen((before) => {
      const next = new Set(before);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  };
  const panelId = (event: AuditEvent) => `audit-changes-${event.id}`;
  const columns: Column<AuditEvent>[] = [
    {
      id: 'time',
      header: t('admin.audit.columns.time'),
      hideable: false,
      cell: (event) => <span style={{ whiteSpace: 'nowrap' }}>{format.dateTime(event.occurred_at)}</span>,
    },
    {
      id: 'actor',
      header: t('admin.audit.columns.actor'),
      // Whoever may not read the acting user or key sees no name, only
      // what kind of actor it was.
      cell: (event) => (
        <Stack gap={2} align="flex-start">
          {event.actor.id && event.actor.name ? (
            <Anchor
              component="button"
              type="button"
              size="sm"
              title={t('admin.audit.filterActor', { name: event.actor.name })}
              onClick={() => {
                onActor(event.actor.id);
              }}
            >
              {event.actor.name}
            </Anchor>
          ) : (
            <Text size="sm">{labels.actor(event.actor)}</Text>
          )}
          {event.actor.name && (
            <Text size="xs" c="dimmed">
              {labels.actorType(event.actor.type)}
            </Text>
          )}
        </Stack>
      ),
    },
    {
      id: 'action',
      header: t('admin.audit.columns.action'),
      cell: (event) => <Badge variant="light">{labels.action(event.action)}</Badge>,
    },
    {
      id: 'entity',
      header: t('admin.audit.columns.entity'),
      cell: (event) => (
        <Stack gap={2} align="flex-start">
          <AuditEntity event={event} />
          <Group gap="xs">
            <Text size="xs" c="dimmed">
              {t('admin.audit.version', { version: event.version })}
            </Text>
            {/* A button of full height: the record's link sits right above. */}
            <Button
              size="xs"
              variant="subtle"
              px={6}
              onClick={() => {
                onHistory(event);
              }}
            >
              {t('admin.audit.history')}
            </Button>
          </Group>
        </Stack>
      ),
    },
    {
      id: 'changes',
      header: t('admin.audit.columns.changes'),
      hideable: false,
      cell: (event) => {
        const count = Object.keys(event.changes).length;
        if (count === 0) {
          return (
            <Text size="sm" c="dimmed">
              {t('common.none')}
            </Text>
          );
        }
        const expanded = open.has(event.id);
        return (
          <Button
            size="xs"
            variant="subtle"
            aria-expanded={expanded}
            aria-controls={expanded ? panelId(event) : undefined}
            onClick={() => {
              toggle(event.id);
            }}
          >
            {expanded ? t('admin.audit.hideChanges') : t('admin.audit.showChanges', { count })}
          </Button>
        );
      },
    },
  ];
  return (
    <ListTable
      name="audit-events"
      list={list}
      columns={columns}
      rowKey={(event) => event.id}
      minWidth={900}
      detail={(event) =>
        open.has(event.id) ? { id: panelId(event), content: <AuditChanges changes={event.changes} /> } : undefined
      }
    />
  );
}
