// Phones get drawers and full-width panels. Before antd has measured the screen (first render),
// the browser is asked directly so the layout does not jump.
import { Grid } from 'antd';

export function useIsPhone(): boolean {
  const screens = Grid.useBreakpoint();
  return !(screens.md ?? window.matchMedia('(min-width: 768px)').matches);
}
