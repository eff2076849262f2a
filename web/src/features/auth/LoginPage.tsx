// Sign-in with username and password, and a one-time code when the account has a second factor.
import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../../api.ts';
import { FullPageSpin } from '../../components/Results.tsx';
import { useErrorText } from '../../hooks/useErrorText.ts';
import { useSession } from '../../session.tsx';
import { AuthFrame } from './AuthFrame.tsx';

interface LoginForm {
  username: string;
  password: string;
  totp?: string;
}

/** Only paths inside this site are followed after sign-in. */
function returnPath(state: unknown): string {
  const from = typeof state === 'object' && state !== null && 'from' in state ? state.from : undefined;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : '/app';
}

export function LoginPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { status, login } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const [form] = Form.useForm<LoginForm>();
  const [needTotp, setNeedTotp] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (status === 'loading') return <FullPageSpin />;
  if (status === 'signed-in' && !busy) return <Navigate to={returnPath(location.state)} replace />;

  const submit = async (values: LoginForm) => {
    setBusy(true);
    setError(null);
    try {
      await login({ username: values.username.trim(), password: values.password, ...(needTotp && values.totp ? { totp: values.totp } : {}) });
      void navigate(returnPath(location.state), { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'TOTP_REQUIRED') {
        setNeedTotp(true);
      } else {
        setError(e);
        if (e instanceof ApiError && e.code === 'TOTP_INVALID') form.setFieldValue('totp', '');
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthFrame title={t('auth.loginTitle')}>
      <Typography.Paragraph type="secondary">{t('auth.loginSubtitle')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false} disabled={busy} size="large">
        <Form.Item name="username" label={t('auth.username')} rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}>
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus autoCapitalize="none" spellCheck={false} />
        </Form.Item>
        <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
        </Form.Item>
        {needTotp ? (
          <>
            <Alert type="info" showIcon title={t('auth.totpHint')} style={{ marginBottom: 16 }} />
            <Form.Item name="totp" label={t('auth.totp')} rules={[{ required: true, pattern: /^\d{6}$/, message: t('auth.totpFormat') }]}>
              <Input prefix={<SafetyOutlined />} inputMode="numeric" autoComplete="one-time-code" maxLength={6} autoFocus />
            </Form.Item>
          </>
        ) : null}
        {error ? <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 16 }} role="alert" /> : null}
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('auth.login')}
        </Button>
      </Form>
      <div style={{ marginTop: 16, textAlign: 'center' }}>
        <Link to="/">{t('auth.backToPortal')}</Link>
      </div>
    </AuthFrame>
  );
}
