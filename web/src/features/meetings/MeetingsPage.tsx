// The congress's meetings, with the way into each meeting's console, the phone vote and the hall screen.
import { Button, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageTitle } from '../../components/PageTitle.tsx';
import { LoadError } from '../../components/Results.tsx';
import { chineseNumber } from '../../format.ts';
import { useLoader } from '../../hooks/useLoader.ts';
import { useCurrent } from '../../shell/current.tsx';
import { type Meeting, meetingsApi } from './meetingsApi.ts';

const STATE_COLOR: Record<Meeting['state'], string> = { draft: 'default', scheduled: 'blue', notified: 'gold', in_session: 'green', closed: 'default' };

export function MeetingsPage() {
  const { t } = useTranslation();
  const { congress, roles } = useCurrent();
  const staff = roles.includes('office') || roles.includes('admin');
  const meetings = useLoader(() => meetingsApi.list(congress.id), [congress.id]);
  const base = `/app/${congress.slug}/meetings`;

  return (
    <>
      <PageTitle
        title={t('meetings.title')}
        intro={t('meetings.intro')}
        extra={
          staff ? (
            <Link to={`${base}/new`}>
              <Button type="primary">{t('meetingWork.newMeeting')}</Button>
            </Link>
          ) : null
        }
      />
      {meetings.error ? (
        <LoadError error={meetings.error} onRetry={meetings.reload} />
      ) : (
        <Table<Meeting>
          rowKey="id"
          data-testid="meetings-table"
          loading={meetings.loading}
          dataSource={[...(meetings.data ?? [])].sort((a, b) => b.date.localeCompare(a.date))}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('meetings.empty') }}
          columns={[
            { key: 'date', title: t('meetings.date'), dataIndex: 'date', width: 120 },
            {
              key: 'name',
              title: t('meetings.name'),
              render: (_, m) => <Link to={`${base}/${m.id}`}>{m.title}</Link>,
            },
            { key: 'no', title: '#', width: 110, render: (_, m) => (m.number !== null ? t('meetings.number', { cn: chineseNumber(m.number), n: m.number }) : null) },
            { key: 'state', title: t('meetings.state'), width: 100, render: (_, m) => <Tag color={STATE_COLOR[m.state]}>{t(`meetings.states.${m.state}`)}</Tag> },
            {
              key: 'actions',
              title: t('common.actions'),
              render: (_, m) => (
                <Space wrap size={4}>
                  <Link to={`${base}/${m.id}`}>
                    <Button size="small">{t('meetings.console')}</Button>
                  </Link>
                  {staff ? (
                    <Link to={`${base}/${m.id}/prepare`}>
                      <Button size="small">{t('meetingWork.prepare')}</Button>
                    </Link>
                  ) : null}
                  <Link to={`${base}/${m.id}/vote`}>
                    <Button size="small">{t('meetings.vote')}</Button>
                  </Link>
                  <a href={`/screen/${congress.slug}/${m.id}`} target="_blank" rel="noreferrer">
                    <Button size="small">{t('meetings.projector')}</Button>
                  </a>
                </Space>
              ),
            },
          ]}
        />
      )}
    </>
  );
}
