import { Alert, Anchor, Button, CopyButton, Group, Menu, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useClipboard, useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';

import { ApiError } from '../api/problem';
import { useSavedViews, viewPath, viewQuery, type SavedView, type ViewList } from '../api/resources/views';
import { ConfirmButton } from './ConfirmDialog';
import { ErrorNotice } from './QueryState';

// viewUrl is the full address of a view, the link to share.
function viewUrl(view: Pick<SavedView, 'list' | 'query'>): string {
  return window.location.origin + viewPath(view);
}

// SavedViews is the "Views" menu of a list page: the user's saved views of
// the list (choosing one shows the list with its filters and order), saving
// the filters and order shown now under a name, copying the link to them,
// and managing (copying, deleting) the saved views. The filters live in
// the address (useUrlFilters), so a view is that address's query string.
export function SavedViews({ list }: { list: ViewList }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { search } = useLocation();
  const { views, save, rename, remove } = useSavedViews(list);
  const [saving, saveDialog] = useDisclosure(false);
  const [renaming, setRenaming] = useState<SavedView | null>(null);
  const [managing, manageDialog] = useDisclosure(false);
  const clipboard = useClipboard({ timeout: 2000 });
  const current = viewQuery(search);
  const items = views.data ?? [];

  return (
    <>
      <Menu position="bottom-end" shadow="md" width={260}>
        <Menu.Target>
          <Button variant="default">{t('views.menu')}</Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('views.saved')}</Menu.Label>
          {views.isPending && <Menu.Item disabled>{t('common.loading')}</Menu.Item>}
          {views.isError && <Menu.Item disabled>{t('common.loadError')}</Menu.Item>}
          {views.isSuccess && items.length === 0 && <Menu.Item disabled>{t('views.none')}</Menu.Item>}
          {items.map((view) => (
            <Menu.Item
              key={view.id}
              onClick={() => {
                void navigate(viewPath(view));
              }}
            >
              {view.name}
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Item onClick={saveDialog.open}>{t('views.saveCurrent')}</Menu.Item>
          <Menu.Item
            closeMenuOnClick={false}
            onClick={() => {
              clipboard.copy(viewUrl({ list, query: current }));
            }}
          >
            {clipboard.copied ? t('views.copied') : t('views.copyLink')}
          </Menu.Item>
          <Menu.Item onClick={manageDialog.open} disabled={items.length === 0}>
            {t('views.manage')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <ViewNameModal
        opened={saving}
        title={t('views.saveTitle')}
        hint={t('views.saveHint')}
        onClose={saveDialog.close}
        onSave={(name) => save.mutateAsync({ name, query: current })}
      />
      <ViewNameModal
        key={renaming?.id}
        opened={renaming !== null}
        title={t('views.renameTitle')}
        initialName={renaming?.name}
        onClose={() => {
          setRenaming(null);
        }}
        onSave={(name) => (renaming === null ? Promise.resolve() : rename.mutateAsync({ view: renaming, name }))}
      />
      <Modal opened={managing} onClose={manageDialog.close} title={t('views.manageTitle')}>
        <Stack gap="sm">
          {items.map((view) => (
            <Group key={view.id} justify="space-between" wrap="nowrap">
              <Anchor component={Link} to={viewPath(view)} onClick={manageDialog.close} style={{ overflowWrap: 'anywhere' }}>
                {view.name}
              </Anchor>
              <Group gap="xs" wrap="nowrap">
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => {
                    setRenaming(view);
                  }}
                  aria-label={t('views.renameOf', { name: view.name })}
                >
                  {t('views.rename')}
                </Button>
                <CopyButton value={viewUrl(view)}>
                  {({ copied, copy }) => (
                    <Button
                      size="xs"
                      variant={copied ? 'filled' : 'default'}
                      color={copied ? 'teal' : undefined}
                      onClick={copy}
                      aria-label={t('views.copyLinkOf', { name: view.name })}
                    >
                      {copied ? t('views.copied') : t('views.copyLink')}
                    </Button>
                  )}
                </CopyButton>
                <ConfirmButton
                  label={t('common.delete')}
                  ariaLabel={t('views.deleteOf', { name: view.name })}
                  title={t('views.deleteTitle')}
                  message={t('views.deleteMessage', { name: view.name })}
                  confirmLabel={t('common.delete')}
                  onConfirm={() => remove.mutateAsync(view)}
                />
              </Group>
            </Group>
          ))}
          {items.length === 0 && <Text c="dimmed">{t('views.none')}</Text>}
        </Stack>
      </Modal>
    </>
  );
}

// ViewNameModal asks for a view's name: to save the current view under,
// or to rename one.
function ViewNameModal({
  opened,
  title,
  hint,
  initialName = '',
  onClose,
  onSave,
}: {
  opened: boolean;
  title: string;
  hint?: string;
  initialName?: string;
  onClose: () => void;
  onSave: (name: string) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(initialName);
  const [busy, setBusy] = useState(false);
  const [blank, setBlank] = useState(false);
  const [failure, setFailure] = useState<{ error: unknown } | null>(null);
  const close = () => {
    setName('');
    setBlank(false);
    setFailure(null);
    onClose();
  };
  const error = failure?.error;
  // 409 is a name taken, or the most views a list keeps (max_views).
  const limit = error instanceof ApiError && error.status === 409 ? error.extra('max_views') : undefined;
  const taken = error instanceof ApiError && error.status === 409 && limit === undefined;
  const nameError = blank
    ? t('views.nameRequired')
    : taken
      ? t('views.nameTaken')
      : error instanceof ApiError
        ? error.fieldErrors.name
        : undefined;
  return (
    <Modal opened={opened} onClose={close} title={title}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (name.trim() === '') {
            setBlank(true);
            return;
          }
          setBusy(true);
          setFailure(null);
          onSave(name.trim())
            .then(close)
            .catch((reason: unknown) => {
              setFailure({ error: reason });
            })
            .finally(() => {
              setBusy(false);
            });
        }}
      >
        <Stack>
          {hint && <Text size="sm">{hint}</Text>}
          <TextInput
            label={t('views.name')}
            value={name}
            maxLength={200}
            onChange={(event) => {
              setName(event.currentTarget.value);
              setBlank(false);
            }}
            error={nameError}
            data-autofocus
          />
          {typeof limit === 'number' ? (
            <Alert color="red" role="alert">
              {t('views.limit', { max: limit })}
            </Alert>
          ) : (
            error !== undefined && nameError === undefined && <ErrorNotice error={error} />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
