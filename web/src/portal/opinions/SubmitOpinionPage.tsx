// A citizen submits an opinion from a phone, without an account, and keeps the tracking code.
// Phone verification appears only when the congress asks for it (the server says so on submit).
import { Alert, Button, Card, Form, Input, Result, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError, type Congress } from '../../api.ts';
import { useErrorText } from '../../hooks/useErrorText.ts';
import { useLoader } from '../../hooks/useLoader.ts';
import { opinionsApi, stationsApi } from '../../features/opinions/civicApi.ts';
import { BackTo, PortalCongressPage } from '../PortalCongressPage.tsx';

interface Values {
  stationId?: string;
  name: string;
  phone: string;
  content: string;
  category?: string;
  verificationCode?: string;
}

export function SubmitOpinionPage() {
  return <PortalCongressPage page={(c) => <SubmitOpinion congress={c} />} />;
}

function SubmitOpinion({ congress }: { congress: Congress }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const stations = useLoader(() => stationsApi.list(congress.id), [congress.id]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [needCode, setNeedCode] = useState(false);
  const [codeNote, setCodeNote] = useState<string | null>(null);
  const [code, setCode] = useState<string | null>(null);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const r = await opinionsApi.submit({
        congressId: congress.id,
        name: v.name,
        phone: v.phone,
        content: v.content,
        ...(v.stationId ? { stationId: v.stationId } : {}),
        ...(v.category ? { category: v.category } : {}),
        ...(v.verificationCode ? { verificationCode: v.verificationCode } : {}),
      });
      setCode(r.trackingCode);
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
      await form.validateFields(['phone']);
      return;
    }
    try {
      const r = await opinionsApi.requestCode(congress.id, phone);
      setCodeNote(r.via === 'sms' ? t('civic.submit.codeSent') : t('civic.submit.codeByOffice'));
    } catch (e) {
      setCodeNote(errorText(e));
    }
  };

  if (code) {
    return (
      <div className="civic-narrow">
        <Result
          status="success"
          title={t('civic.submit.done')}
          subTitle={t('civic.submit.keepCode')}
          extra={
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              <Typography.Text className="civic-code" data-testid="tracking-code" copyable>
                {code}
              </Typography.Text>
              <Link to={`/p/${congress.slug}/opinions/track?code=${encodeURIComponent(code)}`}>
                <Button type="primary" size="large" block>
                  {t('civic.submit.follow')}
                </Button>
              </Link>
            </Space>
          }
        />
      </div>
    );
  }

  return (
    <div className="civic-narrow">
      <BackTo to={`/p/${congress.slug}/stations`} label={t('civic.portal.stations')} />
      <Typography.Title level={3}>{t('civic.submit.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('civic.submit.intro')}</Typography.Paragraph>
      <Card>
        <Form<Values>
          form={form}
          layout="vertical"
          size="large"
          initialValues={{ stationId: params.get('station') ?? undefined }}
          onFinish={(v) => void submit(v)}
          data-testid="opinion-form"
        >
          <Form.Item name="stationId" label={t('civic.submit.station')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('civic.submit.stationHint')}
              loading={stations.loading}
              options={(stations.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
            />
          </Form.Item>
          <Form.Item name="name" label={t('civic.submit.name')} rules={[{ required: true, whitespace: true, message: t('civic.submit.nameRequired') }]}>
            <Input autoComplete="name" maxLength={50} />
          </Form.Item>
          <Form.Item name="phone" label={t('civic.submit.phone')} rules={[{ required: true, pattern: /^[\d\s+-]{5,30}$/, message: t('civic.submit.phoneRequired') }]}>
            <Input type="tel" inputMode="tel" autoComplete="tel" maxLength={30} />
          </Form.Item>
          <Form.Item name="category" label={t('civic.submit.category')}>
            <Select
              allowClear
              options={(['市政设施', '道路交通', '环境保护', '教育医疗', '社会保障', '其他'] as const).map((c) => ({ value: c, label: t(`civic.categories.${c}`) }))}
            />
          </Form.Item>
          <Form.Item name="content" label={t('civic.submit.content')} rules={[{ required: true, whitespace: true, message: t('civic.submit.contentRequired') }]}>
            <Input.TextArea rows={5} maxLength={5000} showCount placeholder={t('civic.submit.contentHint')} />
          </Form.Item>
          {needCode ? (
            <Form.Item label={t('civic.submit.code')} required>
              <Space.Compact style={{ width: '100%' }}>
                <Form.Item name="verificationCode" noStyle rules={[{ pattern: /^\d{6}$/, message: t('civic.submit.codeFormat') }]}>
                  <Input inputMode="numeric" maxLength={6} data-testid="verification-code" />
                </Form.Item>
                <Button onClick={() => void requestCode()} data-testid="request-code">
                  {t('civic.submit.getCode')}
                </Button>
              </Space.Compact>
              {codeNote ? <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>{codeNote}</Typography.Paragraph> : null}
            </Form.Item>
          ) : null}
          {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="submit-error" /> : null}
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="submit-opinion">
            {t('civic.submit.submit')}
          </Button>
        </Form>
      </Card>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
        {t('civic.submit.privacy')}
      </Typography.Paragraph>
    </div>
  );
}
