// The columns every staff list of citizens' opinions shows (the office's register, a station's
// desk): tracking code, date received, who, what, status. Each page places them among its own.
import { type TableColumnType, Tag } from 'antd';
import type { TFunction } from 'i18next';
import { type OpinionSummary, fmtCode } from './civicApi.ts';

type Column = TableColumnType<OpinionSummary>;

export function opinionColumns(t: TFunction): { code: Column; receivedOn: Column; who: Column; text: Column; status: Column } {
  return {
    code: { key: 'code', title: t('civic.track.code'), render: (_, o) => fmtCode(o.trackingCode) },
    receivedOn: { key: 'on', title: t('civic.desk.receivedOn'), dataIndex: 'receivedOn' },
    who: { key: 'who', title: t('civic.submit.name'), render: (_, o) => `${o.name} ${o.phone}` },
    text: { key: 'text', title: t('civic.submit.content'), render: (_, o) => <span className="civic-excerpt">{o.excerpt}</span> },
    status: {
      key: 'status',
      title: t('civic.desk.status'),
      render: (_, o) => (
        <>
          <Tag>{t(`civic.status.${o.status}`)}</Tag>
          {o.isKey ? <Tag color="red">{t('civic.unit.key')}</Tag> : null}
        </>
      ),
    },
  };
}
