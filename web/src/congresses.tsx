// The list of congresses (public), loaded once and shared by the portal and the workspace.
import { type ReactNode, createContext, useContext } from 'react';
import { type Congress, type CurrentUser, api } from './api.ts';
import { type Loaded, useLoader } from './hooks/useLoader.ts';

const CongressesContext = createContext<Loaded<Congress[]> | null>(null);

export function CongressesProvider({ children }: { children: ReactNode }) {
  const loaded = useLoader(() => api.congresses.list(), []);
  return <CongressesContext.Provider value={loaded}>{children}</CongressesContext.Provider>;
}

export function useCongresses(): Loaded<Congress[]> {
  const c = useContext(CongressesContext);
  if (!c) throw new Error('useCongresses outside CongressesProvider');
  return c;
}

const REMEMBERED = 'yishi.congress';

export function rememberCongress(slug: string): void {
  try {
    localStorage.setItem(REMEMBERED, slug);
  } catch {
    /* not kept: the default applies next time */
  }
}

function remembered(): string | null {
  try {
    return localStorage.getItem(REMEMBERED);
  } catch {
    return null;
  }
}

/** The congresses offered in the switcher: those where the user has roles (all for the platform administrator). */
export function workspaceCongresses(list: Congress[], user: CurrentUser): Congress[] {
  if (user.isSuperadmin) return list;
  const mine = list.filter((c) => (user.roles[c.id]?.length ?? 0) > 0);
  return mine.length > 0 ? mine : list;
}

/**
 * Where a user starts: the congress chosen last time if it is still offered, else the first one
 * where the user has roles — preferring one with a sitting term over an empty shell — else the
 * first congress.
 */
export function defaultCongress(list: Congress[], user: CurrentUser): Congress | undefined {
  const offered = workspaceCongresses(list, user);
  const last = offered.find((c) => c.slug === remembered());
  if (last) return last;
  const mine = list.filter((c) => (user.roles[c.id]?.length ?? 0) > 0);
  return mine.find((c) => c.currentTerm !== null) ?? mine[0] ?? offered[0];
}
