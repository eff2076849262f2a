// A dialog holding one form: Enter submits, the server's refusal is shown inside, and the dialog
// closes only when the save succeeded.
import { Alert, Form, Modal } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../hooks/useErrorText.ts';

interface Props<T> {
  open: boolean;
  title: ReactNode;
  initialValues?: Partial<T>;
  okText?: ReactNode;
  width?: number;
  onClose: () => void;
  /** Throws to keep the dialog open and show the error. */
  onSubmit: (values: T) => Promise<void>;
  children: ReactNode;
}

export function FormModal<T extends object>({ open, title, initialValues, okText, width, onClose, onSubmit, children }: Props<T>) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [form] = Form.useForm<T>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (open) setError(null);
  }, [open]);

  const submit = async (values: T) => {
    setBusy(true);
    setError(null);
    try {
      await onSubmit(values);
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      width={width}
      okText={okText ?? t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', loading: busy }}
      onCancel={onClose}
      destroyOnHidden
      modalRender={(dom) => (
        <Form<T> form={form} layout="vertical" initialValues={initialValues} clearOnDestroy onFinish={(v) => void submit(v)} disabled={busy} requiredMark="optional">
          {dom}
        </Form>
      )}
    >
      {children}
      {error ? <Alert type="error" showIcon title={errorText(error)} role="alert" /> : null}
    </Modal>
  );
}

/** Empty text fields mean "not given": the API wants null there. */
export const orNull = (s: string | null | undefined): string | null => {
  const v = s?.trim();
  return v ? v : null;
};
