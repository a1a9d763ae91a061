package organisation

import (
	"math/big"
	"regexp"
	"strings"
	"unicode"

	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/search"
	"golang.org/x/text/unicode/norm"
)

// Identifiers are the registry numbers an organisation is known by. Each
// is stored normalised (see NormaliseIdentifiers) and is unique across
// organisations (unique indexes in the database): the same number is the
// same organisation, however it was typed.
type Identifiers struct {
	// CorporateNumber is the Japanese 法人番号 (13 digits, check digit first).
	CorporateNumber string
	// Register is the German commercial register entry.
	Register Register `gorm:"embedded;embeddedPrefix:register_"`
	// VATID is an EU VAT identification number with its country prefix.
	VATID string `gorm:"column:vat_id"`
	// LEI is the ISO 17442 Legal Entity Identifier.
	LEI string `gorm:"column:lei"`
	// RORID is the Research Organization Registry id, without https://ror.org/.
	RORID string `gorm:"column:ror_id"`
}

// Register is an entry of a German Handelsregister: the registering
// court (Amtsgericht, without that word), the register (HRA for
// partnerships and sole traders, HRB for corporations) and the number.
type Register struct {
	Court  string
	Type   string
	Number string
	Key    string // folded court, type and number: what is unique
}

// Empty reports whether no register is given.
func (r Register) Empty() bool { return r.Court == "" && r.Type == "" && r.Number == "" }

// String is the usual written form, "Amtsgericht München HRB 123456".
func (r Register) String() string {
	if r.Empty() {
		return ""
	}
	return strings.TrimSpace("Amtsgericht " + r.Court + " " + r.Type + " " + r.Number)
}

// identifierView is what the audit log and the change feed record.
type identifierView struct {
	CorporateNumber string `json:"corporate_number,omitempty"`
	Register        string `json:"commercial_register,omitempty"`
	VATID           string `json:"vat_id,omitempty"`
	LEI             string `json:"lei,omitempty"`
	RORID           string `json:"ror_id,omitempty"`
}

func (i Identifiers) view() identifierView {
	return identifierView{i.CorporateNumber, i.Register.String(), i.VATID, i.LEI, i.RORID}
}

// texts are the identifiers as search finds them.
func (i Identifiers) texts() []string {
	return []string{i.CorporateNumber, i.Register.String(), i.VATID, i.LEI, i.RORID}
}

// compact folds full-width characters, drops spaces, dots, dashes and
// slashes, and upper-cases: "DE 129 273 398", "ＤＥ１２９２７３３９８" and
// "de-129.273.398" are all "DE129273398".
func compact(s string) string {
	s = norm.NFKC.String(s)
	var b strings.Builder
	for _, r := range s {
		if unicode.IsSpace(r) || strings.ContainsRune(".-/_", r) {
			continue
		}
		b.WriteRune(unicode.ToUpper(r))
	}
	return b.String()
}

// NormaliseCorporateNumber returns a 法人番号 as 13 digits.
func NormaliseCorporateNumber(s string) string { return compact(s) }

// ValidCorporateNumber checks a 法人番号 by the National Tax Agency's
// rule: 13 digits, the first a check digit over the other twelve,
// 9 − (Σ Pn·Qn mod 9), where Pn is the n-th of those digits counted from
// the right and Qn is 1 for odd n and 2 for even n.
func ValidCorporateNumber(s string) bool {
	if len(s) != 13 || !allDigits(s) {
		return false
	}
	sum := 0
	for n := 1; n <= 12; n++ {
		d := int(s[13-n] - '0')
		sum += d * (1 + (n+1)%2) // 1 for odd n, 2 for even
	}
	return int(s[0]-'0') == 9-sum%9
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// mod97 is the remainder of the number that s reads as when letters
// count 10 (A) to 35 (Z), as ISO 7064 MOD 97-10 defines it (LEI, IBAN).
func mod97(s string) int {
	var digits strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits.WriteRune(r)
		case r >= 'A' && r <= 'Z':
			digits.WriteString(big.NewInt(int64(r - 'A' + 10)).String())
		default:
			return -1
		}
	}
	n, ok := new(big.Int).SetString(digits.String(), 10)
	if !ok {
		return -1
	}
	return int(new(big.Int).Mod(n, big.NewInt(97)).Int64())
}

var leiShape = regexp.MustCompile(`^[0-9A-Z]{18}[0-9]{2}$`)

// NormaliseLEI returns an LEI in capitals without spaces.
func NormaliseLEI(s string) string { return compact(s) }

// ValidLEI checks an ISO 17442 LEI: 18 letters or digits and two check
// digits, the whole read as a number ≡ 1 (mod 97).
func ValidLEI(s string) bool { return leiShape.MatchString(s) && mod97(s) == 1 }

// crockford is the base 32 alphabet of ROR ids (no I, L, O, U).
const crockford = "0123456789abcdefghjkmnpqrstvwxyz"

// NormaliseROR returns a ROR id as its nine characters, from the id
// itself or its URL (https://ror.org/05591te55), lower-case.
func NormaliseROR(s string) string {
	s = strings.ToLower(strings.TrimSpace(norm.NFKC.String(s)))
	for _, p := range []string{"https://", "http://", "www.", "ror.org/"} {
		s = strings.TrimPrefix(s, p)
	}
	return strings.TrimSuffix(s, "/")
}

// ValidROR checks a ROR id: "0", six Crockford base-32 characters and a
// two-digit ISO 7064 MOD 97-10 checksum of the number they encode.
func ValidROR(s string) bool {
	if len(s) != 9 || s[0] != '0' || !allDigits(s[7:]) {
		return false
	}
	n := 0
	for _, r := range s[1:7] {
		i := strings.IndexRune(crockford, r)
		if i < 0 {
			return false
		}
		n = n*32 + i
	}
	want := 98 - (n*100)%97
	return int(s[7]-'0')*10+int(s[8]-'0') == want
}

// vatShapes are the formats of the EU member states' VAT numbers after
// the country prefix (Greece writes EL; XI is Northern Ireland).
var vatShapes = map[string]*regexp.Regexp{
	"AT": regexp.MustCompile(`^U\d{8}$`),
	"BE": regexp.MustCompile(`^[01]\d{9}$`),
	"BG": regexp.MustCompile(`^\d{9,10}$`),
	"CY": regexp.MustCompile(`^\d{8}[A-Z]$`),
	"CZ": regexp.MustCompile(`^\d{8,10}$`),
	"DE": regexp.MustCompile(`^[1-9]\d{8}$`),
	"DK": regexp.MustCompile(`^\d{8}$`),
	"EE": regexp.MustCompile(`^\d{9}$`),
	"EL": regexp.MustCompile(`^\d{9}$`),
	"ES": regexp.MustCompile(`^[0-9A-Z]\d{7}[0-9A-Z]$`),
	"FI": regexp.MustCompile(`^\d{8}$`),
	"FR": regexp.MustCompile(`^[0-9A-HJ-NP-Z]{2}\d{9}$`),
	"HR": regexp.MustCompile(`^\d{11}$`),
	"HU": regexp.MustCompile(`^\d{8}$`),
	"IE": regexp.MustCompile(`^(\d{7}[A-W][A-I]?|\d[A-Z+*]\d{5}[A-W])$`),
	"IT": regexp.MustCompile(`^\d{11}$`),
	"LT": regexp.MustCompile(`^(\d{9}|\d{12})$`),
	"LU": regexp.MustCompile(`^\d{8}$`),
	"LV": regexp.MustCompile(`^\d{11}$`),
	"MT": regexp.MustCompile(`^\d{8}$`),
	"NL": regexp.MustCompile(`^\d{9}B\d{2}$`),
	"PL": regexp.MustCompile(`^\d{10}$`),
	"PT": regexp.MustCompile(`^\d{9}$`),
	"RO": regexp.MustCompile(`^[1-9]\d{1,9}$`),
	"SE": regexp.MustCompile(`^\d{10}01$`),
	"SI": regexp.MustCompile(`^\d{8}$`),
	"SK": regexp.MustCompile(`^\d{10}$`),
	"XI": regexp.MustCompile(`^(\d{9}|\d{12}|GD\d{3}|HA\d{3})$`),
}

// NormaliseVATID returns a VAT id in capitals without spaces or dots;
// GR, as people often write Greece, becomes EL as VIES writes it.
func NormaliseVATID(s string) string {
	s = compact(s)
	if strings.HasPrefix(s, "GR") {
		s = "EL" + s[2:]
	}
	return s
}

// ValidVATID checks an EU VAT id: a member state's prefix, its format, and
// for Germany the check digit (ISO 7064 MOD 11,10 over the first eight).
func ValidVATID(s string) bool {
	if len(s) < 4 {
		return false
	}
	shape, ok := vatShapes[s[:2]]
	if !ok || !shape.MatchString(s[2:]) {
		return false
	}
	if s[:2] == "DE" {
		product := 10
		for _, r := range s[2:10] {
			sum := (int(r-'0') + product) % 10
			if sum == 0 {
				sum = 10
			}
			product = (2 * sum) % 11
		}
		check := 11 - product
		if check == 10 {
			check = 0
		}
		return int(s[10]-'0') == check
	}
	return true
}

var registerShape = regexp.MustCompile(`^(?i)(?:(?:Amtsgericht|AG)\s+)?(.+?)[\s,]+(HRA|HRB)\s*(\d(?:[\d ]{0,8}\d)?)(\s*[A-Z]{1,2})?$`)

// ParseRegister reads the written form of a commercial register entry,
// "Amtsgericht München HRB 123456" (also "AG München, HRB 123456",
// "München HRB 123456" or "Charlottenburg HRB 12345 B").
func ParseRegister(s string) (Register, bool) {
	s = strings.Join(strings.Fields(norm.NFKC.String(s)), " ")
	m := registerShape.FindStringSubmatch(s)
	if m == nil {
		return Register{}, false
	}
	r := NormaliseRegister(Register{Court: m[1], Type: m[2], Number: m[3] + m[4]})
	return r, true
}

// NormaliseRegister trims the parts of an entry, drops a leading
// "Amtsgericht" from the court and fills the key.
func NormaliseRegister(r Register) Register {
	r.Court = strings.Join(strings.Fields(norm.NFKC.String(r.Court)), " ")
	for _, p := range []string{"amtsgericht ", "ag "} {
		if strings.HasPrefix(strings.ToLower(r.Court), p) {
			r.Court = strings.TrimSpace(r.Court[len(p):])
		}
	}
	r.Type = strings.ToUpper(strings.TrimSpace(r.Type))
	num := compact(r.Number)
	// A court's letter suffix (Berlin's "HRB 12345 B") is written apart.
	if i := strings.IndexFunc(num, unicode.IsLetter); i > 0 {
		num = num[:i] + " " + num[i:]
	}
	r.Number = num
	r.Key = ""
	if !r.Empty() {
		r.Key = search.Fold(r.Court) + "|" + r.Type + "|" + strings.ReplaceAll(r.Number, " ", "")
	}
	return r
}

var registerNumber = regexp.MustCompile(`^\d{1,7}( [A-Z]{1,2})?$`)

func validRegister(r Register) bool {
	n := len([]rune(r.Court))
	return n >= 2 && n <= 100 && (r.Type == "HRA" || r.Type == "HRB") && registerNumber.MatchString(r.Number)
}

// normalise brings every identifier to its stored form.
func (i *Identifiers) normalise() {
	i.CorporateNumber = NormaliseCorporateNumber(i.CorporateNumber)
	i.Register = NormaliseRegister(i.Register)
	i.VATID = NormaliseVATID(i.VATID)
	i.LEI = NormaliseLEI(i.LEI)
	i.RORID = NormaliseROR(i.RORID)
}

// validate adds a field error, named by the JSON field, for each
// identifier that is given and invalid.
func (i Identifiers) validate(bad *apperr.Fields) {
	if i.CorporateNumber != "" && !ValidCorporateNumber(i.CorporateNumber) {
		bad.Add("identifiers.corporate_number", "must be a Japanese corporate number (法人番号): 13 digits with a valid check digit")
	}
	if !i.Register.Empty() && !validRegister(i.Register) {
		bad.Add("identifiers.commercial_register", "must name the court, HRA or HRB and the number, as in Amtsgericht München HRB 123456")
	}
	if i.VATID != "" && !ValidVATID(i.VATID) {
		bad.Add("identifiers.vat_id", "must be an EU VAT id with its country prefix, such as DE129273398")
	}
	if i.LEI != "" && !ValidLEI(i.LEI) {
		bad.Add("identifiers.lei", "must be a 20-character LEI (ISO 17442) with valid check digits")
	}
	if i.RORID != "" && !ValidROR(i.RORID) {
		bad.Add("identifiers.ror_id", "must be a ROR id such as 05591te55 or https://ror.org/05591te55")
	}
}

// identifierColumns are the columns and stored values of the identifiers
// given, for the duplicate lookup: the unique index on each column answers it.
func (i Identifiers) lookups() []struct{ Column, Field, Value string } {
	var out []struct{ Column, Field, Value string }
	add := func(column, field, value string) {
		if value != "" {
			out = append(out, struct{ Column, Field, Value string }{column, field, value})
		}
	}
	add("corporate_number", "identifiers.corporate_number", i.CorporateNumber)
	add("register_key", "identifiers.commercial_register", i.Register.Key)
	add("vat_id", "identifiers.vat_id", i.VATID)
	add("lei", "identifiers.lei", i.LEI)
	add("ror_id", "identifiers.ror_id", i.RORID)
	return out
}

func (i Identifiers) columns(set map[string]any) {
	set["corporate_number"] = i.CorporateNumber
	set["register_court"] = i.Register.Court
	set["register_type"] = i.Register.Type
	set["register_number"] = i.Register.Number
	set["register_key"] = i.Register.Key
	set["vat_id"] = i.VATID
	set["lei"] = i.LEI
	set["ror_id"] = i.RORID
}
