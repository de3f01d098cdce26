package extract

// Span is a half-open [start, end) range of rune offsets into the
// normalized text of the document.
type Span [2]int

// Region names an administrative division by name and GB/T 2260 code.
type Region struct {
	Name string `json:"name"`
	Code string `json:"code"`
}

// Period is a plan's span of years.
type Period struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Heading is one node of the document's outline.
type Heading struct {
	Marker   string     `json:"marker"` // "一、", "（一）", "1.", "（1）", "①" or "" for an unnumbered heading
	Title    string     `json:"title"`
	Level    int        `json:"level"`
	Span     Span       `json:"span"`
	Children []*Heading `json:"children"`
}

// Task is a key task of the plan.
type Task struct {
	Number       string   `json:"number"`
	Title        string   `json:"title"`
	Path         []string `json:"path"`
	Text         string   `json:"text"`
	LeadUnits    []string `json:"lead_units"`
	SupportUnits []string `json:"support_units"`
	Span         Span     `json:"span"`
}

// Quantity is a target or an observation: a number about an indicator.
type Quantity struct {
	Indicator string  `json:"indicator"`
	Value     float64 `json:"value"`
	Unit      string  `json:"unit"`
	Op        string  `json:"op"`
	Year      *int    `json:"year,omitempty"`   // targets only
	Period    *string `json:"period,omitempty"` // observations only
	Scope     string  `json:"scope"`
	Binding   *bool   `json:"binding,omitempty"` // 约束性 (true) or 预期性 (false), from an indicator table
	Approx    bool    `json:"approx,omitempty"`  // 左右, 约: about this value
	Bound     string  `json:"bound,omitempty"`   // "lower" or "upper": one end of a range (8-10个) stated as two quantities
	Quote     string  `json:"quote"`
	Span      Span    `json:"span"`
}

// Place is a region the document mentions.
type Place struct {
	Name  string `json:"name"`
	Code  string `json:"code"`
	Count int    `json:"count"`
}

// Cooperation is a partner region the document commits to work with.
type Cooperation struct {
	Partner string `json:"partner"`
	Code    string `json:"code"`
	Quote   string `json:"quote"`
	Span    Span   `json:"span"`
}

// Project is a named major project, park or platform.
type Project struct {
	Name string `json:"name"`
	Kind string `json:"kind"`
	// Investment is the project's total investment in 万元 as its
	// sentence states it (总投资120亿元的…, …项目总投资3.5亿元); nil when
	// none is stated.
	Investment *float64 `json:"investment_wan"`
	// Content, Years, LeadUnits, SupportUnits and Annual are what a row of
	// a project table states beside the name (建设内容, 建设年限,
	// 牵头单位, 配合单位, 2026年计划投资 in 万元); empty from prose.
	Content      string             `json:"content"`
	Years        *Period            `json:"years"`
	LeadUnits    []string           `json:"lead_units"`
	SupportUnits []string           `json:"support_units"`
	Annual       []AnnualInvestment `json:"annual_wan"`
	Span         Span               `json:"span"`
}

// AnnualInvestment is the investment a project plans for one year, in 万元.
type AnnualInvestment struct {
	Year int     `json:"year"`
	Wan  float64 `json:"wan"`
}

// Result is everything extracted from one document. Its JSON form is the
// extraction contract read by the scorer and by the rest of planwatch.
type Result struct {
	Title        string        `json:"title"`
	Kind         string        `json:"kind"`
	Issuers      []string      `json:"issuers"`
	Issued       *string       `json:"issued"`
	DocNumber    *string       `json:"doc_number"`
	Region       *Region       `json:"region"`
	Period       *Period       `json:"period"`
	Outline      []*Heading    `json:"outline"`
	Tasks        []Task        `json:"tasks"`
	Targets      []Quantity    `json:"targets"`
	Observations []Quantity    `json:"observations"`
	Places       []Place       `json:"places"`
	Cooperation  []Cooperation `json:"cooperation"`
	Projects     []Project     `json:"projects"`
	Text         string        `json:"text,omitempty"` // the normalized text, with --with-text
}
