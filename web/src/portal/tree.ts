// Orders congresses as a tree (parents before children) and tells each one's depth.
import type { Congress } from '../api.ts';

export interface TreeRow {
  congress: Congress;
  depth: number;
}

export function treeOrder(list: Congress[]): TreeRow[] {
  const ids = new Set(list.map((c) => c.id));
  const children = new Map<string | null, Congress[]>();
  for (const c of list) {
    const parent = c.parentId !== null && ids.has(c.parentId) ? c.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), c]);
  }
  const out: TreeRow[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const c of children.get(parent) ?? []) {
      out.push({ congress: c, depth });
      walk(c.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
