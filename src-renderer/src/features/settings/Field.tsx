import type { ReactNode } from 'react';
import { fieldsNeedFixing } from './form-state';

/** What a field's control needs to be labelled and to announce its hint and error. */
export interface ControlProps {
  id: string;
  'aria-invalid': boolean | undefined;
  'aria-describedby': string | undefined;
}

interface FieldProps {
  id: string;
  label: ReactNode;
  error?: string | null;
  hint?: ReactNode;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}

/**
 * A labelled control with its hint and error under it. The control points at both with
 * aria-describedby, so a screen reader reads the error when the field is focused.
 */
export function Field({ id, label, error, hint, className, children }: FieldProps) {
  const hintId = hint ? `${id}-hint` : null;
  const errorId = error ? `${id}-error` : null;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field settings-field ${error ? 'invalid' : ''} ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {error ? <span id={errorId!} className="settings-field-error">{error}</span> : null}
      {hint ? <span id={hintId!} className="settings-hint">{hint}</span> : null}
    </div>
  );
}

/** The service refused, or something could not be loaded: announced at once. */
export function ErrorBanner({ message, testId }: { message: string | null; testId?: string }) {
  return message ? <div className="error-banner settings-error" role="alert" data-testid={testId}>{message}</div> : null;
}

/** After Save: how many fields the form refused (0 shows nothing), or what the service said. */
export function SubmitErrors({ count, serviceError, testId }: { count: number; serviceError: string | null; testId?: string }) {
  return (
    <>
      {count > 0 ? <div className="settings-error-summary" role="alert">{fieldsNeedFixing(count)}</div> : null}
      <ErrorBanner message={serviceError ? `Not saved: ${serviceError}` : null} testId={testId} />
    </>
  );
}
