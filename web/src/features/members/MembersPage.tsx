// The standing committee's members, optionally as they stood on a past date.
import { DatePicker, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { MembersTable } from '../../components/MembersTable.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { LoadError } from '../../components/Results.tsx';
import { useLoader } from '../../hooks/useLoader.ts';
import { useTermLabel } from '../../hooks/useTermLabel.ts';
import { useCurrent } from '../../shell/current.tsx';

export function MembersPage() {
  const { t } = useTranslation();
  const termLabel = useTermLabel();
  const { congress } = useCurrent();
  const [on, setOn] = useState<Dayjs | null>(null);
  const onDate = on ? on.format('YYYY-MM-DD') : undefined;
  const members = useLoader(() => api.members.list(congress.id, onDate), [congress.id, onDate]);

  return (
    <>
      <PageTitle
        title={t('members.title')}
        intro={
          <Space wrap size={4}>
            <span>{congress.standingCommitteeName ?? congress.name}</span>
            {congress.currentTerm !== null ? <Tag>{termLabel(congress.currentTerm)}</Tag> : null}
            {members.data ? <Typography.Text type="secondary" data-testid="members-count">{t('members.count', { count: members.data.length })}</Typography.Text> : null}
          </Space>
        }
        extra={<DatePicker value={on} onChange={setOn} placeholder={t('members.onDate')} allowClear style={{ width: 200 }} />}
      />
      {members.error ? <LoadError error={members.error} onRetry={members.reload} /> : <MembersTable members={members.data ?? []} loading={members.loading} />}
    </>
  );
}
