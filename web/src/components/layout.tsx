import { useEffect, useRef, useState, type FocusEvent, type MouseEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { apiPost } from '../api';
import type { Role } from '../api-types';
import { humanize } from '../format';
import { meKey, useMe, useUnreadAlerts } from '../queries';
import { AlertsBell } from './alerts-bell';
import { ErrorMessage } from './error-message';
import { Icon, type IconName } from './icon';
import { Loading } from './loading';
import { Brand } from './brand';
import { MenuButton } from './menu-button';
import { OnboardingChecklist } from './onboarding-checklist';

// `roles` limits an item to the people it is for: the queue to those who work leads, the SLA view to those who watch it.
// `end`: active on that exact path only (Sales SLA is not also lit on its Optimal attempts sub-page).
const slaRoles: Role[] = ['admin', 'sales_manager', 'marketing', 'viewer'];
interface NavItem {
  to: string;
  label: string;
  icon: IconName;
  roles?: Role[];
  end?: boolean;
}
// The sidebar in sections, so 17 links read as a few groups: the records everyone works on come first
// without a heading, then each team's pages, then planning and analysis, and Settings (with the admins' audit log) last.
// `pinned`: kept at the sidebar's foot with the account links, outside the part that scrolls, so a short window never hides it.
const nav: { id: string; heading?: string; pinned?: boolean; items: NavItem[] }[] = [
  {
    id: 'records',
    items: [
      { to: '/queue', label: 'My queue', icon: 'inbox', roles: ['admin', 'sales_manager', 'sales_rep'] },
      { to: '/contacts', label: 'Contacts', icon: 'user' },
      { to: '/companies', label: 'Companies', icon: 'building' },
      { to: '/deals', label: 'Deals', icon: 'briefcase' },
      // The 'import' permission's roles (src/domains/auth/roles.ts); the API refuses the others.
      { to: '/import', label: 'Import', icon: 'layers', roles: ['admin', 'marketing', 'sales_manager'] },
    ],
  },
  {
    id: 'marketing',
    heading: 'Marketing',
    items: [
      { to: '/sources', label: 'Sources', icon: 'barChart' },
      { to: '/assets', label: 'Assets', icon: 'layers' },
      { to: '/campaigns', label: 'Campaigns', icon: 'megaphone' },
      { to: '/marketing-sla', label: 'Marketing SLA', icon: 'target' },
      { to: '/reports/marketing', label: 'Marketing report', icon: 'clipboard' },
      { to: '/reports/attribution', label: 'Attribution', icon: 'link' },
      { to: '/reports/lead-quality', label: 'Lead quality', icon: 'undo' },
      { to: '/nurture', label: 'Nurture list', icon: 'target' },
      { to: '/suppressions', label: 'Suppression list', icon: 'close' },
    ],
  },
  {
    id: 'sales',
    heading: 'Sales',
    items: [
      { to: '/sla', label: 'Sales SLA', icon: 'clock', roles: slaRoles, end: true },
      { to: '/sla/attempts', label: 'Optimal attempts', icon: 'phone', roles: slaRoles },
      { to: '/reports/sales', label: 'Sales report', icon: 'dollar' },
      { to: '/reports/win-loss', label: 'Win/loss', icon: 'barChart' },
    ],
  },
  {
    // Where the two teams meet (the weekly and monthly packs) and what marketing tells sales each week.
    id: 'rituals',
    heading: 'Meetings & updates',
    items: [
      { to: '/meetings', label: 'Meetings', icon: 'users' },
      { to: '/updates', label: 'Weekly update', icon: 'mail' },
    ],
  },
  {
    id: 'plan',
    heading: 'Plan & analyse',
    items: [
      { to: '/funnel', label: 'Funnel', icon: 'funnel' },
      { to: '/qualification', label: 'Qualification', icon: 'trendingUp' },
      { to: '/reports/planner', label: 'Planner', icon: 'zap' },
    ],
  },
  {
    id: 'settings',
    pinned: true,
    items: [
      { to: '/settings', label: 'Settings', icon: 'sliders' },
      { to: '/settings/audit-log', label: 'Audit log', icon: 'eye', roles: ['admin'] },
    ],
  },
];

const SIDEBAR_ID = 'sidebar';
// Where sign-in sends whoever came to no page in particular (sign-in-page.tsx).
const landingPage = '/contacts';

export function Layout() {
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // Narrow screens only (the CSS shows the sidebar regardless on wide ones): whether the menu is open.
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const sidebar = useRef<HTMLElement>(null);
  const main = useRef<HTMLElement>(null);
  const navScroll = useRef<HTMLDivElement>(null);
  // The same query as the bell's (shared cache, no second request): its count shows on the menu button.
  const unread = useUnreadAlerts(Boolean(me.data && me.data.id !== null));
  const signOut = useMutation({
    mutationFn: () => apiPost('/api/auth/sign-out'),
    onSettled: () => {
      queryClient.clear();
      queryClient.setQueryData(meKey, null);
      navigate('/sign-in', { replace: true });
    },
  });

  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      // An alerts panel opened from the menu closes first (its own Escape handler); the next Escape closes the menu.
      if (sidebar.current?.querySelector('.alerts-panel')) return;
      setMenuOpen(false);
      menuButton.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [menuOpen]);

  // The links scroll inside the sidebar: the current page's link is scrolled into view there (and only there:
  // scrollIntoView would move the page too), so opening /reports/planner directly still shows where one is.
  const signedIn = Boolean(me.data);
  useEffect(() => {
    const box = navScroll.current;
    const link = box?.querySelector<HTMLElement>('.nav-link.active');
    if (!box || !link) return;
    const b = box.getBoundingClientRect();
    const l = link.getBoundingClientRect();
    if (l.top < b.top) box.scrollTop -= b.top - l.top + 8;
    else if (l.bottom > b.bottom) box.scrollTop += l.bottom - b.bottom + 8;
  }, [location.pathname, signedIn, menuOpen]);

  // A link followed from the open menu closes it. The link is hidden with the menu, so focus moves to the
  // page it opened rather than falling back to the document. Clicks that open a new tab leave the menu open.
  const onSidebarClick = (e: MouseEvent<HTMLElement>) => {
    if (!menuOpen || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    if (!(e.target as Element).closest('a[href]')) return;
    setMenuOpen(false);
    main.current?.focus({ preventScroll: true });
  };
  // Tabbing out of the open menu closes it: it covers the page, so the focus would otherwise move behind it.
  const onSidebarBlur = (e: FocusEvent<HTMLElement>) => {
    const to = e.relatedTarget as Node | null;
    if (menuOpen && to && !e.currentTarget.contains(to) && !menuButton.current?.contains(to)) setMenuOpen(false);
  };

  if (me.isPending) return <Loading label="Starting Revloop…" />;
  if (me.isError) {
    return (
      <div className="center-page">
        <ErrorMessage error={me.error} />
        <button type="button" className="btn" onClick={() => me.refetch()}>
          Try again
        </button>
      </div>
    );
  }
  if (!me.data) return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;

  const user = me.data;
  const navSection = (section: (typeof nav)[number]) => {
    const items = section.items.filter((n) => !n.roles || n.roles.includes(user.role));
    // A heading over nothing would only confuse: a section the role sees none of is left out whole.
    if (items.length === 0) return null;
    const headingId = section.heading ? `nav-heading-${section.id}` : undefined;
    return (
      <div key={section.id} className="nav-section">
        {section.heading && (
          <h2 id={headingId} className="nav-heading">
            {section.heading}
          </h2>
        )}
        <ul className="nav-list" aria-labelledby={headingId}>
          {items.map((n) => (
            <li key={n.to}>
              <NavLink to={n.to} end={n.end} className={({ isActive }) => `nav-link${isActive ? ' active' : ''}`}>
                <Icon name={n.icon} size={18} className="nav-icon" />
                {n.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </div>
    );
  };
  return (
    <div className="shell">
      <header className="topbar">
        <MenuButton ref={menuButton} open={menuOpen} onToggle={() => setMenuOpen((o) => !o)} controls={SIDEBAR_ID} unread={unread.data?.data.length ?? 0} />
        <Brand />
      </header>
      {menuOpen && <div className="sidebar-backdrop" aria-hidden="true" onClick={() => setMenuOpen(false)} />}
      <aside id={SIDEBAR_ID} ref={sidebar} className={`sidebar${menuOpen ? ' open' : ''}`} onClick={onSidebarClick} onBlur={onSidebarBlur} data-testid="sidebar">
        <Brand />
        <AlertsBell enabled={user.id !== null} />
        <nav className="nav" aria-label="Main">
          <div className="nav-scroll" ref={navScroll}>{nav.filter((s) => !s.pinned).map(navSection)}</div>
          <div className="nav-pinned">{nav.filter((s) => s.pinned).map(navSection)}</div>
        </nav>
        <div className="sidebar-user">
          <div className="avatar" aria-hidden="true">
            {initials(user.name)}
          </div>
          <div className="sidebar-user-text">
            <div className="sidebar-user-name" data-testid="user-name">
              {user.name}
            </div>
            <div className="sidebar-user-role" data-testid="user-role">
              {humanize(user.role)}
            </div>
          </div>
          {/* API-only users (signed in by token) have no password to change. */}
          {user.id !== null && (
            <Link to="/account/password" className="btn btn-small btn-ghost-dark">
              Change password
            </Link>
          )}
          {user.id !== null && (
            <Link to="/account/emails" className="btn btn-small btn-ghost-dark">
              Email preferences
            </Link>
          )}
          <button type="button" className="btn btn-small btn-ghost-dark" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
            Sign out
          </button>
        </div>
      </aside>
      {/* tabIndex -1: focusable from script only, where a link followed from the menu sends the focus. */}
      <main className="content" ref={main} tabIndex={-1}>
        {/* On the page sign-in lands on, so a new admin sees what is left to set up without it following them everywhere. */}
        {me.data?.role === 'admin' && me.data.id !== null && location.pathname === landingPage && <OnboardingChecklist userId={me.data.id} />}
        <Outlet />
      </main>
    </div>
  );
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
}
