// Bodies for a select, grouped by kind in the usual order (常委会, 主任会议, 专门委员会, …).
import type { TFunction } from 'i18next';
import type { Body } from '../api.ts';
import { BODY_KINDS } from '../domain.ts';

export function bodyOptions(bodies: Body[], t: TFunction) {
  return BODY_KINDS.map((kind) => ({
    label: t(`bodyKinds.${kind}`),
    title: t(`bodyKinds.${kind}`),
    options: bodies.filter((b) => b.kind === kind).map((b) => ({ value: b.id, label: b.name })),
  })).filter((g) => g.options.length > 0);
}
