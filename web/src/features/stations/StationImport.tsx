// The office's bulk import of liaison stations and demonstration points from CSV (Hebi: 74 stations
// and 15 demonstration points). Rows are matched by code; an invalid row refuses the whole file.
import { Alert, App, Button, Drawer, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../hooks/useErrorText.ts';
import { useCurrent } from '../../shell/current.tsx';
import { type ImportResult, stationsApi } from '../opinions/civicApi.ts';

const SAMPLE = '编号,名称,类型,县区,乡镇街道,地址,纬度,经度,开放时间,电话\nQB-001,淇滨区九州路街道人大代表联络站,联络站,淇滨区,九州路街道,九州路88号,35.7473,114.2979,周一至周五 9:00-17:00,0392-3300001';

export function StationImportButton({ onImported }: { onImported: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { congress } = useCurrent();
  const [open, setOpen] = useState(false);
  const [csv, setCsv] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const readFile = async (file: File | undefined) => {
    if (!file) return;
    setCsv(await file.text());
  };
  const run = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const r = await stationsApi.importCsv(congress.id, csv);
      setResult(r);
      void message.success(t('civic.import.done', r));
      onImported();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="station-import">
        {t('civic.import.open')}
      </Button>
      <Drawer open={open} onClose={() => setOpen(false)} title={t('civic.import.title')} size="large">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary">{t('civic.import.intro')}</Typography.Paragraph>
          <Typography.Paragraph>
            <Typography.Text code style={{ whiteSpace: 'pre-wrap' }}>
              {SAMPLE}
            </Typography.Text>
          </Typography.Paragraph>
          <input type="file" accept=".csv,text/csv" aria-label={t('civic.import.file')} onChange={(e) => void readFile(e.target.files?.[0])} />
          <Input.TextArea rows={10} value={csv} onChange={(e) => setCsv(e.target.value)} placeholder={t('civic.import.paste')} data-testid="station-csv" />
          <Button type="primary" loading={busy} disabled={csv.trim() === ''} onClick={() => void run()} data-testid="station-import-run">
            {t('civic.import.run')}
          </Button>
          {error ? <Alert type="error" showIcon title={error} /> : null}
          {result ? <Alert type="success" showIcon title={t('civic.import.done', result)} /> : null}
        </Space>
      </Drawer>
    </>
  );
}
