package opportunity

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/search"
)

// Criteria of a match, as the API names them in "why".
const (
	CriterionFocusAreas       = "focus_areas"
	CriterionModalities       = "modalities"
	CriterionStage            = "stage"
	CriterionCooperationTypes = "cooperation_types"
	CriterionTargetCountry    = "target_country"
	CriterionWords            = "words"
)

// Weight is the points a criterion adds to a score when it is met.
type Weight struct {
	Criterion string
	Points    int
}

// Weights are the one place the score of a match is set: a match scores
// the points of every criterion it meets, 0 to 100. README.md
// ("Partnering") lists them; change both together.
var Weights = []Weight{
	{CriterionFocusAreas, 30},       // at least one focus area in common
	{CriterionModalities, 20},       // at least one modality in common
	{CriterionStage, 15},            // the same stage or a neighbouring one
	{CriterionCooperationTypes, 15}, // at least one cooperation type in common
	{CriterionTargetCountry, 10},    // each side targets the other's country (or any)
	{CriterionWords, 10},            // a word in common in the titles or summaries, any language
}

// Candidates bounds the opportunities a match is scored among: the most
// recently published complementary ones of the other country that share a
// focus area (when the opportunity has any).
const Candidates = 200

// complements says which kinds meet which: an offer meets requests and
// research cooperations; a request meets offers.
var complements = map[string][]string{
	TechnologyOffer:     {TechnologyRequest, BusinessRequest, ResearchCooperation},
	BusinessOffer:       {TechnologyRequest, BusinessRequest, ResearchCooperation},
	TechnologyRequest:   {TechnologyOffer, BusinessOffer},
	BusinessRequest:     {TechnologyOffer, BusinessOffer},
	ResearchCooperation: {TechnologyOffer, BusinessOffer, ResearchCooperation},
}

// Complements returns the kinds that kind meets.
func Complements(kind string) []string { return complements[kind] }

// Criterion is one line of a match's "why": a criterion, its points, and
// the values it was met with (the shared focus areas, the words in
// common, …) or, when unmet, what the other side has.
type Criterion struct {
	Criterion string
	Points    int
	Values    []string
}

// Side is what the score compares of one opportunity: the opportunity,
// its organisation's country and the words of its title and summary.
type Side struct {
	Opportunity Opportunity
	Country     string
	words       []string
}

// NewSide prepares an opportunity for scoring.
func NewSide(o Opportunity, country string) Side { return Side{o, country, o.words()} }

// Match is a scored complementary opportunity.
type Match struct {
	Opportunity Opportunity
	Country     string // of its organisation
	Score       int
	Matched     []Criterion
	Unmatched   []Criterion
}

var stageOrder = []string{"discovery", "preclinical", "clinical_phase_1", "clinical_phase_2", "clinical_phase_3", "approved"}

// stageCompatible: the same stage, or neighbours in development order.
func stageCompatible(a, b string) bool {
	if a == b {
		return true
	}
	i, j := slices.Index(stageOrder, a), slices.Index(stageOrder, b)
	return i >= 0 && j >= 0 && (i-j == 1 || j-i == 1)
}

func intersect(a, b []string) []string {
	var out []string
	for _, x := range a {
		if slices.Contains(b, x) && !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	slices.Sort(out)
	return out
}

func targets(list []string, country string) bool {
	return len(list) == 0 || slices.Contains(list, country)
}

// stopWords are not worth a point: common words of the three languages'
// titles and summaries.
var stopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`with from that this their have will were been into also than more
		such other which these those about over under your ours only same each both partner partners seek seeking
		looking offer offers request requests company companies technology technologies cooperation collaboration
		research development based new for and the are our der die das und mit für von eine einer einen einem eines
		oder sich auch über unter nach sucht suchen bietet bieten unternehmen partner kooperation entwicklung forschung
		technologie technologien neue neuen
		スル シテ サレ カラ マデ ナド デス マス ヨリ タメ コト モノ ナド オヨビ`) {
		stopWords[search.Normalize(w)] = true // in the form Words compares
	}
}

// Words returns the distinct normalized words (search.Normalize, the form
// of the stored search text) of the texts worth comparing:
// Latin words of four letters or more, and runs of two or more characters
// of one Japanese script (kanji, or katakana, which folded hiragana
// becomes), stop words left out.
func Words(texts ...string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(w []rune) {
		s, n := string(w), len(w)
		japanese := scriptOf(w[0]) != latin
		if (japanese && n < 2) || (!japanese && n < 4) || stopWords[s] || seen[s] {
			return
		}
		seen[s] = true
		out = append(out, s)
	}
	for _, t := range texts {
		var word []rune
		for _, r := range search.Normalize(t) {
			sc := scriptOf(r)
			if len(word) > 0 && (sc == other || sc != scriptOf(word[0])) {
				add(word)
				word = word[:0]
			}
			if sc != other {
				word = append(word, r)
			}
		}
		if len(word) > 0 {
			add(word)
		}
	}
	return out
}

// Scripts that words are made of.
const (
	other = iota
	latin // and digits, and other alphabets
	han
	kana
)

func scriptOf(r rune) int {
	switch {
	case unicode.Is(unicode.Han, r):
		return han
	case unicode.In(r, unicode.Katakana, unicode.Hiragana) || r == 'ー':
		return kana
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		return latin
	}
	return other
}

func (o Opportunity) words() []string {
	if o.SearchText != "" {
		return Words(o.SearchText)
	}
	t, s := o.Title, o.Summary
	return Words(t.De, t.En, t.Ja, s.De, s.En, s.Ja)
}

// maxWordValues caps the words a "why" shows.
const maxWordValues = 5

// Score compares an opportunity with a candidate: the criteria met, with
// their points from Weights, and those not met. It is deterministic: the
// same two opportunities always give the same score and why.
func Score(mine, theirs Side) Match {
	a, b := mine.Opportunity, theirs.Opportunity
	m := Match{Opportunity: b, Country: theirs.Country}
	for _, w := range Weights {
		var met bool
		var values []string
		switch w.Criterion {
		case CriterionFocusAreas:
			values = intersect(a.FocusAreas, b.FocusAreas)
			met = len(values) > 0
			if !met {
				values = slices.Clone(b.FocusAreas)
			}
		case CriterionModalities:
			values = intersect(a.Modalities, b.Modalities)
			met = len(values) > 0
			if !met {
				values = slices.Clone(b.Modalities)
			}
		case CriterionStage:
			met, values = stageCompatible(a.Stage, b.Stage), []string{b.Stage}
		case CriterionCooperationTypes:
			values = intersect(a.CooperationTypes, b.CooperationTypes)
			met = len(values) > 0
			if !met {
				values = slices.Clone(b.CooperationTypes)
			}
		case CriterionTargetCountry:
			met = targets(a.TargetCountries, theirs.Country) && targets(b.TargetCountries, mine.Country)
			values = []string{theirs.Country}
		case CriterionWords:
			values = intersect(mine.words, theirs.words)
			met = len(values) > 0
			values = values[:min(len(values), maxWordValues)]
		}
		if values == nil {
			values = []string{}
		}
		c := Criterion{Criterion: w.Criterion, Points: w.Points, Values: values}
		if met {
			m.Score += w.Points
			m.Matched = append(m.Matched, c)
		} else {
			m.Unmatched = append(m.Unmatched, c)
		}
	}
	return m
}

// Rank orders matches: highest score first, then the most recently
// published, then by id, so that equal scores keep one order.
func Rank(ms []Match) {
	slices.SortFunc(ms, func(x, y Match) int {
		return cmp.Or(cmp.Compare(y.Score, x.Score), cmp.Compare(y.Opportunity.PublishedSort, x.Opportunity.PublishedSort),
			cmp.Compare(x.Opportunity.ID, y.Opportunity.ID))
	})
}

// candidate is an opportunity row with its organisation's country.
type candidate struct {
	Opportunity
	Country string
}

// candidates reads, in one indexed query, the complementary published
// and unexpired opportunities of the other country (organisations in
// another country than mine's, not archived), sharing a focus area with it where it has
// any, the most recently published Candidates of them.
func candidates(ctx context.Context, db *database.DB, mine Side, today string, limit int) ([]Side, error) {
	kinds := Complements(mine.Opportunity.Kind)
	if len(kinds) == 0 {
		return nil, nil
	}
	q := db.Conn(ctx).Table("opportunities").
		Select(selectCandidate).
		Joins("JOIN organisations ON organisations.id = opportunities.organisation_id").
		Where("opportunities.status = ? AND opportunities.valid_until >= ? AND opportunities.kind IN ?", Published, today, kinds).
		Where("organisations.country <> ? AND NOT organisations.archived AND opportunities.organisation_id <> ?", mine.Country, mine.Opportunity.OrganisationID)
	if len(mine.Opportunity.FocusAreas) > 0 {
		q = q.Where("EXISTS (SELECT 1 FROM opportunity_focus_areas fa WHERE fa.opportunity_id = opportunities.id AND fa.focus_area IN ?)", mine.Opportunity.FocusAreas)
	}
	var rows []candidate
	if err := q.Order("opportunities.published_sort DESC, opportunities.id DESC").Limit(limit).Find(&rows).Error; err != nil {
		return nil, err
	}
	list := make([]Opportunity, len(rows))
	for i, r := range rows {
		list[i] = r.Opportunity
	}
	if err := withFocusAreas(ctx, db, list); err != nil {
		return nil, err
	}
	out := make([]Side, len(rows))
	for i, r := range rows {
		out[i] = NewSide(list[i], r.Country)
	}
	return out, nil
}

// selectCandidate reads what scoring and the answer need: not the
// details (never part of a match) nor the search text.
var selectCandidate = func() string {
	var cols []string
	for _, c := range columns {
		if !strings.HasPrefix(c, "details_") && !strings.HasPrefix(c, "title_") && !strings.HasPrefix(c, "summary_") {
			cols = append(cols, "opportunities."+c)
		}
	}
	// Titles and summaries are loaded for the answer only (Matches), the
	// search text for the words.
	return strings.Join(cols, ", ") + ", opportunities.search_text, organisations.country AS country"
}()

// countryOf returns the country of an organisation.
func countryOf(ctx context.Context, db *database.DB, orgID string) (string, error) {
	var countries []string
	if err := db.Conn(ctx).Table("organisations").Where("id = ?", orgID).Pluck("country", &countries).Error; err != nil {
		return "", err
	}
	if len(countries) == 0 {
		return "", nil
	}
	return countries[0], nil
}

// MaxMatches is the most matches one call returns.
const MaxMatches = 100

// Matches returns the best complementary opportunities of the other
// country for the opportunity with the id, which the caller must be able
// to read; the matches themselves are published (never anyone's draft).
func Matches(ctx context.Context, db *database.DB, id string, limit int, now time.Time) ([]Match, error) {
	o, err := Get(ctx, db, id)
	if err != nil {
		return nil, err
	}
	country, err := countryOf(ctx, db, o.OrganisationID)
	if err != nil {
		return nil, err
	}
	ms, err := matchesFor(ctx, db, NewSide(o, country), limit, now)
	if err != nil {
		return nil, err
	}
	return ms, withTexts(ctx, db, ms)
}

func matchesFor(ctx context.Context, db *database.DB, mine Side, limit int, now time.Time) ([]Match, error) {
	cands, err := candidates(ctx, db, mine, Today(now), Candidates)
	if err != nil {
		return nil, err
	}
	ms := make([]Match, len(cands))
	for i, c := range cands {
		ms[i] = Score(mine, c)
	}
	Rank(ms)
	return ms[:min(len(ms), limit)], nil
}

// withTexts loads the titles and summaries of the matches returned.
func withTexts(ctx context.Context, db *database.DB, ms []Match) error {
	if len(ms) == 0 {
		return nil
	}
	ids := make([]string, len(ms))
	for i, m := range ms {
		ids[i] = m.Opportunity.ID
	}
	var rows []Opportunity
	if err := db.Conn(ctx).Table("opportunities").Select("id, title_de, title_en, title_ja, summary_de, summary_en, summary_ja").
		Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return err
	}
	byID := map[string]Opportunity{}
	for _, r := range rows {
		byID[r.ID] = r
	}
	for i := range ms {
		r := byID[ms[i].Opportunity.ID]
		ms[i].Opportunity.Title, ms[i].Opportunity.Summary = r.Title, r.Summary
	}
	return nil
}
