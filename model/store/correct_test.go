package store

import (
	"testing"

	"github.com/brief-reader/brief/model"
)

func TestApplyCorrections(t *testing.T) {
	const id = "art"
	quotes := []model.Quote{
		{Text: "We will build it", Speaker: "Ana Ruiz", Role: "mayor", Paragraph: 2},
		{Text: "Not this year", Speaker: "", Paragraph: 4},
		{Text: "Again and again", Speaker: "Bo Lind", Paragraph: 5},
		{Text: "Again and again", Speaker: "Bo Lind", Paragraph: 9},
	}
	brief := model.Brief{Quotes: quotes}
	key := func(i int) string { return model.QuoteKey(id, quotes[i]) }
	fix := func(q model.Quote, speaker, role string) Correction {
		return Correction{Paragraph: q.Paragraph, Text: q.Text, Speaker: speaker, Role: role}
	}
	moved := func(q model.Quote, by int) model.Quote { q.Paragraph += by; return q }

	tests := []struct {
		name        string
		quotes      []model.Quote // the brief the corrections meet; nil: quotes
		corrections map[string]Correction
		speakers    []string
		orphans     int
	}{{
		name:        "by key",
		corrections: map[string]Correction{key(0): fix(quotes[0], "Eli Park", "clerk"), key(1): fix(quotes[1], "Ana Ruiz", "")},
		speakers:    []string{"Eli Park", "Ana Ruiz", "Bo Lind", "Bo Lind"},
	}, {
		name:        "set to nobody",
		corrections: map[string]Correction{key(0): fix(quotes[0], "", "")},
		speakers:    []string{"", "", "Bo Lind", "Bo Lind"},
	}, {
		name:        "moved by re-analysis: found by its words",
		quotes:      []model.Quote{moved(quotes[0], 1), moved(quotes[1], 1)},
		corrections: map[string]Correction{key(0): fix(quotes[0], "Eli Park", "")},
		speakers:    []string{"Eli Park", ""},
	}, {
		name:        "words appear twice: the nearest",
		quotes:      []model.Quote{moved(quotes[2], 1), moved(quotes[3], 1)},
		corrections: map[string]Correction{key(3): fix(quotes[3], "Cy Moss", "")},
		speakers:    []string{"Bo Lind", "Cy Moss"},
	}, {
		name:        "words appear twice, equally near: orphan",
		quotes:      []model.Quote{{Text: "Again and again", Paragraph: 3}, {Text: "Again and again", Paragraph: 7}},
		corrections: map[string]Correction{"p5:gone": {Paragraph: 5, Text: "Again and again", Speaker: "Cy Moss"}},
		speakers:    []string{"", ""},
		orphans:     1,
	}, {
		name:        "words gone: orphan, never another quote",
		quotes:      []model.Quote{{Text: "We will not build it", Speaker: "Ana Ruiz", Paragraph: 2}},
		corrections: map[string]Correction{key(0): fix(quotes[0], "Eli Park", "")},
		speakers:    []string{"Ana Ruiz"},
		orphans:     1,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := brief
			if tt.quotes != nil {
				b = model.Brief{Quotes: tt.quotes}
			}
			before := append([]model.Quote(nil), b.Quotes...)
			got, orphans := ApplyCorrections(id, b, tt.corrections)
			for i, q := range got.Quotes {
				if q.Speaker != tt.speakers[i] {
					t.Errorf("quote %d speaker = %q, want %q", i, q.Speaker, tt.speakers[i])
				}
			}
			if len(orphans) != tt.orphans {
				t.Errorf("orphans = %v, want %d", orphans, tt.orphans)
			}
			// MatchCorrections names the correction each quote got.
			keys, _ := MatchCorrections(id, b, tt.corrections)
			for i, k := range keys {
				c, ok := tt.corrections[k]
				if k != "" && (!ok || c.Speaker != got.Quotes[i].Speaker) || k == "" && got.Quotes[i].Speaker != b.Quotes[i].Speaker {
					t.Errorf("quote %d matched correction %q", i, k)
				}
			}
			for i := range before {
				if b.Quotes[i] != before[i] {
					t.Errorf("the brief given was changed: quote %d %+v", i, b.Quotes[i])
				}
			}
		})
	}
	if got, _ := ApplyCorrections(id, brief, map[string]Correction{key(0): fix(quotes[0], "Eli Park", "clerk")}); got.Quotes[0].Role != "clerk" {
		t.Errorf("role = %q, want clerk", got.Quotes[0].Role)
	}
}

func TestDescribeCorrection(t *testing.T) {
	for v, want := range map[string]string{
		"": "",
		encodeCorrection(&Correction{Speaker: "Ana Ruiz", Role: "mayor"}): "Ana Ruiz, mayor",
		encodeCorrection(&Correction{Speaker: "Ana Ruiz"}):                "Ana Ruiz",
		encodeCorrection(&Correction{}):                                   "(nobody)",
	} {
		if got := DescribeCorrection(v); got != want {
			t.Errorf("DescribeCorrection(%q) = %q, want %q", v, got, want)
		}
	}
}
