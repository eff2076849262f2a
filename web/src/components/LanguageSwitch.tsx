// One button that switches between Chinese and English; the choice is remembered.
import { TranslationOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLang, setLang } from '../i18n/index.ts';

export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const toggle = () => void setLang(currentLang() === 'en' ? 'zh-CN' : 'en');
  return (
    <Button type="text" icon={<TranslationOutlined />} onClick={toggle} aria-label={t('common.language')} data-testid="language-switch">
      {compact ? t('common.switchLanguageShort') : t('common.switchLanguage')}
    </Button>
  );
}
