// The address the hall's QR code carries (…/meetings/:id/check-in?code=…): opened on a signed-in
// member's phone it signs the member in, then leads to the meeting's phone page.
import { Alert, Button, Result } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { FullPageSpin } from '../../components/Results.tsx';
import { useErrorText } from '../../hooks/useErrorText.ts';
import { useCurrent } from '../../shell/current.tsx';
import { type Quorum, meetingsApi } from '../meetings/meetingsApi.ts';
import { QuorumBar } from '../meetings/parts.tsx';

export function CheckInPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { meetingId = '' } = useParams();
  const [params] = useSearchParams();
  const code = params.get('code') ?? '';
  const { congress } = useCurrent();
  const [state, setState] = useState<{ done: true; quorum: Quorum } | { done: false; error: string } | null>(null);
  const sent = useRef(false);

  useEffect(() => {
    if (sent.current) return;
    sent.current = true;
    meetingsApi.checkIn(meetingId, code).then(
      (r) => setState({ done: true, quorum: r.quorum }),
      (e: unknown) => setState({ done: false, error: errorText(e) }),
    );
  }, [meetingId, code, errorText]);

  const next = (
    <Link to={`/app/${congress.slug}/meetings/${meetingId}/vote`}>
      <Button type="primary" size="large">
        {t('meetingWork.toMeeting')}
      </Button>
    </Link>
  );
  if (!state) return <FullPageSpin />;
  return (
    <div className="vote-page" data-testid="check-in-page">
      {state.done ? (
        <Result status="success" title={<span data-testid="checked-in">{t('meetingWork.checkedIn')}</span>} subTitle={<QuorumBar quorum={state.quorum} />} extra={next} />
      ) : (
        <>
          <Alert type="error" showIcon title={state.error} data-testid="check-in-error" style={{ marginBottom: 16 }} />
          {next}
        </>
      )}
    </div>
  );
}
