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

export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#a8071a',
    colorLink: '#a8071a',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#ffffff', headerPadding: '0 16px' },
  },
};
