import type { Ref } from 'react';
import { formatNumber } from '../format';
import { Icon } from './icon';

interface MenuButtonProps {
  open: boolean;
  onToggle: () => void;
  /** The id of the navigation it shows and hides. */
  controls: string;
  /** Unread alerts: the bell is inside the hidden menu, so the count shows on the button that opens it. */
  unread: number;
  ref?: Ref<HTMLButtonElement>;
}

/** The top bar's button that shows and hides the sidebar on narrow screens (the CSS hides it on wide ones). */
export function MenuButton({ open, onToggle, controls, unread, ref }: MenuButtonProps) {
  return (
    <button ref={ref} type="button" className="menu-button" aria-expanded={open} aria-controls={controls} onClick={onToggle} data-testid="menu-button">
      <Icon name={open ? 'close' : 'menu'} size={20} />
      <span>Menu</span>
      {unread > 0 && (
        <span className="alerts-count" data-testid="menu-alerts-count">
          {unread > 99 ? '99+' : formatNumber(unread)}
          <span className="visually-hidden"> unread alerts</span>
        </span>
      )}
    </button>
  );
}
