// Whole-page states: waiting, not found, no access, could not load.
import { Alert, Button, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useErrorText } from '../hooks/useErrorText.ts';

export function FullPageSpin() {
  return (
    <div className="full-page-center">
      <Spin size="large" />
    </div>
  );
}

export function NotFound({ standalone = false }: { standalone?: boolean }) {
  const { t } = useTranslation();
  const result = (
    <Result
      status="404"
      title={t('errors.notFoundTitle')}
      subTitle={t('errors.notFoundText')}
      extra={
        <Link to="/">
          <Button type="primary">{t('shell.portal')}</Button>
        </Link>
      }
    />
  );
  return standalone ? <div className="full-page-center">{result}</div> : result;
}

export function Forbidden() {
  const { t } = useTranslation();
  return <Result status="403" title={t('errors.forbiddenTitle')} subTitle={t('errors.forbiddenText')} />;
}

/** A failed load with its reason and a way to try again. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return (
    <Alert
      type="error"
      showIcon
      title={t('errors.loadFailed')}
      description={errorText(error)}
      action={onRetry ? <Button onClick={onRetry}>{t('errors.retry')}</Button> : undefined}
    />
  );
}
