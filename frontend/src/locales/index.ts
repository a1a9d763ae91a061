// The catalogues, one file per area of the app so that work on one page
// never collides with work on another. Keys are reached as
// `<area>.<key>` (organisations.title); common.json holds the rest.
import deAdmin from './de/admin.json' with { type: 'json' };
import deAgreements from './de/agreements.json' with { type: 'json' };
import deCommon from './de/common.json' with { type: 'json' };
import deDashboard from './de/dashboard.json' with { type: 'json' };
import deOrganisations from './de/organisations.json' with { type: 'json' };
import dePartnering from './de/partnering.json' with { type: 'json' };
import dePeople from './de/people.json' with { type: 'json' };
import deProfile from './de/profile.json' with { type: 'json' };
import deProjects from './de/projects.json' with { type: 'json' };
import deReports from './de/reports.json' with { type: 'json' };
import deTrips from './de/trips.json' with { type: 'json' };
import deMeetings from './de/meetings.json' with { type: 'json' };
import deSearch from './de/search.json' with { type: 'json' };
import deViews from './de/views.json' with { type: 'json' };
import enAdmin from './en/admin.json' with { type: 'json' };
import enAgreements from './en/agreements.json' with { type: 'json' };
import enCommon from './en/common.json' with { type: 'json' };
import enDashboard from './en/dashboard.json' with { type: 'json' };
import enOrganisations from './en/organisations.json' with { type: 'json' };
import enPartnering from './en/partnering.json' with { type: 'json' };
import enPeople from './en/people.json' with { type: 'json' };
import enProfile from './en/profile.json' with { type: 'json' };
import enProjects from './en/projects.json' with { type: 'json' };
import enReports from './en/reports.json' with { type: 'json' };
import enTrips from './en/trips.json' with { type: 'json' };
import enMeetings from './en/meetings.json' with { type: 'json' };
import enSearch from './en/search.json' with { type: 'json' };
import enViews from './en/views.json' with { type: 'json' };
import jaAdmin from './ja/admin.json' with { type: 'json' };
import jaAgreements from './ja/agreements.json' with { type: 'json' };
import jaCommon from './ja/common.json' with { type: 'json' };
import jaDashboard from './ja/dashboard.json' with { type: 'json' };
import jaOrganisations from './ja/organisations.json' with { type: 'json' };
import jaPartnering from './ja/partnering.json' with { type: 'json' };
import jaPeople from './ja/people.json' with { type: 'json' };
import jaProfile from './ja/profile.json' with { type: 'json' };
import jaProjects from './ja/projects.json' with { type: 'json' };
import jaReports from './ja/reports.json' with { type: 'json' };
import jaTrips from './ja/trips.json' with { type: 'json' };
import jaMeetings from './ja/meetings.json' with { type: 'json' };
import jaSearch from './ja/search.json' with { type: 'json' };
import jaViews from './ja/views.json' with { type: 'json' };

export const en = {
  ...enCommon,
  dashboard: enDashboard,
  organisations: enOrganisations,
  people: enPeople,
  agreements: enAgreements,
  trips: enTrips,
  meetings: enMeetings,
  projects: enProjects,
  partnering: enPartnering,
  reports: enReports,
  admin: enAdmin,
  profile: enProfile,
  search: enSearch,
  views: enViews,
};

export type Catalogue = typeof en;

export const de: Catalogue = {
  ...deCommon,
  dashboard: deDashboard,
  organisations: deOrganisations,
  people: dePeople,
  agreements: deAgreements,
  trips: deTrips,
  meetings: deMeetings,
  projects: deProjects,
  partnering: dePartnering,
  reports: deReports,
  admin: deAdmin,
  profile: deProfile,
  search: deSearch,
  views: deViews,
};

export const ja: Catalogue = {
  ...jaCommon,
  dashboard: jaDashboard,
  organisations: jaOrganisations,
  people: jaPeople,
  agreements: jaAgreements,
  trips: jaTrips,
  meetings: jaMeetings,
  projects: jaProjects,
  partnering: jaPartnering,
  reports: jaReports,
  admin: jaAdmin,
  profile: jaProfile,
  search: jaSearch,
  views: jaViews,
};
