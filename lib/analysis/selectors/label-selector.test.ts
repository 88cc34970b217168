import { describe, expect, it } from 'vitest';
import type { LabelSelector, LabelSelectorRequirement } from '@/lib/model/types';
import { formatSelector, matchesSelector, selectorMismatches } from './label-selector';

const sel = (matchLabels: Record<string, string> = {}, matchExpressions: LabelSelectorRequirement[] = []): LabelSelector => ({
  matchLabels,
  matchExpressions,
});
const req = (key: string, operator: LabelSelectorRequirement['operator'], values: string[] = []): LabelSelectorRequirement => ({
  key,
  operator,
  values,
});

type Case<T> = { name: string; selector: LabelSelector; labels: Record<string, string>; want: T };

describe('matchesSelector', () => {
  it.each<Case<boolean>>([
    { name: 'an empty selector matches every pod (meta/v1 LabelSelector: empty selects all)', selector: sel(), labels: { app: 'web' }, want: true },
    { name: 'an empty selector matches a pod with no labels (meta/v1 LabelSelector)', selector: sel(), labels: {}, want: true },
    { name: 'matchLabels matches an equal value (meta/v1 LabelSelector.matchLabels)', selector: sel({ app: 'api' }), labels: { app: 'api', tier: 'x' }, want: true },
    { name: 'matchLabels rejects a different value (meta/v1 LabelSelector.matchLabels)', selector: sel({ app: 'api' }), labels: { app: 'web' }, want: false },
    { name: 'matchLabels rejects an absent key (meta/v1 LabelSelector.matchLabels)', selector: sel({ app: 'api' }), labels: {}, want: false },
    { name: 'matchLabels with an empty value requires the key with an empty value', selector: sel({ app: '' }), labels: {}, want: false },
    { name: 'every matchLabels pair must hold (meta/v1 LabelSelector: requirements are ANDed)', selector: sel({ app: 'api', tier: 'db' }), labels: { app: 'api', tier: 'web' }, want: false },
    { name: 'In matches a present key with a listed value (meta/v1 LabelSelectorRequirement)', selector: sel({}, [req('tier', 'In', ['db', 'cache'])]), labels: { tier: 'cache' }, want: true },
    { name: 'In rejects a value not listed (meta/v1 LabelSelectorRequirement)', selector: sel({}, [req('tier', 'In', ['db', 'cache'])]), labels: { tier: 'web' }, want: false },
    { name: 'In rejects an absent key (meta/v1 LabelSelectorRequirement)', selector: sel({}, [req('tier', 'In', ['db'])]), labels: {}, want: false },
    { name: 'NotIn matches when the key is absent (meta/v1 LabelSelectorRequirement)', selector: sel({}, [req('env', 'NotIn', ['prod'])]), labels: {}, want: true },
    { name: 'NotIn matches a value not listed (meta/v1 LabelSelectorRequirement)', selector: sel({}, [req('env', 'NotIn', ['prod'])]), labels: { env: 'dev' }, want: true },
    { name: 'NotIn rejects a listed value (meta/v1 LabelSelectorRequirement)', selector: sel({}, [req('env', 'NotIn', ['prod', 'staging'])]), labels: { env: 'staging' }, want: false },
    { name: 'Exists matches a present key, even with an empty value (meta/v1 LabelSelectorRequirement)', selector: sel({}, [req('team', 'Exists')]), labels: { team: '' }, want: true },
    { name: 'Exists rejects an absent key (meta/v1 LabelSelectorRequirement)', selector: sel({}, [req('team', 'Exists')]), labels: { app: 'x' }, want: false },
    { name: 'DoesNotExist matches an absent key (meta/v1 LabelSelectorRequirement)', selector: sel({}, [req('legacy', 'DoesNotExist')]), labels: { app: 'x' }, want: true },
    { name: 'DoesNotExist rejects a present key whatever its value (meta/v1 LabelSelectorRequirement)', selector: sel({}, [req('legacy', 'DoesNotExist')]), labels: { legacy: '' }, want: false },
    {
      name: 'matchLabels and matchExpressions are ANDed (meta/v1 LabelSelector)',
      selector: sel({ app: 'api' }, [req('tier', 'In', ['db'])]),
      labels: { app: 'api', tier: 'web' },
      want: false,
    },
    {
      name: 'a pod satisfying matchLabels and every expression matches (meta/v1 LabelSelector)',
      selector: sel({ app: 'api' }, [req('tier', 'In', ['db', 'cache']), req('legacy', 'DoesNotExist'), req('env', 'NotIn', ['prod']), req('team', 'Exists')]),
      labels: { app: 'api', tier: 'db', env: 'dev', team: 'core' },
      want: true,
    },
    { name: 'a label named like an Object.prototype member is not inherited', selector: sel({}, [req('constructor', 'Exists')]), labels: {}, want: false },
  ])('$name', ({ selector, labels, want }) => {
    expect(matchesSelector(selector, labels)).toBe(want);
  });
});

describe('selectorMismatches', () => {
  it.each<Case<string[]>>([
    { name: 'a matching selector has no reasons', selector: sel({ app: 'api' }, [req('team', 'Exists')]), labels: { app: 'api', team: 'x' }, want: [] },
    { name: 'an empty selector has no reasons (meta/v1 LabelSelector: empty selects all)', selector: sel(), labels: {}, want: [] },
    { name: 'matchLabels with another value names both values', selector: sel({ app: 'api' }), labels: { app: 'web' }, want: ['app=api required, the pod has app=web'] },
    { name: 'matchLabels with the key absent says so', selector: sel({ app: 'api' }), labels: {}, want: ['app=api required, the pod has no app label'] },
    {
      name: 'In with an unlisted value lists the values',
      selector: sel({}, [req('tier', 'In', ['db', 'cache'])]),
      labels: { tier: 'web' },
      want: ['tier in (db, cache) required, the pod has tier=web'],
    },
    {
      name: 'In with the key absent says so (In needs the key, meta/v1 LabelSelectorRequirement)',
      selector: sel({}, [req('tier', 'In', ['db'])]),
      labels: {},
      want: ['tier in (db) required, the pod has no tier label'],
    },
    { name: 'DoesNotExist with the key present names its value', selector: sel({}, [req('tier', 'DoesNotExist')]), labels: { tier: 'web' }, want: ['tier must not be set, the pod has tier=web'] },
    { name: 'NotIn with a listed value names it', selector: sel({}, [req('env', 'NotIn', ['prod'])]), labels: { env: 'prod' }, want: ['env notin (prod) required, the pod has env=prod'] },
    { name: 'Exists with the key absent says it must be set', selector: sel({}, [req('team', 'Exists')]), labels: {}, want: ['team must be set'] },
    {
      name: 'one reason per failed requirement, matchLabels first then expressions in order; satisfied ones are left out',
      selector: sel({ app: 'api', zone: 'a' }, [req('team', 'Exists'), req('tier', 'In', ['db']), req('env', 'NotIn', ['prod'])]),
      labels: { app: 'web', zone: 'a', env: 'prod', tier: 'db' },
      want: ['app=api required, the pod has app=web', 'team must be set', 'env notin (prod) required, the pod has env=prod'],
    },
  ])('$name', ({ selector, labels, want }) => {
    expect(selectorMismatches(selector, labels)).toEqual(want);
    expect(matchesSelector(selector, labels)).toBe(want.length === 0);
  });

  it.each<Case<string[]> & { subject: string }>([
    {
      name: 'a subject replaces "the pod" (a namespaceSelector explains a namespace)',
      selector: sel({ team: 'core' }, [req('env', 'NotIn', ['prod']), req('legacy', 'DoesNotExist')]),
      labels: { team: 'web', env: 'prod', legacy: 'yes' },
      subject: 'namespace shop',
      want: ['team=core required, namespace shop has team=web', 'env notin (prod) required, namespace shop has env=prod', 'legacy must not be set, namespace shop has legacy=yes'],
    },
    {
      name: 'with a subject, a failed Exists and an absent key name the subject',
      selector: sel({ app: 'api' }, [req('team', 'Exists'), req('tier', 'In', ['db'])]),
      labels: {},
      subject: 'pod shop/web-1',
      want: ['app=api required, pod shop/web-1 has no app label', 'team must be set, pod shop/web-1 has no team label', 'tier in (db) required, pod shop/web-1 has no tier label'],
    },
  ])('$name', ({ selector, labels, subject, want }) => {
    expect(selectorMismatches(selector, labels, subject)).toEqual(want);
  });
});

describe('formatSelector', () => {
  it.each([
    { name: 'an empty selector reads (all) (meta/v1 LabelSelector: empty selects all)', selector: sel(), want: '(all)' },
    { name: 'matchLabels read key=value', selector: sel({ app: 'api' }), want: 'app=api' },
    {
      name: 'kubectl syntax for every operator, matchLabels first, expressions in order',
      selector: sel({ app: 'api' }, [req('tier', 'In', ['db', 'cache']), req('legacy', 'DoesNotExist'), req('env', 'NotIn', ['prod']), req('team', 'Exists')]),
      want: 'app=api,tier in (db,cache),!legacy,env notin (prod),team',
    },
    { name: 'several matchLabels are comma-separated', selector: sel({ app: 'api', tier: 'db' }), want: 'app=api,tier=db' },
    { name: 'expressions alone', selector: sel({}, [req('team', 'Exists')]), want: 'team' },
  ])('$name', ({ selector, want }) => {
    expect(formatSelector(selector)).toBe(want);
  });
});
