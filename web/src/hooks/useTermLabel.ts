// 第十二届 / Term 12.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { chineseNumber } from '../format.ts';

export function useTermLabel(): (n: number | null) => string {
  const { t } = useTranslation();
  return useCallback((n: number | null) => (n === null ? t('term.none') : t('term.label', { cn: chineseNumber(n), n })), [t]);
}
