import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { Layout } from './components/layout';
import { AssetsPage } from './pages/assets-page';
import { CampaignsPage } from './pages/campaigns-page';
import { CompaniesPage } from './pages/companies-page';
import { CompanyPage } from './pages/company-page';
import { ContactPage } from './pages/contact-page';
import { ContactsPage } from './pages/contacts-page';
import { DealsPage } from './pages/deals-page';
import { NotFoundPage } from './pages/not-found-page';
import { QueuePage } from './pages/queue-page';
import { ImportPage } from './pages/import-page';
import { SettingsIndex, SettingsPage } from './pages/settings-page';
import { SignInPage } from './pages/sign-in-page';
import { ChangePasswordPage } from './pages/change-password-page';
import { EmailPreferencesPage } from './pages/email-preferences-page';
import { Loading } from './components/loading';

// ECharts is most of the bundle's weight; only the funnel, sources, marketing SLA, qualification, SLA, attempts, sales report, marketing report, planner and attribution pages need it, so it loads on first visit there.
const SuppressionsPage = lazy(() => import('./pages/suppressions-page').then((m) => ({ default: m.SuppressionsPage })));
const NurturePage = lazy(() => import('./pages/nurture-page').then((m) => ({ default: m.NurturePage })));
const FunnelPage = lazy(() => import('./pages/funnel-page').then((m) => ({ default: m.FunnelPage })));
const SourcesPage = lazy(() => import('./pages/sources-page').then((m) => ({ default: m.SourcesPage })));
const QualificationPage = lazy(() => import('./pages/qualification-page').then((m) => ({ default: m.QualificationPage })));
const SlaPage = lazy(() => import('./pages/sla-page').then((m) => ({ default: m.SlaPage })));
const MarketingSlaPage = lazy(() => import('./pages/marketing-sla-page').then((m) => ({ default: m.MarketingSlaPage })));
const SalesReportPage = lazy(() => import('./pages/sales-report-page').then((m) => ({ default: m.SalesReportPage })));
const AttributionPage = lazy(() => import('./pages/attribution-page').then((m) => ({ default: m.AttributionPage })));
const MarketingReportPage = lazy(() => import('./pages/marketing-report-page').then((m) => ({ default: m.MarketingReportPage })));
const PlannerPage = lazy(() => import('./pages/planner-page').then((m) => ({ default: m.PlannerPage })));
const AttemptsPage = lazy(() => import('./pages/attempts-page').then((m) => ({ default: m.AttemptsPage })));
const LeadQualityPage = lazy(() => import('./pages/lead-quality-page').then((m) => ({ default: m.LeadQualityPage })));
// The meeting packs and the weekly update's trend chart draw with ECharts too.
const MeetingsPage = lazy(() => import('./pages/meetings-page').then((m) => ({ default: m.MeetingsPage })));
const MeetingPage = lazy(() => import('./pages/meeting-page').then((m) => ({ default: m.MeetingPage })));
const UpdatesPage = lazy(() => import('./pages/updates-page').then((m) => ({ default: m.UpdatesPage })));
const UpdatePage = lazy(() => import('./pages/update-page').then((m) => ({ default: m.UpdatePage })));
const WinLossPage = lazy(() => import('./pages/win-loss-page').then((m) => ({ default: m.WinLossPage })));

export function App() {
  return (
    <Routes>
      <Route path="/sign-in" element={<SignInPage />} />
      <Route element={<Layout />}>
        <Route index element={<Navigate to="/contacts" replace />} />
        <Route path="/contacts" element={<ContactsPage />} />
        <Route path="/contacts/:id" element={<ContactPage />} />
        <Route path="/companies" element={<CompaniesPage />} />
        <Route path="/companies/:id" element={<CompanyPage />} />
        <Route path="/deals" element={<DealsPage />} />
        <Route
          path="/funnel"
          element={
            <Suspense fallback={<Loading />}>
              <FunnelPage />
            </Suspense>
          }
        />
        <Route
          path="/sources"
          element={
            <Suspense fallback={<Loading />}>
              <SourcesPage />
            </Suspense>
          }
        />
        <Route
          path="/marketing-sla"
          element={
            <Suspense fallback={<Loading />}>
              <MarketingSlaPage />
            </Suspense>
          }
        />
        <Route
          path="/reports/sales"
          element={
            <Suspense fallback={<Loading />}>
              <SalesReportPage />
            </Suspense>
          }
        />
        <Route
          path="/reports/win-loss"
          element={
            <Suspense fallback={<Loading />}>
              <WinLossPage />
            </Suspense>
          }
        />
        <Route
          path="/reports/marketing"
          element={
            <Suspense fallback={<Loading />}>
              <MarketingReportPage />
            </Suspense>
          }
        />
        <Route
          path="/reports/planner"
          element={
            <Suspense fallback={<Loading />}>
              <PlannerPage />
            </Suspense>
          }
        />
        <Route
          path="/reports/attribution"
          element={
            <Suspense fallback={<Loading />}>
              <AttributionPage />
            </Suspense>
          }
        />
        <Route
          path="/reports/lead-quality"
          element={
            <Suspense fallback={<Loading />}>
              <LeadQualityPage />
            </Suspense>
          }
        />
        <Route path="/assets" element={<AssetsPage />} />
        <Route path="/campaigns" element={<CampaignsPage />} />
        <Route
          path="/qualification"
          element={
            <Suspense fallback={<Loading />}>
              <QualificationPage />
            </Suspense>
          }
        />
        <Route path="/queue" element={<QueuePage />} />
        <Route path="/import" element={<ImportPage />} />
        <Route
          path="/sla"
          element={
            <Suspense fallback={<Loading />}>
              <SlaPage />
            </Suspense>
          }
        />
        <Route
          path="/sla/attempts"
          element={
            <Suspense fallback={<Loading />}>
              <AttemptsPage />
            </Suspense>
          }
        />
        <Route
          path="/meetings"
          element={
            <Suspense fallback={<Loading />}>
              <MeetingsPage />
            </Suspense>
          }
        />
        <Route
          path="/meetings/:id"
          element={
            <Suspense fallback={<Loading />}>
              <MeetingPage />
            </Suspense>
          }
        />
        <Route
          path="/updates"
          element={
            <Suspense fallback={<Loading />}>
              <UpdatesPage />
            </Suspense>
          }
        />
        <Route
          path="/updates/:id"
          element={
            <Suspense fallback={<Loading />}>
              <UpdatePage />
            </Suspense>
          }
        />
        <Route
          path="/suppressions"
          element={
            <Suspense fallback={<Loading />}>
              <SuppressionsPage />
            </Suspense>
          }
        />
        <Route
          path="/nurture"
          element={
            <Suspense fallback={<Loading />}>
              <NurturePage />
            </Suspense>
          }
        />
        <Route path="/settings" element={<SettingsIndex />} />
        {/* One page per section (workspace, funnel, team, scoring, …, audit-log): settings-page.tsx lists them. */}
        <Route path="/settings/:section" element={<SettingsPage />} />
        <Route path="/account/password" element={<ChangePasswordPage />} />
        <Route path="/account/emails" element={<EmailPreferencesPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
