import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from './csv';

// [RFC4180] = RFC 4180 section 2, "Definition of the CSV Format".
describe('csvField', () => {
  it.each([
    { rule: 'a field without special characters is written as it is [RFC4180 rule 5]', value: 'shop/Deployment/api', out: 'shop/Deployment/api' },
    { rule: 'an empty field is empty', value: '', out: '' },
    { rule: 'a comma encloses the field in double quotes [RFC4180 rule 6]', value: '0.0.0.0/0,::/0', out: '"0.0.0.0/0,::/0"' },
    { rule: 'a double quote encloses the field and is doubled [RFC4180 rule 7]', value: 'say "hi"', out: '"say ""hi"""' },
    { rule: 'a line break (LF) encloses the field [RFC4180 rule 6]', value: 'a\nb', out: '"a\nb"' },
    { rule: 'a carriage return encloses the field [RFC4180 rule 6]', value: 'a\rb', out: '"a\rb"' },
    { rule: 'spaces are part of the field and need no quotes [RFC4180 rule 4]', value: ' TCP 8080 ', out: ' TCP 8080 ' },
  ])('$rule', ({ value, out }) => {
    expect(csvField(value)).toBe(out);
  });
});

describe('toCsv', () => {
  it('writes the header, then one record per row, separated by CRLF; the last line break may be left out [RFC4180 rules 1, 2 and 3]', () => {
    expect(toCsv({ columns: ['source', 'connections'], rows: [['a', 'TCP 80'], ['b', 'TCP 80; UDP 53,54']] })).toBe(
      'source,connections\r\na,TCP 80\r\nb,"TCP 80; UDP 53,54"',
    );
  });

  it('a table without rows is its header record', () => {
    expect(toCsv({ columns: ['a', 'b'], rows: [] })).toBe('a,b');
  });
});
