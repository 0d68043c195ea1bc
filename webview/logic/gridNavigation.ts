/**
 * Keyboard navigation of the grid selection: which position a key moves to. Pure, so the rules
 * (clamping, PageUp/PageDown by a screenful, Home/End) are tested without a browser.
 */

/** Keys the grid handles for moving the selection. */
export const navigationKeys = ['ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End'] as const;
/** One navigation key. */
export type NavigationKey = (typeof navigationKeys)[number];

/** True when `key` moves the selection. */
export function isNavigationKey(key: string): key is NavigationKey {
  return (navigationKeys as readonly string[]).includes(key);
}

/**
 * The position the selection moves to, or undefined when there are no rows.
 * @param current selected position, or -1 when nothing is selected (then any key selects a row)
 * @param rowCount rows in the view
 * @param pageRows rows that fit on a screen
 */
export function nextPosition(
  key: NavigationKey,
  current: number,
  rowCount: number,
  pageRows: number,
): number | undefined {
  if (rowCount <= 0) return undefined;
  const last = rowCount - 1;
  const page = Math.max(1, pageRows - 1);
  if (current < 0 || current > last) {
    // Nothing selected: End goes to the last row, every other key to the first.
    return key === 'End' ? last : 0;
  }
  switch (key) {
    case 'ArrowUp':
      return Math.max(0, current - 1);
    case 'ArrowDown':
      return Math.min(last, current + 1);
    case 'PageUp':
      return Math.max(0, current - page);
    case 'PageDown':
      return Math.min(last, current + page);
    case 'Home':
      return 0;
    case 'End':
      return last;
  }
}
