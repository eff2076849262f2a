// Providers and routes. Public pages (/, /p/:slug, /login) need no session; the workspace lives
// under /app/:slug/… where :slug names the congress being worked on.
import { App as AntApp, ConfigProvider } from 'antd';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { NotFound } from './components/Results.tsx';
import { CongressesProvider } from './congresses.tsx';
import { AccountsPage } from './features/accounts/AccountsPage.tsx';
import { LoginLocksPage } from './features/accounts/LoginLocksPage.tsx';
import { AuditPage } from './features/audit/AuditPage.tsx';
import { ChangePasswordPage } from './features/auth/ChangePasswordPage.tsx';
import { LoginPage } from './features/auth/LoginPage.tsx';
import { TotpSetupPage } from './features/auth/TotpSetupPage.tsx';
import { BodiesPage } from './features/bodies/BodiesPage.tsx';
import { CongressesPage } from './features/congress/CongressesPage.tsx';
import { MeetingConsole } from './features/meetings/MeetingConsole.tsx';
import { AttendanceReportPage, MeetingPrepare, NewMeetingPage } from './features/meetings/MeetingPrepare.tsx';
import { MeetingsPage } from './features/meetings/MeetingsPage.tsx';
import { MembersPage } from './features/members/MembersPage.tsx';
import { PeoplePage } from './features/people/PeoplePage.tsx';
import { ProjectorPage } from './features/projector/ProjectorPage.tsx';
import { RulesProfilePage } from './features/profile/RulesProfilePage.tsx';
import { CheckInPage } from './features/vote/CheckInPage.tsx';
import { DocumentPage } from './features/vote/DocumentPage.tsx';
import { VotePage } from './features/vote/VotePage.tsx';
import { currentLang } from './i18n/index.ts';
import { CongressLanding } from './portal/CongressLanding.tsx';
import { Appointments } from './portal/Appointments.tsx';
import { GazetteArchive } from './portal/GazetteArchive.tsx';
import { GazetteEditor } from './portal/GazetteEditor.tsx';
import { GazetteReader } from './portal/GazetteReader.tsx';
import { PortalMeeting } from './portal/PortalMeeting.tsx';
import { PortalHome } from './portal/PortalHome.tsx';
import { ReaderPage } from './portal/search/ReaderPage.tsx';
import { RegulationPage } from './portal/search/RegulationPage.tsx';
import { SearchPage } from './portal/search/SearchPage.tsx';
import { ConsultationPage, ConsultationsPage } from './portal/consultation/ConsultationPage.tsx';
import { ExpressionPage } from './features/legislation/ExpressionPage.tsx';
import { WorksPage } from './features/legislation/WorksPage.tsx';
// Citizens' opinions, liaison stations, deputies.
import { OfficeOpinionsPage } from './features/opinions/OfficeOpinionsPage.tsx';
import { OpinionsDashboardPage } from './features/opinions/OpinionsDashboardPage.tsx';
import { UnitDeskPage } from './features/opinions/UnitDeskPage.tsx';
import { StationDeskPage } from './features/stations/StationDeskPage.tsx';
import { DeputyPage } from './features/deputies/DeputyPage.tsx';
import { SubmitOpinionPage } from './portal/opinions/SubmitOpinionPage.tsx';
import { TrackOpinionPage } from './portal/opinions/TrackOpinionPage.tsx';
import { StationPublicPage } from './portal/stations/StationPage.tsx';
import { StationsFinderPage } from './portal/stations/StationsFinderPage.tsx';
// Bills, oversight follow-through, personnel.
import { BillDetailPage } from './features/bills/BillDetailPage.tsx';
import { BillsPage } from './features/bills/BillsPage.tsx';
import { OversightPage } from './features/oversight/OversightPage.tsx';
import { PersonnelPage } from './features/personnel/PersonnelPage.tsx';
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
      <Route path="/p/:slug/search" element={<SearchPage />} />
      <Route path="/p/:slug/regulations/:workId" element={<RegulationPage />} />
      <Route path="/p/:slug/read/:sourceType/:sourceId" element={<ReaderPage />} />
      <Route path="/p/:slug/meetings/:meetingId" element={<PortalMeeting />} />
      <Route path="/p/:slug/gazette" element={<GazetteArchive />} />
      <Route path="/p/:slug/gazette/:meetingId" element={<GazetteReader />} />
      <Route path="/p/:slug/appointments" element={<Appointments />} />
      <Route path="/p/:slug/consultations" element={<ConsultationsPage />} />
      <Route path="/p/:slug/consultations/:consultationId" element={<ConsultationPage />} />
      <Route path="/p/:slug/stations" element={<StationsFinderPage />} />
      <Route path="/p/:slug/stations/:stationId" element={<StationPublicPage />} />
      <Route path="/p/:slug/opinions/new" element={<SubmitOpinionPage />} />
      <Route path="/p/:slug/opinions/track" element={<TrackOpinionPage />} />
      <Route path="/login" element={<LoginPage />} />
      <Route path="/screen/:slug/:meetingId" element={<ProjectorPage />} />
      <Route element={<RequireSession />}>
        <Route path="/security/totp" element={<TotpSetupPage />} />
        <Route path="/app" element={<StartRedirect />} />
        <Route path="/app/:slug" element={<AppShell />}>
          <Route index element={<Navigate to="members" replace />} />
          <Route path="members" element={<MembersPage />} />
          <Route path="meetings" element={<MeetingsPage />} />
          <Route path="legislation" element={<WorksPage />} />
          <Route path="legislation/expressions/:expressionId" element={<ExpressionPage />} />
          <Route path="meetings/:meetingId" element={<MeetingConsole />} />
          <Route path="meetings/:meetingId/vote" element={<VotePage />} />
          <Route path="meetings/:meetingId/gazette" element={<GazetteEditor />} />
          <Route path="meetings/new" element={<NewMeetingPage />} />
          <Route path="meetings/:meetingId/prepare" element={<MeetingPrepare />} />
          <Route path="meetings/:meetingId/report" element={<AttendanceReportPage />} />
          <Route path="meetings/:meetingId/check-in" element={<CheckInPage />} />
          <Route path="meetings/:meetingId/documents/:documentId" element={<DocumentPage />} />
          <Route path="opinions" element={<OfficeOpinionsPage />} />
          <Route path="opinions-dashboard" element={<OpinionsDashboardPage />} />
          <Route path="station-desk" element={<StationDeskPage />} />
          <Route path="unit-desk" element={<UnitDeskPage />} />
          <Route path="deputy" element={<DeputyPage />} />
          <Route path="bills" element={<BillsPage />} />
          <Route path="bills/:billId" element={<BillDetailPage />} />
          <Route path="oversight" element={<OversightPage />} />
          <Route path="personnel" element={<PersonnelPage />} />
          <Route path="congresses" element={<CongressesPage />} />
          <Route path="bodies" element={<BodiesPage />} />
          <Route path="people" element={<Guarded need="readPeople" page={<PeoplePage />} />} />
          <Route path="accounts" element={<Guarded need="administer" page={<AccountsPage />} />} />
          <Route path="login-locks" element={<Guarded need="watchLogins" page={<LoginLocksPage />} />} />
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
