// Parse and check in one step: what parseLegislation, createExpression and the benchmark run.
import { type CheckOptions, runChecks } from './checks.rules.ts';
import { type Finding, type LegalDoc } from './legislation.model.ts';
import { type ParseOptions, parseLegislation } from './parse.rules.ts';

export interface Analysis {
  doc: LegalDoc;
  findings: Finding[];
}

export function analyzeText(src: string, opts: ParseOptions & CheckOptions = {}): Analysis {
  const { doc, findings } = parseLegislation(src, opts);
  const checks = runChecks(doc, opts);
  // The parser reports where a line went; the checks report what is wrong with the result. Sorted
  // by line so the list reads like the text.
  const all = [...findings, ...checks].map((f, i) => ({ f, i }));
  all.sort((a, b) => (a.f.line ?? Number.MAX_SAFE_INTEGER) - (b.f.line ?? Number.MAX_SAFE_INTEGER) || a.i - b.i);
  return { doc, findings: all.map((x) => x.f) };
}
