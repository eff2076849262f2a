// Pieces the meeting screens share: the quorum line, the agenda with its current item, a result.
import { Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgendaItem, PollResult, Quorum } from './meetingsApi.ts';
import './meetings.css';

export function QuorumBar({ quorum }: { quorum: Quorum }) {
  const { t } = useTranslation();
  return (
    <div className="quorum-bar" data-testid="quorum">
      <span>
        {t('meetings.members')} <b>{quorum.members}</b>
      </span>
      <span>
        {t('meetings.present')} <b>{quorum.present}</b>
      </span>
      <span>
        {t('meetings.required')} <b>{quorum.required}</b>
      </span>
      <span>
        {t('meetings.onLeave')} <b>{quorum.onLeave}</b>
      </span>
      <Tag color={quorum.met ? 'green' : 'red'}>{quorum.met ? t('meetings.met') : t('meetings.notMet')}</Tag>
    </div>
  );
}

/** The agenda in order; the current item is marked. `action` adds a control per item (the console). */
export function AgendaList({ items, currentId, action }: { items: AgendaItem[]; currentId: string | null; action?: (item: AgendaItem) => ReactNode }) {
  const { t } = useTranslation();
  return (
    <ol className="agenda-list" data-testid="agenda">
      {items
        .filter((i) => i.status !== 'removed')
        .map((i) => {
          const current = i.id === currentId;
          return (
            <li key={i.id} className={current ? 'is-current' : undefined} aria-current={current ? 'step' : undefined} data-testid={current ? 'agenda-current' : undefined}>
              <span className="agenda-no">{i.position}.</span>
              <span className="agenda-title">
                {current ? <Tag color="red">{t('meetings.current')}</Tag> : null}
                {i.title}
                {i.isPublic ? null : <Tag style={{ marginInlineStart: 6 }}>{t('meetings.closedItem')}</Tag>}
              </span>
              {action ? action(i) : null}
            </li>
          );
        })}
    </ol>
  );
}

/** A closed poll's numbers: yes / no / abstain and 通过 / 未通过. */
export function ResultSummary({ result }: { result: PollResult }) {
  const { t } = useTranslation();
  if (result.yes === undefined) {
    return (
      <div data-testid="poll-result">
        {(result.candidates ?? []).map((c) => (
          <div key={c.candidateId} className="result-counts">
            <Typography.Text strong>{`${c.name}（${c.actZh}${c.post}）`}</Typography.Text>
            <span>{`${t('meetings.yes')} ${c.yes}`}</span>
            <span>{`${t('meetings.no')} ${c.no}`}</span>
            <span>{`${t('meetings.abstain')} ${c.abstain}`}</span>
            <Tag color={c.passed ? 'green' : 'red'}>{c.passed ? t('meetings.passed') : t('meetings.failed')}</Tag>
          </div>
        ))}
      </div>
    );
  }
  return (
    <div className="result-counts" data-testid="poll-result">
      <span>{`${t('meetings.yes')} ${result.yes}`}</span>
      <span>{`${t('meetings.no')} ${result.no ?? 0}`}</span>
      <span>{`${t('meetings.abstain')} ${result.abstain ?? 0}`}</span>
      <span>{`${t('meetings.notVoted')} ${result.notVoted ?? 0}`}</span>
      <Tag color={result.passed ? 'green' : 'red'}>{result.passed ? t('meetings.passed') : t('meetings.failed')}</Tag>
    </div>
  );
}
