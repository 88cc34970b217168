import { describe, expect, it } from 'vitest';
import { mapKeyAction } from './map-keys';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods });
const body = { tagName: 'BODY' };

describe('mapKeyAction: the map’s shortcuts, never while typing', () => {
  it.each([
    { name: '/ focuses the search', event: key('/'), focus: body, want: 'focus-search' },
    { name: 'Esc clears the selection', event: key('Escape'), focus: body, want: 'clear-selection' },
    { name: 'f fits the map', event: key('f'), focus: body, want: 'fit' },
    { name: 'on a button (a panel tab) the shortcuts still work', event: key('f'), focus: { tagName: 'BUTTON' }, want: 'fit' },
    { name: 'on a checkbox too', event: key('/'), focus: { tagName: 'INPUT', type: 'checkbox' }, want: 'focus-search' },
    { name: 'F (shift) is not f', event: key('F'), focus: body, want: undefined },
    { name: 'Ctrl+F is the browser’s find', event: key('f', { ctrlKey: true }), focus: body, want: undefined },
    { name: 'typing f in the search box is text', event: key('f'), focus: { tagName: 'INPUT', type: 'search' }, want: undefined },
    { name: 'Esc in a text field is the field’s', event: key('Escape'), focus: { tagName: 'INPUT', type: 'text' }, want: undefined },
    { name: '/ in the what-if’s YAML is text', event: key('/'), focus: { tagName: 'TEXTAREA' }, want: undefined },
    { name: 'keys in a select choose options', event: key('f'), focus: { tagName: 'SELECT' }, want: undefined },
    { name: 'other keys are left alone', event: key('x'), focus: body, want: undefined },
  ])('$name', ({ event, focus, want }) => {
    expect(mapKeyAction(event, focus)).toBe(want);
  });
});
