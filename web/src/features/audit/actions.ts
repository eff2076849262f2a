// Names for the audit actions the interface knows; others are shown by their code alone.
import type { zh } from '../../i18n/zh.ts';

type Groups = (typeof zh)['auditActions'];
export type KnownAction = { [G in keyof Groups]: `${G & string}.${keyof Groups[G] & string}` }[keyof Groups];

export function knownActions(groups: Record<string, Record<string, string>>): KnownAction[] {
  return Object.entries(groups).flatMap(([g, m]) => Object.keys(m).map((k) => `${g}.${k}` as KnownAction));
}
