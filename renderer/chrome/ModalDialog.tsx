/** A modal dialog over a dimmed backdrop: focused when it opens, closed by Escape or a press on the
 * backdrop, and named by its heading for screen readers. */
import { useEffect, useId, useRef, type ReactNode } from 'react';

import './modal-dialog.css';

export interface ModalDialogProps {
  readonly title: string;
  readonly onClose: () => void;
  /** The dialog box's class (its size and layout). */
  readonly className: string;
  readonly titleClassName?: string;
  readonly testId?: string;
  readonly children: ReactNode;
}

export function ModalDialog({ title, onClose, className, titleClassName, testId, children }: ModalDialogProps) {
  const titleId = useId();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    box.current?.focus();
  }, []);
  return (
    <div role="presentation" className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={box}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        className={className}
        {...(testId ? { 'data-testid': testId } : {})}
        onKeyDown={(e) => e.key === 'Escape' && onClose()}
      >
        <h2 id={titleId} {...(titleClassName ? { className: titleClassName } : {})}>
          {title}
        </h2>
        {children}
      </div>
    </div>
  );
}
