// Small field components of the rules profile form.
import { Card, Col, Form, InputNumber, Row, Select, Switch, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProfileFormValues } from './profileForm.ts';

/** A number with its unit; nullable ones may be left empty, meaning "does not apply". */
export function NumberField({ name, label, unit, min, max, nullable = false }: { name: string[]; label: ReactNode; unit: string; min: number; max: number; nullable?: boolean }) {
  const { t } = useTranslation();
  return (
    <Form.Item name={name} label={label} rules={nullable ? [] : [{ required: true, message: t('common.required') }]}>
      <InputNumber min={min} max={max} precision={0} suffix={unit} placeholder={nullable ? t('rules.notApplicable') : undefined} style={{ width: '100%', maxWidth: 200 }} />
    </Form.Item>
  );
}

export function SwitchField({ name, label }: { name: string[]; label: ReactNode }) {
  return (
    <Form.Item name={name} valuePropName="checked" label={label}>
      <Switch />
    </Form.Item>
  );
}

/** A card of fields laid out in a responsive grid. */
export function Section({ title, children, extra }: { title: ReactNode; children: ReactNode[] | ReactNode; extra?: ReactNode }) {
  const items = Array.isArray(children) ? children : [children];
  return (
    <Card title={title} extra={extra} size="small">
      <Row gutter={24}>
        {items.map((child, i) => (
          <Col key={i} xs={24} sm={12} lg={8}>
            {child}
          </Col>
        ))}
      </Row>
    </Card>
  );
}

/** Quorum or passing: the base, the fraction and whether it must be exceeded. */
export function ThresholdSection({ which }: { which: 'quorum' | 'passing' }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<ProfileFormValues>();
  const value = Form.useWatch(which, form);
  const summary =
    value && typeof value.num === 'number' && typeof value.den === 'number'
      ? t(value.strict ? 'rules.threshold.summaryStrict' : 'rules.threshold.summaryAtLeast', { base: t(`rules.threshold.bases.${value.base}`), num: value.num, den: value.den })
      : '';
  return (
    <Section title={t(`rules.sections.${which}`)} extra={<Typography.Text type="secondary">{summary}</Typography.Text>}>
      <Form.Item name={[which, 'base']} label={t('rules.threshold.base')} rules={[{ required: true }]}>
        <Select
          options={[
            { value: 'all_members', label: t('rules.threshold.bases.all_members') },
            { value: 'present_members', label: t('rules.threshold.bases.present_members') },
          ]}
          style={{ maxWidth: 200 }}
        />
      </Form.Item>
      <Form.Item label={t('rules.threshold.fraction')} required>
        <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
          <Form.Item name={[which, 'num']} noStyle rules={[{ required: true, message: t('common.required') }]}>
            <InputNumber min={1} max={1000} precision={0} aria-label={t('rules.threshold.num')} style={{ width: 80 }} />
          </Form.Item>
          <span>/</span>
          <Form.Item name={[which, 'den']} noStyle rules={[{ required: true, message: t('common.required') }]}>
            <InputNumber min={1} max={1000} precision={0} aria-label={t('rules.threshold.den')} style={{ width: 80 }} />
          </Form.Item>
        </div>
      </Form.Item>
      <Form.Item name={[which, 'strict']} valuePropName="checked" label={t('rules.threshold.strict')} tooltip={t('rules.threshold.strictHelp')}>
        <Switch />
      </Form.Item>
    </Section>
  );
}
