// A citizen follows an opinion by its tracking code and, once answered, rates the answer.
import { Alert, Button, Card, Descriptions, Input, Space, Tag, Timeline, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import type { Congress } from '../../api.ts';
import { useErrorText } from '../../hooks/useErrorText.ts';
import { type OpinionStatusView, opinionsApi } from '../../features/opinions/civicApi.ts';
import { BackTo, PortalCongressPage } from '../PortalCongressPage.tsx';

export function TrackOpinionPage() {
  return <PortalCongressPage page={(c) => <TrackOpinion congress={c} />} />;
}

const STATUS_COLOR: Record<OpinionStatusView['status'], string> = {
  received: 'blue',
  answered: 'green',
  explained: 'green',
  to_route: 'blue',
  assigned: 'gold',
  replied: 'cyan',
  rehandling: 'orange',
  evaluation: 'orange',
  closed: 'default',
};

function TrackOpinion({ congress }: { congress: Congress }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const en = i18n.language === 'en';
  const [params, setParams] = useSearchParams();
  const [input, setInput] = useState(params.get('code') ?? '');
  const [view, setView] = useState<OpinionStatusView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [unhappy, setUnhappy] = useState(false);
  const [reason, setReason] = useState('');
  const [rated, setRated] = useState<string | null>(null);

  const look = async (code: string) => {
    if (!code.trim()) return;
    setBusy(true);
    setError(null);
    try {
      setView(await opinionsApi.status(code.trim()));
      setParams({ code: code.trim() }, { replace: true });
    } catch (e) {
      setView(null);
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    const c = params.get('code');
    if (c) void look(c);
    // Only the code in the address on arrival.
  }, []);

  const rate = async (satisfied: boolean) => {
    if (!view) return;
    setBusy(true);
    setError(null);
    try {
      const next = await opinionsApi.rate(view.trackingCode, satisfied, satisfied ? undefined : reason);
      setView(next);
      setRated(satisfied ? t('civic.track.thanks') : t('civic.track.rehandling'));
      setUnhappy(false);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="civic-narrow">
      <BackTo to={`/p/${congress.slug}/stations`} label={t('civic.portal.stations')} />
      <Typography.Title level={3}>{t('civic.track.title')}</Typography.Title>
      <Space.Compact style={{ width: '100%' }} size="large">
        <Input
          value={input}
          onChange={(e) => setInput(e.target.value)}
          onPressEnter={() => void look(input)}
          placeholder={t('civic.track.placeholder')}
          aria-label={t('civic.track.code')}
          data-testid="track-input"
        />
        <Button type="primary" loading={busy} onClick={() => void look(input)} data-testid="track-go">
          {t('civic.track.go')}
        </Button>
      </Space.Compact>
      {error ? <Alert type="error" showIcon title={error} style={{ marginTop: 16 }} /> : null}
      {view ? (
        <Card style={{ marginTop: 16 }} data-testid="track-result">
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <div>
              <Tag color={STATUS_COLOR[view.status]} className="civic-status" data-testid="track-status">
                {en ? t(`civic.status.${view.status}`) : view.statusZh}
              </Tag>
            </div>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('civic.track.code')}>{view.trackingCode}</Descriptions.Item>
              {view.units && view.units.length > 0 ? (
                <Descriptions.Item label={t('civic.track.units')}>
                  {view.units.map((u) => `${u.name}（${t(`civic.role.${u.role}`)}）`).join('、')}
                </Descriptions.Item>
              ) : null}
              {view.dueDate ? <Descriptions.Item label={t('civic.track.due')}>{view.dueDate}</Descriptions.Item> : null}
              {view.feedbackDue ? <Descriptions.Item label={t('civic.track.feedbackDue')}>{view.feedbackDue}</Descriptions.Item> : null}
            </Descriptions>
            <Timeline
              data-testid="track-history"
              items={[...view.history].reverse().map((h) => ({ title: h.at.slice(0, 10), content: en ? h.text_en : h.text_zh }))}
            />
            {rated ? <Alert type="success" showIcon title={rated} data-testid="rated" /> : null}
            {view.canRate ? (
              <Card size="small" title={t('civic.track.rateTitle')} data-testid="rate-card">
                <Typography.Paragraph type="secondary">{t('civic.track.rateIntro')}</Typography.Paragraph>
                {unhappy ? (
                  <Space orientation="vertical" style={{ width: '100%' }}>
                    <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('civic.track.reason')} maxLength={2000} />
                    <Button danger block size="large" loading={busy} onClick={() => void rate(false)} data-testid="rate-send-unhappy">
                      {t('civic.track.sendUnhappy')}
                    </Button>
                    <Button block onClick={() => setUnhappy(false)}>
                      {t('common.cancel')}
                    </Button>
                  </Space>
                ) : (
                  <div className="civic-two">
                    <Button type="primary" size="large" loading={busy} onClick={() => void rate(true)} data-testid="rate-satisfied">
                      {t('civic.track.satisfied')}
                    </Button>
                    <Button size="large" onClick={() => setUnhappy(true)} data-testid="rate-unsatisfied">
                      {t('civic.track.unsatisfied')}
                    </Button>
                  </div>
                )}
              </Card>
            ) : null}
          </Space>
        </Card>
      ) : null}
    </div>
  );
}
