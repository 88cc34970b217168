// Calico's selector language (the selector of a Calico policy, its namespaceSelector and serviceAccountSelector),
// parsed and evaluated as libcalico-go's selector/tokenizer and selector/parser do it:
//
//   expr    := and ('||' and)*
//   and     := op ('&&' op)*
//   op      := '!'* ( 'all()' | 'global()' | 'has(' key ')' | key '==' str | key '!=' str | key 'in' set
//                    | key 'not in' set | key 'contains' str | key 'starts with' str | key 'ends with' str | '(' expr ')' )
//   set     := '{' (str (',' str)*)? '}'        str := '...' or "..."        key := [a-zA-Z0-9_./-]+
//
// An empty selector is all(). `k != 'v'` and `k not in {...}` also match when the label is absent; `==`, `in`,
// `contains`, `starts with` and `ends with` need it present.

export type CalicoSelector =
  | { op: 'all' }
  | { op: 'global' }
  | { op: 'has'; key: string }
  | { op: '==' | '!=' | 'contains' | 'starts with' | 'ends with'; key: string; value: string }
  | { op: 'in' | 'not in'; key: string; values: string[] }
  | { op: 'not'; operand: CalicoSelector }
  | { op: 'and' | 'or'; operands: CalicoSelector[] };

export type ParsedSelector = { selector: CalicoSelector } | { error: string };

type Token =
  | { kind: 'label'; value: string }
  | { kind: 'string'; value: string }
  | { kind: 'has'; value: string }
  | { kind: '(' | ')' | '{' | '}' | ',' | '==' | '!=' | '!' | '&&' | '||' | 'in' | 'not in' | 'contains' | 'starts with' | 'ends with' | 'all' | 'global' | 'eof' };

const KEY = /^[a-zA-Z0-9_./-]+/;

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let rest = input;
  const fail = (message: string): never => {
    throw new SelectorSyntaxError(`${message} at character ${input.length - rest.length + 1}`);
  };
  for (;;) {
    rest = rest.replace(/^[ \t]+/, '');
    if (rest === '') {
      tokens.push({ kind: 'eof' });
      return tokens;
    }
    const two = rest.slice(0, 2);
    const c = rest[0]!;
    if (two === '==' || two === '!=' || two === '&&' || two === '||') {
      tokens.push({ kind: two });
      rest = rest.slice(2);
    } else if (c === '(' || c === ')' || c === '{' || c === '}' || c === ',' || c === '!') {
      tokens.push({ kind: c });
      rest = rest.slice(1);
    } else if (c === '"' || c === "'") {
      const end = rest.indexOf(c, 1);
      if (end < 0) fail('unterminated string');
      tokens.push({ kind: 'string', value: rest.slice(1, end) });
      rest = rest.slice(end + 1);
    } else if (c === '=' || c === '&' || c === '|') {
      fail(`expected ${c}${c}`);
    } else if (tokens.at(-1)?.kind === 'label') {
      // After a label only an operator word can come.
      const word = /^(contains|starts[ \t]+with|ends[ \t]+with|not[ \t]+in|in)/.exec(rest);
      if (!word) fail('expected an operator after a label');
      tokens.push({ kind: word![1]!.replace(/[ \t]+/, ' ') as 'contains' | 'starts with' | 'ends with' | 'not in' | 'in' });
      rest = rest.slice(word![0].length);
    } else {
      const call = /^(has|all|global)\([ \t]*/.exec(rest);
      if (call) {
        rest = rest.slice(call[0].length);
        let key = '';
        if (call[1] === 'has') {
          key = KEY.exec(rest)?.[0] ?? '';
          if (!key) fail('no label name in has(');
          rest = rest.slice(key.length).replace(/^[ \t]+/, '');
        }
        if (!rest.startsWith(')')) fail(`no closing ')' after ${call[1]}(`);
        rest = rest.slice(1);
        tokens.push(call[1] === 'has' ? { kind: 'has', value: key } : { kind: call[1] as 'all' | 'global' });
      } else {
        const key = KEY.exec(rest)?.[0];
        if (!key) fail('unexpected character');
        tokens.push({ kind: 'label', value: key! });
        rest = rest.slice(key!.length);
      }
    }
  }
}

class SelectorSyntaxError extends Error {}

class Parser {
  private at = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.at]!;
  }

  private next(): Token {
    return this.tokens[this.at++]!;
  }

  private expect<K extends Token['kind']>(kind: K, what: string): Extract<Token, { kind: K }> {
    const token = this.next();
    if (token.kind !== kind) throw new SelectorSyntaxError(`expected ${what}, found ${describe(token)}`);
    return token as Extract<Token, { kind: K }>;
  }

  parseRoot(): CalicoSelector {
    if (this.peek().kind === 'eof') return { op: 'all' };
    const selector = this.parseOr();
    if (this.peek().kind !== 'eof') throw new SelectorSyntaxError(`unexpected ${describe(this.peek())} after the end of the expression`);
    return selector;
  }

  private parseOr(): CalicoSelector {
    const operands = [this.parseAnd()];
    while (this.peek().kind === '||') {
      this.next();
      operands.push(this.parseAnd());
    }
    return operands.length === 1 ? operands[0]! : { op: 'or', operands };
  }

  private parseAnd(): CalicoSelector {
    const operands = [this.parseOperation()];
    while (this.peek().kind === '&&') {
      this.next();
      operands.push(this.parseOperation());
    }
    return operands.length === 1 ? operands[0]! : { op: 'and', operands };
  }

  private parseOperation(): CalicoSelector {
    let negated = false;
    while (this.peek().kind === '!') {
      this.next();
      negated = !negated;
    }
    const operation = this.parseTerm();
    return negated ? { op: 'not', operand: operation } : operation;
  }

  private parseTerm(): CalicoSelector {
    const token = this.next();
    switch (token.kind) {
      case 'all':
      case 'global':
        return { op: token.kind };
      case 'has':
        return { op: 'has', key: token.value };
      case '(': {
        const inner = this.parseOr();
        this.expect(')', "')'");
        return inner;
      }
      case 'label': {
        const operator = this.next();
        switch (operator.kind) {
          case '==':
          case '!=':
          case 'contains':
          case 'starts with':
          case 'ends with':
            return { op: operator.kind, key: token.value, value: this.expect('string', 'a quoted string').value };
          case 'in':
          case 'not in':
            return { op: operator.kind, key: token.value, values: this.parseSet() };
          default:
            throw new SelectorSyntaxError(`expected an operator after ${token.value}, found ${describe(operator)}`);
        }
      }
      default:
        throw new SelectorSyntaxError(`unexpected ${describe(token)}`);
    }
  }

  private parseSet(): string[] {
    this.expect('{', "'{'");
    const values: string[] = [];
    while (this.peek().kind === 'string') {
      values.push((this.next() as { value: string }).value);
      if (this.peek().kind !== ',') break;
      this.next();
    }
    this.expect('}', "'}'");
    return values;
  }
}

function describe(token: Token): string {
  if (token.kind === 'eof') return 'end of selector';
  if ('value' in token) return token.kind === 'string' ? `'${token.value}'` : token.value;
  return `'${token.kind}'`;
}

const cache = new Map<string, ParsedSelector>();

/** Parses a Calico selector expression (cached: policies repeat the same few). */
export function parseCalicoSelector(text: string): ParsedSelector {
  let parsed = cache.get(text);
  if (!parsed) {
    try {
      parsed = { selector: new Parser(tokenize(text)).parseRoot() };
    } catch (error) {
      if (!(error instanceof SelectorSyntaxError)) throw error;
      parsed = { error: `selector "${text}" cannot be parsed: ${error.message}` };
    }
    cache.set(text, parsed);
  }
  return parsed;
}

/** Does the selector match these labels? `global()` matches like all() (it only widens a rule's scope). */
export function matchesCalicoSelector(selector: CalicoSelector, labels: Readonly<Record<string, string>>): boolean {
  const value = (key: string) => (Object.hasOwn(labels, key) ? labels[key] : undefined);
  switch (selector.op) {
    case 'all':
    case 'global':
      return true;
    case 'has':
      return value(selector.key) !== undefined;
    case '==':
      return value(selector.key) === selector.value;
    case '!=':
      return value(selector.key) !== selector.value;
    case 'contains':
      return value(selector.key)?.includes(selector.value) ?? false;
    case 'starts with':
      return value(selector.key)?.startsWith(selector.value) ?? false;
    case 'ends with':
      return value(selector.key)?.endsWith(selector.value) ?? false;
    case 'in': {
      const v = value(selector.key);
      return v !== undefined && selector.values.includes(v);
    }
    case 'not in': {
      const v = value(selector.key);
      return v === undefined || !selector.values.includes(v);
    }
    case 'not':
      return !matchesCalicoSelector(selector.operand, labels);
    case 'and':
      return selector.operands.every((o) => matchesCalicoSelector(o, labels));
    case 'or':
      return selector.operands.some((o) => matchesCalicoSelector(o, labels));
  }
}

/** Every label key the selector reads. */
export function selectorKeys(selector: CalicoSelector): string[] {
  switch (selector.op) {
    case 'all':
    case 'global':
      return [];
    case 'not':
      return selectorKeys(selector.operand);
    case 'and':
    case 'or':
      return selector.operands.flatMap(selectorKeys);
    default:
      return [selector.key];
  }
}
