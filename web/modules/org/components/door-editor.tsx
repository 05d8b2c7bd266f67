import { PlusOutlined } from '@ant-design/icons';
import { App, Flex, Input, type InputRef, Tag } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorHandler } from '../../../app/errors';
import { nameMaxLength } from '../../../app/validation';
import { type Building, type Door, orgApi } from '../org.api';

/** Doors of one building as tags: click a tag to rename it, "+" to add one, both inline. */
export function DoorEditor({ building, onChange }: { building: Building; onChange(doors: Door[]): void }) {
  const { t } = useTranslation('org');
  const { message } = App.useApp();
  const { showError } = useErrorHandler();
  const [editingId, setEditingId] = useState<string | 'new' | null>(null);
  const [draft, setDraft] = useState('');
  const [isSaving, setSaving] = useState(false);
  const inputRef = useRef<InputRef>(null);
  const savingRef = useRef(false);

  useEffect(() => {
    if (editingId) inputRef.current?.focus();
  }, [editingId]);

  const start = (id: string | 'new', name: string) => {
    setEditingId(id);
    setDraft(name);
  };

  const commit = async () => {
    // Enter then the blur that follows (the input disables while saving) must not post twice.
    if (savingRef.current) return;
    const name = draft.trim();
    const original = building.doors.find((door) => door.id === editingId);
    if (!name || name.length > nameMaxLength || (original && original.name === name)) {
      setEditingId(null);
      return;
    }
    savingRef.current = true;
    setSaving(true);
    try {
      if (editingId === 'new') {
        const door = await orgApi.createDoor(building.id, name);
        onChange([...building.doors, door]);
      } else if (editingId) {
        const door = await orgApi.updateDoor(editingId, name);
        onChange(building.doors.map((item) => (item.id === door.id ? door : item)));
      }
      void message.success(t('projectDetail.doorSaved'));
      setEditingId(null);
    } catch (error) {
      showError(error);
    } finally {
      savingRef.current = false;
      setSaving(false);
    }
  };

  const editor = (key: string) => (
    <Input
      key={key}
      ref={inputRef}
      size="small"
      style={{ width: 120 }}
      value={draft}
      maxLength={nameMaxLength}
      disabled={isSaving}
      placeholder={t('projectDetail.doorPlaceholder')}
      onChange={(event) => setDraft(event.target.value)}
      onPressEnter={() => void commit()}
      onBlur={() => void commit()}
      onKeyDown={(event) => {
        if (event.key === 'Escape') setEditingId(null);
      }}
      data-testid={`door-input-${building.id}`}
    />
  );

  return (
    <Flex gap={6} wrap align="center">
      {building.doors.map((door) =>
        editingId === door.id ? (
          editor(door.id)
        ) : (
          <Tag
            key={door.id}
            style={{ cursor: 'pointer', marginInlineEnd: 0 }}
            onClick={() => start(door.id, door.name)}
            title={t('projectDetail.renameDoor')}
          >
            {door.name}
          </Tag>
        ),
      )}
      {editingId === 'new' ? (
        editor('new')
      ) : (
        <Tag
          style={{ borderStyle: 'dashed', cursor: 'pointer', background: 'transparent', marginInlineEnd: 0 }}
          onClick={() => start('new', '')}
          data-testid={`door-add-${building.id}`}
        >
          <PlusOutlined /> {t('projectDetail.addDoor')}
        </Tag>
      )}
    </Flex>
  );
}
