// One button that switches between Chinese and English; the choice is remembered.
import { TranslationOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLang, setLang } from '../i18n/index.ts';

export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const toggle = () => void setLang(currentLang() === 'en' ? 'zh-CN' : 'en');
  return (
    // The visible text is the accessible name (WCAG 2.5.3); the target language is marked for screen readers.
    <Button type="text" icon={<TranslationOutlined aria-hidden />} onClick={toggle} data-testid="language-switch" lang={currentLang() === 'en' ? 'zh-CN' : 'en'}>
      {compact ? t('common.switchLanguageShort') : t('common.switchLanguage')}
    </Button>
  );
}
