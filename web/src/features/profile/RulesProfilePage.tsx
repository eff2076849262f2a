// Editing the congress's rules profile (contracts/profile.ts): every number the rules of procedure
// fix, a preset loader, and the server's verdict when the profile does not hold together.
import { DownloadOutlined, SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Form, Input, Select, Skeleton, Space } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type RulesProfile, api } from '../../api.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { LoadError } from '../../components/Results.tsx';
import { PERSONNEL_ACTS, PRESET_NAMES } from '../../domain.ts';
import { useErrorText } from '../../hooks/useErrorText.ts';
import { useLoader } from '../../hooks/useLoader.ts';
import { useCurrent } from '../../shell/current.tsx';
import { NumberField, Section, SwitchField, ThresholdSection } from './fields.tsx';
import { type ProfileFormValues, fromForm, toForm } from './profileForm.ts';

type PresetName = (typeof PRESET_NAMES)[number];
const presetName = (k: string): PresetName | undefined => PRESET_NAMES.find((p) => p === k);

export function RulesProfilePage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const { congress, can } = useCurrent();
  const loaded = useLoader(async () => {
    const [profile, presets] = await Promise.all([api.rules.get(congress.id), api.rules.presets()]);
    return { profile, presets };
  }, [congress.id]);
  const [form] = Form.useForm<ProfileFormValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [toLoad, setToLoad] = useState<string | undefined>(undefined);
  const errorRef = useRef<HTMLDivElement>(null);

  const profile = loaded.data?.profile;
  useEffect(() => {
    if (profile) form.setFieldsValue(toForm(profile));
  }, [profile, form]);
  useEffect(() => {
    if (error) errorRef.current?.scrollIntoView({ behavior: 'smooth', block: 'center' });
  }, [error]);

  const presetLabel = (k: string): string => {
    const p = presetName(k);
    return p ? t(`rules.presets.${p}`) : k;
  };

  const loadPreset = () => {
    const preset = toLoad ? loaded.data?.presets[toLoad] : undefined;
    if (!toLoad || !preset) return;
    modal.confirm({
      title: t('rules.loadPreset'),
      content: t('rules.loadPresetConfirm', { name: presetLabel(toLoad) }),
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      onOk: () => {
        form.setFieldsValue(toForm(preset));
        setError(null);
        void message.info(t('rules.presetLoaded'));
      },
    });
  };

  const save = async (values: ProfileFormValues) => {
    setSaving(true);
    setError(null);
    try {
      const saved: RulesProfile = await api.rules.update(congress.id, fromForm(values));
      loaded.setData({ profile: saved, presets: loaded.data?.presets ?? {} });
      void message.success(t('rules.saved'));
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  if (loaded.error) return <LoadError error={loaded.error} onRetry={loaded.reload} />;

  const days = t('rules.days');
  const months = t('rules.months');
  const workingDays = t('rules.workingDays');
  const people = t('rules.people');
  const minutes = t('rules.minutes');

  return (
    <>
      <PageTitle title={t('rules.title')} intro={t('rules.intro')} />
      {!can.administer ? <Alert type="info" showIcon title={t('rules.readOnly')} style={{ marginBottom: 16 }} /> : null}
      {!profile ? (
        <Skeleton active paragraph={{ rows: 12 }} />
      ) : (
        <Form<ProfileFormValues> form={form} layout="vertical" disabled={!can.administer || saving} requiredMark={can.administer} onFinish={(v) => void save(v)} initialValues={toForm(profile)}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Card size="small">
              <Space wrap align="end" size="middle">
                <Form.Item name="preset" label={t('rules.preset')} style={{ marginBottom: 0, minWidth: 220 }}>
                  <Select options={PRESET_NAMES.map((p) => ({ value: p, label: t(`rules.presets.${p}`) }))} />
                </Form.Item>
                {can.administer ? (
                  <Space.Compact>
                    <Select
                      value={toLoad}
                      onChange={setToLoad}
                      placeholder={t('rules.loadPreset')}
                      options={Object.keys(loaded.data?.presets ?? {}).map((k) => ({ value: k, label: presetLabel(k) }))}
                      style={{ minWidth: 200 }}
                      data-testid="preset-select"
                    />
                    <Button icon={<DownloadOutlined />} onClick={loadPreset} disabled={!toLoad || saving}>
                      {t('rules.loadPreset')}
                    </Button>
                  </Space.Compact>
                ) : null}
              </Space>
              <Form.Item name="source" label={t('rules.source')} extra={t('rules.sourceHelp')} rules={[{ required: true, whitespace: true, max: 200, message: t('common.required') }]} style={{ marginTop: 16, marginBottom: 0 }}>
                <Input maxLength={200} />
              </Form.Item>
            </Card>

            <Section title={t('rules.sections.meetings')}>
              <NumberField name={['meetings', 'regularIntervalMonths']} label={t('rules.meetings.regularIntervalMonths')} unit={months} min={1} max={12} />
              <NumberField name={['meetings', 'councilDaysBefore']} label={t('rules.meetings.councilDaysBefore')} unit={days} min={0} max={365} />
              <NumberField name={['meetings', 'noticeDaysBefore']} label={t('rules.meetings.noticeDaysBefore')} unit={days} min={0} max={365} />
              <SwitchField name={['meetings', 'specialMeetingsExempt']} label={t('rules.meetings.specialMeetingsExempt')} />
              <SwitchField name={['meetings', 'videoAttendance']} label={t('rules.meetings.videoAttendance')} />
            </Section>

            <ThresholdSection which="quorum" />
            <ThresholdSection which="passing" />

            <Section title={t('rules.sections.deadlines')}>
              <NumberField name={['deadlines', 'billDaysBefore']} label={t('rules.deadlines.billDaysBefore')} unit={days} min={0} max={365} />
              <NumberField name={['deadlines', 'reportDaysBefore']} label={t('rules.deadlines.reportDaysBefore')} unit={days} min={0} max={365} />
              <NumberField name={['deadlines', 'reportToCommitteeDaysBefore']} label={t('rules.deadlines.reportToCommitteeDaysBefore')} unit={days} min={0} max={365} nullable />
              <NumberField name={['deadlines', 'planAdjustmentDaysBefore']} label={t('rules.deadlines.planAdjustmentDaysBefore')} unit={days} min={0} max={365} nullable />
              <NumberField name={['deadlines', 'budgetAdjustmentDaysBefore']} label={t('rules.deadlines.budgetAdjustmentDaysBefore')} unit={days} min={0} max={365} nullable />
              <NumberField name={['deadlines', 'finalAccountsDaysBefore']} label={t('rules.deadlines.finalAccountsDaysBefore')} unit={days} min={0} max={365} nullable />
            </Section>

            <Section title={t('rules.sections.cosigners')}>
              <NumberField name={['cosigners', 'bill']} label={t('rules.cosigners.bill')} unit={people} min={1} max={100} />
              <NumberField name={['cosigners', 'interpellation']} label={t('rules.cosigners.interpellation')} unit={people} min={1} max={100} />
              <NumberField name={['cosigners', 'inquiryMembers']} label={t('rules.cosigners.inquiryMembers')} unit={people} min={1} max={100} nullable />
              <NumberField name={['cosigners', 'inquiryDeputies']} label={t('rules.cosigners.inquiryDeputies')} unit={people} min={1} max={1000} nullable />
            </Section>

            <Card title={t('rules.sections.perPersonVoteActs')} size="small">
              <Form.Item name="perPersonVoteActs" style={{ marginBottom: 0 }}>
                <Checkbox.Group className="check-grid" options={PERSONNEL_ACTS.map((a) => ({ value: a, label: t(`personnelActs.${a}`) }))} />
              </Form.Item>
            </Card>

            <Section title={t('rules.sections.speech')}>
              <NumberField name={['speech', 'firstMinutes']} label={t('rules.speech.firstMinutes')} unit={minutes} min={1} max={120} nullable />
              <NumberField name={['speech', 'secondMinutes']} label={t('rules.speech.secondMinutes')} unit={minutes} min={1} max={120} nullable />
            </Section>

            <ServiceDaySection />

            <Section title={t('rules.sections.handling')}>
              <NumberField name={['handling', 'reassignRequestWorkingDays']} label={t('rules.handling.reassignRequestWorkingDays')} unit={workingDays} min={0} max={365} />
              <NumberField name={['handling', 'coHandlingMonths']} label={t('rules.handling.coHandlingMonths')} unit={months} min={1} max={24} />
              <NumberField name={['handling', 'replyMonths']} label={t('rules.handling.replyMonths')} unit={months} min={1} max={24} />
              <NumberField name={['handling', 'hardCaseMonths']} label={t('rules.handling.hardCaseMonths')} unit={months} min={1} max={24} />
              <NumberField name={['handling', 'feedbackWorkingDays']} label={t('rules.handling.feedbackWorkingDays')} unit={workingDays} min={0} max={365} />
              <NumberField name={['handling', 'rehandleMonths']} label={t('rules.handling.rehandleMonths')} unit={months} min={1} max={24} />
            </Section>

            <Section title={t('rules.sections.audit')}>
              <Form.Item name={['audit', 'hash']} label={t('rules.audit.hash')}>
                <Select
                  options={[
                    { value: 'sha256', label: 'SHA-256' },
                    { value: 'sm3', label: 'SM3' },
                  ]}
                  style={{ maxWidth: 200 }}
                />
              </Form.Item>
            </Section>

            <Section title={t('rules.sections.privacy')}>
              <Form.Item name={['privacy', 'fieldCipher']} label={t('rules.privacy.fieldCipher')} extra={t('rules.privacy.fieldCipherHelp')}>
                <Select
                  options={[
                    { value: 'aes-256-gcm', label: 'AES-256-GCM' },
                    { value: 'sm4', label: t('rules.privacy.sm4') },
                  ]}
                  style={{ maxWidth: 200 }}
                />
              </Form.Item>
            </Section>

            {error ? (
              <div ref={errorRef}>
                <Alert type="error" showIcon title={t('rules.invalid')} description={errorText(error)} role="alert" data-testid="profile-error" />
              </div>
            ) : null}

            {can.administer ? (
              <div className="form-actions">
                <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving}>
                  {t('common.save')}
                </Button>
                <Button
                  icon={<UndoOutlined />}
                  onClick={() => {
                    form.setFieldsValue(toForm(profile));
                    setError(null);
                  }}
                >
                  {t('common.reset')}
                </Button>
              </div>
            ) : null}
          </Space>
        </Form>
      )}
    </>
  );
}

/** The liaison stations' monthly service day (e.g. the third Friday), or none. */
function ServiceDaySection() {
  const { t } = useTranslation();
  const enabled = Form.useWatch<boolean | undefined>('serviceDayEnabled');
  return (
    <Section title={t('rules.sections.serviceDay')}>
      <SwitchField name={['serviceDayEnabled']} label={t('rules.serviceDay.enabled')} />
      <Form.Item name={['serviceDay', 'weekOfMonth']} label={t('rules.serviceDay.weekOfMonth')}>
        <Select disabled={!enabled} options={[1, 2, 3, 4, 5].map((n) => ({ value: n, label: t('rules.serviceDay.week', { n }) }))} style={{ maxWidth: 200 }} />
      </Form.Item>
      <Form.Item name={['serviceDay', 'weekday']} label={t('rules.serviceDay.weekday')}>
        <Select
          disabled={!enabled}
          options={([1, 2, 3, 4, 5, 6, 7] as const).map((d) => ({ value: d, label: t(`rules.serviceDay.weekdays.d${d}`) }))}
          style={{ maxWidth: 200 }}
        />
      </Form.Item>
    </Section>
  );
}
