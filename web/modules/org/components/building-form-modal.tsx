import { App, Flex, Form, Input, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../app/components/form-modal';
import { nameMaxLength } from '../../../app/validation';
import { type Building, type BuildingInput, orgApi } from '../org.api';

export type BuildingEditorState = { mode: 'create' } | { mode: 'edit'; building: Building } | null;

interface BuildingFormValues {
  name: string;
  floorCount: number | null;
  sortOrder: number;
}

export function BuildingFormModal({
  projectId,
  state,
  nextSortOrder,
  onClose,
  onSaved,
}: {
  projectId: string;
  state: BuildingEditorState;
  nextSortOrder: number;
  onClose(): void;
  onSaved(building: Building): void;
}) {
  const { t } = useTranslation('org');
  const { message } = App.useApp();
  const isEdit = state?.mode === 'edit';
  const initialValues: BuildingFormValues =
    state?.mode === 'edit'
      ? {
          name: state.building.name,
          floorCount: state.building.floorCount,
          sortOrder: state.building.sortOrder,
        }
      : { name: '', floorCount: null, sortOrder: nextSortOrder };

  return (
    <FormModal<BuildingFormValues>
      open={state !== null}
      title={isEdit ? t('projectDetail.editBuilding') : t('projectDetail.addBuilding')}
      initialValues={initialValues}
      testId="building"
      onClose={onClose}
      onSubmit={async (values) => {
        const input: BuildingInput = {
          name: values.name.trim(),
          floorCount: values.floorCount ?? null,
          sortOrder: values.sortOrder ?? 0,
        };
        const saved =
          state?.mode === 'edit'
            ? await orgApi.updateBuilding(state.building.id, input)
            : await orgApi.createBuilding(projectId, input);
        // PUT may answer without doors; keep the ones we already show.
        onSaved({ ...saved, doors: saved.doors ?? (state?.mode === 'edit' ? state.building.doors : []) });
        void message.success(isEdit ? t('app:common.updated') : t('app:common.created'));
      }}
    >
      <Form.Item
        name="name"
        label={t('projectDetail.buildingName')}
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('app:common.required', { field: t('projectDetail.buildingName') }),
          },
          {
            max: nameMaxLength,
            message: t('app:common.maxLength', {
              field: t('projectDetail.buildingName'),
              max: nameMaxLength,
            }),
          },
        ]}
      >
        <Input
          maxLength={nameMaxLength}
          placeholder={t('projectDetail.buildingNamePlaceholder')}
          data-testid="building-name"
        />
      </Form.Item>
      <Flex gap={16}>
        <Form.Item
          name="floorCount"
          label={t('projectDetail.floorCount')}
          extra={t('projectDetail.floorCountHint')}
          style={{ flex: 1 }}
        >
          <InputNumber
            min={1}
            max={200}
            precision={0}
            style={{ width: '100%' }}
            data-testid="building-floorCount"
          />
        </Form.Item>
        <Form.Item
          name="sortOrder"
          label={t('projectDetail.sortOrder')}
          extra={t('projectDetail.sortOrderHint')}
          style={{ flex: 1 }}
        >
          <InputNumber
            min={0}
            max={9999}
            precision={0}
            style={{ width: '100%' }}
            data-testid="building-sortOrder"
          />
        </Form.Item>
      </Flex>
    </FormModal>
  );
}
