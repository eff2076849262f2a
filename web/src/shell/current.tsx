// The congress being worked on, as chosen in the address (/app/:slug/…), with what the user may do there.
import { createContext, useContext } from 'react';
import type { Congress, CurrentUser, Role } from '../api.ts';
import type { Abilities } from '../permissions.ts';

export interface Current {
  congress: Congress;
  user: CurrentUser;
  roles: Role[];
  can: Abilities;
  /** Reloads the shared list of congresses after one was created or changed. */
  reloadCongresses: () => void;
}

export const CurrentContext = createContext<Current | null>(null);

export function useCurrent(): Current {
  const c = useContext(CurrentContext);
  if (!c) throw new Error('useCurrent outside the workspace');
  return c;
}
