// A citizen reads a draft under public consultation on a phone, article by article, and comments on
// one article — or on words selected in it — without an account: a name (published as the family
// name only), a phone number (never shown; with a one-time code when the congress requires phone
// verification) and the comment. Published comments and the drafters' answers stand under each article.
import { Alert, Button, Card, Empty, Form, Input, List, Skeleton, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError, type Congress } from '../../api.ts';
import { LoadError } from '../../components/Results.tsx';
import { opinionsApi } from '../../features/opinions/civicApi.ts';
import { type ConsultationArticle, type ConsultationView, type PublicComment, consultationApi } from '../../features/legislation/legislationApi.ts';
import { useErrorText } from '../../hooks/useErrorText.ts';
import { useLoader } from '../../hooks/useLoader.ts';
import { BackTo, PortalCongressPage } from '../PortalCongressPage.tsx';

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
  const selection = useTextSelection();
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
              selection={selection.value?.articleEId === a.eId ? selection.value : null}
              onOpen={() => {
                selection.clear();
                setOpenFor(openFor === a.eId ? null : a.eId);
              }}
              onOpenSpan={() => setOpenFor(a.eId)}
              onDone={() => {
                selection.clear();
                view.reload();
              }}
            />
          </div>
        );
      })}
    </Space>
  );
}

/** Words selected within one paragraph or item of an article: offsets in that text and the quote. */
interface Selected {
  articleEId: string;
  anchorEId: string;
  start: number;
  end: number;
  quote: string;
}

const spanHolder = (n: Node): Element | null => (n instanceof Element ? n : n.parentElement)?.closest('[data-span-eid]') ?? null;

/** The last non-empty selection made within a single paragraph or item (kept while the reader writes). */
function useTextSelection(): { value: Selected | null; clear: () => void } {
  const [value, setValue] = useState<Selected | null>(null);
  useEffect(() => {
    const onChange = () => {
      const sel = document.getSelection();
      if (!sel || sel.isCollapsed || sel.rangeCount === 0) return;
      const r = sel.getRangeAt(0);
      const holder = spanHolder(r.startContainer);
      if (!holder || holder !== spanHolder(r.endContainer)) return;
      const before = document.createRange();
      before.selectNodeContents(holder);
      before.setEnd(r.startContainer, r.startOffset);
      const quote = r.toString();
      if (!quote.trim()) return;
      const start = before.toString().length;
      setValue({ articleEId: holder.getAttribute('data-article-eid') ?? '', anchorEId: holder.getAttribute('data-span-eid') ?? '', start, end: start + quote.length, quote });
    };
    document.addEventListener('selectionchange', onChange);
    return () => document.removeEventListener('selectionchange', onChange);
  }, []);
  return { value, clear: () => setValue(null) };
}

function ArticleCard(props: {
  congressId: string;
  view: ConsultationView;
  article: ConsultationArticle;
  comments: PublicComment[];
  open: boolean;
  selection: Selected | null;
  onOpen: () => void;
  onOpenSpan: () => void;
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
          <Typography.Paragraph style={{ marginBottom: 4 }}>
            <span data-span-eid={p.eId} data-article-eid={a.eId}>
              {p.text}
            </span>
          </Typography.Paragraph>
          {p.items.map((i) => (
            <Typography.Paragraph key={i.eId} style={{ marginBottom: 4, paddingInlineStart: 16 }}>
              {i.numText}
              <span data-span-eid={i.eId} data-article-eid={a.eId}>
                {i.text}
              </span>
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
        {props.view.state === 'open' && props.selection ? (
          <Button onClick={props.onOpenSpan} data-testid={`comment-span-${a.eId}`}>
            {t('legislation.commentOnSelection')}
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
          span={props.selection}
          phoneVerification={props.view.phoneVerification}
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
                {m.span ? (
                  <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }} data-testid="comment-quote">
                    {t('legislation.onWords', { quote: m.span.quote })}
                  </Typography.Paragraph>
                ) : null}
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
  verificationCode?: string;
}

function CommentForm(props: { congressId: string; consultationId: string; anchorEId: string; span: Selected | null; phoneVerification: boolean; onSent: (msg: string) => void }) {
  const { congressId, consultationId, span, onSent } = props;
  const anchorEId = span ? span.anchorEId : props.anchorEId;
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [needCode, setNeedCode] = useState(props.phoneVerification);
  const [codeNote, setCodeNote] = useState<string | null>(null);
  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const r = await consultationApi.comment(congressId, consultationId, {
        anchorEId,
        name: v.name,
        phone: v.phone,
        text: v.text,
        ...(v.verificationCode ? { verificationCode: v.verificationCode } : {}),
        ...(span ? { span: { start: span.start, end: span.end, quote: span.quote } } : {}),
      });
      onSent(r.status === 'published' ? t('legislation.thanks', { cite: r.anchorCite }) : t('legislation.thanksHidden'));
    } catch (e) {
      if (e instanceof ApiError && e.code.startsWith('PHONE_CODE_')) setNeedCode(true);
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const requestCode = async () => {
    const phone = form.getFieldValue('phone') as string | undefined;
    if (!phone) {
      await form.validateFields(['phone']).catch(() => undefined);
      return;
    }
    try {
      const r = await opinionsApi.requestCode(congressId, phone);
      setCodeNote(r.via === 'sms' ? t('civic.submit.codeSent') : t('civic.submit.codeByOffice'));
    } catch (e) {
      setCodeNote(errorText(e));
    }
  };
  return (
    <Form<Values> form={form} layout="vertical" name={`comment-${anchorEId}`} onFinish={(v) => void submit(v)} style={{ marginTop: 12 }} data-testid="comment-form" requiredMark={false}>
      {span ? (
        <Alert type="info" title={t('legislation.onWords', { quote: span.quote })} style={{ marginBottom: 12 }} data-testid="comment-form-quote" />
      ) : null}
      <Form.Item name="text" label={t('legislation.yourComment')} rules={[{ required: true, min: 5, message: t('common.required') }]}>
        <Input.TextArea rows={4} maxLength={3000} data-testid="comment-text" />
      </Form.Item>
      <Form.Item name="name" label={t('legislation.yourName')} rules={[{ required: true, message: t('common.required') }]}>
        <Input maxLength={50} autoComplete="name" data-testid="comment-name" />
      </Form.Item>
      <Form.Item name="phone" label={t('legislation.yourPhone')} rules={[{ required: true, message: t('common.required') }]}>
        <Input inputMode="tel" autoComplete="tel" maxLength={30} data-testid="comment-phone" />
      </Form.Item>
      {needCode ? (
        <Form.Item label={t('civic.submit.code')} required>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="verificationCode" noStyle rules={[{ pattern: /^\d{6}$/, message: t('civic.submit.codeFormat') }]}>
              <Input inputMode="numeric" maxLength={6} aria-label={t('civic.submit.code')} data-testid="comment-code" />
            </Form.Item>
            <Button onClick={() => void requestCode()} data-testid="comment-request-code">
              {t('civic.submit.getCode')}
            </Button>
          </Space.Compact>
          {codeNote ? (
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              {codeNote}
            </Typography.Paragraph>
          ) : null}
        </Form.Item>
      ) : null}
      <Typography.Paragraph style={{ fontSize: 13 }}>{t('legislation.privacy')}</Typography.Paragraph>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="comment-error" /> : null}
      <Button type="primary" htmlType="submit" loading={busy} block data-testid="comment-submit">
        {t('legislation.submit')}
      </Button>
    </Form>
  );
}
