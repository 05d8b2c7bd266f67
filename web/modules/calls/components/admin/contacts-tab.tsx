import { App, Button, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../../../app/data/use-api-query';
import { useErrorHandler } from '../../../../app/errors';
import { type CallDesk, callsApi } from '../../calls.api';

/** Who a desk notifies at once in an emergency (SEC-5). */
export function ContactsTab({ desks }: { desks: CallDesk[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { showError } = useErrorHandler();
  const [deskId, setDeskId] = useState<string | undefined>(desks[0]?.id);
  const [selected, setSelected] = useState<string[]>([]);
  const people = useApiQuery(['calls', 'directory', {}], (signal) => callsApi.searchDirectory({}, signal));
  const contacts = useApiQuery(deskId ? ['calls', 'emergency-contacts', deskId] : null, (signal) =>
    callsApi.getEmergencyContacts(deskId ?? '', signal),
  );
  useEffect(() => setSelected((contacts.data?.items ?? []).map((item) => item.id)), [contacts.data]);
  return (
    <Space wrap>
      <Select
        style={{ width: 220 }}
        value={deskId}
        onChange={setDeskId}
        options={desks.map((desk) => ({ value: desk.id, label: `${desk.projectName} · ${desk.name}` }))}
      />
      <Select
        mode="multiple"
        style={{ minWidth: 320 }}
        value={selected}
        onChange={setSelected}
        optionFilterProp="label"
        options={(people.data?.items ?? []).map((person) => ({
          value: person.id,
          label: `${person.displayName} ${person.title}`,
        }))}
      />
      <Button
        type="primary"
        onClick={() =>
          deskId &&
          callsApi
            .setEmergencyContacts(deskId, selected)
            .then(() => message.success(t('calls:desk.saved')))
            .catch(showError)
        }
      >
        {t('calls:admin.saveContacts')}
      </Button>
    </Space>
  );
}
