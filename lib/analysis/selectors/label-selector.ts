// Kubernetes label selectors (meta/v1 LabelSelector): matching, explaining a mismatch, and kubectl-style text.
// Pure functions over the plain model; no I/O.

import type { LabelSelector, LabelSelectorRequirement } from '@/lib/model/types';

const has = (labels: Record<string, string>, key: string) => Object.prototype.hasOwnProperty.call(labels, key);

function requirementMatches(requirement: LabelSelectorRequirement, labels: Record<string, string>): boolean {
  const present = has(labels, requirement.key);
  switch (requirement.operator) {
    case 'In':
      return present && requirement.values.includes(labels[requirement.key] as string);
    case 'NotIn':
      return !present || !requirement.values.includes(labels[requirement.key] as string);
    case 'Exists':
      return present;
    case 'DoesNotExist':
      return !present;
  }
}

/**
 * Whether labels satisfy the selector: every matchLabels pair AND every matchExpressions requirement.
 * An empty selector (no matchLabels, no expressions) matches everything.
 */
export function matchesSelector(selector: LabelSelector, labels: Record<string, string>): boolean {
  // Loops rather than entries() and every(): the engine matches selectors millions of times, and these allocate.
  const required = selector.matchLabels;
  for (const key in required) {
    if (!has(labels, key) || labels[key] !== required[key]) return false;
  }
  const expressions = selector.matchExpressions;
  for (let i = 0; i < expressions.length; i++) {
    if (!requirementMatches(expressions[i]!, labels)) return false;
  }
  return true;
}

/**
 * One human-readable reason per failed requirement (matchLabels first, then expressions, in order); [] when it matches.
 * subject names what the labels belong to (`namespace shop`, `pod shop/web`); it defaults to `the pod`. When a subject
 * is given, a failed Exists also says the subject lacks the label, so reasons of several selectors can be mixed.
 */
export function selectorMismatches(selector: LabelSelector, labels: Record<string, string>, subject?: string): string[] {
  const reasons: string[] = [];
  const who = subject ?? 'the pod';
  const actual = (key: string) => (has(labels, key) ? `${who} has ${key}=${labels[key]}` : `${who} has no ${key} label`);
  for (const [key, value] of Object.entries(selector.matchLabels)) {
    if (!has(labels, key) || labels[key] !== value) reasons.push(`${key}=${value} required, ${actual(key)}`);
  }
  for (const requirement of selector.matchExpressions) {
    if (requirementMatches(requirement, labels)) continue;
    const { key, operator, values } = requirement;
    switch (operator) {
      case 'In':
        reasons.push(`${key} in (${values.join(', ')}) required, ${actual(key)}`);
        break;
      case 'NotIn':
        reasons.push(`${key} notin (${values.join(', ')}) required, ${actual(key)}`);
        break;
      case 'Exists':
        reasons.push(subject === undefined ? `${key} must be set` : `${key} must be set, ${actual(key)}`);
        break;
      case 'DoesNotExist':
        reasons.push(`${key} must not be set, ${actual(key)}`);
        break;
    }
  }
  return reasons;
}

/** kubectl-style text, e.g. `app=api,tier in (db,cache),!legacy,env notin (prod),team`; an empty selector is `(all)`. */
export function formatSelector(selector: LabelSelector): string {
  const parts = Object.entries(selector.matchLabels).map(([key, value]) => `${key}=${value}`);
  for (const { key, operator, values } of selector.matchExpressions) {
    switch (operator) {
      case 'In':
        parts.push(`${key} in (${values.join(',')})`);
        break;
      case 'NotIn':
        parts.push(`${key} notin (${values.join(',')})`);
        break;
      case 'Exists':
        parts.push(key);
        break;
      case 'DoesNotExist':
        parts.push(`!${key}`);
        break;
    }
  }
  return parts.length === 0 ? '(all)' : parts.join(',');
}
