/** An edge's label where the router placed it: a box of exactly the size it was placed with. */
import type { CSSProperties, MouseEvent } from 'react';

import type { CanvasRoute } from './edge-routes';

/** Props of a placed label. */
export interface EdgeLabelProps {
  readonly className: string;
  readonly style?: CSSProperties;
  readonly label: NonNullable<CanvasRoute['label']>;
  readonly testId?: string;
  /** A click selects what the label names; without it the label lets clicks through. */
  readonly onClick?: (e: MouseEvent) => void;
  readonly ariaLabel?: string;
}

/** The label box, its title line and its detail line. */
export function EdgeLabel({ className, style, label, testId, onClick, ariaLabel }: EdgeLabelProps) {
  const { rect } = label.place;
  return (
    <div
      className={`${className}${onClick ? ' is-clickable' : ''}`}
      style={{ ...style, width: rect.width, height: rect.height, transform: `translate(${rect.x}px, ${rect.y}px)` }}
      data-testid={testId}
      {...(onClick ? { onClick, role: 'button', 'aria-label': ariaLabel } : {})}
    >
      <span className="edge-label-name">{label.text.title}</span>
      {label.text.detail && <span className="edge-label-detail">{label.text.detail}</span>}
    </div>
  );
}
