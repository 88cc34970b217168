import { describe, expect, it } from 'vitest';
import { matchesCalicoSelector, parseCalicoSelector } from './selector';

// Semantics after libcalico-go's selector parser (lib/selector/parser/ast.go): each case names the rule it proves.
const labels = { app: 'db', tier: 'backend', 'projectcalico.org/namespace': 'shop', version: 'v2-canary' };

describe('Calico selector grammar and matching', () => {
  it.each([
    { rule: 'an empty selector is all()', text: '', want: true },
    { rule: 'all() matches every endpoint', text: 'all()', want: true },
    { rule: 'global() matches like all()', text: 'global()', want: true },
    { rule: '== needs the label with that value', text: "app == 'db'", want: true },
    { rule: '== on another value does not match', text: "app == 'web'", want: false },
    { rule: '== on an absent label does not match', text: "role == 'db'", want: false },
    { rule: 'double quotes are strings too', text: 'app == "db"', want: true },
    { rule: '!= matches another value', text: "app != 'web'", want: true },
    { rule: '!= matches an absent label', text: "role != 'db'", want: true },
    { rule: '!= does not match the same value', text: "app != 'db'", want: false },
    { rule: 'in {} matches a listed value', text: "app in { 'web', 'db' }", want: true },
    { rule: 'in {} needs the label', text: "role in { 'db' }", want: false },
    { rule: 'in with an empty set matches nothing', text: 'app in {}', want: false },
    { rule: 'not in {} matches an absent label', text: "role not in { 'db' }", want: true },
    { rule: 'not in {} does not match a listed value', text: "app not in {'db','web'}", want: false },
    { rule: 'has() needs the label', text: 'has(tier)', want: true },
    { rule: '!has() needs the label absent', text: '!has(tier)', want: false },
    { rule: 'has() reads prefixed keys', text: 'has(projectcalico.org/namespace)', want: true },
    { rule: '&& needs both', text: "app == 'db' && tier == 'frontend'", want: false },
    { rule: '|| needs either', text: "app == 'web' || tier == 'backend'", want: true },
    { rule: '&& binds tighter than ||', text: "app == 'web' && tier == 'x' || has(app)", want: true },
    { rule: 'parentheses group', text: "app == 'web' && (tier == 'x' || has(app))", want: false },
    { rule: '! negates a parenthesised expression', text: "!(app == 'db' && has(tier))", want: false },
    { rule: '!! cancels out', text: '!!has(app)', want: true },
    { rule: 'contains', text: "version contains 'canary'", want: true },
    { rule: 'starts with', text: "version starts with 'v2'", want: true },
    { rule: 'ends with', text: "version ends with 'v2'", want: false },
    { rule: 'tabs and spaces between tokens are ignored', text: "\tapp   ==\t'db'  ", want: true },
  ])('$rule: $text', ({ text, want }) => {
    const parsed = parseCalicoSelector(text);
    if ('error' in parsed) throw new Error(parsed.error);
    expect(matchesCalicoSelector(parsed.selector, labels)).toBe(want);
  });

  it.each([
    { rule: 'a single = is not an operator', text: "app = 'db'", error: 'expected ==' },
    { rule: 'a value must be quoted', text: 'app == db', error: 'expected a quoted string' },
    { rule: 'a string must end', text: "app == 'db", error: 'unterminated string' },
    { rule: 'parentheses must close', text: "(app == 'db'", error: "expected ')'" },
    { rule: 'a set must close', text: "app in {'a'", error: "expected '}'" },
    { rule: 'a label needs an operator', text: 'app', error: 'expected an operator after app' },
    { rule: 'nothing may follow the expression', text: "has(a) has(b)", error: 'after the end of the expression' },
    { rule: 'has() needs a label', text: 'has()', error: 'no label name in has(' },
    { rule: '&& needs a right operand', text: 'has(a) &&', error: 'unexpected end of selector' },
  ])('rejects: $rule', ({ text, error }) => {
    const parsed = parseCalicoSelector(text);
    expect('error' in parsed && parsed.error).toContain(error);
  });
});
