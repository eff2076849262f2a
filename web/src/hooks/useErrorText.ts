// Turns anything thrown into a sentence in the reader's language: the server's own message (with
// the rule it enforces, if any), or a plain explanation when the server could not be reached.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.ts';

export function useErrorText(): (e: unknown) => string {
  const { t, i18n } = useTranslation();
  return useCallback(
    (e: unknown) => {
      if (e instanceof ApiError) {
        if (e.body) {
          const en = i18n.language === 'en';
          const text = en ? e.body.message_en : e.body.message_zh;
          if (!e.body.rule) return text;
          const rule = t('errors.rule', { rule: e.body.rule });
          return en ? `${text} (${rule})` : `${text}（${rule}）`;
        }
        if (e.status === 0) return t('errors.network');
      }
      return t('errors.unexpected');
    },
    [t, i18n.language],
  );
}
