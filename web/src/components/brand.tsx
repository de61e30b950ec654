import { Icon } from './icon';

/** The product's mark and name, as the sidebar, the phone's top bar and the sign-in card show it. */
export function Brand({ large = false }: { large?: boolean }) {
  return (
    <div className={large ? 'brand brand-large' : 'brand'}>
      <span className="brand-mark" aria-hidden="true">
        <Icon name="loop" size={18} />
      </span>
      Revloop
    </div>
  );
}
