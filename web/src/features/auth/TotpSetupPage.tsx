// Enrolling a second factor: create a key, add it to an authenticator app, prove it with a code.
import { Alert, App, Button, Form, Input, Steps, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api.ts';
import { useCongresses } from '../../congresses.tsx';
import { useErrorText } from '../../hooks/useErrorText.ts';
import { useSession, useUser } from '../../session.tsx';
import { AuthFrame } from './AuthFrame.tsx';

/** ABCD EFGH …: easier to read aloud and to type. */
const grouped = (secret: string): string => secret.replace(/(.{4})(?=.)/g, '$1 ');

export function TotpSetupPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const user = useUser();
  const { refresh, logout } = useSession();
  const navigate = useNavigate();
  const congresses = useCongresses();
  const [setup, setSetup] = useState<{ secret: string; uri: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const generate = () => run(async () => setSetup(await api.auth.startTotp()));
  const confirm = (code: string) =>
    run(async () => {
      await api.auth.confirmTotp(code);
      await refresh();
      congresses.reload(); // refused while the account could only enrol
      void message.success(t('totp.done'));
      void navigate('/app', { replace: true });
    });
  const signOut = () => void logout().then(() => navigate('/login', { replace: true }));

  const headerAction = user.totpEnrollmentRequired ? (
    <Button onClick={signOut}>{t('auth.logout')}</Button>
  ) : (
    <Button onClick={() => void navigate('/app')}>{t('common.back')}</Button>
  );

  return (
    <AuthFrame title={t('totp.title')} extra={headerAction} wide>
      {user.totpEnrollmentRequired ? <Alert type="warning" showIcon title={t('totp.required')} style={{ marginBottom: 16 }} /> : null}
      {user.totpEnabled ? <Alert type="info" showIcon title={t('totp.alreadyEnabled')} style={{ marginBottom: 16 }} /> : null}
      <Typography.Paragraph>{t('totp.intro')}</Typography.Paragraph>
      <Steps
        orientation="vertical"
        current={setup ? 2 : 0}
        items={[
          {
            title: t('totp.step1'),
            content: (
              <div style={{ padding: '4px 0 16px' }}>
                <Typography.Paragraph type="secondary">{t('totp.step1Text')}</Typography.Paragraph>
                <Button type={setup ? 'default' : 'primary'} onClick={() => void generate()} loading={busy && !setup} data-testid="totp-generate">
                  {setup ? t('totp.regenerate') : t('totp.generate')}
                </Button>
              </div>
            ),
          },
          {
            title: t('totp.step2'),
            content: setup ? (
              <div style={{ padding: '4px 0 16px' }}>
                <Typography.Paragraph type="secondary">{t('totp.step2Text')}</Typography.Paragraph>
                <Typography.Paragraph>
                  <Typography.Text type="secondary">{t('totp.secret')}：</Typography.Text>
                  <Typography.Text code copyable={{ text: setup.secret }} className="mono" data-testid="totp-secret" style={{ fontSize: 16 }}>
                    {grouped(setup.secret)}
                  </Typography.Text>
                </Typography.Paragraph>
                <Typography.Paragraph>
                  <Typography.Text type="secondary">{t('totp.uri')}：</Typography.Text>
                  <Typography.Text copyable className="mono" style={{ fontSize: 12 }}>
                    {setup.uri}
                  </Typography.Text>
                </Typography.Paragraph>
              </div>
            ) : null,
          },
          {
            title: t('totp.step3'),
            content: setup ? (
              <div style={{ padding: '4px 0 0' }}>
                <Typography.Paragraph type="secondary">{t('totp.step3Text')}</Typography.Paragraph>
                <Form layout="inline" onFinish={(v: { code: string }) => void confirm(v.code)} disabled={busy}>
                  <Form.Item name="code" rules={[{ required: true, pattern: /^\d{6}$/, message: t('auth.totpFormat') }]}>
                    <Input placeholder={t('totp.code')} inputMode="numeric" autoComplete="one-time-code" maxLength={6} style={{ width: 160 }} />
                  </Form.Item>
                  <Form.Item>
                    <Button type="primary" htmlType="submit" loading={busy}>
                      {t('totp.confirm')}
                    </Button>
                  </Form.Item>
                </Form>
              </div>
            ) : null,
          },
        ]}
      />
      {error ? <Alert type="error" showIcon title={errorText(error)} style={{ marginTop: 16 }} role="alert" /> : null}
    </AuthFrame>
  );
}
