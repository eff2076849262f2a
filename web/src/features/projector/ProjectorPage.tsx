// The hall's big screen (journey 4): full screen, no shell. The congress and meeting title, the
// current item, the quorum, during a vote how many have voted, after the close the result with
// 通过 / 未通过. Nothing identifies a member. Without a session it shows what the public may read:
// a public meeting, its quorum and announced results.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { FullPageSpin, LoadError, NotFound } from '../../components/Results.tsx';
import { useCongresses } from '../../congresses.tsx';
import { chineseNumber } from '../../format.ts';
import { useSession } from '../../session.tsx';
import type { MeetingDetail, Poll, PollResult, Quorum } from '../meetings/meetingsApi.ts';
import '../meetings/meetings.css';
import { useMeetingLive } from '../meetings/useMeetingLive.ts';

/** A logged-out screen hears a public meeting and its quorum live (R-M10); polls become public only when announced, so it rereads this often. */
const PUBLIC_REFRESH_MS = 20_000;

export function ProjectorPage() {
  const { slug, meetingId = '' } = useParams();
  const congresses = useCongresses();
  const congress = congresses.data?.find((c) => c.slug === slug);
  if (congresses.error && !congresses.data) return <LoadError error={congresses.error} onRetry={congresses.reload} />;
  if (!congresses.data) return <FullPageSpin />;
  if (!congress) return <NotFound standalone />;
  return <Screen congressId={congress.id} congressName={congress.standingCommitteeName ?? congress.name} meetingId={meetingId} />;
}

function Screen({ congressId, congressName, meetingId }: { congressId: string; congressName: string; meetingId: string }) {
  const { t } = useTranslation();
  const { status } = useSession();
  const m = useMeetingLive(congressId, meetingId);
  const { reloadAll } = m;
  const signedIn = status === 'signed-in';

  useEffect(() => {
    if (signedIn) return;
    const timer = setInterval(reloadAll, PUBLIC_REFRESH_MS);
    return () => clearInterval(timer);
  }, [signedIn, reloadAll]);

  if (m.meeting.error && !m.meeting.data) {
    return (
      <div className="page-pad">
        <LoadError error={m.meeting.error} onRetry={m.meeting.reload} />
      </div>
    );
  }
  const meeting = m.meeting.data;
  if (!meeting) return <FullPageSpin />;

  return (
    <div className="projector" data-testid="projector">
      <header className="projector-head">
        <div className="projector-congress">{congressName}</div>
        <div className="projector-title" data-testid="projector-title">
          {meeting.title}
        </div>
      </header>
      <CurrentItem meeting={meeting} />
      {m.quorum.data ? <QuorumLine quorum={m.quorum.data} /> : null}
      <PollPanel poll={m.focus} result={m.result} />
      {m.polls.data === null && status !== 'loading' ? <div className="projector-foot">{t('projector.signIn')}</div> : null}
    </div>
  );
}

function CurrentItem({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const item = meeting.agendaItems.find((i) => i.id === meeting.currentAgendaItemId);
  return (
    <div className="projector-item" data-testid="projector-item">
      {item ? (
        <>
          <span className="projector-item-label">{`${t('projector.currentItem')} · ${t('projector.itemNo', { cn: chineseNumber(item.position), n: item.position })}`}</span>
          {item.title}
        </>
      ) : (
        <span className="projector-item-label">{meeting.state === 'in_session' ? t('projector.noCurrent') : t(`meetings.states.${meeting.state}`)}</span>
      )}
    </div>
  );
}

function QuorumLine({ quorum }: { quorum: Quorum }) {
  const { t } = useTranslation();
  return (
    <div className="projector-quorum" data-testid="projector-quorum">
      <span>
        {t('meetings.members')}
        <b>{quorum.members}</b>
      </span>
      <span>
        {t('meetings.present')}
        <b>{quorum.present}</b>
      </span>
      <span>
        {t('meetings.required')}
        <b>{quorum.required}</b>
      </span>
      <span className={quorum.met ? 'projector-quorum-met' : 'projector-quorum-unmet'}>{quorum.met ? t('meetings.met') : t('meetings.notMet')}</span>
    </div>
  );
}

function PollPanel({ poll, result }: { poll: Poll | undefined; result: PollResult | undefined }) {
  const { t } = useTranslation();
  if (poll?.status === 'open') {
    return (
      <section className="projector-poll" data-testid="projector-poll">
        <div className="projector-poll-label">{t('projector.voting')}</div>
        <div className="projector-poll-subject">{poll.subject}</div>
        <div className="projector-voted">
          {t('projector.votedLabel')} <span data-testid="projector-voted">{poll.votedCount ?? 0}</span>
          {t('projector.persons')}
        </div>
      </section>
    );
  }
  if (result?.passed !== undefined || result?.candidates) {
    return (
      <section className="projector-poll" data-testid="projector-result">
        <div className="projector-poll-label">{t('projector.result')}</div>
        <div className="projector-poll-subject">{result.subject}</div>
        {result.yes !== undefined ? (
          <>
            <div className="projector-counts">
              <span>
                {t('meetings.yes')}
                <b data-testid="projector-yes">{result.yes}</b>
              </span>
              <span>
                {t('meetings.no')}
                <b>{result.no ?? 0}</b>
              </span>
              <span>
                {t('meetings.abstain')}
                <b>{result.abstain ?? 0}</b>
              </span>
            </div>
            <div className={`projector-verdict ${result.passed ? 'is-passed' : 'is-failed'}`} data-testid="projector-verdict">
              {result.passed ? t('meetings.passed') : t('meetings.failed')}
            </div>
          </>
        ) : (
          (result.candidates ?? []).map((c) => (
            <div key={c.candidateId} className="projector-counts">
              <span>{`${c.actZh}${c.post}`}</span>
              <span>
                {t('meetings.yes')}
                <b>{c.yes}</b>
              </span>
              <span>
                {t('meetings.no')}
                <b>{c.no}</b>
              </span>
              <span>
                {t('meetings.abstain')}
                <b>{c.abstain}</b>
              </span>
              <span>{c.passed ? t('meetings.passed') : t('meetings.failed')}</span>
            </div>
          ))
        )}
      </section>
    );
  }
  return (
    <section className="projector-poll">
      <div className="projector-poll-subject">{t('projector.waiting')}</div>
    </section>
  );
}
