// Providers and routes. Public pages (/, /p/:slug, /login) need no session; the workspace lives
// under /app/:slug/… where :slug names the congress being worked on.
import { App as AntApp, ConfigProvider } from 'antd';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { NotFound } from './components/Results.tsx';
import { CongressesProvider } from './congresses.tsx';
import { AccountsPage } from './features/accounts/AccountsPage.tsx';
import { AuditPage } from './features/audit/AuditPage.tsx';
import { ChangePasswordPage } from './features/auth/ChangePasswordPage.tsx';
import { LoginPage } from './features/auth/LoginPage.tsx';
import { TotpSetupPage } from './features/auth/TotpSetupPage.tsx';
import { BodiesPage } from './features/bodies/BodiesPage.tsx';
import { CongressesPage } from './features/congress/CongressesPage.tsx';
import { MeetingConsole } from './features/meetings/MeetingConsole.tsx';
import { MeetingsPage } from './features/meetings/MeetingsPage.tsx';
import { MembersPage } from './features/members/MembersPage.tsx';
import { PeoplePage } from './features/people/PeoplePage.tsx';
import { ProjectorPage } from './features/projector/ProjectorPage.tsx';
import { RulesProfilePage } from './features/profile/RulesProfilePage.tsx';
import { VotePage } from './features/vote/VotePage.tsx';
import { currentLang } from './i18n/index.ts';
import { CongressLanding } from './portal/CongressLanding.tsx';
import { PortalHome } from './portal/PortalHome.tsx';
import { SessionProvider } from './session.tsx';
import { AppShell } from './shell/AppShell.tsx';
import { Guarded, RequireSession, StartRedirect } from './shell/guards.tsx';
import { antdLocale, theme } from './theme.ts';

export function App() {
  useTranslation(); // re-render on a language switch so the antd locale follows
  return (
    <ConfigProvider locale={antdLocale(currentLang())} theme={theme(currentLang())}>
      <AntApp>
        <SessionProvider>
          <CongressesProvider>
            <BrowserRouter>
              <AppRoutes />
            </BrowserRouter>
          </CongressesProvider>
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}

function AppRoutes() {
  return (
    <Routes>
      <Route path="/" element={<PortalHome />} />
      <Route path="/p/:slug" element={<CongressLanding />} />
      <Route path="/login" element={<LoginPage />} />
      <Route path="/screen/:slug/:meetingId" element={<ProjectorPage />} />
      <Route element={<RequireSession />}>
        <Route path="/security/totp" element={<TotpSetupPage />} />
        <Route path="/app" element={<StartRedirect />} />
        <Route path="/app/:slug" element={<AppShell />}>
          <Route index element={<Navigate to="members" replace />} />
          <Route path="members" element={<MembersPage />} />
          <Route path="meetings" element={<MeetingsPage />} />
          <Route path="meetings/:meetingId" element={<MeetingConsole />} />
          <Route path="meetings/:meetingId/vote" element={<VotePage />} />
          <Route path="congresses" element={<CongressesPage />} />
          <Route path="bodies" element={<BodiesPage />} />
          <Route path="people" element={<Guarded need="readPeople" page={<PeoplePage />} />} />
          <Route path="accounts" element={<Guarded need="administer" page={<AccountsPage />} />} />
          <Route path="rules" element={<RulesProfilePage />} />
          <Route path="audit" element={<Guarded need="administer" page={<AuditPage />} />} />
          <Route path="password" element={<ChangePasswordPage />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Route>
      <Route path="*" element={<NotFound standalone />} />
    </Routes>
  );
}
