// One version of a legislative text on the drafter's desk: its structure and the checks (click a
// finding to go to its place), article edits with automatic renumbering (each edit is stored as the
// next version, 草案修改稿), the comparison with the previous version article by article, review
// opinions on articles, who changed what (each version with its author, time and changed articles),
// the committee's report of the changes with the opinions behind them, the public consultation and
// its comments, and the exports.
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Form, Input, List, Modal, Popconfirm, Select, Skeleton, Space, Statistic, Tabs, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { LoadError } from '../../components/Results.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useErrorText } from '../../hooks/useErrorText.ts';
import { useLoader } from '../../hooks/useLoader.ts';
import { isInsider } from '../../permissions.ts';
import { useCurrent } from '../../shell/current.tsx';
import { type Comparison, type Expression, type Finding, type ParsedArticle, type ReviseRequest, legislationApi } from './legislationApi.ts';

export function ExpressionPage() {
  const { t } = useTranslation();
  const { congress, user } = useCurrent();
  const { expressionId = '' } = useParams();
  const expr = useLoader(() => legislationApi.expression(congress.id, expressionId), [congress.id, expressionId]);
  const works = useLoader(() => legislationApi.works(congress.id), [congress.id, expressionId]);
  const [tab, setTab] = useState('structure');
  if (expr.error) return <LoadError error={expr.error} onRetry={expr.reload} />;
  if (!expr.data || !works.data) return <Skeleton active />;
  const e = expr.data;
  const work = works.data.find((w) => w.id === e.workId);
  const versions = work?.expressions ?? [];
  const latest = versions.at(-1)?.id === e.id;
  const previous = versions.filter((v) => v.seq < e.seq).at(-1) ?? null;
  const goTo = (eId: string | undefined) => {
    setTab('structure');
    if (!eId) return;
    const artId = eId.split('__')[0] ?? eId;
    window.setTimeout(() => document.getElementById(`art-${artId}`)?.scrollIntoView({ block: 'center' }), 50);
  };
  return (
    <>
      <PageTitle
        title={
          <span data-testid="expression-title">
            {e.title}（{e.label ?? t(`legislation.stages.${e.stage}`)}）
          </span>
        }
        extra={
          <Space wrap>
            {work ? <BillLink workId={work.id} billId={work.billId ?? null} onChanged={works.reload} /> : null}
            {latest ? <Tag color="green">{t('legislation.latest')}</Tag> : null}
            {work?.passed ? (
              <Tag color="gold" data-testid="passed-tag">
                {work.passed.expressionId === e.id ? t('legislation.passed', { on: work.passed.on }) : t('legislation.passedOther', { on: work.passed.on })}
              </Tag>
            ) : null}
            <a href={legislationApi.exportUrl(congress.id, e.id, 'docx')} download data-testid="export-docx">
              <Button icon={<DownloadOutlined />}>{t('legislation.exportDocx')}</Button>
            </a>
          </Space>
        }
      />
      <Space wrap style={{ marginBottom: 16 }}>
        {versions.map((v) => (
          <Link key={v.id} to={`/app/${congress.slug}/legislation/expressions/${v.id}`}>
            <Tag color={v.id === e.id ? 'blue' : 'default'}>
              {v.seq}. {v.label ?? t(`legislation.stages.${v.stage}`)}
            </Tag>
          </Link>
        ))}
      </Space>
      <Space size="large" wrap style={{ marginBottom: 16 }} data-testid="structure-counts">
        <Statistic title={t('legislation.structure')} value={t('legislation.counts', e.counts)} />
        <Statistic title={t('legislation.findings')} value={e.document.findings.length} />
      </Space>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'structure', label: t('legislation.structure'), children: <Structure expr={e} latest={latest} onChanged={expr.reload} /> },
          { key: 'findings', label: `${t('legislation.findings')} (${e.document.findings.length})`, children: <Findings findings={e.document.findings} onGo={goTo} /> },
          { key: 'compare', label: t('legislation.compare'), children: previous ? <Compare from={previous.id} to={e.id} /> : <Alert type="info" title={t('legislation.compareNone')} /> },
          // The history lists every draft: the congress's own people only (not handling units).
          ...(isInsider(user, congress.id) ? [{ key: 'history', label: t('legislation.history'), children: <History workId={e.workId} current={e.id} /> }] : []),
          { key: 'consultation', label: t('legislation.consultation'), children: <ConsultationPanel expr={e} /> },
        ]}
      />
    </>
  );
}

function History({ workId, current }: { workId: string; current: string }) {
  const { t } = useTranslation();
  const { congress } = useCurrent();
  const history = useLoader(() => legislationApi.history(congress.id, workId), [congress.id, workId]);
  if (history.error) return <LoadError error={history.error} onRetry={history.reload} />;
  if (!history.data) return <Skeleton active />;
  const first = history.data[0];
  return (
    <>
      {first && first.expression.id !== current ? (
        <a href={legislationApi.changeReportUrl(congress.id, first.expression.id, current)} download data-testid="change-report">
          <Button icon={<DownloadOutlined />} style={{ marginBottom: 12 }}>
            {t('legislation.changeReport')}
          </Button>
        </a>
      ) : null}
      <List
        dataSource={[...history.data].reverse()}
        data-testid="history"
        renderItem={(v) => (
          <List.Item data-testid="history-version">
            <List.Item.Meta
              title={
                <Space wrap>
                  <Link to={`/app/${congress.slug}/legislation/expressions/${v.expression.id}`}>
                    {v.expression.seq}. {v.expression.label ?? t(`legislation.stages.${v.expression.stage}`)}
                  </Link>
                  <span data-testid="history-author">{v.author ?? t('legislation.unknownAuthor')}</span>
                  <span>{dayjs(v.at).format('YYYY-MM-DD HH:mm')}</span>
                  {v.previousId ? (
                    <a href={legislationApi.changeReportUrl(congress.id, v.previousId, v.expression.id)} download>
                      {t('legislation.changeReportShort')}
                    </a>
                  ) : null}
                </Space>
              }
              description={
                v.previousId === null ? (
                  t('legislation.firstVersion')
                ) : (
                  <Space wrap>
                    {v.changes.map((c, k) => (
                      <Tag key={k} color={c.status === 'inserted' ? 'green' : c.status === 'deleted' ? 'red' : 'blue'} data-testid="history-change">
                        {`${t(`legislation.changeKinds.${c.status}`)}${c.moved ? `·${t('legislation.movedShort')}` : ''} ${c.to ?? c.from ?? ''}${c.heading ? `【${c.heading}】` : ''}`}
                      </Tag>
                    ))}
                    {v.changes.length === 0 ? t('legislation.noArticleChanged') : null}
                    {v.renumbered > 0 ? <Typography.Text type="secondary">{t('legislation.renumberedCount', { count: v.renumbered })}</Typography.Text> : null}
                  </Space>
                )
              }
            />
          </List.Item>
        )}
      />
    </>
  );
}

function Findings({ findings, onGo }: { findings: Finding[]; onGo: (eId: string | undefined) => void }) {
  const { t, i18n } = useTranslation();
  if (findings.length === 0) return <Alert type="success" title={t('legislation.findingsNone')} />;
  return (
    <List
      dataSource={findings}
      data-testid="findings"
      renderItem={(f) => (
        <List.Item data-testid={`finding-${f.kind}`}>
          <Button type="link" onClick={() => onGo(f.eId)} style={{ whiteSpace: 'normal', textAlign: 'start', height: 'auto' }}>
            <Tag color={f.severity === 'error' ? 'red' : f.severity === 'warning' ? 'orange' : 'default'}>{f.kind}</Tag>
            {f.line ? `L${f.line} ` : ''}
            {i18n.language === 'en' ? f.messageEn : f.message}
          </Button>
        </List.Item>
      )}
    />
  );
}

type EditTarget = { kind: 'replace' | 'insert'; article: ParsedArticle } | null;

function Structure({ expr, latest, onChanged }: { expr: Expression; latest: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { congress } = useCurrent();
  const navigate = useNavigate();
  const [editing, setEditing] = useState<EditTarget>(null);
  const [opinionFor, setOpinionFor] = useState<ParsedArticle | null>(null);
  const [moving, setMoving] = useState<ParsedArticle | null>(null);
  const revise = async (body: ReviseRequest): Promise<boolean> => {
    try {
      const r = await legislationApi.revise(congress.id, expr.id, body);
      void message.success(t('legislation.revised', { renumbered: r.renumbered.length }));
      setEditing(null);
      setMoving(null);
      void navigate(`/app/${congress.slug}/legislation/expressions/${r.expression.id}`);
      return true;
    } catch (e) {
      void message.error(errorText(e));
      return false;
    }
  };
  const opinionsOf = (a: ParsedArticle) => expr.opinions.filter((o) => o.currentEId === a.eId || o.currentEId?.startsWith(`${a.eId}__`));
  return (
    <>
      {!latest ? <Alert type="info" title={t('legislation.notLatest')} style={{ marginBottom: 12 }} /> : null}
      {expr.document.chapters.map((ch) => (
        <div key={ch.eId}>
          {!ch.implicit ? (
            <Typography.Title level={4} style={{ textAlign: 'center' }}>
              {[ch.numText, ch.title].filter(Boolean).join('　')}
            </Typography.Title>
          ) : null}
          {ch.articles.map((a) => (
            <Card key={a.eId} size="small" id={`art-${a.eId}`} data-testid={`draft-${a.eId}`} style={{ marginBottom: 8 }}>
              <Typography.Text strong>
                {a.numText}
                {a.heading ? `【${a.heading}】` : ''}
              </Typography.Text>
              {a.paragraphs.map((p) => (
                <div key={p.eId}>
                  <Typography.Paragraph style={{ marginBottom: 2 }}>{p.text}</Typography.Paragraph>
                  {p.items.map((i) => (
                    <Typography.Paragraph key={i.eId} style={{ marginBottom: 2, paddingInlineStart: 16 }}>
                      （{i.num}）{i.text}
                    </Typography.Paragraph>
                  ))}
                </div>
              ))}
              {opinionsOf(a).map((o) => (
                <Alert key={o.id} type="warning" style={{ marginTop: 6 }} title={`${o.bodyName}：${o.text}`} description={t(`legislation.opinionStatus.${o.status}`)} data-testid="opinion" />
              ))}
              <Space wrap style={{ marginTop: 6 }}>
                {latest ? (
                  <>
                    <Button size="small" onClick={() => setEditing({ kind: 'replace', article: a })} data-testid={`edit-${a.eId}`}>
                      {t('legislation.editArticle')}
                    </Button>
                    <Button size="small" onClick={() => setEditing({ kind: 'insert', article: a })} data-testid={`insert-${a.eId}`}>
                      {t('legislation.insertAfter')}
                    </Button>
                    <Button size="small" onClick={() => setMoving(a)} data-testid={`move-${a.eId}`}>
                      {t('legislation.moveArticle')}
                    </Button>
                    <Popconfirm title={t('legislation.deleteArticle')} onConfirm={() => void revise({ op: 'delete', eId: a.eId })}>
                      <Button size="small" danger data-testid={`delete-${a.eId}`}>
                        {t('legislation.deleteArticle')}
                      </Button>
                    </Popconfirm>
                  </>
                ) : null}
                <Button size="small" onClick={() => setOpinionFor(a)} data-testid={`opinion-${a.eId}`}>
                  {t('legislation.addOpinion')}
                </Button>
              </Space>
            </Card>
          ))}
        </div>
      ))}
      <ArticleEditor
        expressionId={expr.id}
        target={editing}
        onCancel={() => setEditing(null)}
        onSave={(heading, paragraphs) =>
          editing
            ? revise(editing.kind === 'replace' ? { op: 'replace', eId: editing.article.eId, heading, paragraphs } : { op: 'insert', afterEId: editing.article.eId, heading, paragraphs })
            : Promise.resolve(false)
        }
      />
      <MoveModal
        chapters={expr.document.chapters}
        article={moving}
        onCancel={() => setMoving(null)}
        onMove={(to) => (moving ? revise({ op: 'move', eId: moving.eId, ...to }) : Promise.resolve(false))}
      />
      <OpinionModal
        article={opinionFor}
        onCancel={() => setOpinionFor(null)}
        onSave={async (bodyName, text) => {
          if (!opinionFor) return;
          try {
            await legislationApi.addOpinion(congress.id, expr.id, { anchorEId: opinionFor.eId, bodyName, text });
            setOpinionFor(null);
            onChanged();
          } catch (e) {
            void message.error(errorText(e));
          }
        }}
      />
    </>
  );
}

type ArticleDraft = { heading?: string; text: string };

/**
 * What the drafter types is kept in the browser as it is typed (autosave), per version and article,
 * until it is saved as the next version or discarded: a closed tab or a dropped connection loses nothing.
 */
const draftKey = (expressionId: string, target: NonNullable<EditTarget>) => `yishi.legislation.draft.${expressionId}.${target.kind}.${target.article.eId}`;
function readDraft(key: string): ArticleDraft | null {
  try {
    const raw = window.localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as ArticleDraft) : null;
  } catch {
    return null;
  }
}
function writeDraft(key: string, v: ArticleDraft | null): void {
  try {
    if (v) window.localStorage.setItem(key, JSON.stringify(v));
    else window.localStorage.removeItem(key);
  } catch {
    // Storage full or disabled: the editor still works, only without autosave.
  }
}

function ArticleEditor({
  expressionId,
  target,
  onCancel,
  onSave,
}: {
  expressionId: string;
  target: EditTarget;
  onCancel: () => void;
  onSave: (heading: string | null, paragraphs: string[]) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ArticleDraft>();
  const key = target ? draftKey(expressionId, target) : null;
  const saved = useMemo(() => (key ? readDraft(key) : null), [key]);
  const initial = useMemo(
    () =>
      saved ??
      (target?.kind === 'replace'
        ? { heading: target.article.heading ?? '', text: target.article.paragraphs.map((p) => [p.text, ...p.items.map((i) => `（${i.num}）${i.text}`)].join('\n')).join('\n\n') }
        : { heading: '', text: '' }),
    [target, saved],
  );
  // The form's store outlives the dialog: each opening starts from the saved draft or the article.
  useEffect(() => {
    if (target) form.setFieldsValue(initial);
  }, [form, target, initial]);
  const discard = () => {
    if (key) writeDraft(key, null);
    onCancel();
  };
  return (
    <Modal
      open={target !== null}
      title={target ? `${target.article.numText} · ${target.kind === 'replace' ? t('legislation.editArticle') : t('legislation.insertAfter')}` : ''}
      onCancel={onCancel}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'article-save' }}
      destroyOnHidden
    >
      {saved ? (
        <Alert
          type="info"
          style={{ marginBottom: 12 }}
          title={t('legislation.draftRestored')}
          action={
            <Button size="small" onClick={discard} data-testid="article-discard">
              {t('legislation.draftDiscard')}
            </Button>
          }
          data-testid="article-restored"
        />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onValuesChange={(_, all) => {
          if (key) writeDraft(key, all);
        }}
        onFinish={(v) => {
          const paragraphs = v.text
            .split(/\n\s*\n/)
            .map((s) => s.trim())
            .filter(Boolean);
          void onSave(v.heading?.trim() ? v.heading.trim() : null, paragraphs).then((ok) => {
            if (ok && key) writeDraft(key, null);
          });
        }}
      >
        <Form.Item name="heading" label={t('legislation.heading')}>
          <Input data-testid="article-heading" />
        </Form.Item>
        <Form.Item name="text" label={t('legislation.paragraphs')} rules={[{ required: true, message: t('common.required') }]}>
          <Input.TextArea rows={8} data-testid="article-text" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Where an article can go: the start of each chapter (or of the text), or after any other article. */
function MoveModal({
  chapters,
  article,
  onCancel,
  onMove,
}: {
  chapters: Expression['document']['chapters'];
  article: ParsedArticle | null;
  onCancel: () => void;
  onMove: (to: { afterEId: string | null; divisionEId?: string | null }) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  const [to, setTo] = useState<string | null>(null);
  const all = chapters.flatMap((ch) => ch.articles);
  const at = all.findIndex((a) => a.eId === article?.eId);
  const before = at > 0 ? all[at - 1]?.eId : undefined;
  const options = chapters.map((ch) => ({
    label: ch.implicit ? t('legislation.wholeText') : [ch.numText, ch.title].filter(Boolean).join('　'),
    options: [
      { value: ch.implicit ? 'start:' : `start:${ch.eId}`, label: ch.implicit ? t('legislation.moveToTextStart') : t('legislation.moveToChapterStart') },
      // Not the article itself, nor the one just before it: moving there would change nothing.
      ...ch.articles.filter((a) => a.eId !== article?.eId && a.eId !== before).map((a) => ({ value: `after:${a.eId}`, label: t('legislation.moveAfter', { article: `${a.numText}${a.heading ? `【${a.heading}】` : ''}` }) })),
    ],
  }));
  const submit = () => {
    if (!to) return;
    const [kind, eId = ''] = to.split(/:(.*)/s);
    void onMove(kind === 'after' ? { afterEId: eId } : { afterEId: null, divisionEId: eId || null }).then((ok) => {
      if (ok) setTo(null);
    });
  };
  return (
    <Modal
      open={article !== null}
      title={article ? `${article.numText} · ${t('legislation.moveArticle')}` : ''}
      onCancel={() => {
        setTo(null);
        onCancel();
      }}
      onOk={submit}
      okButtonProps={{ disabled: !to, 'data-testid': 'move-save' }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('legislation.moveHint')}</Typography.Paragraph>
      <Select
        showSearch={{ optionFilterProp: 'label' }}
        style={{ width: '100%' }}
        value={to}
        onChange={setTo}
        options={options}
        placeholder={t('legislation.moveTo')}
        aria-label={t('legislation.moveTo')}
        data-testid="move-target"
      />
    </Modal>
  );
}

function OpinionModal({ article, onCancel, onSave }: { article: ParsedArticle | null; onCancel: () => void; onSave: (bodyName: string, text: string) => Promise<void> }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ bodyName: string; text: string }>();
  return (
    <Modal open={article !== null} title={article ? `${article.numText} · ${t('legislation.addOpinion')}` : ''} onCancel={onCancel} onOk={() => form.submit()} okButtonProps={{ 'data-testid': 'opinion-save' }} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ bodyName: '法制委员会' }} onFinish={(v) => void onSave(v.bodyName, v.text)}>
        <Form.Item name="bodyName" label={t('legislation.opinionBody')} rules={[{ required: true, message: t('common.required') }]}>
          <Input data-testid="opinion-body" />
        </Form.Item>
        <Form.Item name="text" label={t('legislation.opinionText')} rules={[{ required: true, message: t('common.required') }]}>
          <Input.TextArea rows={4} data-testid="opinion-text" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Compare({ from, to }: { from: string; to: string }) {
  const { t } = useTranslation();
  const { congress } = useCurrent();
  const cmp = useLoader(() => legislationApi.compare(congress.id, from, to), [congress.id, from, to]);
  if (cmp.error) return <LoadError error={cmp.error} onRetry={cmp.reload} />;
  if (!cmp.data) return <Skeleton active />;
  const c: Comparison = cmp.data;
  const s = c.summary;
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }} data-testid="compare-summary">
        <Tag>{`${t('legislation.unchanged')} ${s.unchanged}`}</Tag>
        <Tag color="orange">{`${t('legislation.changed')} ${s.changed}`}</Tag>
        <Tag color="green" data-testid="compare-inserted">{`${t('legislation.inserted')} ${s.inserted}`}</Tag>
        <Tag color="red">{`${t('legislation.deleted')} ${s.deleted}`}</Tag>
        <Tag color="blue">{`${t('legislation.renumbered')} ${s.renumbered}`}</Tag>
      </Space>
      <List
        dataSource={c.articles.filter((a) => a.status !== 'unchanged' || a.renumbered)}
        renderItem={(a) => (
          <List.Item data-testid={`change-${a.status}`}>
            <div>
              <Typography.Text strong>
                {a.from?.numText ?? '—'} → {a.to?.numText ?? '—'}
              </Typography.Text>{' '}
              <Tag>{t(`legislation.${a.status}`)}</Tag>
              {a.renumbered ? <Tag color="blue">{t('legislation.renumbered')}</Tag> : null}
              {a.diff ? (
                <Typography.Paragraph style={{ marginBottom: 0 }}>
                  {a.diff.map((d, k) =>
                    d.op === 'equal' ? (
                      <span key={k}>{d.text}</span>
                    ) : d.op === 'insert' ? (
                      <ins key={k} style={{ background: '#d9f7be' }}>
                        {d.text}
                      </ins>
                    ) : (
                      <del key={k} style={{ background: '#ffccc7' }}>
                        {d.text}
                      </del>
                    ),
                  )}
                </Typography.Paragraph>
              ) : null}
            </div>
          </List.Item>
        )}
      />
    </>
  );
}

function ConsultationPanel({ expr }: { expr: Expression }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { congress } = useCurrent();
  const list = useLoader(async () => (await import('./legislationApi.ts')).consultationApi.list(congress.id), [congress.id]);
  const mine = list.data?.find((k) => k.expressionId === expr.id) ?? null;
  const comments = useLoader(async () => (mine ? legislationApi.staffComments(congress.id, mine.id) : null), [congress.id, mine?.id]);
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs(), dayjs().add(30, 'day')]);
  const [asking, setAsking] = useState<{ kind: 'hide' | 'reply'; commentId: string } | null>(null);
  if (list.error) return <LoadError error={list.error} onRetry={list.reload} />;
  if (!list.data) return <Skeleton active />;
  const act = async (f: () => Promise<unknown>) => {
    try {
      await f();
      list.reload();
      comments.reload();
    } catch (e) {
      void message.error(errorText(e));
    }
  };
  if (!mine) {
    if (expr.stage === 'published' || expr.stage === 'amendment') return <Alert type="info" title={t('legislation.consultation')} />;
    return (
      <Space wrap>
        <DatePicker.RangePicker value={range} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} aria-label={t('legislation.closesOn')} />
        <Button type="primary" onClick={() => void act(() => legislationApi.openConsultation(congress.id, expr.id, range[0].format('YYYY-MM-DD'), range[1].format('YYYY-MM-DD')))}>
          {t('legislation.openConsultation')}
        </Button>
      </Space>
    );
  }
  const data = comments.data;
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Tag color={mine.state === 'open' ? 'green' : 'default'}>{t(`legislation.states.${mine.state}`)}</Tag>
        <Typography.Text>{t('legislation.period', { from: mine.opensOn, to: mine.closesOn })}</Typography.Text>
        {mine.state !== 'closed' ? <Button onClick={() => void act(() => legislationApi.closeConsultation(congress.id, mine.id))}>{t('legislation.closeConsultation')}</Button> : null}
        <a href={legislationApi.reportUrl(congress.id, mine.id)} download data-testid="consultation-report">
          {t('legislation.reportDocx')}
        </a>
      </Space>
      {data ? (
        <>
          <Typography.Title level={5}>{t('legislation.commentsPerArticle')}</Typography.Title>
          <Space wrap style={{ marginBottom: 12 }} data-testid="per-article">
            {data.perArticle.map((p) => (
              <Tag key={p.eId}>{`${p.numText} ${p.comments}`}</Tag>
            ))}
          </Space>
          <List
            dataSource={data.comments}
            renderItem={(m) => (
              <List.Item
                data-testid="staff-comment"
                actions={[
                  m.status === 'published' ? (
                    <Button key="h" size="small" onClick={() => setAsking({ kind: 'hide', commentId: m.id })} data-testid="comment-hide">
                      {t('legislation.hide')}
                    </Button>
                  ) : (
                    <Button key="s" size="small" onClick={() => void act(() => legislationApi.moderate(congress.id, m.id, 'show'))}>
                      {t('legislation.show')}
                    </Button>
                  ),
                  <Button key="r" size="small" onClick={() => setAsking({ kind: 'reply', commentId: m.id })} data-testid="comment-reply">
                    {t('legislation.reply')}
                  </Button>,
                  <Button
                    key="m"
                    size="small"
                    type={m.representative ? 'primary' : 'default'}
                    aria-pressed={m.representative}
                    onClick={() => void act(() => legislationApi.markRepresentative(congress.id, m.id, !m.representative))}
                    data-testid="comment-representative"
                  >
                    {t('legislation.representative')}
                  </Button>,
                ]}
              >
                <List.Item.Meta
                  title={
                    <Space>
                      <span>{m.anchorCite}</span>
                      <span>{m.displayName}</span>
                      {m.status === 'hidden' ? <Tag color="red">{`${t('legislation.hidden')}：${m.hiddenReason ?? ''}`}</Tag> : null}
                    </Space>
                  }
                  description={
                    <>
                      {m.span ? <div data-testid="staff-comment-quote">{t('legislation.onWords', { quote: m.span.quote })}</div> : null}
                      <div>{m.text}</div>
                      {m.reply ? <div>{`${t('legislation.replyLabel')}：${m.reply}`}</div> : null}
                    </>
                  }
                />
              </List.Item>
            )}
          />
        </>
      ) : null}
      <TextModal
        open={asking !== null}
        title={asking?.kind === 'hide' ? t('legislation.hideReason') : t('legislation.replyText')}
        onCancel={() => setAsking(null)}
        onSave={(text) => {
          const a = asking;
          if (!a) return;
          setAsking(null);
          void act(() => (a.kind === 'hide' ? legislationApi.moderate(congress.id, a.commentId, 'hide', text) : legislationApi.reply(congress.id, a.commentId, text)));
        }}
      />
    </>
  );
}

function TextModal({ open, title, onCancel, onSave }: { open: boolean; title: string; onCancel: () => void; onSave: (text: string) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ text: string }>();
  return (
    <Modal open={open} title={title} onCancel={onCancel} onOk={() => form.submit()} okButtonProps={{ 'data-testid': 'text-save' }} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => onSave(v.text.trim())}>
        <Form.Item name="text" label={title} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input.TextArea rows={4} data-testid="text-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The regulation bill this work belongs to (bills module); the drafters link or unlink it. */
function BillLink({ workId, billId, onChanged }: { workId: string; billId: string | null; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { congress } = useCurrent();
  const bills = useLoader(() => legislationApi.bills(congress.id).catch(() => []), [congress.id]);
  return (
    <Select
      allowClear
      style={{ minWidth: 220 }}
      placeholder={t('legislation.billLink')}
      aria-label={t('legislation.billLink')}
      value={billId ?? undefined}
      loading={bills.loading}
      options={(bills.data ?? []).map((b) => ({ value: b.id, label: b.title }))}
      onChange={(v: string | undefined) => {
        legislationApi.linkBill(congress.id, workId, v ?? null).then(onChanged, (e: unknown) => void message.error(errorText(e)));
      }}
      data-testid="bill-link"
    />
  );
}
