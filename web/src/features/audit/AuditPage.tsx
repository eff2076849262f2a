// The congress's audit trail, newest first, filtered by action, actor and dates, loaded page by page.
import { SearchOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Card, DatePicker, Form, Input, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AuditQuery, type AuditRow, api } from '../../api.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { LoadError } from '../../components/Results.tsx';
import { formatInstant } from '../../format.ts';
import { zh } from '../../i18n/zh.ts';
import { useCurrent } from '../../shell/current.tsx';
import { type KnownAction, knownActions } from './actions.ts';
import { AuditCheckpoints } from './AuditCheckpoints.tsx';

const PAGE = 50;
const KNOWN = new Set<string>(knownActions(zh.auditActions));
const isKnown = (code: string): code is KnownAction => KNOWN.has(code);
/** Suggestions for the action filter: each group's prefix, then each known action. */
const SUGGESTIONS = [...new Set([...KNOWN].map((c) => `${c.split('.')[0] ?? ''}.`)), ...KNOWN];

interface Filters {
  action?: string;
  actor?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

function toQuery(f: Filters): AuditQuery {
  const [from, to] = f.range ?? [null, null];
  return {
    action: f.action?.trim() || undefined,
    actor: f.actor?.trim() || undefined,
    from: from ? from.startOf('day').toISOString() : undefined,
    to: to ? to.endOf('day').toISOString() : undefined,
  };
}

export function AuditPage() {
  const { t } = useTranslation();
  const { congress } = useCurrent();
  const [query, setQuery] = useState<AuditQuery>({});
  const [rows, setRows] = useState<AuditRow[]>([]);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [version, setVersion] = useState(0);

  // A new filter (or congress) starts from the newest entry again.
  useEffect(() => {
    let current = true;
    setLoading(true);
    setError(null);
    api.audit.list(congress.id, { ...query, limit: PAGE }).then(
      (page) => {
        if (!current) return;
        setRows(page.rows);
        setNextBefore(page.nextBefore);
        setLoading(false);
      },
      (e: unknown) => {
        if (!current) return;
        setError(e);
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [congress.id, query, version]);

  const loadMore = async () => {
    if (nextBefore === null) return;
    setLoading(true);
    try {
      const page = await api.audit.list(congress.id, { ...query, before: nextBefore, limit: PAGE });
      setRows((r) => [...r, ...page.rows]);
      setNextBefore(page.nextBefore);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  };

  const columns: TableColumnsType<AuditRow> = [
    { title: t('audit.seq'), dataIndex: 'seq', key: 'seq', width: 80, align: 'right', responsive: ['md'] },
    { title: t('audit.at'), key: 'at', width: 180, render: (_, r) => formatInstant(r.at) },
    {
      title: t('audit.action'),
      key: 'action',
      render: (_, r) => (
        <Space size={4} wrap>
          {isKnown(r.action) ? <span>{t(`auditActions.${r.action}`)}</span> : null}
          <Tag className="mono">{r.action}</Tag>
        </Space>
      ),
    },
    { title: t('audit.actor'), key: 'actor', width: 140, render: (_, r) => r.actorUsername ?? t('audit.noActor'), responsive: ['sm'] },
    {
      title: t('audit.target'),
      key: 'target',
      render: (_, r) => (r.targetType ? <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>{`${r.targetType}${r.targetId ? ` ${r.targetId.slice(0, 8)}` : ''}`}</Typography.Text> : null),
      responsive: ['lg'],
    },
  ];

  return (
    <>
      <PageTitle title={t('audit.title')} intro={t('audit.intro')} />
      <Card style={{ marginBottom: 16 }} size="small">
        <Form<Filters> layout="inline" onFinish={(f) => setQuery(toQuery(f))} className="filter-form">
          <Form.Item name="action" label={t('audit.action')}>
            <AutoComplete
              options={SUGGESTIONS.map((c) => ({ value: c, label: isKnown(c) ? `${c}  ${t(`auditActions.${c}`)}` : c }))}
              showSearch={{ filterOption: (input, option) => (option?.value ?? '').startsWith(input.trim()) }}
              style={{ width: 240 }}
            >
              <Input placeholder={t('audit.actionPlaceholder')} allowClear maxLength={64} autoCapitalize="none" spellCheck={false} />
            </AutoComplete>
          </Form.Item>
          <Form.Item name="actor" label={t('audit.actor')}>
            <Input placeholder={t('audit.actorPlaceholder')} allowClear maxLength={64} autoCapitalize="none" spellCheck={false} />
          </Form.Item>
          <Form.Item name="range" label={t('audit.dateRange')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                {t('common.search')}
              </Button>
              <Button htmlType="reset" onClick={() => setQuery({})}>
                {t('common.reset')}
              </Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      {error ? <LoadError error={error} onRetry={() => setVersion((v) => v + 1)} /> : null}
      <Card styles={{ body: { padding: 0 } }}>
        <Table<AuditRow>
          rowKey="seq"
          columns={columns}
          dataSource={rows}
          loading={loading}
          pagination={false}
          size="middle"
          locale={{ emptyText: t('audit.empty') }}
          expandable={{
            expandedRowRender: (r) => (
              <div>
                <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                  {t('audit.hash')}: <span className="mono">{r.hash}</span>
                </Typography.Paragraph>
                <pre className="json-view">{JSON.stringify(r.data, null, 2)}</pre>
              </div>
            ),
          }}
        />
        <div style={{ padding: 16, textAlign: 'center' }}>
          {nextBefore !== null ? (
            <Button onClick={() => void loadMore()} loading={loading} data-testid="audit-more">
              {t('common.loadMore')}
            </Button>
          ) : rows.length > 0 ? (
            <Typography.Text type="secondary">{t('audit.allShown', { count: rows.length })}</Typography.Text>
          ) : null}
        </div>
      </Card>
      <AuditCheckpoints congressId={congress.id} />
    </>
  );
}
