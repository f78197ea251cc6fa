import { useCallback, useMemo, useState } from 'react';

/** The message to show for a failed request (a ServiceError carries the service's own words). */
export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * Which validation messages to show: a field's once it has been edited, all of them once the
 * operator tried to save (or `showAll` says so), so an untouched form is not a wall of red.
 */
export function useShownErrors<E extends Record<string, string | undefined>>(errors: E, showAll = false) {
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const [submitted, setSubmitted] = useState(false);
  const shown = useMemo(() => {
    if (submitted || showAll) return errors;
    return Object.fromEntries(Object.entries(errors).filter(([field]) => touched.has(field))) as Partial<E>;
  }, [errors, touched, submitted, showAll]);
  const touch = useCallback((field: string) => setTouched((t) => (t.has(field) ? t : new Set(t).add(field))), []);
  const submit = useCallback(() => setSubmitted(true), []);
  const reset = useCallback(() => {
    setTouched(new Set());
    setSubmitted(false);
  }, []);
  return { shown, submitted: submitted || showAll, touch, submit, reset };
}

/** "1 field needs" / "3 fields need". */
export const fieldsNeedFixing = (n: number): string => `Not saved: ${n} ${n === 1 ? 'field needs' : 'fields need'} fixing (marked).`;
