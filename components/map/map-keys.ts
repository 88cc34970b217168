// The map's keyboard shortcuts, decided by a pure function so that the rules are tested: `/` focuses the search,
// Esc clears the selection, `f` fits the map to the window. None fires while a person types in a field, and none
// with a modifier (the browser's own shortcuts).

export type MapKeyAction = 'focus-search' | 'clear-selection' | 'fit';

/** What a key press does on the page, given where the focus is; undefined for the keys the map leaves alone. */
export function mapKeyAction(
  event: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean },
  focus: { tagName: string; isContentEditable?: boolean; type?: string } | null,
): MapKeyAction | undefined {
  if (event.ctrlKey || event.metaKey || event.altKey) return undefined;
  const tag = focus?.tagName.toUpperCase();
  const typing = tag === 'TEXTAREA' || tag === 'SELECT' || focus?.isContentEditable === true || (tag === 'INPUT' && !['checkbox', 'radio', 'button', 'submit'].includes(focus?.type ?? 'text'));
  // In a field, Esc is the field's (a search box clears itself) and letters are text.
  if (typing) return undefined;
  if (event.key === '/') return 'focus-search';
  if (event.key === 'Escape') return 'clear-selection';
  if (event.key === 'f') return 'fit';
  return undefined;
}

/** The shortcuts as the legend lists them. */
export const MAP_KEYS: { key: string; does: string }[] = [
  { key: '/', does: 'search' },
  { key: 'Esc', does: 'clear the selection' },
  { key: 'f', does: 'fit the map' },
  { key: '← →', does: 'switch panel tabs (on a tab)' },
];
