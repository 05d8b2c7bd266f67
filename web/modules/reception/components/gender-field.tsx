import { Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';

/** The customer's gender as a form field named `gender`, shared by the call drawer and the visitor form. */
export function GenderField() {
  const { t } = useTranslation(['reception', 'app', 'customers']);
  return (
    <Form.Item name="gender" label={t('customers:fields.gender')}>
      <Select
        options={(['male', 'female', 'unknown'] as const).map((value) => ({
          value,
          label: t(`customers:genders.${value}`),
        }))}
      />
    </Form.Item>
  );
}
