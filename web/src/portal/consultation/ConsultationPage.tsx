// A citizen reads a draft under public consultation on a phone, article by article, and comments on
// one article without an account: a name (published as the family name only), a phone number (never
// shown) and the comment. Published comments and the drafters' answers stand under each article.
import { Alert, Button, Card, Empty, Form, Input, List, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { Congress } from '../../api.ts';
import { LoadError } from '../../components/Results.tsx';
import { type ConsultationArticle, type ConsultationView, type PublicComment, consultationApi } from '../../features/legislation/legislationApi.ts';
import { useErrorText } from '../../hooks/useErrorText.ts';
import { useLoader } from '../../hooks/useLoader.ts';
import { BackTo, PortalCongressPage } from '../opinions/usePortalCongress.tsx';

export function ConsultationsPage() {
  return <PortalCongressPage page={(c) => <ConsultationList congress={c} />} />;
}

export function ConsultationPage() {
  return <PortalCongressPage page={(c) => <Consultation congress={c} />} />;
}

function ConsultationList({ congress }: { congress: Congress }) {
  const { t } = useTranslation();
  const list = useLoader(() => consultationApi.list(congress.id), [congress.id]);
  if (list.error) return <LoadError error={list.error} onRetry={list.reload} />;
  if (!list.data) return <Skeleton active />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <BackTo to={`/p/${congress.slug}`} label={congress.name} />
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t('legislation.portalTitle')}
      </Typography.Title>
      {list.data.length === 0 ? (
        <Empty description={t('legislation.portalEmpty')} />
      ) : (
        list.data.map((k) => (
          <Card key={k.id} size="small" data-testid={`consultation-${k.id}`}>
            <Typography.Title level={2} style={{ fontSize: 18 }}>
              {k.title}
            </Typography.Title>
            <Space wrap>
              <Tag color={k.state === 'open' ? '#1d6b0f' : 'default'}>{t(`legislation.states.${k.state}`)}</Tag>
              <Typography.Text>{t('legislation.period', { from: k.opensOn, to: k.closesOn })}</Typography.Text>
              <Typography.Text>{t('legislation.commentCount', { count: k.comments })}</Typography.Text>
            </Space>
            <div style={{ marginTop: 12 }}>
              <Link to={`/p/${congress.slug}/consultations/${k.id}`}>{t('legislation.readAndComment')}</Link>
            </div>
          </Card>
        ))
      )}
    </Space>
  );
}

function Consultation({ congress }: { congress: Congress }) {
  const { t } = useTranslation();
  const { consultationId = '' } = useParams();
  const view = useLoader(() => consultationApi.get(congress.id, consultationId), [congress.id, consultationId]);
  const [openFor, setOpenFor] = useState<string | null>(null);
  if (view.error) return <LoadError error={view.error} onRetry={view.reload} />;
  if (!view.data) return <Skeleton active />;
  const k = view.data;
  let chapter: string | null = null;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <BackTo to={`/p/${congress.slug}/consultations`} label={t('legislation.allConsultations')} />
      <Typography.Title level={1} style={{ fontSize: 22, marginBottom: 0 }} data-testid="consultation-title">
        {k.documentTitle}
        {k.stageLabel ? `（${k.stageLabel}）` : ''}
      </Typography.Title>
      <Space wrap>
        <Tag color={k.state === 'open' ? '#1d6b0f' : 'default'}>{t(`legislation.states.${k.state}`)}</Tag>
        <Typography.Text>{t('legislation.period', { from: k.opensOn, to: k.closesOn })}</Typography.Text>
      </Space>
      {k.note ? <Typography.Paragraph>{k.note}</Typography.Paragraph> : null}
      {k.state === 'closed' ? <Alert type="info" showIcon title={t('legislation.closedNote')} /> : null}
      {k.articles.map((a) => {
        const heading = a.chapter !== chapter ? a.chapter : null;
        chapter = a.chapter;
        return (
          <div key={a.eId}>
            {heading ? (
              <Typography.Title level={2} style={{ fontSize: 18, textAlign: 'center' }}>
                {heading}
              </Typography.Title>
            ) : null}
            <ArticleCard
              congressId={congress.id}
              view={k}
              article={a}
              comments={k.published.filter((m) => m.articleEId === a.eId)}
              open={openFor === a.eId}
              onOpen={() => setOpenFor(openFor === a.eId ? null : a.eId)}
              onDone={() => {
                view.reload();
              }}
            />
          </div>
        );
      })}
    </Space>
  );
}

function ArticleCard(props: {
  congressId: string;
  view: ConsultationView;
  article: ConsultationArticle;
  comments: PublicComment[];
  open: boolean;
  onOpen: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { article: a, comments } = props;
  const [sent, setSent] = useState<string | null>(null);
  return (
    <Card size="small" data-testid={`article-${a.eId}`} id={a.eId}>
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        {a.numText}
        {a.heading ? `【${a.heading}】` : ''}
      </Typography.Title>
      {a.paragraphs.map((p) => (
        <div key={p.eId}>
          <Typography.Paragraph style={{ marginBottom: 4 }}>{p.text}</Typography.Paragraph>
          {p.items.map((i) => (
            <Typography.Paragraph key={i.eId} style={{ marginBottom: 4, paddingInlineStart: 16 }}>
              {i.numText}
              {i.text}
            </Typography.Paragraph>
          ))}
        </div>
      ))}
      <Space wrap style={{ marginTop: 8 }}>
        <Tag data-testid={`comment-count-${a.eId}`}>{t('legislation.commentCount', { count: a.comments })}</Tag>
        {props.view.state === 'open' ? (
          <Button type="primary" onClick={props.onOpen} data-testid={`comment-open-${a.eId}`} aria-expanded={props.open}>
            {t('legislation.commentOn')}
          </Button>
        ) : null}
      </Space>
      {sent ? (
        <Alert type="success" showIcon title={sent} style={{ marginTop: 12 }} data-testid="comment-thanks" />
      ) : props.open ? (
        <CommentForm
          congressId={props.congressId}
          consultationId={props.view.id}
          anchorEId={a.eId}
          onSent={(msg) => {
            setSent(msg);
            props.onDone();
          }}
        />
      ) : null}
      {comments.length > 0 ? (
        <List
          size="small"
          style={{ marginTop: 8 }}
          dataSource={comments}
          renderItem={(m) => (
            <List.Item data-testid="public-comment">
              <div>
                <Typography.Text strong>{m.displayName}</Typography.Text>
                <Typography.Paragraph style={{ marginBottom: 4 }}>{m.text}</Typography.Paragraph>
                {m.reply ? (
                  <Typography.Paragraph style={{ marginBottom: 0 }}>
                    <Typography.Text strong>{t('legislation.replyLabel')}：</Typography.Text>
                    {m.reply}
                  </Typography.Paragraph>
                ) : null}
              </div>
            </List.Item>
          )}
        />
      ) : null}
    </Card>
  );
}

interface Values {
  name: string;
  phone: string;
  text: string;
}

function CommentForm({ congressId, consultationId, anchorEId, onSent }: { congressId: string; consultationId: string; anchorEId: string; onSent: (msg: string) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const r = await consultationApi.comment(congressId, consultationId, { anchorEId, name: v.name, phone: v.phone, text: v.text });
      onSent(r.status === 'published' ? t('legislation.thanks', { cite: r.anchorCite }) : t('legislation.thanksHidden'));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form<Values> layout="vertical" name={`comment-${anchorEId}`} onFinish={(v) => void submit(v)} style={{ marginTop: 12 }} data-testid="comment-form" requiredMark={false}>
      <Form.Item name="text" label={t('legislation.yourComment')} rules={[{ required: true, min: 5, message: t('common.required') }]}>
        <Input.TextArea rows={4} maxLength={3000} data-testid="comment-text" />
      </Form.Item>
      <Form.Item name="name" label={t('legislation.yourName')} rules={[{ required: true, message: t('common.required') }]}>
        <Input maxLength={50} autoComplete="name" data-testid="comment-name" />
      </Form.Item>
      <Form.Item name="phone" label={t('legislation.yourPhone')} rules={[{ required: true, message: t('common.required') }]}>
        <Input inputMode="tel" autoComplete="tel" maxLength={30} data-testid="comment-phone" />
      </Form.Item>
      <Typography.Paragraph style={{ fontSize: 13 }}>{t('legislation.privacy')}</Typography.Paragraph>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="comment-error" /> : null}
      <Button type="primary" htmlType="submit" loading={busy} block data-testid="comment-submit">
        {t('legislation.submit')}
      </Button>
    </Form>
  );
}
