// Sensible SEO for the portal's pages: a title and a meta description per page (lang is set by i18n).
import { useEffect } from 'react';

export function usePageMeta(title: string | undefined, description: string | undefined): void {
  useEffect(() => {
    if (title) document.title = title;
    if (description === undefined) return;
    let meta = document.head.querySelector<HTMLMetaElement>('meta[name="description"]');
    if (!meta) {
      meta = document.createElement('meta');
      meta.name = 'description';
      document.head.appendChild(meta);
    }
    meta.content = description;
  }, [title, description]);
}

/** 2023-08-24 → 2023年8月24日 (Chinese) or the ISO date (English). */
export function dateLabel(iso: string, lang: string): string {
  if (!/^\d{4}-\d{2}-\d{2}/.test(iso)) return iso;
  if (lang === 'en') return iso.slice(0, 10);
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
