// Ant Design theme and locales. The red of the people's congresses, restrained for daily work.
import type { ConfigProviderProps, ThemeConfig } from 'antd';
import enUSModule from 'antd/es/locale/en_US.js';
import zhCNModule from 'antd/es/locale/zh_CN.js';
import type { Lang } from './i18n/index.ts';

type Locale = NonNullable<ConfigProviderProps['locale']>;

// antd ships these files as ES modules without declaring so, so the type checker sees a CommonJS
// wrapper while the bundler hands over the locale itself. Accept either.
const unwrap = (m: Locale | { default: Locale }): Locale => ('default' in m ? m.default : m);

export const antdLocale = (lang: Lang): Locale => unwrap(lang === 'en' ? enUSModule : zhCNModule);

const CJK = "'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC'";
const LATIN = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial";

/** Chinese text takes its punctuation from a Chinese font; English text from a Latin one. */
export const fontFamily = (lang: Lang): string => (lang === 'en' ? `${LATIN}, ${CJK}, sans-serif` : `-apple-system, BlinkMacSystemFont, ${CJK}, ${LATIN}, sans-serif`);

export const theme = (lang: Lang): ThemeConfig => ({
  token: {
    colorPrimary: '#a8071a',
    colorLink: '#a8071a',
    borderRadius: 6,
    fontFamily: fontFamily(lang),
    // Secondary text (menu group titles, page introductions) dark enough for WCAG AA contrast on white.
    colorTextDescription: 'rgba(0, 0, 0, 0.6)',
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#ffffff', headerPadding: '0 16px' },
  },
});
