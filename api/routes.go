package api

import (
	"net/http"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"
)

// routes is the one place that lists every route.
func (s *server) routes(e *echo.Echo) {
	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.readyz)
	e.GET("/metrics", s.metricsHandler())

	e.GET("/openapi.json", s.openapiJSON)
	e.GET("/openapi.yaml", s.openapiYAML)
	e.GET("/api/docs", redirectToDocs)
	e.GET("/api/docs/", redirectToDocs)
	e.GET("/api/docs/*", docsUI)

	e.GET("/.well-known/jwks.json", s.jwks)

	public := group{e.Group("/api/v1"), []echo.MiddlewareFunc{s.idempotent}}
	public.POST("/auth/login", s.login, carriesSecret)
	public.POST("/auth/refresh", s.refresh, carriesSecret)
	public.POST("/auth/logout", s.logout, carriesSecret)
	public.POST("/auth/set-password", s.setPassword, carriesSecret)
	public.POST("/auth/forgot-password", s.forgotPassword)
	public.POST("/notifications/unsubscribe", s.unsubscribe)
	public.GET("/meeting-feeds/:token/calendar.ics", s.meetingFeed)

	v1 := group{e.Group("/api/v1"), []echo.MiddlewareFunc{signedIn, s.idempotent}}
	v1.GET("/me", s.me)
	v1.PATCH("/me", s.updateMe)
	v1.POST("/me/password", s.changePassword, carriesSecret)
	v1.GET("/me/notifications", s.myNotifications)
	v1.PATCH("/me/notifications", s.updateMyNotifications)

	v1.GET("/views", s.listViews)
	v1.POST("/views", s.createView)
	v1.GET("/views/:id", s.getView)
	v1.PATCH("/views/:id", s.updateView)
	v1.DELETE("/views/:id", s.deleteView)

	v1.GET("/users", s.listUsers)
	v1.POST("/users", s.createUser, carriesSecret)
	v1.GET("/users/:id", s.getUser)
	v1.PATCH("/users/:id", s.updateUser)
	v1.DELETE("/users/:id", s.deleteUser)
	v1.POST("/users/:id/password-reset", s.resetPassword, carriesSecret)

	v1.GET("/api-keys", s.listAPIKeys)
	v1.POST("/api-keys", s.createAPIKey, carriesSecret)
	v1.GET("/api-keys/:id", s.getAPIKey)
	v1.PATCH("/api-keys/:id", s.updateAPIKey)
	v1.DELETE("/api-keys/:id", s.revokeAPIKey)

	v1.GET("/webhooks", s.listWebhooks)
	v1.POST("/webhooks", s.createWebhook, carriesSecret)
	v1.GET("/webhooks/:id", s.getWebhook)
	v1.PATCH("/webhooks/:id", s.updateWebhook)
	v1.DELETE("/webhooks/:id", s.deleteWebhook)
	v1.POST("/webhooks/:id/rotate-secret", s.rotateWebhookSecret, carriesSecret)
	v1.GET("/webhooks/:id/deliveries", s.listWebhookDeliveries)
	v1.POST("/webhooks/:id/deliveries/:delivery/redeliver", s.redeliverWebhook)

	v1.GET("/audit-events", s.listAuditEvents)

	v1.GET("/changes", s.listChanges)

	v1.GET("/outbox", s.listOutbox)
	v1.GET("/jobs", s.listJobs)
	v1.POST("/jobs/:id/retry", s.retryJob)
	v1.DELETE("/jobs/:id", s.discardJob)

	v1.GET("/summary", s.getSummary)
	v1.GET("/summary/charts", s.getSummaryCharts)
	v1.GET("/summary/work", s.getSummaryWork)

	v1.GET("/search", s.search)

	v1.GET("/reports/kpis", s.getReportKPIs)
	v1.GET("/reports", s.listReports)
	v1.POST("/reports", s.freezeReport)
	v1.GET("/reports/:id", s.getReport)

	v1.GET("/organisations", s.listOrganisations)
	v1.POST("/organisations", s.createOrganisation)
	v1.POST("/organisations/import", s.importOrganisations)
	v1.GET("/organisations/import/columns", s.listImportColumns)
	v1.GET("/organisations/:id", s.getOrganisation)
	v1.PATCH("/organisations/:id", s.updateOrganisation)
	v1.DELETE("/organisations/:id", s.deleteOrganisation)
	v1.POST("/organisations/:id/merge", s.mergeOrganisation)
	v1.PUT("/organisations/by-external-id/:system/:external_id", s.upsertOrganisation)
	v1.GET("/organisations/:id/people", s.listOrganisationPeople)

	v1.GET("/organisations/:id/agreements", s.listOrganisationAgreements)

	v1.GET("/agreements", s.listAgreements)
	v1.POST("/agreements", s.createAgreement)
	v1.GET("/agreements/:id", s.getAgreement)
	v1.PATCH("/agreements/:id", s.updateAgreement)
	v1.DELETE("/agreements/:id", s.deleteAgreement)
	v1.POST("/agreements/:id/renewals", s.renewAgreement)

	v1.GET("/trips", s.listTrips)
	v1.GET("/trips/calendar.ics", s.upcomingCalendar)
	v1.POST("/trips", s.createTrip)
	v1.GET("/trips/:id", s.getTrip)
	v1.PATCH("/trips/:id", s.updateTrip)
	v1.DELETE("/trips/:id", s.deleteTrip)
	v1.GET("/trips/:id/calendar.ics", s.tripCalendar)
	v1.GET("/trips/:id/agenda", s.listAgenda)
	v1.POST("/trips/:id/agenda", s.addAgendaItem)
	v1.PATCH("/trips/:id/agenda/:item", s.updateAgendaItem)
	v1.DELETE("/trips/:id/agenda/:item", s.deleteAgendaItem)
	v1.GET("/trips/:id/participants", s.listParticipants)
	v1.POST("/trips/:id/participants", s.register)
	v1.DELETE("/trips/:id/participants/:participant", s.cancelRegistration)

	v1.GET("/trips/:id/meeting-sessions", s.listMeetingSessions)
	v1.POST("/trips/:id/meeting-sessions", s.addMeetingSession)
	v1.PATCH("/trips/:id/meeting-sessions/:session", s.updateMeetingSession)
	v1.DELETE("/trips/:id/meeting-sessions/:session", s.deleteMeetingSession)
	v1.GET("/trips/:id/meeting-places", s.listMeetingPlaces)
	v1.POST("/trips/:id/meeting-places", s.addMeetingPlace)
	v1.PATCH("/trips/:id/meeting-places/:place", s.updateMeetingPlace)
	v1.DELETE("/trips/:id/meeting-places/:place", s.deleteMeetingPlace)
	v1.GET("/trips/:id/meeting-participants", s.listMeetingParticipants)
	v1.POST("/trips/:id/meeting-participants", s.addMeetingHost)
	v1.PATCH("/trips/:id/meeting-participants/:person", s.setMeetingAvailability)
	v1.DELETE("/trips/:id/meeting-participants/:person", s.removeMeetingHost)
	v1.GET("/trips/:id/meeting-participants/:person/agenda", s.personalAgenda)
	v1.POST("/trips/:id/meeting-participants/:person/calendar-feed", s.createMeetingFeed)
	v1.DELETE("/trips/:id/meeting-participants/:person/calendar-feed", s.revokeMeetingFeed)
	v1.GET("/trips/:id/meetings", s.listMeetings)
	v1.POST("/trips/:id/meetings", s.requestMeeting)
	v1.GET("/trips/:id/meetings/:meeting", s.getMeeting)
	v1.PATCH("/trips/:id/meetings/:meeting", s.updateMeeting)
	v1.POST("/trips/:id/meetings/:meeting/accept", s.acceptMeeting)
	v1.POST("/trips/:id/meetings/:meeting/decline", s.declineMeeting)
	v1.POST("/trips/:id/meetings/:meeting/cancel", s.cancelMeeting)
	v1.POST("/trips/:id/meetings/:meeting/reschedule", s.rescheduleMeeting)
	v1.GET("/trips/:id/meetings/:meeting/outcomes", s.listMeetingOutcomes)
	v1.POST("/trips/:id/meetings/:meeting/outcomes", s.recordMeetingOutcome)
	v1.PATCH("/trips/:id/meetings/:meeting/outcomes/:side", s.updateMeetingOutcome)
	v1.GET("/trips/:id/meeting-schedule", s.meetingGrid)
	v1.POST("/trips/:id/meeting-schedule", s.scheduleAllMeetings)
	v1.GET("/trips/:id/meeting-statistics", s.meetingStats)

	v1.GET("/trips/:id/projects", s.listTripProjects)
	v1.GET("/organisations/:id/projects", s.listOrganisationProjects)

	v1.GET("/projects", s.listProjects)
	v1.POST("/projects", s.createProject)
	v1.GET("/projects/:id", s.getProject)
	v1.PATCH("/projects/:id", s.updateProject)
	v1.DELETE("/projects/:id", s.deleteProject)
	v1.POST("/projects/:id/partners", s.addPartner)
	v1.DELETE("/projects/:id/partners/:organisation", s.removePartner)
	v1.GET("/projects/:id/fundings", s.listFundings)
	v1.POST("/projects/:id/fundings", s.addFunding)
	v1.PATCH("/projects/:id/fundings/:funding", s.updateFunding)
	v1.DELETE("/projects/:id/fundings/:funding", s.deleteFunding)
	v1.GET("/projects/:id/milestones", s.listMilestones)
	v1.POST("/projects/:id/milestones", s.addMilestone)
	v1.PATCH("/projects/:id/milestones/:milestone", s.updateMilestone)
	v1.DELETE("/projects/:id/milestones/:milestone", s.deleteMilestone)

	v1.GET("/people", s.listPeople)
	v1.POST("/people", s.createPerson)
	v1.GET("/people/:id", s.getPerson)
	v1.PATCH("/people/:id", s.updatePerson)
	v1.DELETE("/people/:id", s.deletePerson)
	v1.PUT("/people/by-external-id/:system/:external_id", s.upsertPerson)

	v1.GET("/regions", s.listRegions)
	v1.POST("/regions", s.createRegion)
	v1.GET("/regions/:code", s.getRegion)
	v1.PATCH("/regions/:code", s.updateRegion)
	v1.DELETE("/regions/:code", s.deleteRegion)
	v1.GET("/focus-areas", s.listFocusAreas)
	v1.POST("/focus-areas", s.createFocusArea)
	v1.GET("/focus-areas/:code", s.getFocusArea)
	v1.PATCH("/focus-areas/:code", s.updateFocusArea)
	v1.DELETE("/focus-areas/:code", s.deleteFocusArea)
	v1.GET("/funders", s.listFunders)
	v1.POST("/funders", s.createFunder)
	v1.GET("/funders/:code", s.getFunder)
	v1.PATCH("/funders/:code", s.updateFunder)
	v1.DELETE("/funders/:code", s.deleteFunder)

	v1.GET("/opportunity-codes", s.getOpportunityCodes)
	v1.GET("/opportunities", s.listOpportunities)
	v1.POST("/opportunities", s.createOpportunity)
	v1.GET("/opportunities/:id", s.getOpportunity)
	v1.PATCH("/opportunities/:id", s.updateOpportunity)
	v1.DELETE("/opportunities/:id", s.deleteOpportunity)
	v1.GET("/opportunities/:id/matches", s.listOpportunityMatches)
	v1.GET("/organisations/:id/opportunities", s.listOrganisationOpportunities)
	v1.GET("/organisations/:id/suggestions", s.listSuggestions)

	v1.GET("/opportunities/:id/interests", s.listOpportunityInterests)
	v1.POST("/opportunities/:id/interests", s.createInterest)
	v1.GET("/interests", s.listInterests)
	v1.GET("/interests/stages", s.interestStages)
	v1.GET("/interests/:id", s.getInterest)
	v1.PATCH("/interests/:id", s.updateInterest)
	v1.POST("/interests/:id/accept", s.acceptInterest)
	v1.POST("/interests/:id/decline", s.declineInterest)
	v1.POST("/interests/:id/withdraw", s.withdrawInterest)
}

// routeMethods are the methods a path answers 405 for when it lacks them.
var routeMethods = []string{http.MethodDelete, http.MethodGet, http.MethodHead, http.MethodPatch, http.MethodPost, http.MethodPut}

// MethodNotAllowedRoute names the routes answerOtherMethods adds, so that
// a reader of the route table (the spec's completeness test) can tell a
// wrong method, which is no operation, from a real route.
const MethodNotAllowedRoute = "method-not-allowed"

// answerOtherMethods registers, for every path of the route table, the
// methods it lacks as 405 with an Allow header. Echo answers 405 only when
// no other route matches: a static path such as /organisations/import
// (POST) is otherwise shadowed by /organisations/:id (GET, PATCH, DELETE),
// and GET /organisations/import would become "No organisation with id
// import". OPTIONS keeps Echo's answer (204 with Allow; CORS preflights).
func answerOtherMethods(e *echo.Echo) {
	have := map[string][]string{}
	for _, r := range e.Routes() {
		if slices.Contains(routeMethods, r.Method) {
			have[r.Path] = append(have[r.Path], r.Method)
		}
	}
	for path, methods := range have {
		slices.Sort(methods)
		allow := "OPTIONS, " + strings.Join(methods, ", ")
		notAllowed := func(c echo.Context) error {
			c.Response().Header().Set(echo.HeaderAllow, allow)
			return echo.ErrMethodNotAllowed
		}
		for _, m := range routeMethods {
			if !slices.Contains(methods, m) {
				e.Add(m, path, notAllowed).Name = MethodNotAllowedRoute
			}
		}
	}
}

// group adds middleware to each route rather than to an Echo group: a
// group's own middleware registers catch-all routes that would turn a
// wrong method (405) into a 404.
type group struct {
	g  *echo.Group
	mw []echo.MiddlewareFunc
}

func (g group) GET(path string, h echo.HandlerFunc) { g.g.GET(path, h, g.mw...) }

// POST takes marks such as carriesSecret, which run before the group's
// middleware so that it can read them.
func (g group) POST(path string, h echo.HandlerFunc, marks ...echo.MiddlewareFunc) {
	g.g.POST(path, h, append(marks, g.mw...)...)
}
func (g group) PATCH(path string, h echo.HandlerFunc)  { g.g.PATCH(path, h, g.mw...) }
func (g group) DELETE(path string, h echo.HandlerFunc) { g.g.DELETE(path, h, g.mw...) }
func (g group) PUT(path string, h echo.HandlerFunc)    { g.g.PUT(path, h, g.mw...) }
