// One person: particulars and the posts they hold or held, with adding and ending posts.
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Descriptions, Drawer, Form, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Body, type Membership, type Person, api } from '../../api.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { LoadError } from '../../components/Results.tsx';
import { useIsPhone } from '../../hooks/useIsPhone.ts';
import { useLoader } from '../../hooks/useLoader.ts';
import { MembershipFormModal } from './MembershipFormModal.tsx';

interface Props {
  congressId: string;
  person: Person | null;
  bodies: Body[];
  canManage: boolean;
  onClose: () => void;
  onEdit: (p: Person) => void;
}

export function PersonDrawer({ congressId, person, bodies, canManage, onClose, onEdit }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const phone = useIsPhone();
  const memberships = useLoader(() => (person ? api.memberships.list(congressId, { personId: person.id }) : Promise.resolve([])), [congressId, person?.id]);
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<Membership | null>(null);

  const period = (m: Membership): string => {
    if (m.startDate && m.endDate) return t('people.range', { from: m.startDate, to: m.endDate });
    if (m.startDate) return t('people.since', { date: m.startDate });
    if (m.endDate) return t('people.until', { date: m.endDate });
    return t('common.none');
  };

  const columns: TableColumnsType<Membership> = [
    { title: t('people.body'), dataIndex: 'bodyName', key: 'body' },
    { title: t('people.role'), key: 'role', render: (_, m) => t(`membershipRoles.${m.role}`) },
    { title: t('people.post'), dataIndex: 'post', key: 'post', render: (p: string | null) => p ?? '', responsive: ['md'] },
    {
      title: t('people.period'),
      key: 'dates',
      render: (_, m) => period(m),
      responsive: ['sm'],
    },
    {
      title: t('people.status'),
      key: 'status',
      render: (_, m) => (m.endDate ? <Tag>{t('people.ended')}</Tag> : <Tag color="green">{t('people.current')}</Tag>),
    },
    ...(canManage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, m: Membership) =>
              m.endDate ? null : (
                <Button type="link" size="small" danger onClick={() => setEnding(m)}>
                  {t('people.endMembership')}
                </Button>
              ),
          },
        ]
      : []),
  ];

  const end = async (v: { endDate: Dayjs }) => {
    if (!ending) return;
    await api.memberships.end(congressId, ending.id, v.endDate.format('YYYY-MM-DD'));
    void message.success(t('people.endedOk'));
    memberships.reload();
  };

  return (
    <Drawer open={person !== null} onClose={onClose} title={person?.name ?? t('people.details')} size={phone ? '100%' : 720} destroyOnHidden>
      {person ? (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <Descriptions
            column={1}
            bordered
            size="small"
            extra={
              canManage ? (
                <Button icon={<EditOutlined />} onClick={() => onEdit(person)}>
                  {t('common.edit')}
                </Button>
              ) : null
            }
            items={[
              { key: 'name', label: t('people.name'), children: person.name },
              { key: 'gender', label: t('people.gender'), children: t(`gender.${person.gender ?? 'unknown'}`) },
              { key: 'note', label: t('people.note'), children: person.note ?? t('common.none') },
            ]}
          />
          <div>
            <div className="page-title" style={{ marginBottom: 8 }}>
              <Typography.Title level={5} style={{ margin: 0 }}>
                {t('people.memberships')}
              </Typography.Title>
              {canManage ? (
                <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                  {t('people.addMembership')}
                </Button>
              ) : null}
            </div>
            {memberships.error ? (
              <LoadError error={memberships.error} onRetry={memberships.reload} />
            ) : (
              <Table<Membership>
                rowKey="id"
                size="small"
                columns={columns}
                dataSource={memberships.data ?? []}
                loading={memberships.loading}
                pagination={false}
                locale={{ emptyText: t('people.noMemberships') }}
              />
            )}
          </div>
          <MembershipFormModal
            congressId={congressId}
            person={person}
            bodies={bodies}
            open={adding}
            onClose={() => setAdding(false)}
            onSaved={() => {
              void message.success(t('common.created'));
              memberships.reload();
            }}
          />
          <FormModal<{ endDate: Dayjs }>
            open={ending !== null}
            title={t('people.endTitle', { body: ending?.bodyName ?? '' })}
            initialValues={{ endDate: dayjs() }}
            onClose={() => setEnding(null)}
            onSubmit={end}
            okText={t('people.endMembership')}
          >
            <Form.Item name="endDate" label={t('people.endDateLabel')} rules={[{ required: true, message: t('common.required') }]}>
              <DatePicker style={{ width: 200 }} />
            </Form.Item>
          </FormModal>
        </Space>
      ) : null}
    </Drawer>
  );
}
