import { ActionIcon, Anchor, Button, Card, Group, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import type { Schemas } from '../../api/client';
import { ifMatch, unwrap } from '../../api/problem';
import { useApi } from '../../auth/context';
import { OrganisationPicker } from '../../components/OrganisationPicker';
import { useCountries } from '../../lib/reference';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { staleAware } from '../agreements/staleAware';
import { FormModal } from '../agreements/FormModal';
import { Section } from '../agreements/Section';
import { partnerRoles, partnersBySide, type PartnerRole, type Project } from './project';
import { projectKey, useRefreshProject } from './useProject';
import { Badge } from '../../components/Badge';
import { OrgName } from '../../components/Names';

type Partner = Schemas['ProjectPartner'];

// PartnersSection shows the German and the Japanese partners side by
// side, everyone else below, the coordinator marked.
export function PartnersSection({ project: p, canEdit }: { project: Project; canEdit: boolean }) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const refresh = useRefreshProject(p.id);
  const [adding, add] = useDisclosure(false);
  const [removing, setRemoving] = useState<Partner | null>(null);
  const sides = partnersBySide(p);
  const form = useForm<{ organisation_id: string | null; role: PartnerRole }>({
    mode: 'controlled',
    initialValues: { organisation_id: null, role: 'partner' },
  });
  const saved = (next: Project) => {
    queryClient.setQueryData(projectKey(p.id), next);
    refresh();
  };

  const onRemove = canEdit
    ? (x: Partner) => {
        setRemoving(x);
      }
    : undefined;
  return (
    <Section
      title={t('projects.partners.title')}
      actions={
        canEdit && (
          <Button variant="default" size="xs" onClick={add.open}>
            {t('projects.partners.add')}
          </Button>
        )
      }
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <PartnerColumn side="de" title={t('projects.partners.germany')} partners={sides.de} onRemove={onRemove} />
        <PartnerColumn side="jp" title={t('projects.partners.japan')} partners={sides.jp} onRemove={onRemove} />
      </SimpleGrid>
      {sides.others.length > 0 && (
        <PartnerColumn side="others" title={t('projects.partners.others')} partners={sides.others} onRemove={onRemove} />
      )}

      <FormModal
        opened={adding}
        onClose={add.close}
        title={t('projects.partners.add')}
        form={form}
        submitLabel={t('projects.partners.add')}
        onStale={refresh}
        onSubmit={async (v) => {
          saved(
            await unwrap(
              api.POST('/api/v1/projects/{id}/partners', {
                params: { path: { id: p.id }, header: ifMatch(p.version) },
                body: { organisation_id: v.organisation_id ?? '', role: v.role },
              }),
            ),
          );
        }}
      >
        <OrganisationPicker
          required
          data-autofocus
          label={t('projects.partners.organisation')}
          placeholder={t('projects.partners.search')}
          error={form.errors.organisation_id}
          value={form.getValues().organisation_id}
          onChange={(id) => {
            form.setFieldValue('organisation_id', id);
          }}
        />
        <Select
          required
          label={t('projects.partners.role')}
          data={partnerRoles.map((r) => ({ value: r, label: t(`projects.roles.${r}`) }))}
          {...form.getInputProps('role')}
        />
      </FormModal>

      <ConfirmDialog
        {...staleAware(refresh)}
        opened={removing !== null}
        onClose={() => {
          setRemoving(null);
        }}
        title={t('projects.partners.removeTitle')}
        message={t('projects.partners.removeMessage', { name: removing?.organisation.name ?? '' })}
        confirmLabel={t('projects.partners.remove')}
        onConfirm={async () => {
          if (removing === null) return;
          saved(
            await unwrap(
              api.DELETE('/api/v1/projects/{id}/partners/{organisation}', {
                params: { path: { id: p.id, organisation: removing.organisation_id }, header: ifMatch(p.version) },
              }),
            ),
          );
        }}
      />
    </Section>
  );
}

function PartnerColumn({
  side,
  title,
  partners,
  onRemove,
}: {
  side: string;
  title: string;
  partners: Partner[];
  onRemove?: (x: Partner) => void;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" data-testid={`partners-${side}`}>
      <Title order={3} size="h5" c="dimmed">
        {title}
      </Title>
      {partners.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('projects.partners.none')}
        </Text>
      ) : (
        partners.map((x) => (
          <PartnerCard
            key={x.organisation_id}
            partner={x}
            onRemove={
              onRemove
                ? () => {
                    onRemove(x);
                  }
                : undefined
            }
          />
        ))
      )}
    </Stack>
  );
}

function PartnerCard({ partner: x, onRemove }: { partner: Partner; onRemove?: () => void }) {
  const { t } = useTranslation();
  const countries = useCountries();
  const coordinator = x.role === 'coordinator';
  return (
    <Card withBorder padding="sm" data-role={x.role} bd={coordinator ? '2px solid var(--mantine-primary-color-filled)' : undefined}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={2}>
          <Anchor component={Link} to={`/organisations/${x.organisation_id}`} fw={500}>
            <OrgName org={x.organisation} stacked />
          </Anchor>
          <Group gap={6}>
            <Badge size="sm" variant={coordinator ? 'filled' : 'light'} color={coordinator ? undefined : 'gray'}>
              {t(`projects.roles.${x.role}`)}
            </Badge>
            {x.country !== '' && (
              <Text size="xs" c="dimmed">
                {countries.name(x.country)}
              </Text>
            )}
          </Group>
        </Stack>
        {onRemove && (
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={t('projects.partners.removeNamed', { name: x.organisation.name })}
            onClick={onRemove}
          >
            {t('projects.partners.removeMark')}
          </ActionIcon>
        )}
      </Group>
    </Card>
  );
}
