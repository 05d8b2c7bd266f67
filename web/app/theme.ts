import type { ThemeConfig } from 'antd';

export const brandColor = '#1a5fb4';
/** The side menu's column (and the phone's menu drawer). */
export const siderColor = '#0f2a4a';

/** Browser tests set `localStorage.ykNoMotion = '1'` or open a URL with `?nomotion` for stable screenshots. */
export function isMotionDisabled(): boolean {
  try {
    if (new URLSearchParams(window.location.search).has('nomotion')) {
      localStorage.setItem('ykNoMotion', '1');
      return true;
    }
    return localStorage.getItem('ykNoMotion') === '1';
  } catch {
    return false;
  }
}

export function buildTheme(noMotion: boolean): ThemeConfig {
  return {
    token: {
      colorPrimary: brandColor,
      colorInfo: brandColor,
      borderRadius: 6,
      fontFamily:
        "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
      colorBgLayout: '#f3f5f8',
      motion: !noMotion,
    },
    components: {
      Layout: { siderBg: siderColor, headerBg: '#ffffff', headerPadding: '0 20px', headerHeight: 56 },
      Menu: {
        darkItemBg: siderColor,
        darkSubMenuItemBg: '#0b2240',
        darkItemSelectedBg: brandColor,
      },
      Table: { headerBg: '#f7f9fc' },
    },
  };
}
