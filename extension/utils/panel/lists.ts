/** Small list edits for the Room tab's editors (goals, tip menu). */

/** A copy of `list` with the item at `index` moved `by` places (clamped to the ends). */
export function moveItem<T>(list: readonly T[], index: number, by: number): T[] {
  const target = Math.max(0, Math.min(list.length - 1, index + by));
  if (index < 0 || index >= list.length || target === index) return [...list];
  const next = [...list];
  const [item] = next.splice(index, 1);
  next.splice(target, 0, item!);
  return next;
}
