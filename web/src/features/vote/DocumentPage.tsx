// A meeting document on a phone: a PDF or DOCX as reflowed text (no pinching; the original is one
// tap away), an image fitted to the width. Opening it counts as a read.
import { Button, Card, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { FullPageSpin, LoadError } from '../../components/Results.tsx';
import { useLoader } from '../../hooks/useLoader.ts';
import { useCurrent } from '../../shell/current.tsx';
import { meetingsApi } from '../meetings/meetingsApi.ts';
import '../meetings/meetings.css';

const AS_TEXT: ReadonlySet<string> = new Set(['application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document']);

export function DocumentPage() {
  const { t } = useTranslation();
  const { meetingId = '', documentId = '' } = useParams();
  const { congress } = useCurrent();
  const docs = useLoader(() => meetingsApi.documents(meetingId), [meetingId]);
  const doc = docs.data?.find((d) => d.id === documentId);
  const text = useLoader(() => (doc && AS_TEXT.has(doc.mime) ? meetingsApi.documentText(meetingId, documentId) : Promise.resolve(null)), [meetingId, documentId, doc?.mime]);
  const back = `/app/${congress.slug}/meetings/${meetingId}/vote`;

  if (docs.error) return <LoadError error={docs.error} onRetry={docs.reload} />;
  if (!docs.data) return <FullPageSpin />;
  if (!doc) return <LoadError error={new Error('not found')} onRetry={docs.reload} />;
  const url = meetingsApi.documentUrl(meetingId, documentId);

  return (
    <div className="doc-page" data-testid="document-page">
      <Space style={{ marginBottom: 8 }} wrap>
        <Link to={back}>
          <Button>{t('meetingWork.back')}</Button>
        </Link>
        <a href={url} target="_blank" rel="noreferrer">
          <Button>{t('meetingWork.openFile')}</Button>
        </a>
      </Space>
      <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="document-title">
        {doc.title}
      </Typography.Title>
      {doc.mime.startsWith('image/') ? (
        <img src={url} alt={doc.title} className="doc-image" data-testid="document-image" />
      ) : AS_TEXT.has(doc.mime) ? (
        text.error ? (
          <LoadError error={text.error} onRetry={text.reload} />
        ) : !text.data ? (
          <FullPageSpin />
        ) : (
          <Card size="small">
            <div className="doc-text" data-testid="document-text">
              {text.data.text
                .split(/\n+/)
                .filter((p) => p.trim() !== '')
                .map((p, i) => (
                  <p key={i}>{p}</p>
                ))}
            </div>
          </Card>
        )
      ) : (
        <Typography.Paragraph>{t('meetingWork.openFileHint')}</Typography.Paragraph>
      )}
    </div>
  );
}
