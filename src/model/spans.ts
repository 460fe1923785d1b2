// Searching lists in text order: the one binary search the recognisers and the assembler share.

/**
 * The first index whose item passes `test`, for a test that is false and then true along the list (for spans in
 * text order, "starts at or after X"; for spans that also do not overlap, "ends after X"). `list.length` when no
 * item passes.
 */
export function firstIndex<T>(list: readonly T[], test: (item: T) => boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (test(list[mid])) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
